"""SVG snapshots of the Standup and Insights screens on the demo, Monday 23 Nov 2026 09:00.

Regenerate after a deliberate change of look with `pytest tests/tui/test_team_snapshots.py
--snapshot-update -n0`, and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from improve.clock import FixedClock
from improve.tui.app import ImproveApp
from improve.tui.screens.whole import WholeRegisterScreen
from tests.tui.improve_app import demo_store, make_app, settle

SIZES = [(80, 24), (120, 40)]
Compare = Callable[..., bool]


def opened(*keys: str) -> Callable[[Pilot[None]], object]:
    """Wait for the register's first read, press the keys, and wait for the screen
    they open to have read the store (turn after turn of the loop, never for time).

    Pressing before the register has read leaves two reads racing (the CI once drew
    Insights half-way through them).
    """

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, ImproveApp)
        await settle(app, pilot)
        await pilot.press(*keys)
        for _ in range(100_000):
            await pilot.pause()
            await app.workers.wait_for_complete()
            if isinstance(app.screen, WholeRegisterScreen) and app.screen.loaded:
                break
        else:
            raise AssertionError(f"{app.screen!r} never finished reading the store")
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_standup_first_person(
    snap_compare: Compare, tmp_path: Path, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(demo_store(tmp_path / "improve.json", clock), clock, demo=True)
    assert snap_compare(app, terminal_size=size, run_before=opened("s", "n"))


@pytest.mark.parametrize("size", SIZES)
def test_standup_summary(
    snap_compare: Compare, tmp_path: Path, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(demo_store(tmp_path / "improve.json", clock), clock, demo=True)
    assert snap_compare(app, terminal_size=size, run_before=opened("s", *"nnnnn"))


@pytest.mark.parametrize("size", SIZES)
def test_insights(
    snap_compare: Compare, tmp_path: Path, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(demo_store(tmp_path / "improve.json", clock), clock, demo=True)
    assert snap_compare(app, terminal_size=size, run_before=opened("i"))
