"""The register's orders: value first, newest first, or by any column, either way round.

`o` offers them as a menu (and the palette as entries), so any order is one choice away
instead of a cycle through every column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from improve.domain.model import Principle, Status
from improve.domain.outcomes import Verdict
from improve.domain.progress import VALUE_FIRST, ForecastState
from improve.tui.widgets.register_columns import COLUMNS
from improve.tui.widgets.register_rows import Row

SortKey = Callable[[Row], Any]

#: The order by when an initiative was proposed: not a column, a choice of its own.
CREATED = "created"

_STATUS_ORDER = {s: n for n, s in enumerate(Status)}
_PRINCIPLE_ORDER: dict[Principle | None, int] = {p: n for n, p in enumerate(Principle)}
_PRINCIPLE_ORDER[None] = len(_PRINCIPLE_ORDER)
_FORECAST_ORDER = {
    ForecastState.MET: 0,
    ForecastState.ON_TRACK: 1,
    ForecastState.OFF_TRACK: 3,
    ForecastState.UNKNOWN: None,
}
_VERDICT_ORDER = {Verdict.MET: 0, Verdict.ACCEPTED: 2, Verdict.MISSED: 3}


def _track(row: Row) -> int | None:
    """Met first, then on track, accepted short, and off track or missed last."""
    if row.status is Status.DONE:
        return _VERDICT_ORDER[row.verdict] if row.verdict else None
    return None if row.status.closed else _FORECAST_ORDER[row.forecast]


SORT_KEYS: dict[str, SortKey] = {
    "key": lambda r: r.key,
    "title": lambda r: r.title.lower(),
    "principle": lambda r: _PRINCIPLE_ORDER[r.principle],
    "step": lambda r: r.step.number,
    "status": lambda r: _STATUS_ORDER[r.status],
    "owner": lambda r: r.owner.lower() or None,
    "progress": lambda r: r.progress,
    "trend": lambda r: r.trend,
    "track": _track,
    "due": lambda r: r.due,
    CREATED: lambda r: r.created,
}


def sort_rows(rows: list[Row], column: str | None, reverse: bool = False) -> list[Row]:
    """Rows by a column; rows without a value go last either way, in value-first order."""
    if column is None:
        return sorted(rows, key=lambda r: r.order, reverse=reverse)
    key = SORT_KEYS[column]
    known = [r for r in rows if key(r) is not None]
    unknown = [r for r in rows if key(r) is None]
    known.sort(key=lambda r: r.order)
    known.sort(key=key, reverse=reverse)
    return known + sorted(unknown, key=lambda r: r.order)


@dataclass(frozen=True)
class Order:
    """One way to sort the register, as the menu offers it."""

    label: str
    column: str | None
    reverse: bool = False


def orders() -> list[Order]:
    """Every order, the everyday ones first."""
    chosen = [Order(VALUE_FIRST, None), Order("newest first", CREATED, reverse=True)]
    return chosen + [Order(f"by {c.label}", c.name) for c in COLUMNS]


def described(column: str | None, reverse: bool) -> str:
    """The order as the register's bar says it."""
    if column == CREATED:
        return "newest first" if reverse else "oldest first"
    label = {c.name: c.label for c in COLUMNS}
    return (VALUE_FIRST if column is None else label[column]) + (" ▼" if reverse else "")
