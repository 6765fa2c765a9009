"""A Static whose text mixes plain and muted parts, in the theme's colours."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual.widgets import Static

from improve.tui.theme_styles import component_style


class MutedStatic(Static):
    """Its `muted` style is `$text-muted` as drawn on this widget's own background (a
    fixed "dim" fades into a light theme's cream)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"muted-static--muted"}
    DEFAULT_CSS = "MutedStatic > .muted-static--muted { color: $text-muted; }"

    @property
    def muted(self) -> Style:
        return component_style(self, "muted-static--muted")
