"""A checkbox drawn as `[x]` or `[ ]` in the theme's text colours."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widgets import Checkbox


class Tick(Checkbox):
    """Textual's box is its panel colour on the surface (1.1:1 in textual-light) and
    the X of an unticked box is faint: here both states are words' worth of contrast,
    and `[ ]` against `[x]` says which without colour."""

    BUTTON_LEFT, BUTTON_INNER, BUTTON_RIGHT = "[", "x", "]"
    DEFAULT_CSS: ClassVar[str] = """
    Tick > .toggle--button { background: transparent; color: $foreground; }
    Tick.-on > .toggle--button { background: transparent; color: $text-success; }
    """

    def render(self) -> Content:
        mark = "[x]" if self.value else "[ ]"
        button = Content.styled(mark, self.get_visual_style("toggle--button"))
        label = self.label.pad(1, 1).stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(button, label)
