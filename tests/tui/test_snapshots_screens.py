"""SVG snapshots of the Initiative, Capture and Help screens on the demo data.

The whole app runs on a fresh demo store with the clock fixed at Monday 23 Nov 2026
09:00 UTC, so every run draws the same screens. Update after a deliberate change with
`pytest tests/tui/test_snapshots_screens.py --snapshot-update`, and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from improve.clock import FixedClock
from improve.tui.app import ImproveApp
from improve.tui.screens.initiative import InitiativeScreen
from tests.tui.improve_app import demo_store, make_app, settle

SIZES = [(80, 24), (120, 40)]
SHOWN = "Cut deploy lead time with one pipeline"

Snap = Callable[..., bool]


@pytest.fixture
def demo_app(tmp_path: Path, clock: FixedClock) -> ImproveApp:
    return make_app(demo_store(tmp_path / "improve.json", clock), clock, demo=True)


async def open_initiative(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, ImproveApp)
    await settle(app, pilot)
    [found] = [i for i in app.register.initiatives() if i.title == SHOWN]
    await app.push_screen(InitiativeScreen(found.id))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_initiative(snap_compare: Snap, demo_app: ImproveApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=open_initiative)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_capture(snap_compare: Snap, demo_app: ImproveApp, size: tuple[int, int]) -> None:
    async def type_a_line(pilot: Pilot[Any]) -> None:
        assert isinstance(pilot.app, ImproveApp)
        await settle(pilot.app, pilot)
        await pilot.press("a", *"Cut deploy time #automate @sam +ci v4 e2")

    assert snap_compare(demo_app, terminal_size=size, run_before=type_a_line)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare: Snap, demo_app: ImproveApp, size: tuple[int, int]) -> None:
    async def help_on_initiative(pilot: Pilot[Any]) -> None:
        await open_initiative(pilot)
        await pilot.press("question_mark")

    assert snap_compare(demo_app, terminal_size=size, run_before=help_on_initiative)
