"""Portfolio balance: where the team's improvement work sits, and where it leans.

Initiatives in play in a period, counted by guiding principle × value chain activity
(a small grid) and by customer journey stage, each count with its mean progress; and
plain nudges where the portfolio leans or leaves a gap ("no initiative serves engage
this quarter", "7 of 9 initiatives are automate"). Work with no principle, activity or
stage is counted as such, never folded into another row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from improve.domain import progress
from improve.domain.history import closed_at
from improve.domain.model import Activity, Initiative, JourneyStage, Principle, Status

#: Column heads short enough for 80 columns.
SHORT = {
    Activity.PLAN: "plan",
    Activity.IMPROVE: "improve",
    Activity.ENGAGE: "engage",
    Activity.DESIGN_TRANSITION: "design",
    Activity.OBTAIN_BUILD: "build",
    Activity.DELIVER_SUPPORT: "deliver",
}
NONE = "none"
#: A portfolio leans when one kind holds more than half of at least this many initiatives.
LEAN_FROM = 4
LEAN_SHARE = 0.5

K = TypeVar("K", bound=StrEnum)


@dataclass(frozen=True)
class Cell:
    """How many initiatives, and the mean progress (each clamped to 0..1) of the measured."""

    count: int = 0
    progress: float | None = None
    measured: int = 0

    def words(self) -> str:
        """`3 40%`: three initiatives, 40% mean progress (`–` when none is measured)."""
        if not self.count:
            return "·"
        shown = "–" if self.progress is None else f"{round(self.progress * 100)}%"
        return f"{self.count} {shown}"


@dataclass(frozen=True)
class Balance:
    """`grid[r][c]` counts `rows[r]` (a principle; None: no principle) × `columns[c]` (an
    activity; None: none). The None row and column appear only when some work lacks one;
    `journey` likewise ends with None only when some work has no stage."""

    total: int
    rows: tuple[Principle | None, ...]
    columns: tuple[Activity | None, ...]
    grid: tuple[tuple[Cell, ...], ...]
    by_principle: tuple[Cell, ...]
    by_activity: tuple[Cell, ...]
    journey: tuple[tuple[JourneyStage | None, Cell], ...]
    nudges: tuple[str, ...]


def in_play(ini: Initiative, since: datetime, until: datetime) -> bool:
    """Existed during the period and was not closed before it began; dropped work serves
    nobody, so it is not counted."""
    closed = closed_at(ini)
    return (
        ini.deleted is None
        and ini.status is not Status.DROPPED
        and ini.created < until
        and (closed is None or closed >= since)
    )


def cell(found: Sequence[Initiative]) -> Cell:
    shares = [progress.clamp01(p) for i in found if (p := progress.progress(i)) is not None]
    return Cell(len(found), sum(shares) / len(shares) if shares else None, len(shares))


def _keys(kinds: type[K], found: Sequence[K | None]) -> tuple[K | None, ...]:
    """Every member in its canonical order, then None if some work has none."""
    return (*kinds, None) if None in found else tuple(kinds)


def balance(
    initiatives: Sequence[Initiative], since: datetime, until: datetime, when: str = "this period"
) -> Balance:
    """The balance of the work in play from `since` to `until`; `when` names the period in
    the nudges ("this quarter")."""
    work = [i for i in initiatives if in_play(i, since, until)]
    rows = _keys(Principle, [i.principle for i in work])
    columns = _keys(Activity, [i.activity for i in work])
    stages = _keys(JourneyStage, [i.journey for i in work])
    grid = tuple(
        tuple(cell([i for i in work if (i.principle, i.activity) == (p, a)]) for a in columns)
        for p in rows
    )
    return Balance(
        total=len(work),
        rows=rows,
        columns=columns,
        grid=grid,
        by_principle=tuple(cell([i for i in work if i.principle is p]) for p in rows),
        by_activity=tuple(cell([i for i in work if i.activity is a]) for a in columns),
        journey=tuple((s, cell([i for i in work if i.journey is s])) for s in stages),
        nudges=nudges(work, when),
    )


def nudges(work: Sequence[Initiative], when: str) -> tuple[str, ...]:
    """Plain sentences where the portfolio leans or leaves a gap; none for an empty one."""
    if not work:
        return ()
    said = [
        *_gaps(CHAIN, Activity, [i.activity for i in work], when, _activity),
        *_gaps(JOURNEY, JourneyStage, [i.journey for i in work], when, _stage),
        *_leans("are", [i.principle for i in work], lambda p: p.short),
        *_leans("sit in", [i.activity for i in work], lambda a: a.label),
        *_unset(work),
    ]
    return tuple(said)


def _activity(a: Activity) -> str:
    return a.label


def _stage(s: JourneyStage) -> str:
    return s.label


#: How a gap is said: with nothing named at all, and with some members unserved.
CHAIN = (
    "no initiative names its value chain activity {when}",
    "no initiative serves {listed} {when} (value chain)",
)
JOURNEY = (
    "no initiative names a customer journey stage {when}",
    "no initiative serves the {listed} stage of the customer journey {when}",
)


def _gaps(
    say: tuple[str, str],
    kinds: type[K],
    found: Sequence[K | None],
    when: str,
    name: Callable[[K], str],
) -> list[str]:
    """The members no initiative serves, once some initiative names one at all."""
    if all(f is None for f in found):
        return [say[0].format(when=when)]
    missing = [name(k) for k in kinds if k not in found]
    if not missing:
        return []
    listed = ", ".join(missing[:-1]) + " or " + missing[-1] if len(missing) > 1 else missing[0]
    return [say[1].format(listed=listed, when=when)]


def _leans(verb: str, found: Sequence[K | None], name: Callable[[K], str]) -> list[str]:
    """`7 of 9 initiatives are automate`: one kind holding more than half the work."""
    total = len(found)
    if total < LEAN_FROM:
        return []
    for kind in {f for f in found if f is not None}:
        count = sum(1 for f in found if f is kind)
        if count / total > LEAN_SHARE:
            return [f"{count} of {total} initiatives {verb} {name(kind)}"]
    return []


def _unset(work: Sequence[Initiative]) -> list[str]:
    total = len(work)
    said = []
    unset = sum(1 for i in work if i.principle is None)
    if unset:
        have = "has" if unset == 1 else "have"
        said.append(f"{unset} of {total} initiatives {have} no guiding principle yet")
    nobody = sum(1 for i in work if not i.stakeholders)
    if nobody:
        name = "names" if nobody == 1 else "name"
        said.append(f"{nobody} of {total} initiatives {name} no stakeholder yet")
    return said


def principle_name(principle: Principle | None) -> str:
    return principle.short if principle else NONE


def activity_name(activity: Activity | None) -> str:
    return SHORT[activity] if activity else NONE


def stage_name(stage: JourneyStage | None) -> str:
    return stage.label if stage else NONE


def _cell_json(found: Cell) -> dict[str, Any]:
    return {"count": found.count, "progress": found.progress, "measured": found.measured}


def to_json(b: Balance) -> dict[str, Any]:
    """Rows and columns by key (null: none set); `grid[r][c]` as {count, progress, measured}."""
    rows: list[str | None] = [p.value if p else None for p in b.rows]
    columns: list[str | None] = [a.value if a else None for a in b.columns]
    return {
        "total": b.total,
        "principles": rows,
        "activities": columns,
        "grid": [[_cell_json(c) for c in row] for row in b.grid],
        "by_principle": [_cell_json(c) for c in b.by_principle],
        "by_activity": [_cell_json(c) for c in b.by_activity],
        "journey": [
            {"stage": stage.value if stage else None, **_cell_json(found)}
            for stage, found in b.journey
        ],
        "nudges": list(b.nudges),
    }


def from_json(raw: Mapping[str, Any]) -> Balance:
    """The inverse of `to_json`, so a retro read back is the retro written."""

    def cell(c: Mapping[str, Any]) -> Cell:
        return Cell(c["count"], c["progress"], c["measured"])

    return Balance(
        total=raw["total"],
        rows=tuple(Principle(p) if p else None for p in raw["principles"]),
        columns=tuple(Activity(a) if a else None for a in raw["activities"]),
        grid=tuple(tuple(cell(c) for c in row) for row in raw["grid"]),
        by_principle=tuple(cell(c) for c in raw["by_principle"]),
        by_activity=tuple(cell(c) for c in raw["by_activity"]),
        journey=tuple(
            (JourneyStage(j["stage"]) if j["stage"] else None, cell(j)) for j in raw["journey"]
        ),
        nudges=tuple(raw["nudges"]),
    )
