"""SVG snapshots of the Retrospective screen on the demo store, with a fixed clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from improve.clock import FixedClock
from improve.demo.story import write_demo
from improve.service import Register
from improve.store.storage import Store
from improve.tui.screens.retro import RetroScreen
from tests.conftest import NOW
from tests.tui.harness import Harness


def retro_app(tmp_path: Path) -> Harness:
    clock = FixedClock(NOW)
    register = Register(Store(tmp_path / "improve.json", clock), clock, "sam@laptop")
    write_demo(register, NOW.date())
    return Harness(register, clock, RetroScreen())


async def settled(pilot: Pilot[Any]) -> None:
    """Wait, turn after turn of the loop, until the retro is read, built and shown.

    Reading and building are two workers, the second started by the first's result, so
    one wait for the workers of the moment is not enough on a slow machine.
    """
    for _ in range(100_000):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        screen = pilot.app.screen
        shown = isinstance(screen, RetroScreen) and screen.retro is not None
        if shown and not any(w.is_running for w in pilot.app.workers):
            break
    else:
        raise AssertionError("the retro was never shown")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_retro_screen(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(retro_app(tmp_path), terminal_size=size, run_before=settled)


async def test_retro_screen_still_renders_at_40x12(tmp_path: Path) -> None:
    app = retro_app(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, RetroScreen)
        assert app.screen.retro is not None
