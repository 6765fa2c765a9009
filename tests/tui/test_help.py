"""Help: the opener's keys, the seven principles and the seven steps, on one page."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static

from improve.clock import FixedClock
from improve.domain.model import Principle, Step
from improve.service import Register
from improve.tui.screens.help import HelpScreen
from tests.tui.harness import Harness, widget_text

BINDINGS = [
    Binding("m", "measure", "Measure", id="x.measure"),
    Binding("greater_than_sign", "next_step", "Next step", id="x.step"),
    Binding("space", "toggle", "Toggle done", id="x.toggle"),
    Binding("j", "measure", "Measure again"),
    Binding("z", "hidden", ""),
]


def text_of(app: Harness, selector: str) -> str:
    return widget_text(app.screen.query_one(selector, Static))


async def test_help_lists_the_keys_principles_and_steps(
    register: Register, clock: FixedClock
) -> None:
    app = Harness(register, clock, HelpScreen("Initiative", BINDINGS))
    async with app.run_test(size=(120, 40)):
        keys = text_of(app, "#help-keys")
        assert "m" in keys
        assert "Measure" in keys
        assert ">" in keys
        assert "Next step" in keys
        assert "Toggle done" in keys
        assert "Measure again" not in keys
        principles = " ".join(text_of(app, "#help-principles").split())
        for principle in Principle:
            assert principle.label in principles
            assert principle.question in principles
        steps = text_of(app, "#help-steps")
        for step in Step:
            assert step.value in steps
            assert step.question in steps


async def test_help_wraps_and_scrolls_at_80x24(register: Register, clock: FixedClock) -> None:
    app = Harness(register, clock, HelpScreen("Initiative", BINDINGS))
    async with app.run_test(size=(80, 24)) as pilot:
        page = app.screen.query_one("#help-page")
        assert page.max_scroll_y > 0
        await pilot.press("end")
        assert page.scroll_y == page.max_scroll_y
        assert "What manual work can go" in text_of(app, "#help-principles")


async def test_escape_and_question_mark_close_it(register: Register, clock: FixedClock) -> None:
    for key in ("escape", "question_mark"):
        app = Harness(register, clock, HelpScreen("Register", BINDINGS))
        async with app.run_test(size=(80, 24)) as pilot:
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)


async def test_it_still_renders_at_40x12(register: Register, clock: FixedClock) -> None:
    app = Harness(register, clock, HelpScreen("Initiative", BINDINGS))
    async with app.run_test(size=(40, 12)):
        assert "Who benefits" in text_of(app, "#help-principles")
