"""The Insights screen on the demo data, Monday 23 Nov 2026 at 09:00."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from improve.clock import FixedClock
from improve.demo.story import write_demo
from improve.service import Register
from improve.tui.screens.insights import InsightsScreen
from improve.tui.widgets.insights_parts import Drawn
from tests.conftest import NOW
from tests.tui.harness import Harness
from tests.tui.improve_app import demo_store, make_app, settle, until


@pytest.fixture
def app(register: Register, clock: FixedClock) -> Harness:
    write_demo(register, NOW.date())
    return Harness(register, clock, InsightsScreen())


async def ready(app: Harness, pilot: Pilot[None]) -> None:
    """Wait until the screen has read the register and drawn what it found."""
    await until(pilot, lambda: isinstance(app.screen, InsightsScreen), "the insights")
    screen = app.screen
    assert isinstance(screen, InsightsScreen)
    await until(pilot, lambda: screen.loaded and screen.result is not None, "the insights read")
    await pilot.pause()


def drawn(app: Harness, name: str) -> str:
    return app.screen.query_one(f"#insights-{name}", Drawn).render().plain


def where(app: Harness) -> str:
    content = app.screen.query_one("#insights-where", Static).content
    return str(getattr(content, "plain", content))


async def test_every_section_is_drawn_to_fit(app: Harness) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert where(app) == "Insights · quarter · 24 Aug 2026 – 23 Nov 2026 · all teams"
        principles = drawn(app, "principles").splitlines()
        assert principles[1].startswith("Focus on value")
        assert principles[1].rstrip().endswith("61%  4 measured")
        pick = drawn(app, "pick")
        assert "IMPLEMENT" in pick
        assert "KILL" in pick
        assert "8eba" in pick
        trust = drawn(app, "trust")
        assert "capability   100%" in trust
        assert "96 of 141 kept" in trust
        assert "Leaver access review with HR" in drawn(app, "quick")
        balance = " ".join(drawn(app, "balance").split())
        assert "value · · 3 32% · · 3 90% 1 – 7 61%" in balance
        assert "no initiative serves the offer or agree stage" in balance
        for name in ("principles", "pick", "weeks", "trust", "quick", "balance"):
            widget = app.screen.query_one(f"#insights-{name}", Drawn)
            assert max(len(line) for line in drawn(app, name).splitlines()) <= widget.size.width


async def test_two_columns_when_wide(app: Harness) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        left = app.screen.query_one("#insights-left").region
        right = app.screen.query_one("#insights-right").region
        assert right.x > left.x + left.width - 1
        assert drawn(app, "principles").splitlines()[0] == "Focus on value"


async def test_p_changes_the_period_and_t_the_team(app: Harness) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("p")
        assert where(app).startswith("Insights · week · 17 Nov 2026")
        assert "not enough data" in drawn(app, "trust")
        await pilot.press("p")
        assert where(app).startswith("Insights · sprint · 10 Nov 2026")
        await pilot.press("t")
        assert where(app).endswith("· team platform")
        assert "8eba" not in drawn(app, "pick")


async def test_a_renamed_principle_label_is_literal(register: Register, clock: FixedClock) -> None:
    write_demo(register, NOW.date())
    app = Harness(register, clock, InsightsScreen())
    app.config = type(app.config)(labels={"value": "[b]Value[/b] first"})
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert "[b]Value[/b] first" in drawn(app, "principles")


async def test_a_tiny_terminal_still_renders(app: Harness) -> None:
    async with app.run_test(size=(40, 12)) as pilot:
        await ready(app, pilot)
        await pilot.press("p", "t")
        await pilot.pause()
        assert drawn(app, "pick")
        assert where(app).startswith("Insights · week")


async def test_done_work_that_slid_back_is_named_by_its_key(
    tmp_path: Path, clock: FixedClock
) -> None:
    """The Register hands Insights its read of open work's keys; a gain that slid back
    after done is closed work, and is still named by its key, as in the standup."""
    app = make_app(demo_store(tmp_path / "improve.json", clock), clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        for _ in range(100_000):
            await pilot.pause()
            await app.workers.wait_for_complete()
            screen = app.screen
            if isinstance(screen, InsightsScreen) and screen.result is not None:
                break
        slid = app.screen.query_one("#insights-slid", Drawn).render().plain
    assert slid.startswith("2225  Quarantine the flaky tests we already know")
