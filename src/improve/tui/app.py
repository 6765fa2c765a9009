"""The Textual app: the shell around the screens, and the one place that reloads.

`create_app` builds it from what the command line already has (store path, clock,
config); `run_app` is what `improve` calls. The app polls the store's signature so
that a write by the CLI, another app or a `git pull` shows within a second or two.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.theme import Theme

from improve.clock import Clock
from improve.config import Config
from improve.domain.errors import InputError
from improve.errors import StoreError
from improve.paths import state_file
from improve.service import Register
from improve.store.atomic import atomic_write
from improve.tui import messages
from improve.tui.commands import ImproveCommands
from improve.tui.readable import readable
from improve.tui.screens.capture import CaptureScreen
from improve.tui.screens.help import help_for
from improve.tui.screens.register import RegisterScreen
from improve.tui.trouble import say
from improve.tui.widgets.register_rows import Query, Row

POLL_SECONDS = 1.0


class ImproveApp(App[None]):
    """The improvement register, its screens and its live reload."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "improve"
    #: One provider ranks every hit, the app's own commands too (see `palette_rank`).
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ImproveCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "home", "Register", id="app.register"),
        Binding("a", "capture", "Capture", id="app.capture"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("s", "standup", "Standup", id="app.standup"),
        Binding("i", "insights", "Insights", id="app.insights"),
        Binding("R", "retro", "Retro", id="app.retro"),
        Binding("q", "leave", "Back · quit", id="app.leave", show=False),
        Binding("u,ctrl+z", "undo", "Undo", id="app.undo", show=False),
        Binding("U,ctrl+y", "redo", "Redo", id="app.redo", show=False),
    ]

    def __init__(
        self,
        register: Register,
        config: Config,
        *,
        store_name: str,
        state_path: Path | None = None,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.register = register
        self.clock: Clock = register.clock
        self.config = config
        self.store_name = store_name
        self.state_path = state_path or state_file()
        self.poll_seconds = poll_seconds
        self._keys: dict[str, str] | None = None
        self._signature: object = None
        self.set_keymap(config.keymap)
        self._restore_theme()

    # --- what screens ask of the app -------------------------------------------------

    def keys(self) -> dict[str, str]:
        """Initiative id to short display key, as of the last load."""
        if self._keys is None:
            try:
                self._keys = self.register.keys()
            except StoreError:  # the screen reading says so; keys fall back to ids
                return {}
        return self._keys

    @property
    def home(self) -> RegisterScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, RegisterScreen)
        return screen

    def loaded(self, keys: dict[str, str] | None, signature: object) -> None:
        """The register screen read the store (or failed to: no keys); the poll goes from here."""
        self._keys = keys
        self._signature = signature

    # --- the shell -----------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return RegisterScreen()

    def on_mount(self) -> None:
        self._show_date()
        self.set_interval(self.poll_seconds, self.poll_store)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.theme_changed_signal.subscribe(self, self._redraw)

    def on_ready(self) -> None:
        """The first frame is out: only now read the store, so a big one cannot delay it."""
        self.home.reload()

    def _show_date(self) -> None:
        self.sub_title = f"{self.store_name} · {self.clock.now():%a %-d %b %Y}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers the way home only away from home."""
        if action == "home":
            return any(not isinstance(s, ModalScreen) for s in self.screen_stack[1:])
        if action in ("standup", "insights", "retro") and self.screen.id == action:
            return False  # the footer does not offer the screen that is open
        if action in ("undo", "redo"):  # not under a dialog: its own text box has ctrl+z
            return not isinstance(self.screen, ModalScreen)
        return True

    # --- undo and redo ---------------------------------------------------------------

    def action_undo(self) -> None:
        """Take back this writer's last change (as `improve undo` does), and say which."""
        self._take_back(self.register.undo, "Undone", "ctrl+y or U redoes it")

    def action_redo(self) -> None:
        self._take_back(self.register.redo, "Redone", "u or ctrl+z undoes it again")

    def _take_back(self, write: Callable[[], str], done: str, then: str) -> None:
        try:
            summary = write()
        except InputError as error:
            self.notify(error.in_app, severity="warning", markup=False)
            return
        except StoreError as error:
            say(self.screen, error)
            return
        self.notify(f"{summary} · {then}", title=done, markup=False)
        self._signature = self.register.store.signature()
        self.reload()

    def action_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_capture(self) -> None:
        if not isinstance(self.screen, ModalScreen):
            self.push_screen(CaptureScreen())

    def action_standup(self) -> None:
        from improve.tui.screens.standup import StandupScreen

        self.go_to("standup", StandupScreen)

    def action_insights(self) -> None:
        from improve.tui.screens.insights import InsightsScreen

        self.go_to("insights", InsightsScreen)

    def action_retro(self) -> None:
        from improve.tui.screens.retro import RetroScreen

        self.go_to("retro", RetroScreen)

    def go_to(self, name: str, make: Callable[[], Screen[None]]) -> None:
        """Show one of the kept screens: idempotent, and it comes back as it was left.

        The key of the open screen does nothing; the key of a screen further down the
        stack goes back to it; otherwise the kept screen (made once, then installed, so
        that leaving it keeps the standup's person and timer) is shown again and reads
        the store again. A dialog on top keeps what was typed in it: the key waits.
        """
        if isinstance(self.screen, ModalScreen):
            return
        again = self.is_screen_installed(name)
        if not again:
            self.install_screen(make(), name)
        kept = self.get_screen(name)
        if kept in self.screen_stack:
            while self.screen is not kept:
                self.pop_screen()
            return
        self.push_screen(kept)
        if again:
            kept.post_message(messages.StoreReloaded())

    def action_leave(self) -> None:
        """`q`: back from any screen or dialog, quit from the Register (ctrl+q quits anywhere)."""
        if len(self.screen_stack) > 1:
            self.screen.dismiss(None)
        else:
            self.exit()

    def action_help(self) -> None:
        if isinstance(self.screen, ModalScreen):
            return
        opener = type(self.screen).__name__.removesuffix("Screen")
        self.push_screen(help_for(self.screen, opener))

    # --- the register, for the palette ---------------------------------------------

    def rows(self) -> list[Row]:
        """Every initiative as the register last loaded it."""
        return self.home.table.rows

    def sort_register(self, column: str | None, reverse: bool = False) -> None:
        self.action_home()
        self.home.sort_by(column, reverse)

    def reverse_register(self) -> None:
        self.action_home()
        self.home.action_sort_reverse()

    def filter_register(self, query: Query) -> None:
        self.action_home()
        self.home.apply_query(query)

    def jump_to(self, initiative_id: str) -> None:
        """Open an initiative, with the register's cursor on it for when the user comes back."""
        self.action_home()
        self.home.select(initiative_id)
        self.home.action_open()

    # --- live reload ---------------------------------------------------------------

    def poll_store(self) -> None:
        """Reload when another process replaced a store file since the last read."""
        self._show_date()
        signature = self.register.store.signature()
        if self._signature is not None and signature != self._signature:
            self._signature = signature
            self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the store again; every screen in the stack hears that it changed."""
        self._keys = None
        self.home.reload(select)
        for screen in self.screen_stack[1:]:
            screen.post_message(messages.StoreReloaded())

    def on_initiative_changed(self, event: messages.InitiativeChanged) -> None:
        self._signature = self.register.store.signature()
        self.reload(event.initiative_id)

    # --- themes --------------------------------------------------------------------

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, every text colour made to read on its backgrounds."""
        self.theme_variables = readable(super().get_css_variables())
        return self.theme_variables

    def _restore_theme(self) -> None:
        try:
            name = json.loads(self.state_path.read_text(encoding="utf-8")).get("theme")
        except (OSError, ValueError, AttributeError):
            return
        if isinstance(name, str) and name in self.available_themes:
            self.theme = name

    def _redraw(self, _: Theme) -> None:
        for screen in self.screen_stack:
            screen.post_message(messages.ThemeChanged())

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title, the store and date muted in the theme's colour (Textual's
        own "dim" fades them into a light theme)."""
        if not sub_title:
            return Content(title)
        muted = "$text-muted"
        return Content.assemble(Content(title), (" — ", muted), Content(sub_title).stylize(muted))

    def _remember_theme(self, theme: Theme) -> None:
        try:
            atomic_write(self.state_path, json.dumps({"theme": theme.name}).encode())
        except OSError:
            self.notify("could not remember the theme", severity="warning")


def store_label(path: Path, demo: bool) -> str:
    """The store as the header names it: its folder and file, which tell stores apart."""
    return "demo store" if demo else f"{path.parent.name}/{path.name}"


def create_app(
    path: Path, clock: Clock, config: Config, *, demo: bool = False, state_path: Path | None = None
) -> ImproveApp:
    """The app on a store, with the clock and config the command line uses."""
    register = Register.open(path, clock, config.who)
    return ImproveApp(register, config, store_name=store_label(path, demo), state_path=state_path)


def run_app(path: Path, clock: Clock, config: Config, *, demo: bool = False) -> None:
    create_app(path, clock, config, demo=demo).run()
