"""The register's columns: what each shows of a `Row`, how wide, and how it is styled.

Cells are runs of text, each naming a component style of the table; `Palette` turns
those names into Rich styles once per theme, so drawing a row is string work only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.style import Style

from improve.domain.model import Status, Step
from improve.domain.outcomes import Verdict
from improve.domain.progress import ForecastState
from improve.domain.terms import principle_short
from improve.tui.widgets.register_rows import Row

BAR = 5
EIGHTHS = " ▏▎▍▌▋▊▉"
SPARKS = "▁▂▃▄▅▆▇█"
TRACK = {
    ForecastState.MET: ("★ met", "good"),
    ForecastState.ON_TRACK: ("✓ on", "good"),
    ForecastState.OFF_TRACK: ("✗ off", "bad"),
    ForecastState.UNKNOWN: ("", ""),
}
#: Done work says how it ended, not where it was heading.
ENDED = {
    Verdict.MET: ("★ met", "good"),
    Verdict.ACCEPTED: ("≈ short", "late"),
    Verdict.MISSED: ("✗ missed", "bad"),
}
STATUS_STYLE = {Status.BLOCKED: "bad", Status.DONE: "good", Status.ACTIVE: "", Status.DROPPED: ""}
TITLE_MIN = 22

Piece = tuple[str, str]
"""A run of cell text and the name of its component style ("" for none)."""


@dataclass(frozen=True)
class Column:
    """A column of the register; lower `keep` goes first when the screen is narrow."""

    name: str
    label: str
    width: int
    keep: int
    cell: Callable[[Row], list[Piece]]


def stepper(step: Step) -> list[Piece]:
    """The seven steps as dots: those reached filled, the rest hollow and quiet."""
    return [("●" * step.number, "step"), ("○" * (len(Step) - step.number), "muted")]


def sparkline(values: tuple[float, ...]) -> str:
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    top = len(SPARKS) - 1
    if high == low:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[round((v - low) / span * top)] for v in values)


def progress_cell(row: Row) -> list[Piece]:
    """A bar in eighths of a cell, then the raw percentage (overshoot and regression show)."""
    if row.progress is None:
        return [("  –", "muted")]
    eighths = round(min(1.0, max(0.0, row.progress)) * BAR * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (EIGHTHS[part] if part else "")
    return [(bar, "bar"), ("·" * (BAR - len(bar)), "muted"), (f"{row.progress:5.0%}", "")]


def status_cell(row: Row) -> list[Piece]:
    """Done work whose gain slid back carries a mark: it may want reopening."""
    said = [(row.status.value, STATUS_STYLE.get(row.status, ""))]
    return [*said, (" ↘", "late")] if row.slid else said


def track_cell(row: Row) -> list[Piece]:
    """Open work: met, on or off track; done work: met, accepted short or missed."""
    if row.status is Status.DONE:
        return [ENDED[row.verdict]] if row.verdict else []
    return [] if row.status.closed else [TRACK[row.forecast]]


def due_cell(row: Row) -> list[Piece]:
    if row.due is None:
        return []
    text = f"{row.due.day:>2} {row.due:%b}"
    return [("!" + text, "late")] if row.overdue else [(" " + text, "")]


COLUMNS = (
    Column("key", "key", 4, 90, lambda r: [(r.key, "muted")]),
    Column("title", "title", 0, 100, lambda r: [(r.title, "")]),
    Column("principle", "principle", 9, 30, lambda r: [(principle_short(r.principle), "")]),
    Column("step", "step", 7, 40, lambda r: stepper(r.step)),
    Column("status", "status", 8, 80, status_cell),
    Column("owner", "owner", 7, 50, lambda r: [(r.owner, "")]),
    Column("progress", "progress", 10, 70, progress_cell),
    Column("trend", "trend", 8, 20, lambda r: [(sparkline(r.spark), "spark")]),
    Column("track", "track", 8, 60, track_cell),
    Column("due", "due", 7, 65, due_cell),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: padded, or cut with an ellipsis."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…" if width > 0 else ""


class Palette:
    """Rich styles by (row kind, piece, under the cursor), combined once and remembered."""

    def __init__(self, base: Style, lookup: Callable[[str], Style]) -> None:
        self._base = base
        self._lookup = lookup
        self._memo: dict[tuple[str, str, bool], Style] = {}

    def __call__(self, kind: str, piece: str, cursor: bool) -> Style:
        key = (kind, piece, cursor)
        style = self._memo.get(key)
        if style is None:
            style = self._base
            for name in (kind, piece, "cursor" if cursor else ""):
                if name:
                    style += self._lookup(name)
            self._memo[key] = style
        return style


def row_kind(row: Row) -> str:
    """What makes a whole row stand out: blocked first, then overdue; closed ones recede."""
    if row.status is Status.BLOCKED:
        return "blocked"
    if row.overdue:
        return "overdue"
    return "closed" if row.status.closed else ""


def cut_to(pieces: list[Piece], width: int) -> list[Piece]:
    """The pieces cut or padded to exactly `width` cells."""
    shown: list[Piece] = []
    used = 0
    for text, piece in pieces:
        room = width - used
        if room <= 0:
            break
        cut = text if cell_len(text) <= room else fit(text, room)
        shown.append((cut, piece))
        used += cell_len(cut)
    if used < width:
        shown.append((" " * (width - used), ""))
    return shown
