"""A bare app that gives a screen what `ImproveApp` gives it: register, clock, config, keys."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget

from improve.clock import Clock
from improve.config import Config
from improve.service import Register
from improve.tui.messages import InitiativeChanged


class Harness(App[None]):
    """Opens one screen on a register, and records what it returned and what it posted."""

    def __init__(self, register: Register, clock: Clock, screen: Screen[Any]) -> None:
        super().__init__()
        self.register = register
        self.clock = clock
        self.config = Config(writer="sam@laptop")
        self.first = screen
        self.results: list[Any] = []
        self.changed: list[str] = []

    def keys(self) -> dict[str, str]:
        return self.register.keys()

    def on_mount(self) -> None:
        self.push_screen(self.first, self.results.append)

    def on_initiative_changed(self, message: InitiativeChanged) -> None:
        self.changed.append(message.initiative_id)


def widget_text(widget: Widget) -> str:
    """What a widget draws, as plain lines, whether or not it is scrolled into view."""
    if widget.children:
        return "\n".join(widget_text(child) for child in widget.children)
    height = max(widget.size.height, widget.virtual_size.height)
    lines = widget.render_lines(Region(0, 0, widget.size.width, height))
    return "\n".join(line.text.rstrip() for line in lines)
