"""`improve list` as aligned text: columns measured in terminal cells, fitted to a width.

In a terminal the table fits the window: the title is cut first, down to `MIN_TITLE`
cells, then the least needed columns go (principle, then owner, then the steps).
Piped, or with `--wide`, every title is whole and the columns line up after the longest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from improve.domain import progress, schedule
from improve.domain.model import Initiative
from improve.domain.terms import principle_short
from improve.text.cells import cells, fit
from improve.text.render import bar, count, percent, stepper

MIN_TITLE = 20
#: The columns that give way, in order, when the title has been cut to `MIN_TITLE`.
OPTIONAL = ("principle", "owner", "step")


@dataclass(frozen=True)
class Line:
    """What one row shows, worked out once so fitting the width costs no recomputation."""

    key: str
    title: str
    principle: str
    step: str
    status: str
    owner: str
    progress: str
    due: str


@dataclass(frozen=True)
class Column:
    name: str
    head: str
    width: int
    cell: Callable[[Line], str]


def _line(ini: Initiative, key: str, now: datetime) -> Line:
    due = schedule.next_due(ini, now)
    fraction = progress.progress(ini)
    return Line(
        key=key,
        title=ini.title,
        principle=principle_short(ini.principle),
        step=stepper(ini.step),
        status=ini.status.value,
        owner=ini.owner or "-",
        progress=f"{bar(fraction)}{percent(fraction):>5}",
        due=_due(due, now.date()),
    )


def _due(due: date | None, today: date) -> str:
    if due is None:
        return ""
    return ("!" if due < today else " ") + due.isoformat()


def _columns(lines: Sequence[Line], title: int) -> list[Column]:
    key = max(cells(line.key) for line in lines)
    return [
        Column("key", "key", key + 1, lambda line: line.key),
        Column("title", "title", title, lambda line: line.title),
        Column("principle", "principle", 9, lambda line: line.principle),
        Column("step", "step", 7, lambda line: line.step),
        Column("status", "status", 8, lambda line: line.status),
        Column("owner", "owner", 8, lambda line: line.owner),
        Column("progress", "progress", 15, lambda line: line.progress),
        Column("due", " due", 11, lambda line: line.due),
    ]


def _fitted(lines: Sequence[Line], width: int | None) -> list[Column]:
    """Whole titles when `width` is None; else the title cut first, then columns dropped."""
    longest = max(cells(line.title) for line in lines)
    columns = _columns(lines, max(longest, len("title")))
    if width is None:
        return columns
    for dropped in ("", *OPTIONAL):
        columns = [c for c in columns if c.name != dropped]
        room = width - sum(c.width for c in columns if c.name != "title") - (len(columns) - 1)
        if room >= MIN_TITLE or dropped == OPTIONAL[-1]:
            title = max(min(longest, room), len("title"))
            return [_with_width(c, title) if c.name == "title" else c for c in columns]
    return columns


def _with_width(column: Column, width: int) -> Column:
    return Column(column.name, column.head, width, column.cell)


def _row(columns: Sequence[Column], texts: Sequence[str]) -> str:
    return " ".join(fit(text, c.width) for c, text in zip(columns, texts, strict=True)).rstrip()


def register_table(
    found: list[Initiative], keys: dict[str, str], now: datetime, width: int | None = None
) -> str:
    """The register as aligned text, one initiative a line, fitted to `width` cells."""
    if not found:
        return "no initiatives match"
    lines = [_line(ini, keys[ini.id], now) for ini in found]
    columns = _fitted(lines, width)
    rows = [_row(columns, [c.head for c in columns])]
    rows += [_row(columns, [c.cell(line) for c in columns]) for line in lines]
    rows.append(count(len(found), "initiative"))
    return "\n".join(rows)
