"""Every screen readable in every dark built-in theme (the light ones are in
`test_contrast_light.py`, so that the two run side by side).

What the terminal would be sent is measured on every screen people use: text at least
4.5:1 against its own background, bars and marks at least 3:1. Header, footer and
scrollbars count like our own widgets.

`ansi-dark` and `ansi-light` are left out, and only they: their colours are the
terminal's own sixteen, which each terminal (and user) sets; Textual's stand-in
palette for them says nothing about what a user will see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.theme import BUILTIN_THEMES

from improve.clock import FixedClock
from tests.tui.theme_walk import faint_in_themes

THEMES = sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi-"))
DARK = [name for name in THEMES if BUILTIN_THEMES[name].dark]


async def test_every_screen_is_readable_in_every_dark_theme(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = await faint_in_themes(tmp_path, clock, monkeypatch, DARK)
    assert not found, f"{len(found)} pieces too faint:\n" + "\n".join(found[:300])
