"""Moving between screens: idempotent keys, screens kept as they were left, `q`."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from improve.clock import FixedClock
from improve.tui.app import ImproveApp
from improve.tui.screens.capture import CaptureScreen
from improve.tui.screens.initiative import InitiativeScreen
from improve.tui.screens.insights import InsightsScreen
from improve.tui.screens.register import RegisterScreen
from improve.tui.screens.retro import RetroScreen
from improve.tui.screens.standup import StandupScreen
from improve.tui.screens.whole import WholeRegisterScreen
from tests.tui.improve_app import demo_store, make_app, settle, until

SCREENS = {"s": StandupScreen, "i": InsightsScreen, "R": RetroScreen}


@pytest.fixture
def demo(store_path: Path, clock: FixedClock) -> Path:
    return demo_store(store_path, clock)


def read(app: ImproveApp) -> bool:
    """Whether the screen on top has read what it shows."""
    screen = app.screen
    if isinstance(screen, WholeRegisterScreen):
        return screen.loaded
    if isinstance(screen, RetroScreen):
        return screen.retro is not None
    if isinstance(screen, InitiativeScreen):
        return screen.initiative is not None
    return True


async def opened(app: ImproveApp, pilot: Pilot[None]) -> None:
    await until(pilot, lambda: read(app), f"{app.screen!r} read")
    await pilot.pause()


def sane(app: ImproveApp) -> None:
    """One Register at the bottom, each screen at most once, the app still up."""
    stack = app.screen_stack
    assert isinstance(stack[0], RegisterScreen)
    assert len({id(s) for s in stack}) == len(stack)
    assert not any(isinstance(s, RegisterScreen) for s in stack[1:])
    assert app._exception is None
    assert app.is_running


@pytest.mark.parametrize("keys", ["s s", "i i", "R R", "s i s", "i s i", "R s R", "s R i s"])
async def test_the_key_of_an_open_screen_never_opens_it_twice(
    demo: Path, clock: FixedClock, keys: str
) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for key in keys.split():
            await pilot.press(key)
            await opened(app, pilot)
            sane(app)
            assert isinstance(app.screen, SCREENS[key])
        kinds = [type(s) for s in app.screen_stack]
        assert len(kinds) == len(set(kinds))


async def test_coming_back_to_the_standup_keeps_the_person_and_the_timer(
    demo: Path, clock: FixedClock
) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await opened(app, pilot)
        standup = app.screen
        assert isinstance(standup, StandupScreen)
        await pilot.press("n", "n", "T")
        person, started = standup.person, standup.timer.started
        assert person is not None
        assert standup.timer.running
        clock.advance(seconds=40)
        await pilot.press("escape")
        assert isinstance(app.screen, RegisterScreen)
        await pilot.press("i", "s")
        await opened(app, pilot)
        assert app.screen is standup
        timer = standup.timer
        assert (standup.person, timer.running, timer.started) == (person, True, started)
        sane(app)


async def test_a_screen_key_waits_while_a_dialog_holds_typed_text(
    demo: Path, clock: FixedClock
) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", *"Fix the flaky build")
        capture = app.screen
        assert isinstance(capture, CaptureScreen)
        app.action_standup()
        app.action_capture()
        await pilot.pause()
        assert app.screen is capture
        await pilot.press("escape", "enter")
        assert isinstance(app.screen, InitiativeScreen)
        await pilot.press("s", "enter")
        await opened(app, pilot)
        await pilot.press("s")
        assert isinstance(app.screen, StandupScreen)
        sane(app)


async def test_q_goes_back_from_every_screen_and_quits_from_the_register(
    demo: Path, clock: FixedClock
) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "question_mark", "q")
        assert isinstance(app.screen, InitiativeScreen)
        for key in ("s", "i", "R"):
            await pilot.press(key)
            await opened(app, pilot)
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, InitiativeScreen)
        await pilot.press("a", "q")
        assert isinstance(app.screen, CaptureScreen)
        await pilot.press("escape", "q")
        assert isinstance(app.screen, RegisterScreen)
        assert app.is_running
        await pilot.press("slash", "q")
        assert app.is_running
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize("keys", [(), ("enter",), ("s",), ("i",), ("R",)])
async def test_at_80_columns_the_footer_keeps_help_in_view(
    demo: Path, clock: FixedClock, keys: tuple[str, ...]
) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*keys)
        await opened(app, pilot)
        footer = app.screen.query_one(Footer)
        shown = {k.description: k for k in footer.query(FooterKey)}
        assert "Help" in shown, list(shown)
        assert 0 < shown["Help"].region.right <= 80, shown["Help"].region
        assert type(app.screen).__name__.removesuffix("Screen") not in shown
