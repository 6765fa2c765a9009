"""What a retrospective says, as plain frozen data: the writers' contract.

`improve.domain.retro.build_retro` fills it in; the Markdown, HTML, CSV and JSON writers
and the app's screen only read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from improve.domain.balance import Balance
from improve.domain.cx import MetricKind
from improve.domain.model import (
    Activity,
    Direction,
    JourneyStage,
    NoteKind,
    Principle,
    Source,
    Stakeholder,
    Status,
    Step,
)
from improve.domain.outcomes import IterationEffect, Reading, Slide, Verdict
from improve.domain.period import Period
from improve.domain.trust import Trust


class Group(StrEnum):
    """Where an initiative stands in the retro; stable keys, as they appear in exports."""

    FINISHED = "finished"
    DROPPED = "dropped"
    LOGGED = "logged"
    CARRIED = "carries-on"


@dataclass(frozen=True)
class Outcome:
    """A measured outcome as it stood at the end of the period; `progress` is raw."""

    name: str
    unit: str
    direction: Direction
    baseline: float | None
    baseline_at: datetime | None
    target: float | None
    target_date: date | None
    latest: float | None
    progress: float | None
    met: bool
    readings: tuple[Reading, ...]
    #: A CX outcome's kind, and what its latest score rests on (answers, 95% margin, thin).
    kind: MetricKind = MetricKind.NUMBER
    n: int | None = None
    margin: float | None = None
    thin: bool = False


@dataclass(frozen=True)
class Tally:
    """Iterations that fell due in the period, and how many were done by their due date."""

    planned: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0

    @property
    def rate(self) -> float | None:
        return self.on_time / self.planned if self.planned else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.planned + other.planned,
            self.on_time + other.on_time,
            self.late + other.late,
            self.open + other.open,
        )


@dataclass(frozen=True)
class Planned:
    """The next iteration of carried work: what comes first in the next period."""

    title: str
    due: date | None


@dataclass(frozen=True)
class Entry:
    """One initiative in the retro, as it stood when the period ended."""

    id: str
    key: str
    title: str
    group: Group
    started: bool
    principle: Principle | None
    status: Status
    step: Step
    owner: str
    team: str
    reason: str
    closed: datetime | None
    outcome: Outcome | None
    iterations: Tally
    forecast: str | None
    next_iteration: Planned | None
    verdict: Verdict | None = None
    changes: tuple[IterationEffect, ...] = ()
    slide: Slide | None = None
    stakeholders: tuple[Stakeholder, ...] = ()
    activity: Activity | None = None
    journey: JourneyStage | None = None
    source: Source | None = None
    #: When carried work that was blocked at the period's end became blocked.
    blocked_since: datetime | None = None


@dataclass(frozen=True)
class PrincipleRow:
    """Progress is the mean over measured outcomes, each clamped to 0..1 first, so one
    overshoot cannot hide a regression elsewhere."""

    principle: Principle | None
    finished: int
    carried: int
    logged: int
    measured: int
    progress: float | None


@dataclass(frozen=True)
class Lesson:
    at: datetime
    text: str
    who: str
    kind: NoteKind
    initiative_id: str
    key: str
    title: str


@dataclass(frozen=True)
class Figures:
    """The headline counts of one period, so two periods can be compared."""

    period: Period
    finished: int
    dropped: int
    started: int
    logged: int
    carried: int
    iterations: Tally


@dataclass(frozen=True)
class SlidEntry:
    """Done work (finished in this period or before) whose gain had slid back by its end."""

    id: str
    key: str
    title: str
    owner: str
    unit: str
    slide: Slide


@dataclass(frozen=True)
class Talk:
    """What the team says: went well, didn't, try: each a tuple of lines. A section the
    team never edited is prefilled from the data (`edited` names those it did)."""

    went_well: tuple[str, ...] = ()
    didnt: tuple[str, ...] = ()
    tries: tuple[str, ...] = ()
    edited: frozenset[str] = frozenset()
    #: This retro's *try* lines already turned into initiatives.
    actions: tuple[ActionStanding, ...] = ()


class ActionState(StrEnum):
    """Where an action of the last retro stands; stable keys, as in exports."""

    DONE = "done"
    MOVING = "moving"
    NOT_STARTED = "not-started"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


@dataclass(frozen=True)
class ActionStanding:
    """One action of the last retro and where its initiative stands now."""

    line: str
    initiative_id: str
    key: str
    title: str
    owner: str
    state: ActionState
    #: The initiative's status, None when it was deleted (counted as dropped).
    status: Status | None


@dataclass(frozen=True)
class LastActions:
    """The actions of the team's last retro (the one before this period ends)."""

    since: date
    until: date
    actions: tuple[ActionStanding, ...]

    @property
    def done(self) -> int:
        return sum(1 for a in self.actions if a.state is ActionState.DONE)

    @property
    def share_done(self) -> float | None:
        return self.done / len(self.actions) if self.actions else None


@dataclass(frozen=True)
class Retro:
    period: Period
    team: str
    today: date
    entries: tuple[Entry, ...]
    principles: tuple[PrincipleRow, ...]
    lessons: tuple[Lesson, ...]
    trust: tuple[Trust, Trust, Trust]
    figures: Figures
    previous: Figures
    #: Where the period's work sat: principle × value chain, journey, and the nudges.
    balance: Balance | None = None
    slid_back: tuple[SlidEntry, ...] = ()
    talk: Talk = Talk()
    last_actions: LastActions | None = None

    def group(self, group: Group) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.group is group)

    @property
    def started(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.started)

    @property
    def outcomes(self) -> tuple[Entry, ...]:
        """Measured outcomes of the real initiatives (logged ones show before/after)."""
        return tuple(e for e in self.entries if e.outcome and e.group is not Group.LOGGED)

    @property
    def finished_delta(self) -> int:
        return self.figures.finished - self.previous.finished

    @property
    def on_time_delta(self) -> float | None:
        now, before = self.figures.iterations.rate, self.previous.iterations.rate
        return None if now is None or before is None else now - before
