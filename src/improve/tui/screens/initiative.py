"""One initiative in full: vision, model step, metric and chart, iterations, notes, history.

Every key asks the `Register` to write (directly, or through a small form that shows the
service's error inline), then tells the app with `InitiativeChanged` and redraws from
what the store now holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from improve.domain import outcomes, readiness
from improve.domain.errors import InputError
from improve.domain.model import Initiative, Status
from improve.errors import StoreError
from improve.tui.host import host
from improve.tui.messages import InitiativeChanged, StoreReloaded, ThemeChanged
from improve.tui.screens import initiative_forms as asks
from improve.tui.screens.forms import Field, FormScreen, Values
from improve.tui.screens.help import help_for
from improve.tui.theme_styles import component_styles
from improve.tui.trouble import say
from improve.tui.widgets import initiative_parts as parts
from improve.tui.widgets.chart import MetricChart
from improve.tui.widgets.cursor_list import CursorList
from improve.tui.widgets.stepper import Stepper

PALETTE = ("muted", "good", "bad", "warn", "accent")


class IterationList(CursorList):
    """The iterations; moving through them brings the list into view on a long page."""

    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        self.screen.scroll_to_widget(self, animate=False)

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self.screen.scroll_to_widget(self, animate=False)


class InitiativeScreen(Screen[None]):
    """The Initiative screen, opened with the id (or a unique prefix) of an initiative."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "measure", "Measure", id="initiative.measure"),
        Binding("t", "iteration", "Plan", id="initiative.iteration"),
        Binding("space", "toggle_iteration", "Tick", id="initiative.toggle"),
        Binding("question_mark", "help", "Help", id="initiative.help"),
        Binding("n", "note", "Note", id="initiative.note"),
        Binding("greater_than_sign", "next_step", "Step", id="initiative.next_step"),
        Binding("b", "block", "Block", id="initiative.block"),
        Binding("b", "unblock", "Unblock", id="initiative.unblock"),
        Binding("d", "done", "Done", id="initiative.done"),
        Binding("x", "drop", "Drop", id="initiative.drop"),
        Binding("D", "delete", "Delete", id="initiative.delete", show=False),
        Binding("o", "reopen", "Reopen", id="initiative.reopen"),
        Binding("e", "edit", "Edit", id="initiative.edit"),
        Binding("M", "metric", "Metric", id="initiative.metric"),
        Binding("escape", "back", "Back", id="initiative.back", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012 (typed by Screen)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]  # noqa: RUF012 (typed by Screen)
    AUTO_FOCUS = ""
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"initiative--{name}" for name in PALETTE}

    DEFAULT_CSS = """
    InitiativeScreen > .initiative--muted { color: $text-muted; }
    InitiativeScreen > .initiative--good { color: $text-success; }
    InitiativeScreen > .initiative--bad { color: $text-error; }
    InitiativeScreen > .initiative--warn { color: $text-warning; }
    InitiativeScreen > .initiative--accent { color: $text-accent; }
    InitiativeScreen #initiative-page { padding: 0 1; }
    InitiativeScreen #initiative-summary { margin-bottom: 1; }
    InitiativeScreen #initiative-columns { height: auto; layout: vertical; }
    InitiativeScreen.-wide #initiative-columns { layout: horizontal; }
    InitiativeScreen.-wide .initiative-column { width: 1fr; }
    InitiativeScreen.-wide #initiative-left { margin-right: 2; }
    InitiativeScreen .initiative-column { height: auto; }
    InitiativeScreen .section { text-style: bold; color: $text-primary; margin-top: 1; }
    InitiativeScreen #vision-heading { margin-top: 0; }
    InitiativeScreen.-wide #iterations-heading { margin-top: 0; }
    InitiativeScreen #initiative-iterations {
        height: auto; max-height: 12; border: none; padding: 0; background: transparent;
    }
    InitiativeScreen MetricChart { margin-top: 1; }
    InitiativeScreen.-tall MetricChart { height: 12; }
    """

    def __init__(self, initiative_id: str) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.initiative: Initiative | None = None
        #: The initiative is gone from the store and the screen is on its way out.
        self.closing = False

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with VerticalScroll(id="initiative-page"):
            yield Static(id="initiative-summary")
            with Horizontal(id="initiative-columns"):
                with Vertical(id="initiative-left", classes="initiative-column"):
                    yield Label("Vision", classes="section", id="vision-heading")
                    yield Static(id="initiative-vision")
                    yield Label("Model step", classes="section")
                    yield Stepper(id="initiative-stepper")
                    yield Label("Metric", classes="section")
                    yield Static(id="initiative-metric")
                    yield MetricChart(id="initiative-chart")
                with Vertical(id="initiative-right", classes="initiative-column"):
                    yield Label("Iterations", classes="section", id="iterations-heading")
                    yield IterationList(id="initiative-iterations")
                    yield Label("Notes", classes="section")
                    yield Static(id="initiative-notes")
                    yield Label("History", classes="section")
                    yield Static(id="initiative-history")
        yield Footer(compact=True, show_command_palette=False)  # ^p: the ◆ in the header

    def on_mount(self) -> None:
        self.show_initiative()
        listed = self.query_one("#initiative-iterations", OptionList)
        self.set_focus(listed, scroll_visible=False)

    # --- showing -------------------------------------------------------------------

    def show_initiative(self) -> None:
        """Read the initiative again and redraw every section from it."""
        try:
            ini = host(self).register.get(self.initiative_id)
        except InputError as error:
            if not self.closing:  # two reloads can come before the screen has gone
                self.closing = True
                self.notify(error.in_app, severity="error", markup=False)
                self.dismiss(None)
            return
        except StoreError as error:  # said; what is shown stays until the file reads again
            say(self, error)
            return
        self.initiative, self.initiative_id = ini, ini.id
        palette = self._palette()
        now = host(self).clock.now()
        key = host(self).keys().get(ini.id, ini.id[:4])
        self._put("#initiative-summary", parts.summary(ini, key, palette))
        self._put("#initiative-vision", parts.vision(ini, palette))
        self.query_one(Stepper).show(ini)
        self._put("#initiative-metric", parts.metric(ini, now, palette, host(self).config.hold))
        self.query_one(MetricChart).show(ini, now.date())
        self._show_iterations(ini, palette)
        self._put("#initiative-notes", parts.notes(ini, palette))
        self._put("#initiative-history", parts.history(ini, palette))
        self.refresh_bindings()

    def _put(self, selector: str, text: Text) -> None:
        self.query_one(selector, Static).update(text)

    def _palette(self) -> parts.Palette:
        return parts.Palette(**component_styles(self, "initiative", PALETTE))

    def _show_iterations(self, ini: Initiative, palette: parts.Palette) -> None:
        listed = self.query_one("#initiative-iterations", OptionList)
        keep = listed.highlighted
        today = host(self).clock.now().date()
        items = ini.live_iterations()
        moved = {e.number: e for e in outcomes.effects(ini)}
        unit = ini.measure.unit if ini.measure else ""
        listed.set_options(
            Option(
                parts.iteration(item, n, today, palette, moved=moved.get(n), unit=unit), id=item.id
            )
            for n, item in enumerate(items, 1)
        )
        if not items:
            listed.add_option(Option(Text("none planned yet (t adds one)"), disabled=True))
        else:
            listed.highlighted = min(keep or 0, len(items) - 1)

    def on_store_reloaded(self, _: StoreReloaded) -> None:
        self.show_initiative()

    def on_theme_changed(self, _: ThemeChanged) -> None:
        self.show_initiative()

    # --- the keys ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.initiative is None:  # not read yet (or the store cannot be read): only leave
            return action in ("back", "help", "page")
        status = self.initiative.status
        hidden = {
            "block": status in (Status.BLOCKED, Status.DONE, Status.DROPPED),
            "unblock": status is not Status.BLOCKED,
            "done": status is Status.DONE,
            "drop": status is Status.DROPPED,
            "reopen": status not in (Status.DONE, Status.DROPPED),
        }
        return not hidden.get(action, False)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(help_for(self, "Initiative"))

    def action_page(self, direction: int) -> None:
        page = self.query_one("#initiative-page", VerticalScroll)
        page.scroll_relative(y=direction * max(page.size.height - 2, 1), animate=False)

    def action_measure(self) -> None:
        self._ask(*asks.measure(self._current(), host(self)))

    def action_iteration(self) -> None:
        self._ask(*asks.iteration(self._current(), host(self)))

    def action_note(self) -> None:
        self._ask(*asks.note(self._current(), host(self)))

    def action_block(self) -> None:
        self._ask(*asks.block(self._current(), host(self)))

    def action_done(self) -> None:
        self._ask(*asks.done(self._current(), host(self)))

    def action_drop(self) -> None:
        self._ask(*asks.drop(self._current(), host(self)))

    def action_edit(self) -> None:
        self._ask(*asks.edit(self._current(), host(self)))

    def action_metric(self) -> None:
        self._ask(*asks.metric(self._current(), host(self)))

    def action_delete(self) -> None:
        """A mistaken capture goes, leaving no trace in lists or retros; `u` brings it back."""
        ini = self._current()
        if self._write(lambda: host(self).register.delete(ini.id), reread=False):
            self.notify(f"Deleted {ini.title!r} · u undoes it", markup=False)
            self.dismiss(None)

    def action_reopen(self) -> None:
        """Done or dropped work goes back to active in one key (a gain that slid back)."""
        if self._write(lambda: host(self).register.set_status(self.initiative_id, Status.ACTIVE)):
            self.notify(f"reopened: {self._current().title}", markup=False)

    def action_unblock(self) -> None:
        self._write(lambda: host(self).register.set_status(self.initiative_id, Status.ACTIVE))

    def action_next_step(self) -> None:
        if self._write(lambda: host(self).register.step(self.initiative_id)):
            ini = self._current()
            gaps = readiness.left_behind(ini)
            still = f"\nstill open: {readiness.gaps_words(gaps)}" if gaps else ""
            said = f"step {ini.step.number}/7 {ini.step.value}: {ini.step.question}{still}"
            self.notify(said, markup=False)

    def action_toggle_iteration(self) -> None:
        listed = self.query_one("#initiative-iterations", OptionList)
        items = self._current().live_iterations()
        index = listed.highlighted
        if index is None or index >= len(items):
            self.notify("no iteration to mark: t plans one", severity="warning")
            return
        done = not items[index].done
        if self._write(
            lambda: host(self).register.finish_iteration(self.initiative_id, index + 1, done)
        ):
            self.screen.scroll_to_widget(listed, animate=False)
            state = "done" if done else "open again"
            self.notify(f"iteration {index + 1} {state}: {items[index].title}", markup=False)

    # --- writing -------------------------------------------------------------------

    def _current(self) -> Initiative:
        assert self.initiative is not None
        return self.initiative

    def _write(self, change: Callable[[], object], reread: bool = True) -> bool:
        """A write with no form: its error goes to a notification."""
        try:
            change()
        except InputError as error:
            self.notify(error.in_app, severity="error", markup=False)
            return False
        except StoreError as error:
            say(self, error)
            return False
        if reread:
            self._changed()
        else:
            self.post_message(InitiativeChanged(self.initiative_id))
        return True

    def _ask(
        self,
        title: str,
        fields: Sequence[Field],
        submit: Callable[[Values], object],
        intro: Text | None = None,
    ) -> None:
        def closed(values: Values | None) -> None:
            if values is not None:
                self._changed()

        self.app.push_screen(FormScreen(title, fields, submit, intro=intro), closed)

    def _changed(self) -> None:
        self.post_message(InitiativeChanged(self.initiative_id))
        self.show_initiative()
