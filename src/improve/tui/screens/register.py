"""The Register screen (home): every initiative, value first, filtered and sorted in memory."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import Worker, get_current_worker

from improve.domain.errors import InputError
from improve.domain.register import OPEN, Filter
from improve.tui import messages
from improve.tui.host import Host, host
from improve.tui.screens.initiative import InitiativeScreen
from improve.tui.screens.sort_menu import SortMenu
from improve.tui.screens.whole import said_if_unreadable
from improve.tui.widgets.muted import MutedStatic
from improve.tui.widgets.register_orders import Order, described
from improve.tui.widgets.register_rows import (
    Query,
    Row,
    build_rows,
    parse_query,
)
from improve.tui.widgets.register_table import RegisterTable

FILTER_HINT = "words #principle @owner +tag team:x is:all is:done · enter keeps · esc clears"


class RegisterScreen(Screen[None]):
    """The Continual Improvement Register: the team's list of initiatives."""

    AUTO_FOCUS = "RegisterTable"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="register.open"),
        Binding("slash", "filter", "Filter", id="register.filter"),
        Binding("escape", "clear_filter", "Clear", id="register.clear_filter"),
        Binding("o", "sort_menu", "Sort", id="register.sort"),
        Binding("O", "sort_reverse", "Reverse sort", id="register.sort_reverse", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="register")
        self._error = ""
        #: Reads of the store that finished, well or not (tests wait on it, not on time).
        self.reads_finished = 0
        #: Closed work (mostly in the archives) is read only once a filter asks for it.
        self._closed_wanted = False
        self.closed_loaded = False
        self._reading = ""

    @property
    def improve(self) -> Host:
        return host(self.app)

    @property
    def table(self) -> RegisterTable:
        return self.query_one(RegisterTable)

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="register-bar"):
            yield MutedStatic(id="register-filter")
            yield Input(placeholder=FILTER_HINT, id="register-filter-input", compact=True)
            yield Static(id="register-count")
        yield RegisterTable(id="register-table")
        yield Footer(compact=True, show_command_palette=False)  # ^p: the ◆ in the header

    def on_mount(self) -> None:
        self._show_bar()

    # --- loading ---------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the store again in a thread; the cursor comes back to `select` or its row.

        The open register comes from the main file alone, so the first rows appear at
        once whatever the history; closed work is read when a filter first asks for it.
        """
        self._load(select, self._closed_wanted)

    @work(thread=True, exclusive=True, group="register-load", exit_on_error=False)
    def _load(self, select: str | None, closed: bool) -> None:
        app = self.improve
        register = app.register
        signature = register.store.signature()
        wanted = Filter() if closed else Filter(statuses=OPEN)
        found = register.initiatives(wanted, self._read_progress if closed else None)
        keys = register.keys(ini.id for ini in found)
        rows = build_rows(found, keys, app.clock.now())
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, rows, keys, signature, select, closed)

    def _read_progress(self, fraction: float) -> None:
        """From the loading thread: the bar says how far the archives are read."""
        text = f"reading closed work… {fraction:.0%}"
        self.app.call_from_thread(self._show_reading, text)

    def _show_reading(self, text: str) -> None:
        self._reading = text
        self._show_bar()

    def _loaded(
        self,
        rows: list[Row],
        keys: dict[str, str],
        signature: object,
        select: str | None,
        closed: bool,
    ) -> None:
        self.improve.loaded(keys, signature)
        self.closed_loaded, self._reading = closed, ""
        table = self.table
        exists = any(r.id == select for r in rows)  # not so for a record just deleted
        hidden = exists and not any(r.id == select for r in table.wanted.apply(rows))
        if hidden and table.wanted.active:
            table.wanted = Query()
            self.query_one("#register-filter-input", Input).value = ""
        table.set_rows(rows, keep=select)
        self.reads_finished += 1
        self._show_bar()
        self.post_message(messages.StoreReloaded())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A store that cannot be read is said on screen; the app stays up to retry."""
        if event.worker.group != "register-load":
            return
        problem = said_if_unreadable(self, event)
        if problem is not None:
            self._reading = ""
            self.improve.loaded(None, self.improve.register.store.signature())
            self.table.loading_text = problem
            self.table.refresh()
            self.reads_finished += 1

    # --- filtering and sorting -------------------------------------------------------

    def action_filter(self) -> None:
        """Type the filter in the bar, in place of the filter it shows."""
        self.query_one("#register-bar").add_class("typing")
        self.query_one("#register-filter-input", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#register-filter-input", Input)
        with box.prevent(Input.Changed):
            box.value = ""
        self._leave_filter()
        self._narrow(Query())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer to clear the filter only when there is one."""
        if action == "clear_filter":
            return self.table.wanted.active or bool(self._error) or self._typing
        return True

    @property
    def _typing(self) -> bool:
        return self.focused is self.query_one("#register-filter-input", Input)

    @on(Input.Changed, "#register-filter-input")
    def _typed(self, event: Input.Changed) -> None:
        try:
            query = parse_query(event.value)
        except InputError as error:
            self._error = self.table.problem = error.in_app
            self.table.refresh()
            self._show_bar()
            return
        self._narrow(query)

    @on(Input.Submitted, "#register-filter-input")
    def _submitted(self) -> None:
        self._leave_filter()

    @on(Input.Blurred, "#register-filter-input")
    def _left(self) -> None:
        self._leave_filter()

    def _leave_filter(self) -> None:
        """Back to the table; the filter stays, a half-typed mistake does not."""
        self.query_one("#register-bar").remove_class("typing")
        self._error = self.table.problem = ""
        self.table.refresh()
        self._show_bar()
        self.table.focus()

    def apply_query(self, query: Query) -> None:
        """Narrow from outside the filter box (the palette): the box shows the same words."""
        box = self.query_one("#register-filter-input", Input)
        with box.prevent(Input.Changed):
            box.value = query.describe()
        self._narrow(query)

    def _narrow(self, query: Query) -> None:
        was_active = self.table.wanted.active or bool(self._error)
        self._error = self.table.problem = ""
        self.table.set_query(query)
        if query.needs_closed and not self._closed_wanted:
            self._closed_wanted = True
            self._reading = "reading closed work…"
            self.reload()
        self._show_bar()
        if query.active != was_active:
            self.refresh_bindings()

    def action_sort_menu(self) -> None:
        """Every order in a menu, the current one under the cursor."""

        def chosen(order: Order | None) -> None:
            if order is not None:
                self.sort_by(order.column, order.reverse)

        self.app.push_screen(SortMenu(self.table.sort_column, self.table.sort_reverse), chosen)

    def action_sort_reverse(self) -> None:
        self.sort_by(self.table.sort_column, not self.table.sort_reverse)

    def sort_by(self, column: str | None, reverse: bool = False) -> None:
        self.table.sort_by(column, reverse)
        self._show_bar()

    @on(messages.SortRequested)
    def _header_clicked(self, event: messages.SortRequested) -> None:
        same = event.column == self.table.sort_column
        self.sort_by(event.column, reverse=same and not self.table.sort_reverse)

    def on_theme_changed(self, _: messages.ThemeChanged) -> None:
        self._show_bar()

    def _show_bar(self) -> None:
        table = self.table
        shown_filter = self.query_one("#register-filter", MutedStatic)
        muted, filter_text = shown_filter.muted, Text()
        if table.wanted.active:
            filter_text.append("filter ", style=muted)
            filter_text.append(table.wanted.describe())
        else:
            filter_text.append("open initiatives", style=muted)
        order = described(table.sort_column, table.sort_reverse)
        filter_text.append(f"  · {order}", style=muted)
        shown_filter.update(filter_text)
        shown_n = len(table.shown)
        if table.wanted.active:
            count = f"{shown_n:,} of {table.total:,}"
        else:
            count = f"{shown_n:,} open initiative{'' if shown_n == 1 else 's'}"
        if self._error:
            shown = Text(self._error, style="bold")
        elif self._reading:
            shown = Text(self._reading, style="italic")
        else:
            shown = Text(count)
        self.query_one("#register-count", Static).update(shown)

    # --- moving about ----------------------------------------------------------------

    def action_open(self) -> None:
        row = self.table.current
        if row is not None:
            self.app.push_screen(InitiativeScreen(row.id))

    @on(messages.InitiativeChosen)
    def _chosen(self, event: messages.InitiativeChosen) -> None:
        self.app.push_screen(InitiativeScreen(event.initiative_id))

    def select(self, initiative_id: str) -> None:
        """Put the cursor on an initiative, clearing a filter that hides it."""
        table = self.table
        if not table.select(initiative_id) and table.wanted.active:
            self.action_clear_filter()
            table.select(initiative_id)
        table.focus()
