"""Whether the team's improvement habit is working: the view behind `improve insights`.

Pure: progress per guiding principle, the value/effort (PICK) chart, quick wins that
crowd out higher-value work, the weekly rhythm, and the three C's, for a period.
The weekly chart uses the same whole weeks as consistency, so the bars and the score
beside them always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from improve.domain import outcomes, progress
from improve.domain.balance import Balance, balance
from improve.domain.errors import InputError
from improve.domain.history import closed_at, finished_at, in_period
from improve.domain.model import Initiative, Principle, Status
from improve.domain.period import Period
from improve.domain.standup_items import SlidBack, slid_back
from improve.domain.trust import Trust, iterations_per_week, three_cs, weekly_windows

#: Value 1-2 is low and 3-5 high; effort 1-2 is low and 3-5 high.
HIGH_VALUE = 3
HIGH_EFFORT = 3
QUICK_WIN_VALUE = 2
PERIODS = ("week", "sprint", "month", "quarter")


class Quadrant(StrEnum):
    """PICK: where an initiative falls by value (benefit) and effort."""

    POSSIBLE = "possible"  # low value, low effort
    IMPLEMENT = "implement"  # high value, low effort
    CHALLENGE = "challenge"  # high value, high effort
    KILL = "kill"  # low value, high effort

    @property
    def advice(self) -> str:
        return _ADVICE[self]

    @classmethod
    def of(cls, value: int, effort: int) -> Quadrant:
        high, hard = value >= HIGH_VALUE, effort >= HIGH_EFFORT
        if high:
            return cls.CHALLENGE if hard else cls.IMPLEMENT
        return cls.KILL if hard else cls.POSSIBLE


_ADVICE = {
    Quadrant.POSSIBLE: "easy, small gain: only when nothing better waits",
    Quadrant.IMPLEMENT: "high value, low effort: do these first",
    Quadrant.CHALLENGE: "high value, high effort: plan in small iterations",
    Quadrant.KILL: "low value, high effort: drop or rethink",
}


@dataclass(frozen=True)
class PrincipleProgress:
    """How the initiatives tied to one guiding principle fared in the period."""

    principle: Principle | None
    count: int
    done: int
    average: float | None  # mean progress (0..1 each) of the measured ones
    measured: int


@dataclass(frozen=True)
class Placed:
    """An open initiative on the PICK chart."""

    initiative_id: str
    title: str
    value: int
    effort: int
    quadrant: Quadrant


#: Value first ranks a low-value quick win after the higher-value work that waits; the
#: warning says so, so the Insights and the register's order tell the same story.
QUICK_WINS_HEADING = "Quick wins, ranked after higher-value work"


@dataclass(frozen=True)
class QuickWin:
    """Low-value easy work, open while higher-value work waits: a nudge, not a rule."""

    initiative_id: str
    title: str
    value: int
    effort: int
    waiting: int  # higher-value initiatives proposed or blocked


@dataclass(frozen=True)
class Week:
    """A week of the period (the first may be shorter): initiatives finished and iterations
    done from `start` until `end`."""

    start: datetime
    end: datetime
    finished: int
    iterations: int


@dataclass(frozen=True)
class Insights:
    since: datetime
    until: datetime
    principles: tuple[PrincipleProgress, ...]
    pick: tuple[Placed, ...]
    unscored: int  # open initiatives with no value or effort yet
    quick_wins: tuple[QuickWin, ...]
    weeks: tuple[Week, ...]
    trust: tuple[Trust, Trust, Trust]
    balance: Balance
    slid_back: tuple[SlidBack, ...] = ()


def period(name: str, now: datetime, sprint_days: int = 14) -> tuple[datetime, datetime]:
    """A named period ending now: the last 7 days with today, or the sprint, month or
    quarter that ends today, from midnight on its first day (the retro's `Period`)."""
    today = now.date()
    if name == "week":
        first = today - timedelta(days=6)
    elif name in PERIODS:
        first = Period.last(name, today, sprint_days, now.tzinfo or UTC).since
    else:
        raise InputError(f"unknown period {name!r}: use one of {', '.join(PERIODS)}")
    return datetime.combine(first, time(), tzinfo=now.tzinfo), now


def in_play(ini: Initiative, since: datetime, until: datetime) -> bool:
    """Existed during the period and was not closed before it began."""
    closed = closed_at(ini)
    return ini.created < until and (closed is None or closed >= since)


def by_principle(
    initiatives: Sequence[Initiative], since: datetime, until: datetime
) -> tuple[PrincipleProgress, ...]:
    """All seven principles, in their canonical order, even those with nothing yet; then
    the work with no principle, when there is some (never counted as Focus on value)."""
    rows = []
    unset = any(i.principle is None and in_play(i, since, until) for i in initiatives)
    for principle in (*Principle, None) if unset else tuple(Principle):
        mine = [i for i in initiatives if i.principle is principle and in_play(i, since, until)]
        done = sum(1 for i in mine if in_period(finished_at(i), since, until))
        shares = [progress.clamp01(p) for i in mine if (p := progress.progress(i)) is not None]
        average = sum(shares) / len(shares) if shares else None
        rows.append(PrincipleProgress(principle, len(mine), done, average, len(shares)))
    return tuple(rows)


def pick_chart(initiatives: Sequence[Initiative]) -> tuple[tuple[Placed, ...], int]:
    """Open, scored initiatives placed by value and effort; and how many are unscored."""
    open_work = [i for i in initiatives if not i.status.closed]
    placed = [
        Placed(i.id, i.title, i.value, i.effort, Quadrant.of(i.value, i.effort))
        for i in open_work
        if i.value is not None and i.effort is not None
    ]
    placed.sort(key=lambda p: (-p.value, p.effort, p.title))
    return tuple(placed), len(open_work) - len(placed)


def quick_wins(placed: Sequence[Placed], initiatives: Sequence[Initiative]) -> tuple[QuickWin, ...]:
    """Easy work of value ≤ 2, flagged only while something worth more waits."""
    waiting_values = [
        i.value
        for i in initiatives
        if i.status in (Status.PROPOSED, Status.BLOCKED) and i.value is not None
    ]
    flagged = []
    for p in placed:
        if p.value > QUICK_WIN_VALUE or p.effort >= HIGH_EFFORT:
            continue
        waiting = sum(1 for v in waiting_values if v > p.value and v >= HIGH_VALUE)
        if waiting:
            flagged.append(QuickWin(p.initiative_id, p.title, p.value, p.effort, waiting))
    return tuple(flagged)


def weekly(initiatives: Sequence[Initiative], since: datetime, until: datetime) -> tuple[Week, ...]:
    """Initiatives finished and iterations done, week by week: whole weeks ending with the
    last day, and the days before them as a shorter first week, so every day is counted."""
    windows = weekly_windows(since, until)
    first = windows[0][0] if windows else until
    if since < first:
        windows.insert(0, (since, first))
    done = iterations_per_week(initiatives, windows)
    ends = [finished_at(i) for i in initiatives]
    finished = [sum(1 for at in ends if in_period(at, a, b)) for a, b in windows]
    return tuple(
        Week(start, end, f, d) for (start, end), f, d in zip(windows, finished, done, strict=True)
    )


def insights(
    initiatives: Sequence[Initiative],
    since: datetime,
    until: datetime,
    when: str = "this period",
    share: float = outcomes.SLIDE_SHARE,
) -> Insights:
    """Everything the Insights screen and `improve insights` show, for one period (`when`
    names it in the balance's nudges: "this quarter"); gains that slid back are shown
    whenever they slid (they are news until reopened)."""
    placed, unscored = pick_chart(initiatives)
    return Insights(
        since=since,
        until=until,
        principles=by_principle(initiatives, since, until),
        pick=placed,
        unscored=unscored,
        quick_wins=quick_wins(placed, initiatives),
        weeks=weekly(initiatives, since, until),
        trust=three_cs(initiatives, since, until),
        balance=balance(initiatives, since, until, when),
        slid_back=tuple(
            sorted(
                (found for ini in initiatives if (found := slid_back(ini, share)) is not None),
                key=lambda s: (s.since, s.title),
            )
        ),
    )


def week_label(start: date, end: date | None = None) -> str:
    """The days a week of the chart covers, `end` included: `17–23 Nov`, `27 Oct–2 Nov`."""
    end = end or start + timedelta(days=6)
    if start == end:
        return f"{start.day} {start:%b}"
    if start.month == end.month:
        return f"{start.day}–{end.day} {end:%b}"
    return f"{start.day} {start:%b}–{end.day} {end:%b}"
