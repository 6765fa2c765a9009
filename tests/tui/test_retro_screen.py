"""The Retrospective screen: choose, preview, export, and be told where the file went."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Input, Label, Markdown, Select

from improve.clock import FixedClock
from improve.demo.story import write_demo
from improve.service import Register
from improve.tui.screens.retro import RetroScreen
from tests.conftest import NOW
from tests.tui.harness import Harness
from tests.tui.improve_app import demo_store, make_app, workers_done


class Recording(Harness):
    """The harness, keeping every notification it was asked to show."""

    def __init__(self, register: Register, clock: FixedClock) -> None:
        super().__init__(register, clock, RetroScreen())
        self.said: list[tuple[str, str]] = []

    def notify(self, message: str, **options: Any) -> None:
        self.said.append((message, options.get("severity", "information")))
        super().notify(message, **options)


async def settle(app: App[None], pilot: Any) -> None:
    """Until no read or build runs and a Retro screen on top has built its retro, two
    turns in a row (a choice changed starts its build on the next turn)."""
    quiet = 0
    for _ in range(100_000):
        await pilot.pause()
        await workers_done(app)
        screen = app.screen
        built = not isinstance(screen, RetroScreen) or screen.retro is not None
        busy = any(not w.is_finished for w in app.workers)
        quiet = quiet + 1 if built and not busy else 0
        if quiet >= 2:
            return
    raise AssertionError("the screen never settled")


def where(app: App[None]) -> str:
    return str(app.screen.query_one("#retro-where", Label).content)


async def test_preview_follows_the_period_and_team(register: Register, clock: FixedClock) -> None:
    write_demo(register, NOW.date())
    app = Recording(register, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert where(app).startswith("sprint, 10 Nov – 23 Nov 2026 (14 days) · all teams")
        assert len(app.screen.query_one("#retro-markdown", Markdown).children) > 10
        await pilot.press("p", "p", "p", "p")
        await settle(app, pilot)
        assert where(app).startswith("quarter, 24 Aug – 23 Nov 2026")
        await pilot.press("t")
        await settle(app, pilot)
        assert "· platform ·" in where(app)
        source = app.screen.query_one("#retro-markdown", Markdown).source
        assert source.startswith("# Retrospective · platform · ")


async def test_export_writes_the_chosen_format_and_says_where(
    register: Register, clock: FixedClock, tmp_path: Path
) -> None:
    write_demo(register, NOW.date())
    app = Recording(register, clock)
    target = tmp_path / "out" / "retro.md"
    target.parent.mkdir()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#retro-path", Input).value = str(target)
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one("#retro-format", Select).value == "html"
        assert app.screen.query_one("#retro-path", Input).value == str(target.with_suffix(".html"))
        await pilot.press("ctrl+s")
        await pilot.pause()
    written = target.with_suffix(".html")
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert app.said[-1] == (f"Retro written to {written}", "information")


async def test_export_refuses_to_overwrite_until_told(
    register: Register, clock: FixedClock, tmp_path: Path
) -> None:
    write_demo(register, NOW.date())
    target = tmp_path / "retro.md"
    target.write_text("keep me", encoding="utf-8")
    app = Recording(register, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#retro-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.said[-1][1] == "error"
        assert "exists" in app.said[-1][0]
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.click("#retro-force")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert target.read_text(encoding="utf-8").startswith("# Retrospective")
    assert app.said[-1][0] == f"Retro written to {target}"


async def test_capital_r_opens_the_retrospective_from_the_register(
    tmp_path: Path, clock: FixedClock
) -> None:
    app = make_app(demo_store(tmp_path / "improve.json", clock), clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("R")
        await settle(app, pilot)
        assert isinstance(app.screen, RetroScreen)
        assert where(app).startswith("sprint, 10 Nov – 23 Nov 2026")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RetroScreen)
