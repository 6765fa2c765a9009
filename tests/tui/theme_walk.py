"""A walk through every screen people use, in one theme, measuring what each one draws.

Register, Initiative with its Measure dialog (a form), Standup (a person's turn and
the summary), Insights, Retro, Help and Capture. The theme is switched on the Register,
and every other screen is built afresh in it (the kept screens are let go after each
visit): restyling a built Retro preview in place costs seconds a theme.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.color import Color
from textual.pilot import Pilot
from textual.widgets import Input

from improve.clock import FixedClock
from improve.tui.app import ImproveApp
from improve.tui.screens import retro
from improve.tui.screens.capture import CaptureScreen
from improve.tui.screens.forms import FormScreen
from improve.tui.screens.help import HelpScreen
from improve.tui.screens.initiative import InitiativeScreen
from improve.tui.screens.insights import InsightsScreen
from improve.tui.screens.register import RegisterScreen
from improve.tui.screens.retro import RetroScreen
from improve.tui.screens.standup import StandupScreen
from tests.tui.contrast import backgrounds_of, poor_text, ratio
from tests.tui.improve_app import demo_store, make_app, settle, until

SHOWN = "Cut deploy lead time with one pipeline"
#: One of each kind on the Retro's bar (the three choosers are alike): Select, Input,
#: checkbox, Button.
RETRO_CONTROLS = ("period", "path", "force", "export")
FOCUS_MINIMUM = 3.0
Check = Callable[[str], Awaitable[None]]


async def faint_in_themes(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, themes: list[str]
) -> list[str]:
    """The walk in each theme, on the demo store, in one app."""
    # every kind of element the Retro preview has, in a fraction of its widgets
    monkeypatch.setattr(retro, "PREVIEW_ROWS", 3)
    app = make_app(demo_store(tmp_path / "improve.json", clock), clock, demo=True)
    found: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for theme in themes:
            found += await faint_in_theme(app, pilot, theme)
    return found


async def faint_in_theme(app: ImproveApp, pilot: Pilot[Any], theme: str) -> list[str]:
    """Every piece of text too faint on any screen, as 'theme · screen: text ratio'."""
    found: list[str] = []

    async def check(where: str) -> None:
        await pilot.pause()  # what the last change asked for is laid out and drawn
        found.extend(f"{theme} · {where}: {poor}" for poor in poor_text(app))

    await home(app, pilot)
    app.theme = theme
    await until(pilot, lambda: app.home.table.rows != [], "the register in the theme")
    await check("Register")
    await visit_initiative(app, pilot, check)
    await visit_team_screens(app, pilot, check)
    found.extend(f"{theme} · {said}" for said in await focus_on_retro(app, pilot))
    await visit_dialogs(app, pilot, check)
    return found


async def home(app: ImproveApp, pilot: Pilot[Any]) -> None:
    """Back to the Register, the kept screens let go so that they are built again."""
    app.action_home()
    await until(pilot, lambda: isinstance(app.screen, RegisterScreen), "the register")
    for name in ("standup", "insights", "retro"):
        if app.is_screen_installed(name):
            kept = app.get_screen(name)
            app.uninstall_screen(name)
            await kept.remove()


async def visit_initiative(app: ImproveApp, pilot: Pilot[Any], check: Check) -> None:
    [shown] = [i for i in app.register.initiatives() if i.title == SHOWN]
    app.jump_to(shown.id)
    await until(pilot, lambda: isinstance(app.screen, InitiativeScreen), "the initiative")
    await check("Initiative")
    await pilot.press("m")  # a form: labels, placeholders, the focused field, the keys
    await until(pilot, lambda: isinstance(app.screen, FormScreen), "the Measure dialog")
    await check("Measure dialog")
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(app.screen, InitiativeScreen), "back")


async def visit_team_screens(app: ImproveApp, pilot: Pilot[Any], check: Check) -> None:
    def opened(kind: type) -> Callable[[], bool]:
        return lambda: isinstance(app.screen, kind) and bool(getattr(app.screen, "loaded", 1))

    await home(app, pilot)
    await pilot.press("s", "n")
    await until(pilot, opened(StandupScreen), "the standup")
    await check("Standup, a person")
    await pilot.press(*"nnnnnnnnnn")
    await until(pilot, opened(StandupScreen), "the standup's summary")
    await check("Standup summary")
    await home(app, pilot)
    await pilot.press("i")
    await until(pilot, opened(InsightsScreen), "the insights")
    await check("Insights")
    await home(app, pilot)
    await pilot.press("R")
    await until(
        pilot, lambda: isinstance(app.screen, RetroScreen) and app.screen.retro is not None, "retro"
    )
    await check("Retro")


async def focus_on_retro(app: ImproveApp, pilot: Pilot[Any]) -> list[str]:
    """Each control of the Retro's bar, focused, differs from itself unfocused by 3:1
    (what WCAG asks of a focus indicator); Textual's compact focus is a 5% tint."""
    screen = app.screen
    controls = [screen.query_one(f"#retro-{name}") for name in RETRO_CONTROLS]
    seen: dict[tuple[int, int], Color] = {}  # (focused, looked at) -> background
    for focused, control in enumerate(controls):
        control.focus()
        await pilot.pause()
        shown = backgrounds_of(app, [c.region for c in controls])
        seen.update(((focused, n), bg) for n, bg in enumerate(shown))
    faint = []
    for n, name in enumerate(RETRO_CONTROLS):
        measured = ratio(seen[(n + 1) % len(controls), n], seen[n, n])
        if measured < FOCUS_MINIMUM:
            faint.append(f"Retro focus · {name}: {measured:.2f}:1 < {FOCUS_MINIMUM}:1")
    return faint


async def visit_dialogs(app: ImproveApp, pilot: Pilot[Any], check: Check) -> None:
    await pilot.press("question_mark")
    await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
    await check("Help")
    await home(app, pilot)
    await pilot.press("a")
    await until(pilot, lambda: isinstance(app.screen, CaptureScreen), "capture")
    app.screen.query_one(Input).value = "Cut deploy time #automate @sam +ci v4 e2"
    await check("Capture")
