"""Styles from the theme for text the app builds in Python (Rich `Text`, segments).

A component class's *partial* style keeps a colour as the theme wrote it, and Rich
cannot draw `auto 60%` or `$text-muted`'s alpha: it drops them to a solid colour, which
is how light themes came to draw white on cream. Here every colour is resolved the way
Textual resolves a widget's own: `auto` picked against the background it sits on, alpha
blended onto it. The background stays unset unless the class sets one, so a cursor or
a panel behind the text still shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from textual.widget import Widget


def component_style(node: Widget, name: str) -> Style:
    """The style of one of `node`'s component classes, its colours resolved."""
    own = node.get_component_rich_style(name, partial=True)
    full = node.get_component_rich_style(name)
    return own + Style.from_color(
        full.color if own.color is not None else None,
        full.bgcolor if own.bgcolor is not None else None,
    )


def component_styles(node: Widget, prefix: str, names: Iterable[str]) -> dict[str, Style]:
    """`{name: style}` for the component classes `prefix--name`."""
    return {name: component_style(node, f"{prefix}--{name}") for name in names}
