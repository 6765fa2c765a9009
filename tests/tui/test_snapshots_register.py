"""SVG snapshots of the Register on the demo data, and a run at 40x12 that must not crash.

The demo store is built for a clock fixed at Monday 23 Nov 2026 09:00 UTC, so every run
draws the same screen. After a deliberate change: `pytest
tests/tui/test_snapshots_register.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from improve.clock import FixedClock
from improve.tui.app import ImproveApp
from improve.tui.screens.register import RegisterScreen
from tests.tui.improve_app import demo_store, make_app, settle, sort_by_menu

SIZES = [(80, 24), (120, 40)]
Snap = Callable[..., bool]


@pytest.fixture
def demo_app(tmp_path: Path, clock: FixedClock) -> ImproveApp:
    return make_app(demo_store(tmp_path / "improve.json", clock), clock, demo=True)


async def loaded(pilot: Pilot[Any]) -> None:
    assert isinstance(pilot.app, ImproveApp)
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_register(snap_compare: Snap, demo_app: ImproveApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=loaded)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_register_filtered_and_sorted(
    snap_compare: Snap, demo_app: ImproveApp, size: tuple[int, int]
) -> None:
    async def narrow(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("slash", *"is:all", "enter")
        screen = pilot.app.screen
        assert isinstance(screen, RegisterScreen)
        while not screen.closed_loaded:
            await loaded(pilot)
        await sort_by_menu(pilot, "by status")
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=size, run_before=narrow)


async def test_register_at_forty_by_twelve(demo_app: ImproveApp) -> None:
    async with demo_app.run_test(size=(40, 12)) as pilot:
        await loaded(pilot)
        await pilot.press("pagedown")
        await sort_by_menu(pilot, "by key")
        await pilot.press("slash", *"#auto", "enter", "end")
        await pilot.pause()
        assert isinstance(demo_app.screen, RegisterScreen)
        count = str(demo_app.screen.query_one("#register-count").content)
        assert count.endswith(f"of {demo_app.screen.table.total}"), count
        demo_app.export_screenshot()
