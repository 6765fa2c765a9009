"""The register as a table that draws only the rows on screen (Textual's Line API).

A `DataTable` measures every cell when rows are added, which costs seconds at 10,000
initiatives; this widget keeps plain `Row`s and turns only the visible ones into
strips, as Toolong does for huge logs. The top line is the column heading and stays
put while the rows scroll under it.
"""

from __future__ import annotations

import textwrap
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from improve.tui.messages import InitiativeChosen, SortRequested
from improve.tui.theme_styles import component_style
from improve.tui.widgets.register_columns import (
    COLUMNS,
    TITLE_MIN,
    Column,
    Palette,
    cut_to,
    fit,
    row_kind,
)
from improve.tui.widgets.register_orders import sort_rows
from improve.tui.widgets.register_rows import Query, Row


class RegisterTable(ScrollView, can_focus=True):
    """All initiatives, filtered and sorted in memory; only visible rows are drawn."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "register-table--header",
        "register-table--cursor",
        "register-table--blocked",
        "register-table--overdue",
        "register-table--closed",
        "register-table--muted",
        "register-table--good",
        "register-table--bad",
        "register-table--bar",
        "register-table--late",
        "register-table--step",
        "register-table--spark",
        "register-table--message",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.loading_text = "Reading the register…"
        #: A filter that cannot be read, said in place of the rows until it reads.
        self.problem = ""
        self._all: list[Row] = []
        self._sorted: list[Row] = []
        self._shown: list[Row] = []
        self._loaded = False
        self.wanted = Query()
        self.sort_column: str | None = None
        self.sort_reverse = False
        self._columns: list[tuple[Column, int, int]] = []
        self._columns_width = -1
        self._cache: LRUCache[tuple[str, bool], Strip] = LRUCache(256)
        self._palette: Palette | None = None

    # --- what is shown ---------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self._all)

    @property
    def columns_shown(self) -> list[tuple[Column, int, int]]:
        """The columns shown at the current width: (column, first cell, width)."""
        return self._columns

    @property
    def rows(self) -> list[Row]:
        """Every row loaded, in value-first order."""
        return self._all

    @property
    def shown(self) -> list[Row]:
        return self._shown

    @property
    def loaded(self) -> bool:
        return self._loaded

    @property
    def current(self) -> Row | None:
        """The row under the cursor."""
        return self._shown[self.cursor] if 0 <= self.cursor < len(self._shown) else None

    def set_rows(self, rows: list[Row], keep: str | None = None) -> None:
        """New data (a load or reload); the cursor stays on `keep`, or on the same id."""
        keep = keep or (self.current.id if self.current else None)
        self._all, self._loaded = rows, True
        self._columns_width = -1
        self._sorted = sort_rows(rows, self.sort_column, self.sort_reverse)
        self._refilter(keep)

    def set_query(self, query: Query) -> None:
        """Narrow the rows; cheap, since it only compares precomputed strings."""
        keep = self.current.id if self.current else None
        self.wanted = query
        self._refilter(keep)

    def sort_by(self, column: str | None, reverse: bool = False) -> None:
        keep = self.current.id if self.current else None
        self.sort_column, self.sort_reverse = column, reverse
        self._sorted = sort_rows(self._all, column, reverse)
        self._refilter(keep)

    def select(self, initiative_id: str) -> bool:
        """Put the cursor on an initiative if it is shown; say whether it is."""
        for index, row in enumerate(self._shown):
            if row.id == initiative_id:
                self.cursor = index
                return True
        return False

    def _refilter(self, keep: str | None) -> None:
        self._shown = self.wanted.apply(self._sorted)
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._shown) + 1)
        if not (keep and self.select(keep)):
            self.cursor = min(self.cursor, max(len(self._shown) - 1, 0))
        self.refresh()

    # --- cursor and scrolling ---------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._shown) - 1)) if self._shown else 0

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        rows_visible = max(self.scrollable_content_region.height - 1, 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows_visible:
            self.scroll_to(y=self.cursor - rows_visible + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.scrollable_content_region.height - 2, 1)

    def action_jump(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self._shown) - 1

    def on_resize(self, event: events.Resize) -> None:
        self._columns_width = -1
        self.virtual_size = Size(event.size.width, len(self._shown) + 1)
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        """Focus, blur and a new theme all change the styles the cached strips were drawn in."""
        super().notify_style_update()
        self._palette = None
        self._cache.clear()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            column = self._column_at(offset.x)
            if column is not None:
                self.post_message(SortRequested(column))
            return
        index = round(self.scroll_y) + offset.y - 1
        if 0 <= index < len(self._shown):
            self.cursor = index
            if event.chain >= 2:
                self.post_message(InitiativeChosen(self._shown[index].id))

    def _column_at(self, x: int) -> str | None:
        for column, start, width in self._columns:
            if start <= x < start + width:
                return column.name
        return None

    # --- layout and drawing ---------------------------------------------------------

    def _fit_columns(self, width: int) -> list[tuple[Column, int, int]]:
        """The columns that fit, the least needed dropped first; the title takes what is left."""
        key_width = max((len(r.key) for r in self._all), default=4)
        widths = {c.name: (key_width if c.name == "key" else c.width) for c in COLUMNS}
        chosen = list(COLUMNS)
        for dropped in sorted(COLUMNS, key=lambda c: c.keep):
            if sum(widths[c.name] + 1 for c in chosen) + TITLE_MIN <= width:
                break
            if dropped.name not in ("title", "key"):
                chosen.remove(dropped)
        others = sum(widths[c.name] + 1 for c in chosen if c.name != "title")
        widths["title"] = max(width - others, 1)
        layout, x = [], 0
        for column in chosen:
            layout.append((column, x, widths[column.name]))
            x += widths[column.name] + 1
        return layout

    def _style(self) -> Palette:
        if self._palette is None:
            self._palette = Palette(
                self.rich_style, lambda n: component_style(self, f"register-table--{n}")
            )
        return self._palette

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._columns_width:
            self._columns, self._columns_width = self._fit_columns(width), width
            self._cache.clear()
        if y == 0:
            return self._header(width)
        index = round(self.scroll_y) + y - 1
        if not self._shown or self.problem:
            return self._message(y, width)
        if index >= len(self._shown):
            return Strip.blank(width, self.rich_style)
        row = self._shown[index]
        is_cursor = index == self.cursor
        cached = self._cache.get((row.id, is_cursor))
        if cached is None:
            cached = self._row_strip(row, is_cursor, width)
            self._cache[(row.id, is_cursor)] = cached
        return cached

    def _header(self, width: int) -> Strip:
        style = self._style()("header", "", False)
        pieces: list[Segment] = []
        for column, _start, cell_width in self._columns:
            label = column.label
            if column.name == self.sort_column:
                label += " ▼" if self.sort_reverse else " ▲"
            pieces.append(Segment(fit(label, cell_width) + " ", style))
        return Strip(pieces).crop_extend(0, width, style)

    def _message(self, y: int, width: int) -> Strip:
        """What stands in for the rows: loading, nothing matches, empty, or unreadable."""
        if self.problem:
            text = self.problem
        elif not self._loaded:
            text = self.loading_text
        elif self._all:
            text = "No initiative matches the filter: escape clears it."
        else:
            text = "The register is empty: press a to capture your first improvement."
        lines = textwrap.wrap(text, max(width - 4, 10))
        if not 0 <= y - 2 < len(lines):
            return Strip.blank(width, self.rich_style)
        style = self._style()("message", "", False)
        return Strip([Segment(fit("  " + lines[y - 2], width), style)])

    def _row_strip(self, row: Row, is_cursor: bool, width: int) -> Strip:
        palette, kind = self._style(), row_kind(row)
        gap = Segment(" ", palette(kind, "", is_cursor))
        segments: list[Segment] = []
        for column, _start, cell_width in self._columns:
            for text, piece in cut_to(column.cell(row), cell_width):
                segments.append(Segment(text, palette(kind, piece, is_cursor)))
            segments.append(gap)
        return Strip(segments).crop_extend(0, width, gap.style)
