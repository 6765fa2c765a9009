"""The register's records as plain frozen data: initiatives, measures, iterations, notes.

Nothing here knows about storage or screens: these are the facts a practitioner
would recognise, and the rules that hold for them whatever the interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from improve.domain.cx import DEFAULT_MIN_RESPONSES, MetricKind, Tally
from improve.domain.placing import (
    JOURNEY,
    VALUE_CHAIN,
    Activity,
    JourneyStage,
    Source,
    StakeholderRole,
)
from improve.domain.terms import Direction, NoteKind, Principle, Status, Step

__all__ = [
    "EDITABLE_FIELDS",
    "JOURNEY",
    "LWW_FIELDS",
    "VALUE_CHAIN",
    "Activity",
    "Change",
    "Direction",
    "Initiative",
    "Iteration",
    "JourneyStage",
    "Measure",
    "Measurement",
    "MetricKind",
    "Note",
    "NoteKind",
    "Principle",
    "Source",
    "Stakeholder",
    "StakeholderRole",
    "Status",
    "Step",
]


@dataclass(frozen=True, slots=True)
class Measurement:
    """One reading of a measure: the value, when, by whom, and why it moved."""

    id: str
    at: datetime
    value: float
    who: str = ""
    note: str = ""
    removed: bool = False
    #: The answers behind a CX score (answer -> how many); empty for a plain number.
    responses: Tally = ()


@dataclass(frozen=True, slots=True)
class Measure:
    """The measured outcome an initiative is tied to (steps 2 and 3).

    For a CX kind (CSAT, NPS, CES) the baseline, target and readings are scores, and a
    reading on fewer than `min_responses` answers is thin.
    """

    name: str
    unit: str = ""
    direction: Direction = Direction.UP
    baseline: float | None = None
    baseline_at: datetime | None = None
    target: float | None = None
    target_date: date | None = None
    cadence: str | None = None
    kind: MetricKind = MetricKind.NUMBER
    min_responses: int = DEFAULT_MIN_RESPONSES


@dataclass(frozen=True, slots=True)
class Iteration:
    """A small planned step with a due date; done when `done_at` is set."""

    id: str
    title: str
    created: datetime
    due: date | None = None
    done_at: datetime | None = None
    stamp: str = ""
    removed: bool = False

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True, slots=True)
class Note:
    """Feedback, a lesson learned or a plain remark, at the step it was written."""

    id: str
    at: datetime
    text: str
    who: str = ""
    kind: NoteKind = NoteKind.NOTE
    step: Step | None = None
    removed: bool = False


@dataclass(frozen=True, slots=True)
class Stakeholder:
    """Who an initiative is for, and what value means to them, in a few words.

    `role` is None only for a name kept from a store older than roles.
    """

    role: StakeholderRole | None
    value: str = ""

    def __str__(self) -> str:
        if self.role is None:
            return self.value
        return f"{self.role.value}: {self.value}" if self.value else self.role.value


@dataclass(frozen=True, slots=True)
class Change:
    """One field changed, kept so `show` can tell the story and `undo` can revert it."""

    id: str
    at: datetime
    who: str
    field: str
    old: object
    new: object
    change: str = ""


@dataclass(frozen=True, slots=True)
class Initiative:
    """An entry of the Continual Improvement Register."""

    id: str
    title: str
    created: datetime
    updated: datetime
    principle: Principle | None = None
    step: Step = Step.VISION
    status: Status = Status.PROPOSED
    description: str = ""
    vision: str = ""
    beneficiaries: str = ""
    reason: str = ""
    owner: str = ""
    team: str = ""
    stakeholders: tuple[Stakeholder, ...] = ()
    principles: tuple[Principle, ...] = ()
    value: int | None = None
    effort: int | None = None
    tags: tuple[str, ...] = ()
    activity: Activity | None = None
    journey: JourneyStage | None = None
    source: Source | None = None
    logged: bool = False
    measure: Measure | None = None
    measurements: tuple[Measurement, ...] = ()
    iterations: tuple[Iteration, ...] = ()
    notes: tuple[Note, ...] = ()
    history: tuple[Change, ...] = ()
    stamps: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    deleted: datetime | None = None

    def live_measurements(self) -> tuple[Measurement, ...]:
        """Measurements not undone, oldest first."""
        return tuple(sorted((m for m in self.measurements if not m.removed), key=lambda m: m.at))

    def live_iterations(self) -> tuple[Iteration, ...]:
        return tuple(i for i in self.iterations if not i.removed)

    def live_notes(self) -> tuple[Note, ...]:
        return tuple(sorted((n for n in self.notes if not n.removed), key=lambda n: n.at))

    def with_changes(self, **changes: object) -> Initiative:
        return replace(self, **changes)  # type: ignore[arg-type]


#: Scalar fields a user may set with `edit`; each carries its own merge timestamp.
EDITABLE_FIELDS = (
    "title",
    "description",
    "vision",
    "beneficiaries",
    "principle",
    "principles",
    "owner",
    "team",
    "stakeholders",
    "value",
    "effort",
    "tags",
    "activity",
    "journey",
    "source",
)
#: Every field that is last-writer-wins in a merge.
LWW_FIELDS = (*EDITABLE_FIELDS, "step", "status", "reason", "measure", "logged", "deleted")
