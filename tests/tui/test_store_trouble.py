"""The store turning unreadable under an open screen or dialog: said, typed text kept, retried.

What a `git pull` with a conflict leaves: conflict markers at the top of the main file,
written by "another shell" while the app is open. The app polls (here: is told to poll).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from improve.clock import FixedClock
from improve.domain.register import Filter
from improve.service import Register
from improve.tui.app import ImproveApp
from improve.tui.screens.capture import CaptureScreen
from improve.tui.screens.forms import FormScreen
from improve.tui.screens.initiative import InitiativeScreen
from improve.tui.screens.register import RegisterScreen
from improve.tui.screens.standup import StandupScreen
from tests.tui.improve_app import demo_store, make_app, settle, until


@pytest.fixture
def demo(store_path: Path, clock: FixedClock) -> Path:
    return demo_store(store_path, clock)


def break_store(path: Path) -> bytes:
    """Conflict markers on top of the main file; returns the good bytes to put back."""
    good = path.read_bytes()
    path.write_bytes(b"<<<<<<< HEAD\n" + good)
    return good


def said(app: ImproveApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def poll(app: ImproveApp, pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """What the app's timer does every second, done now, then wait until `done`: the
    toast, the screen read again."""
    app.poll_store()
    await until(pilot, done, "the store read again")


def told(app: ImproveApp, name: str) -> Callable[[], bool]:
    return lambda: any("Cannot read the store" in m and name in m for m in said(app))


def up(app: ImproveApp) -> None:
    assert app._exception is None
    assert app.is_running


async def test_an_open_initiative_survives_the_store_breaking_and_comes_back(
    demo: Path, clock: FixedClock
) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, InitiativeScreen)
        good = break_store(demo)
        await poll(app, pilot, told(app, demo.name))
        up(app)
        assert app.screen is screen
        await pilot.press("m", *"42", "enter")
        await pilot.pause()
        up(app)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        reads = app.home.reads_finished
        demo.write_bytes(good)
        await poll(app, pilot, lambda: app.home.reads_finished > reads)
        assert app.screen is screen
        assert screen.initiative is not None


async def test_the_edit_dialog_keeps_what_was_typed_when_the_store_breaks(
    demo: Path, clock: FixedClock
) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "e")
        form = app.screen
        assert isinstance(form, FormScreen)
        title = form.query_one("#field-title", Input)
        title.value = "A title typed with care"
        good = break_store(demo)
        await poll(app, pilot, told(app, demo.name))
        await pilot.press("enter")
        await pilot.pause()
        up(app)
        assert app.screen is form
        assert title.value == "A title typed with care"
        error = str(form.query_one("#modal-error").render())
        assert "Cannot write" in error
        assert "enter" in error
        reads = app.home.reads_finished
        demo.write_bytes(good)
        await poll(app, pilot, lambda: app.home.reads_finished > reads)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, InitiativeScreen), "the form closed")
        titles = {i.title for i in Register.open(demo, clock, "x").initiatives(Filter())}
        assert "A title typed with care" in titles


async def test_capture_on_an_unreadable_store_keeps_the_line(demo: Path, clock: FixedClock) -> None:
    good = break_store(demo)
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", *"Cut deploy time #automate", "enter")
        await pilot.pause()
        up(app)
        capture = app.screen
        assert isinstance(capture, CaptureScreen)
        assert capture.query_one(Input).value == "Cut deploy time #automate"
        assert "Cannot write" in str(capture.query_one("#modal-error").render())
        demo.write_bytes(good)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)
        titles = {i.title for i in Register.open(demo, clock, "x").initiatives(Filter())}
        assert "Cut deploy time" in titles


async def test_measure_in_the_standup_on_a_broken_store(demo: Path, clock: FixedClock) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        standup = app.screen
        assert isinstance(standup, StandupScreen)
        await until(pilot, lambda: standup.loaded and standup.roll is not None, "the standup")
        listed = standup.query_one("#standup-items", OptionList)
        targets = [n for n, t in enumerate(standup.targets) if t is not None]
        listed.highlighted = targets[0]
        good = break_store(demo)
        await pilot.press("m")
        await pilot.pause()
        if isinstance(app.screen, FormScreen):
            await pilot.press(*"42", "enter")
            await pilot.pause()
        up(app)
        await poll(app, pilot, told(app, demo.name))
        await pilot.press("space", "b", "escape", "n", "m", "escape")
        await pilot.pause()
        up(app)
        reads = app.home.reads_finished
        demo.write_bytes(good)
        await poll(app, pilot, lambda: app.home.reads_finished > reads)
        up(app)
        assert isinstance(app.screen_stack[0], RegisterScreen)
