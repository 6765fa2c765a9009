"""Every theme made readable: text colours nudged until they reach WCAG AA.

Textual derives `$text-warning`, `$text-muted`, the footer's keys and the Markdown
headings from a theme's colours without checking contrast, so on a light theme some
read at 2.5:1 (`textual-light`'s muted key column, `catppuccin-latte`'s footer keys).
Here each such colour is moved toward the theme's own foreground, a step at a time,
until it reads 4.5:1 on every background the app draws text on (`$background`,
`$surface`, `$panel`, the footer's). Colours stay the theme's: a blend of two of its
own, never a fixed colour. ANSI themes are left to the terminal's palette.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.color import Color, ColorParseError

#: WCAG AA for normal text, and for marks (bars, scrollbar thumbs). A little over, so
#: that a widget's own tint (`$boost`, a list's background) cannot take text under.
TEXT, MARKS = 4.6, 3.1
STEP = 0.05
#: Textual tints a focused widget's background toward the foreground by this much.
FOCUS_TINT = 0.05

#: Colours for text (coloured, muted, Markdown headings), and the footer's, each with
#: the backgrounds it is drawn on.
ON_SCREEN = (
    ("background", "surface", "panel"),
    (
        "foreground",
        "text-primary",
        "text-secondary",
        "text-accent",
        "text-warning",
        "text-error",
        "text-success",
        "text-muted",
        "foreground-muted",
        "button-foreground",
        *(f"markdown-h{n}-color" for n in range(1, 7)),
    ),
    TEXT,
)
ON_FOOTER = (
    ("footer-background",),
    ("footer-foreground", "footer-key-foreground", "footer-description-foreground"),
    TEXT,
)
#: The cursor, also what marks the focused control: it must show on every background,
#: and its text on it.
CURSOR_BAND = (("background", "surface", "panel"), ("block-cursor-background",), MARKS)
CURSOR = (("block-cursor-background",), ("block-cursor-foreground",), TEXT)
#: The focused widget's border, a mark that must show on every background.
BORDER = (("background", "surface", "panel"), ("border",), MARKS)
#: An unfocused text box's frame: fainter than the focused one's, still there.
BORDER_BLURRED = (("background", "surface", "panel"), ("border-blurred",), MARKS)
SCROLLBAR = (
    ("scrollbar-background", "scrollbar-background-hover", "scrollbar-background-active"),
    ("scrollbar", "scrollbar-hover", "scrollbar-active"),
    MARKS,
)


#: In order: the cursor's background before the text on it.
GROUPS = (ON_SCREEN, ON_FOOTER, CURSOR_BAND, CURSOR, BORDER, BORDER_BLURRED, SCROLLBAR)


def contrast(one: Color, other: Color) -> float:
    """The WCAG contrast ratio of two opaque colours."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def _parse(value: str) -> tuple[str, float]:
    """`'auto 60%'` -> `('auto', 0.6)`; `'#81a1c1 35%'` -> `('#81a1c1', 0.35)`."""
    colour, _, percent = value.strip().partition(" ")
    alpha = float(percent.rstrip("%")) / 100 if percent.endswith("%") else 1.0
    return colour, alpha


def _solid(value: str, under: Color) -> Color | None:
    """A variable's colour as drawn on `under` (None: not a plain colour)."""
    colour, alpha = _parse(value)
    if colour == "auto":
        return under + under.get_contrast_text(alpha)
    try:
        parsed = Color.parse(colour)
    except ColorParseError:
        return None
    if parsed.ansi is not None:
        return None
    return under + parsed.multiply_alpha(alpha)


def _worst(value: str, backgrounds: list[Color]) -> float:
    """The lowest contrast of a colour on these backgrounds. A colour with alpha (or
    `auto`) may be mixed on one and drawn on another (Rich text built on a screen, shown
    in its panel), so every pair counts."""
    mixed = [_solid(value, under) for under in backgrounds]
    return min(contrast(fg, under) for fg in mixed if fg is not None for under in backgrounds)


def readable(variables: Mapping[str, str]) -> dict[str, str]:
    """The theme's variables with every text colour made to read on every background."""
    found = dict(variables)
    base = _solid(found.get("background", ""), Color(0, 0, 0))
    if base is None:  # an ANSI theme: the terminal's palette decides
        return found
    ink = _solid(found.get("foreground", ""), base) or base.inverse
    for under, names, minimum in (
        ON_SCREEN,
        ON_FOOTER,
        CURSOR_BAND,
        CURSOR,
        BORDER,
        BORDER_BLURRED,
        SCROLLBAR,
    ):
        backgrounds = [_solid(found[name], base) or base for name in under if name in found]
        if names is ON_SCREEN[1]:  # text also sits on a focused widget's tint
            backgrounds += [under + ink.with_alpha(FOCUS_TINT) for under in backgrounds]
        ink = _ink(found.get(names[0], ""), backgrounds, minimum)
        for name in names:
            value = found.get(name)
            if value is not None and _solid(value, base) is not None:
                found[name] = _nudged(value, ink, backgrounds, minimum)
    return found


def _ink(foreground: str, backgrounds: list[Color], minimum: float) -> Color:
    """What colours move toward: the first of the group (the foreground) if it reads,
    else black or white, whichever reads better."""
    solid = _solid(foreground, backgrounds[0])
    if solid is not None and _worst(solid.hex, backgrounds) >= minimum:
        return solid
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    return max((black, white), key=lambda ink: _worst(ink.hex, backgrounds))


def _nudged(value: str, ink: Color, backgrounds: list[Color], minimum: float) -> str:
    if _worst(value, backgrounds) >= minimum:
        return value
    colour, alpha = _parse(value)
    if colour == "auto":
        while alpha < 1 and _worst(f"auto {round(alpha * 100)}%", backgrounds) < minimum:
            alpha = min(alpha + STEP, 1.0)
        if _worst(f"auto {round(alpha * 100)}%", backgrounds) >= minimum:
            return f"auto {round(alpha * 100)}%"
        return ink.hex  # Textual's choice of black or white is not the better one here
    start = _solid(value, backgrounds[0]) or ink
    moved, share = start, 0.0
    while share < 1 and _worst(moved.hex, backgrounds) < minimum:
        share = min(share + STEP, 1.0)
        moved = start.blend(ink, share)
    return moved.hex
