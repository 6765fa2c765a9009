"""WCAG contrast of what the app draws: every text segment against its own background.

Read from the compositor's full render (what the terminal is sent), so the theme's
chrome (header, footer, scrollbars) counts as much as our own widgets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.color import Color
from rich.style import Style
from rich.terminal_theme import TerminalTheme
from textual.app import App
from textual.geometry import Region
from textual.screen import ModalScreen

#: Text must reach AA for normal text; bars, marks and lines the non-text minimum.
TEXT_MINIMUM = 4.5
MARK_MINIMUM = 3.0
#: How far a terminal fades dim text toward its background (Textual's DimFilter too).
DIM_FACTOR = 0.5

_MARK_RANGES = (
    (0x2190, 0x21FF),  # arrows
    (0x2500, 0x257F),  # box drawing: borders, axes, rules
    (0x2580, 0x259F),  # block elements: bars, sparklines, tall borders
    (0x25A0, 0x25FF),  # geometric shapes: ● ○ ◆ ▶
    (0x2800, 0x28FF),  # braille: chart points
)
_MARKS = frozenset("·•…✓✗✔+-=_|")


def is_mark(char: str) -> bool:
    code = ord(char)
    return char in _MARKS or any(low <= code <= high for low, high in _MARK_RANGES)


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.triplet or (0, 0, 0)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(one: Color, other: Color) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(under: Color, over: Color, factor: float) -> Color:
    (r1, g1, b1), (r2, g2, b2) = under.triplet or (0, 0, 0), over.triplet or (0, 0, 0)
    return Color.from_rgb(r1 + (r2 - r1) * factor, g1 + (g2 - g1) * factor, b1 + (b2 - b1) * factor)


@dataclass(frozen=True)
class Poor:
    """One piece of text that is too faint on its background."""

    text: str
    ratio: float
    minimum: float
    line: int

    def __str__(self) -> str:
        return f"{self.text.strip()!r} {self.ratio:.2f}:1 < {self.minimum}:1 (line {self.line})"


def colours(style: Style, terminal: TerminalTheme) -> tuple[Color, Color]:
    """The colours the terminal shows for a style: ANSI colours and the default colours
    as the app's ANSI theme has them, reverse and dim resolved."""
    fg = Color.from_triplet(
        style.color.get_truecolor(terminal, foreground=True)
        if style.color
        else terminal.foreground_color
    )
    bg = Color.from_triplet(
        style.bgcolor.get_truecolor(terminal, foreground=False)
        if style.bgcolor
        else terminal.background_color
    )
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:
        fg = blend(bg, fg, DIM_FACTOR)
    return fg, bg


def shown_regions(app: App[object]) -> list[Region]:
    """Where the open screen draws: all of it, or a dialog's own box (what lies behind
    a dialog is dimmed on purpose: it is not there to be read)."""
    screen = app.screen
    if isinstance(screen, ModalScreen):
        return [child.region for child in screen.children]
    return [screen.region]


def drawn(app: App[object]) -> list[tuple[int, int, str, Color, Color]]:
    """Every segment the terminal would be sent: x, y, text, foreground, background."""
    terminal = app.ansi_theme
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    found = []
    for y, line in enumerate(update.strips):
        x = 0
        for segment in (segment for strip in line for segment in strip):
            text, style, control = segment
            at, x = x, x + segment.cell_length
            if not control and style is not None:
                found.append((at, y, text, *colours(style, terminal)))
    return found


def backgrounds_of(app: App[object], regions: list[Region]) -> list[Color]:
    """The background most of each region is drawn on."""
    cells: list[Counter[Color]] = [Counter() for _ in regions]
    for x, y, text, _, bg in drawn(app):
        for region, counted in zip(regions, cells, strict=True):
            if region.contains(x, y):
                counted[bg] += len(text)
    return [counted.most_common(1)[0][0] for counted in cells]


def poor_text(app: App[object]) -> list[Poor]:
    """Every segment on screen whose contrast is under its minimum."""
    regions = shown_regions(app)
    found: list[Poor] = []
    for at, y, text, fg, bg in drawn(app):
        if not text.strip() or not any(region.contains(at, y) for region in regions):
            continue
        marks = all(is_mark(c) for c in text if not c.isspace())
        minimum = MARK_MINIMUM if marks else TEXT_MINIMUM
        measured = ratio(fg, bg)
        if measured < minimum:
            found.append(Poor(text, measured, minimum, y))
    return found
