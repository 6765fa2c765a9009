"""Undo and redo in the app (u, ctrl+z / U, ctrl+y) and the delete of a mistaken capture."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from improve.clock import FixedClock
from improve.domain.register import Filter
from improve.service import Register
from improve.tui.app import ImproveApp
from improve.tui.screens.initiative import InitiativeScreen
from improve.tui.screens.register import RegisterScreen
from tests.tui.improve_app import make_app, palette_hits, settle, until


@pytest.fixture
def store(store_path: Path, clock: FixedClock) -> Path:
    Register.open(store_path, clock, "kim@desk").add("Someone else's idea")
    return store_path


def titles(path: Path, clock: FixedClock) -> set[str]:
    return {i.title for i in Register.open(path, clock, "x").initiatives(Filter())}


def said(app: ImproveApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def reread(app: ImproveApp, pilot: Pilot[None]) -> None:
    """Until the register shows what the store holds (the write, then the reload)."""
    store = app.register.store.path
    clock = app.clock
    assert isinstance(clock, FixedClock)
    await until(pilot, lambda: {r.title for r in app.rows()} == titles(store, clock), "reload")


async def test_undo_takes_back_my_last_capture_and_redo_puts_it_back(
    store: Path, clock: FixedClock
) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for title in ("One", "Two", "Three"):
            await pilot.press("a", *title, "enter")
        await reread(app, pilot)
        await pilot.press("u")
        await reread(app, pilot)
        assert titles(store, clock) == {"Someone else's idea", "One", "Two"}
        assert any("Undone: add 'Three'" in m and "redo" in m for m in said(app))
        assert "Three" not in [r.title for r in app.rows()]
        await pilot.press("ctrl+z", "ctrl+y")
        await reread(app, pilot)
        assert titles(store, clock) == {"Someone else's idea", "One", "Two"}
        await pilot.press("U")
        await reread(app, pilot)
        assert titles(store, clock) == {"Someone else's idea", "One", "Two", "Three"}
        await pilot.press("U")
        await pilot.pause()
        assert any("nothing to redo" in m for m in said(app))


async def test_undo_never_takes_back_another_writers_change(store: Path, clock: FixedClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("u")
        await pilot.pause()
        assert titles(store, clock) == {"Someone else's idea"}
        assert any("nothing to undo for sam@laptop" in m for m in said(app))


async def test_delete_a_mistaken_capture_then_undo_it(store: Path, clock: FixedClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", *"Tpyo in a hurry", "enter")
        await reread(app, pilot)
        app.jump_to(next(r.id for r in app.rows() if r.title == "Tpyo in a hurry"))
        await pilot.pause()
        assert isinstance(app.screen, InitiativeScreen)
        await pilot.press("D")
        await reread(app, pilot)
        assert isinstance(app.screen, RegisterScreen)
        assert titles(store, clock) == {"Someone else's idea"}
        assert [r.title for r in app.rows()] == ["Someone else's idea"]
        assert any("Deleted 'Tpyo in a hurry'" in m for m in said(app))
        await pilot.press("u")
        await reread(app, pilot)
        assert titles(store, clock) == {"Someone else's idea", "Tpyo in a hurry"}
        assert any("Undone: delete 'Tpyo in a hurry'" in m for m in said(app))


async def test_the_palette_offers_undo(store: Path, clock: FixedClock) -> None:
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", *"Oops", "enter")
        await reread(app, pilot)
        hits = await palette_hits(app, pilot, "undo")
        assert hits[0] == "Undo my last change"
        await pilot.press("enter")
        await reread(app, pilot)
        assert titles(store, clock) == {"Someone else's idea"}
