"""Colour for the Insights screen's plain-text lines.

The lines come from `render_insights`, the same as `improve insights` prints; here
they only gain the theme's colours: bars, quadrant names, flagged quick wins, and each
of the three C's by how well it reads. User text is never parsed as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from improve.domain.insights import Quadrant
from improve.domain.trust import Trust
from improve.text.balance import NUDGE
from improve.text.insights import FULL, trust_lines

PALETTE = ("bar", "good", "warn", "bad", "muted", "key", "quadrant")
Palette = Mapping[str, Style]
GOOD, FAIR = 0.7, 0.4
_BARS = re.compile(f"{FULL}+")
_QUADRANTS = re.compile("|".join(q.value.upper() for q in Quadrant))


Build = Callable[[int], Text]


class Drawn(Widget):
    """Text drawn for the width the widget has, so a chart never wraps into a mess.

    Textual asks for the height at a given width before it lays out, and renders at
    the width it settled on; both go through the same `build(width)`.
    """

    DEFAULT_CSS = "Drawn { height: auto; width: 1fr; text-wrap: nowrap; text-overflow: clip; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.build: Build = lambda _: Text()

    def show(self, build: Build) -> None:
        self.build = build
        self.refresh(layout=True)

    def text(self, width: int) -> Text:
        drawn = self.build(max(width, 20))
        drawn.no_wrap, drawn.overflow = True, "crop"
        return drawn

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.text(width).plain.split("\n"))

    def render(self) -> Text:
        return self.text(self.size.width)


def bars(lines: Sequence[str], p: Palette) -> Text:
    """Lines with their bar glyphs in the bar colour."""
    text = Text("\n".join(lines))
    text.highlight_regex(_BARS, p["bar"])
    return text


def pick(lines: Sequence[str], flagged: Collection[str], p: Palette) -> Text:
    """The PICK chart: quadrant names stand out, flagged quick wins in the warning colour."""
    text = Text("\n".join(lines))
    text.highlight_regex(_QUADRANTS, p["quadrant"])
    for key in flagged:
        if key:
            text.highlight_regex(rf"\b{re.escape(key)}\b", p["warn"])
    return text


def grade(value: float | None, p: Palette) -> Style:
    if value is None:
        return p["muted"]
    return p["good"] if value >= GOOD else p["warn"] if value >= FAIR else p["bad"]


def trust(items: Sequence[Trust], width: int, p: Palette) -> Text:
    """Each C's headline coloured by how it reads; the how-lines muted beneath."""
    text = Text()
    for item in items:
        lines = trust_lines([item], width)
        text.append(lines[0] + "\n", grade(item.value, p))
        text.append("\n".join(lines[1:]) + "\n", p["muted"])
    text.rstrip()
    return text


def balance(lines: Sequence[str], p: Palette) -> Text:
    """The balance grid; the nudges (the lines under a bullet) in the warning colour."""
    text = Text()
    nudging = False
    for line in lines:
        nudging = line.startswith(NUDGE) or (nudging and line.startswith(" "))
        text.append(line + "\n", p["warn"] if nudging else "")
    text.rstrip()
    return text
