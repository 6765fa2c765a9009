"""Capture: typing one line shows what it says, `enter` saves it, `escape` does not."""

from __future__ import annotations

from textual.widgets import Static

from improve.clock import FixedClock
from improve.domain.model import (
    Activity,
    JourneyStage,
    Principle,
    StakeholderRole,
    Status,
    Step,
)
from improve.service import Register
from improve.tui.screens.capture import CaptureScreen
from tests.tui.harness import Harness


def shown(app: Harness, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_enter_saves_the_parsed_fields_and_returns_the_new_id(
    register: Register, clock: FixedClock
) -> None:
    app = Harness(register, clock, CaptureScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Cut deploy time #automate @sam +ci +ops v4 e2 team:platform")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CaptureScreen)
    [saved] = register.initiatives()
    assert app.results == [saved.id]
    assert app.changed == [saved.id]
    assert saved.title == "Cut deploy time"
    assert saved.principle is Principle.AUTOMATE
    assert saved.owner == "sam"
    assert saved.team == "platform"
    assert saved.tags == ("ci", "ops")
    assert (saved.value, saved.effort) == (4, 2)
    assert (saved.status, saved.step) == (Status.PROPOSED, Step.VISION)


async def test_the_preview_follows_every_keystroke(register: Register, clock: FixedClock) -> None:
    app = Harness(register, clock, CaptureScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        assert "e.g. Cut deploy time" in shown(app, "#capture-preview")
        await pilot.press(*"Fix login #sim")
        preview = shown(app, "#capture-preview")
        assert "Fix login" in preview
        assert "Keep it simple and practical" in preview
        await pilot.press(*"ple @ana v5")
        preview = shown(app, "#capture-preview")
        assert "ana" in preview
        assert "value      5" in preview


async def test_an_error_shows_inline_and_enter_keeps_the_modal_open(
    register: Register, clock: FixedClock
) -> None:
    app = Harness(register, clock, CaptureScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Cut deploy time v9")
        assert "value must be 1 to 5, not 9" in shown(app, "#modal-error")
        await pilot.press("enter")
        assert isinstance(app.screen, CaptureScreen)
        assert register.initiatives() == []
        await pilot.press("backspace", "4", "space", *"#speed")
        assert "unknown principle 'speed'" in shown(app, "#modal-error")
        await pilot.press(*["backspace"] * 6)
        assert shown(app, "#modal-error") == ""
        await pilot.press("enter")
        await pilot.pause()
    [saved] = register.initiatives()
    assert (saved.title, saved.value) == ("Cut deploy time", 4)


async def test_escape_cancels_without_writing(register: Register, clock: FixedClock) -> None:
    app = Harness(register, clock, CaptureScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Something #simple", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, CaptureScreen)
    assert app.results == [None]
    assert register.initiatives() == []


async def test_markup_in_the_line_is_shown_and_saved_literally(
    register: Register, clock: FixedClock
) -> None:
    app = Harness(register, clock, CaptureScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"[bold]x[/] [link=file:///etc]y @[red]z")
        preview = shown(app, "#capture-preview")
        assert "[bold]x[/] [link=file:///etc]y" in preview
        assert "[red]z" in preview
        await pilot.press("enter")
        await pilot.pause()
    [saved] = register.initiatives()
    assert (saved.title, saved.owner) == ("[bold]x[/] [link=file:///etc]y", "[red]z")


async def test_it_still_renders_at_40x12(register: Register, clock: FixedClock) -> None:
    app = Harness(register, clock, CaptureScreen())
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press(*"Tiny #simple v1")
        assert "Tiny" in shown(app, "#capture-preview")


async def test_marks_place_the_idea_and_no_principle_stays_none(
    register: Register, clock: FixedClock
) -> None:
    app = Harness(register, clock, CaptureScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Clearer welcome mail chain:engage journey:onboard for:customer")
        preview = shown(app, "#capture-preview")
        assert "none yet" in preview
        assert "chain engage · journey onboard · for customer" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CaptureScreen)
    [saved] = register.initiatives()
    assert saved.principle is None
    assert (saved.activity, saved.journey) == (Activity.ENGAGE, JourneyStage.ONBOARD)
    assert [s.role for s in saved.stakeholders] == [StakeholderRole.CUSTOMER]


async def test_is_done_logs_work_already_done_as_improve_log_does(
    register: Register, clock: FixedClock
) -> None:
    app = Harness(register, clock, CaptureScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Pinned the CI image is:done #simple @ana +ci")
        await pilot.pause()
        assert "done already" in shown(app, "#capture-preview")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CaptureScreen)
    [saved] = register.initiatives()
    assert saved.title == "Pinned the CI image"
    assert (saved.status, saved.step, saved.logged) == (Status.DONE, Step.MOMENTUM, True)
    assert (saved.principle, saved.owner, saved.tags) == (Principle.SIMPLE, "ana", ("ci",))


async def test_is_done_with_a_score_says_what_to_drop_and_keeps_the_line(
    register: Register, clock: FixedClock
) -> None:
    app = Harness(register, clock, CaptureScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Pinned the CI image is:done v4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert "drop v1-5" in shown(app, "#modal-error")
    assert register.initiatives() == []
