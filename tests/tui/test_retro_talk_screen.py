"""The Retro screen's went well / didn't / try: prefilled from the data, what the team
types kept (leaving the screen, a reload of the store, a fresh start), and a try line
made an initiative with `ctrl+t`."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import Input, TextArea

from improve.clock import FixedClock
from improve.domain.model import Direction, Principle, Source, Status
from improve.domain.period import Period
from improve.service import Register
from improve.store.storage import Store
from improve.tui.screens.forms import FormScreen
from improve.tui.screens.help import help_for
from improve.tui.screens.retro import RetroScreen
from tests.conftest import NOW
from tests.tui.harness import Harness

SPRINT = Period.last("sprint", NOW.date())


def _history(register: Register, clock: FixedClock) -> None:
    """One outcome met and one dropped in the sprint: a line each in the prefill."""
    clock.advance(hours=-8)
    key = register.key(register.add("Cut deploy time", owner="ana").id)
    register.set_metric(key, "deploy", unit="min", better=Direction.DOWN, baseline=30, target=10)
    clock.advance(hours=1)
    register.measure(key, 8)
    clock.advance(hours=1)
    register.set_status(key, Status.DONE)
    other = register.key(register.add("Move the wiki").id)
    register.set_status(other, Status.DROPPED, "superseded by the portal")
    clock.advance(hours=6)


async def settle(app: App[None], pilot: Any) -> None:
    """Turn after turn of the loop, until no read, build or save is running and the
    screen on top (the retro, or a dialog over it) has what it shows."""
    for _ in range(100_000):
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        shown = not isinstance(screen, RetroScreen) or screen.retro is not None
        if shown and not any(w.is_running for w in app.workers):
            break
    else:
        raise AssertionError("the retro screen never settled")
    await pilot.pause()


def area(app: App[None], name: str) -> TextArea:
    return app.screen.query_one(f"#talk-{name}", TextArea)


async def _type(pilot: Any, text: str) -> None:
    for char in text:
        await pilot.press(
            {" ": "space", "\n": "enter", "@": "at", "#": "number_sign"}.get(char, char)
        )


async def test_sections_are_prefilled_and_what_is_typed_is_kept(
    register: Register, clock: FixedClock
) -> None:
    _history(register, clock)
    app = Harness(register, clock, RetroScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert area(app, "went_well").text == (
            "Met its target: Cut deploy time (30 min → 8 min, target 10 min)"
        )
        assert area(app, "didnt").text == "Dropped: Move the wiki (superseded by the portal)"
        assert area(app, "try").text == ""
        area(app, "try").focus()
        await _type(pilot, "Pair on reviews @bo")
        area(app, "didnt").focus()
        await pilot.press("end", "enter")
        await _type(pilot, "Too many meetings")
        await pilot.press("escape")  # leave: saved at once, no waiting for a quiet spell
        await settle(app, pilot)
        record = register.retro_record("", SPRINT)
        assert record is not None
        assert record.tries == "Pair on reviews @bo"
        assert record.didnt == (
            "Dropped: Move the wiki (superseded by the portal)\nToo many meetings"
        )
        assert record.went_well is None  # untouched: still prefilled from the data
    fresh = Register(Store(register.store.path, clock), clock, "sam@laptop")
    again = Harness(fresh, clock, RetroScreen())
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        assert area(again, "try").text == "Pair on reviews @bo"
        assert area(again, "didnt").text.endswith("\nToo many meetings")


async def test_a_reload_never_overwrites_what_is_being_typed(
    register: Register, clock: FixedClock
) -> None:
    _history(register, clock)
    app = Harness(register, clock, RetroScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RetroScreen)
        screen.save_after = 3600  # what is typed stays unsaved until the flush below
        area(app, "try").focus()
        await _type(pilot, "Demo every Friday")
        other = Register(Store(register.store.path, clock), clock, "bo@desk")
        other.save_talk("", SPRINT, {"try": "Written elsewhere", "went_well": "Bo says: demos"})
        screen.reload()  # the store changed under the screen
        await settle(app, pilot)
        assert area(app, "try").text == "Demo every Friday"  # being typed: kept
        assert area(app, "went_well").text == "Bo says: demos"  # not touched here: updated
        assert screen.flush()
        record = register.retro_record("", SPRINT)
        assert record is not None
        assert record.tries == "Demo every Friday"
        assert [c.old for c in record.history if c.field == "try"][-1] == "Written elsewhere"


async def test_ctrl_t_makes_the_try_line_an_initiative(
    register: Register, clock: FixedClock
) -> None:
    _history(register, clock)
    app = Harness(register, clock, RetroScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        area(app, "try").focus()
        await _type(pilot, "Smaller stories\nPair on reviews @bo #simple")
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.values() == {"title": "Pair on reviews", "owner": "bo", "principle": "simple"}
        form.query_one("#field-owner", Input).value = "cy"
        form.query_one("#field-title", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RetroScreen)
        made = [i for i in register.initiatives() if i.source is Source.RETRO]
        assert [(i.title, i.owner, i.principle) for i in made] == [
            ("Pair on reviews", "cy", Principle.SIMPLE)
        ]
        assert app.changed == [made[0].id]
        record = register.retro_record("", SPRINT)
        assert record is not None
        assert [a.line for a in record.actions] == ["Pair on reviews @bo #simple"]
        assert record.tries == "Smaller stories\nPair on reviews @bo #simple"
        await pilot.press("ctrl+t")  # the same line again: said, not made twice
        await settle(app, pilot)
        assert isinstance(app.screen, RetroScreen)
        assert len([i for i in register.initiatives() if i.source is Source.RETRO]) == 1


async def test_quitting_the_app_keeps_what_was_typed(register: Register, clock: FixedClock) -> None:
    _history(register, clock)
    app = Harness(register, clock, RetroScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("e", "tab", "tab")
        assert app.focused is area(app, "try")
        await _type(pilot, "Demo on Fridays")
        await app.action_quit()  # at once: no quiet spell for the timed save
    record = register.retro_record("", SPRINT)
    assert record is not None
    assert record.tries == "Demo on Fridays"


async def test_a_reload_with_a_team_chosen_keeps_the_words_with_that_team(
    register: Register, clock: FixedClock
) -> None:
    _history(register, clock)
    register.edit(register.key(register.initiatives()[0].id), team="platform")
    app = Harness(register, clock, RetroScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RetroScreen)
        screen.save_after = 3600
        await pilot.press("t")  # all teams -> platform
        await settle(app, pilot)
        assert screen.choice("team") == "platform"
        await pilot.press("e", "tab", "tab")
        await _type(pilot, "Demo on Fridays")
        shown: list[str] = []
        give = screen.talk.give

        def watched(texts: Any, edited: Any) -> None:
            assert screen.talk_key is not None
            shown.append(screen.talk_key[0])
            give(texts, edited)

        screen.talk.give = watched  # type: ignore[method-assign]
        for _ in range(2):  # the store changed twice under the screen (a poll, a merge)
            screen.reload()
            await settle(app, pilot)
        assert shown == ["platform", "platform"]  # never the all-teams retro in between
        assert area(app, "try").text == "Demo on Fridays"
        await pilot.press("escape")
        await settle(app, pilot)
    mine = register.retro_record("platform", SPRINT)
    assert mine is not None
    assert mine.tries == "Demo on Fridays"
    assert register.retro_record("", SPRINT) is None  # the all-teams retro was never written


async def test_e_then_typing_adds_a_line_after_the_prefill(
    register: Register, clock: FixedClock
) -> None:
    """A tmux trial pressed e, then enter and a line: it ran into the first prefilled
    line ("Standup ran in 8 minutesMet its target…"). e puts the cursor after the last
    line; tabbing into a section does the same."""
    _history(register, clock)
    app = Harness(register, clock, RetroScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        prefill = area(app, "went_well").text
        await pilot.press("e", "enter")
        await _type(pilot, "Standup ran in 8 minutes")
        assert area(app, "went_well").text == prefill + "\nStandup ran in 8 minutes"
        await pilot.press("tab", "enter")
        await _type(pilot, "Reviews waited")
        assert area(app, "didnt").text.splitlines()[-1] == "Reviews waited"


async def test_escape_leaves_the_box_and_a_second_escape_the_retro(
    register: Register, clock: FixedClock
) -> None:
    _history(register, clock)
    app = Harness(register, clock, RetroScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("e", "escape")
        assert isinstance(app.screen, RetroScreen)
        assert not isinstance(app.focused, TextArea)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, RetroScreen)


async def test_ctrl_t_is_a_key_of_the_screen_and_in_its_help(
    register: Register, clock: FixedClock
) -> None:
    """The try line under the try box's cursor becomes an initiative wherever the focus
    is; and help lists the key (it was the text box's alone, missing from help)."""
    _history(register, clock)
    app = Harness(register, clock, RetroScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        area(app, "try").focus()
        await _type(pilot, "Pair on reviews @bo")
        await pilot.press("escape")
        listed = help_for(app.screen, "Retro").bindings
        assert any(b.key == "ctrl+t" and b.description for b in listed)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.values()["title"] == "Pair on reviews"
