"""The retro's three sections as text areas: went well, didn't, try.

Each starts with what the store holds: the team's words, or the data's prefill for a
section never edited. What the user types is theirs: a section whose text differs from
what it was last given (`dirty`) is never replaced by a reload. The widget does not
write: it posts `TalkEdited` and `TryChosen`, and the screen saves through the service.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, TextArea

from improve.domain.retro_record import DIDNT, SECTIONS, TRY, WENT_WELL
from improve.domain.retro_talk import lines_of
from improve.tui.messages import TalkEdited, TryChosen

TITLES = {WENT_WELL: "Went well", DIDNT: "Didn't go well", TRY: "Try next"}


class RetroTalk(Vertical):
    """Went well / didn't / try, editable; the screen's `ctrl+t` makes the try line under
    the cursor an initiative; escape leaves a box, not the retro."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_box", "Leave the box", id="retro.leave-box", show=False),
    ]

    DEFAULT_CSS = """
    RetroTalk { width: 1fr; height: 1fr; padding: 0 1 0 0; }
    RetroTalk .talk-head { height: 1; padding: 0 1; }
    RetroTalk .talk-title { width: 1fr; min-width: 15; text-style: bold; }
    RetroTalk .talk-state { width: auto; color: $text-muted; }
    RetroTalk TextArea { height: 1fr; min-height: 3; padding: 0; }
    RetroTalk #talk-try-bar { height: 1; padding: 0 1; }
    RetroTalk #talk-make { width: auto; min-width: 22; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: What each section was last given from the store (or saved to it).
        self.given: dict[str, str] = {}
        #: The text areas by section, kept so that what was typed can be read (and saved)
        #: even while the screen is being taken down.
        self.areas = {
            name: TextArea(
                "", id=f"talk-{name}", soft_wrap=True, show_line_numbers=False, tab_behavior="focus"
            )
            for name in SECTIONS
        }
        self.states = {
            name: Label(Text(""), classes="talk-state", id=f"talk-{name}-state")
            for name in SECTIONS
        }

    def compose(self) -> ComposeResult:
        for name in SECTIONS:
            with Horizontal(classes="talk-head"):
                yield Label(Text(TITLES[name]), classes="talk-title")
                yield self.states[name]
            yield self.areas[name]
        with Horizontal(id="talk-try-bar"):
            yield Button("^t Make initiative", compact=True, id="talk-make")

    def area(self, name: str) -> TextArea:
        return self.areas[name]

    def dirty(self) -> dict[str, str]:
        """The sections the user changed since they were last given, with their text."""
        return {
            name: self.area(name).text
            for name in SECTIONS
            if name in self.given and self.area(name).text != self.given[name]
        }

    def give(self, texts: Mapping[str, str], edited: frozenset[str]) -> None:
        """Show what the store holds, except where the user has typed something newer."""
        typed = self.dirty()
        for name, text in texts.items():
            self._state(name, name in edited)
            if name in typed:
                continue
            self.given[name] = text
            if self.area(name).text != text:
                self.area(name).load_text(text)

    def saved(self, texts: Mapping[str, str]) -> None:
        """These texts are in the store now: they are no longer the user's alone."""
        for name, text in texts.items():
            self.given[name] = text
            self._state(name, True)

    def _state(self, name: str, edited: bool) -> None:
        unedited = "one a line" if name == TRY else "from the data"
        self.states[name].update(Text("the team's words" if edited else unedited))

    def try_line(self) -> str:
        """The try line under the cursor, without its bullet ("" on a blank line)."""
        area = self.area(TRY)
        row = area.cursor_location[0]
        lines = area.text.splitlines()
        found = lines_of(lines[row]) if row < len(lines) else ()
        return found[0] if found else ""

    def enter(self, name: str) -> None:
        """Into a section, the cursor after its last line, so typing adds to it."""
        self.area(name).focus()
        self._to_end(self.area(name))

    def _to_end(self, area: TextArea) -> None:
        area.move_cursor(area.document.end)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Tabbed into a section whose cursor never moved: it goes after the last line,
        not before the first (a trial's typing ran into the first prefilled line)."""
        area = event.widget
        if isinstance(area, TextArea) and area.cursor_location == (0, 0) and area.text:
            self._to_end(area)

    def action_leave_box(self) -> None:
        """Escape leaves the box (what was typed is kept); a second escape leaves the retro."""
        self.screen.set_focus(None)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.dirty():
            self.post_message(TalkEdited())

    @on(Button.Pressed, "#talk-make")
    def action_make_action(self) -> None:
        self.post_message(TryChosen(self.try_line()))
