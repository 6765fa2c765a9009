"""Every screen readable in every light built-in theme (see `test_contrast.py`), and a
theme switched on an open screen redraws it in the new theme's colours."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.theme import BUILTIN_THEMES

from improve.clock import FixedClock
from improve.tui.screens.initiative import InitiativeScreen
from improve.tui.screens.insights import InsightsScreen
from improve.tui.screens.standup import StandupScreen
from tests.tui.contrast import poor_text
from tests.tui.improve_app import demo_store, make_app, settle, until
from tests.tui.test_contrast import THEMES
from tests.tui.theme_walk import SHOWN, faint_in_themes

LIGHT = [name for name in THEMES if not BUILTIN_THEMES[name].dark]


async def test_every_screen_is_readable_in_every_light_theme(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = await faint_in_themes(tmp_path, clock, monkeypatch, LIGHT)
    assert not found, f"{len(found)} pieces too faint:\n" + "\n".join(found[:300])


async def test_a_theme_switched_on_an_open_screen_redraws_it(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Text built in Python carries its colours: the screens build it again."""
    app = make_app(demo_store(tmp_path / "improve.json", clock), clock, demo=True)
    found: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        [shown] = [i for i in app.register.initiatives() if i.title == SHOWN]
        for where, go, kind in (
            ("Register", lambda: None, type(app.screen)),
            ("Initiative", lambda: app.jump_to(shown.id), InitiativeScreen),
            ("Standup", app.action_standup, StandupScreen),
            ("Insights", app.action_insights, InsightsScreen),
        ):
            app.action_home()
            app.theme = "textual-dark"
            go()
            await until(pilot, lambda: isinstance(app.screen, kind), where)  # noqa: B023
            await until(pilot, lambda: getattr(app.screen, "loaded", True), where)
            app.theme = "textual-light"
            await until(pilot, lambda: app.current_theme.name == "textual-light", "the theme")
            await pilot.pause()
            await pilot.pause()
            found += [f"{where}: {poor}" for poor in poor_text(app)]
    assert not found, "\n".join(found)
