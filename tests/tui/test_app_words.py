"""In the app, every error a dialog or a key can meet names the app's keys and fields.

The service's errors carry the command line's advice (`--reason TEXT`, `improve metric`)
apart from the app's; each path below makes the app meet one of them, and checks that
what it shows says the app's words and none of the command line's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from improve.clock import FixedClock
from improve.domain import cx
from improve.domain.errors import InputError
from improve.domain.model import Direction, Status
from improve.service import Register
from improve.tui.messages import StoreReloaded
from improve.tui.screens.forms import FormScreen
from improve.tui.screens.initiative import InitiativeScreen
from improve.tui.screens.retro import RetroScreen
from improve.tui.screens.standup import StandupScreen
from tests.tui.harness import Harness
from tests.tui.improve_app import until

#: A flag (`--force`), or a command to type (`improve metric`, `` `improve ``).
SHELL_ADVICE = re.compile(r"(?<![\w-])--[a-z]|\bimprove [a-z-]+|`improve")


class Told(Harness):
    """The harness, keeping every toast it was asked to show."""

    def __init__(self, register: Register, clock: FixedClock, screen: Any) -> None:
        super().__init__(register, clock, screen)
        self.said: list[str] = []

    def notify(self, message: str, **options: Any) -> None:
        self.said.append(str(message))
        super().notify(message, **options)


def form_error(app: Harness) -> str:
    assert isinstance(app.screen, FormScreen)
    content = app.screen.query_one("#modal-error", Static).content
    return str(getattr(content, "plain", content))


def in_app_words(text: str, *expected: str) -> None:
    assert text, "nothing was said"
    assert not SHELL_ADVICE.search(text), f"command-line advice in the app: {text!r}"
    for words in expected:
        assert words in text


def metric_met(register: Register, title: str = "Cut deploy lead time") -> str:
    ini = register.add(title, owner="ana")
    register.set_metric(ini.id, "lead time", unit="h", better=Direction.DOWN, baseline=30, target=6)
    register.measure(ini.id, 6)
    return ini.id


def csat(register: Register, title: str = "Friendlier first reply") -> str:
    ini = register.add(title, owner="ana")
    register.set_metric(
        ini.id,
        "CSAT",
        unit="%",
        better=Direction.UP,
        baseline=60,
        target=80,
        kind=cx.MetricKind.CSAT,
    )
    return ini.id


def test_every_error_that_names_a_flag_has_words_for_the_app() -> None:
    error = InputError("say why it is dropped", shell="--reason TEXT", app="in the Why field")
    assert str(error) == "say why it is dropped: --reason TEXT"
    assert error.in_app == "say why it is dropped: in the Why field"
    assert InputError("x", shell="--y").in_app == "x"
    assert InputError("bad number '4x'").in_app == "bad number '4x'"


async def test_drop_without_a_reason_asks_for_the_why_field(
    register: Register, clock: FixedClock
) -> None:
    ini = register.add("Retire the old wiki")
    app = Told(register, clock, InitiativeScreen(ini.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InitiativeScreen))
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("enter")
        await until(pilot, lambda: bool(form_error(app)))
        in_app_words(form_error(app), "say why it is dropped", "Why field")


async def test_measuring_without_a_metric_names_capital_m(
    register: Register, clock: FixedClock
) -> None:
    ini = register.add("Shorter onboarding")
    app = Told(register, clock, InitiativeScreen(ini.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InitiativeScreen))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("1", "2", "enter")
        await until(pilot, lambda: bool(form_error(app)))
        in_app_words(form_error(app), "has no metric yet", "with M")


async def test_done_that_fell_short_meanwhile_names_d_and_accept_short(
    register: Register, clock: FixedClock
) -> None:
    ini_id = metric_met(register)
    app = Told(register, clock, InitiativeScreen(ini_id))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InitiativeScreen))
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        clock.advance(minutes=5)
        register.measure(ini_id, 20)  # another shell: now short of the target
        await pilot.press("enter")
        await until(pilot, lambda: bool(form_error(app)))
        in_app_words(form_error(app), "short of its target", "press d again", "Accept short")


async def test_a_pulse_on_a_metric_made_a_number_meanwhile_names_m(
    register: Register, clock: FixedClock
) -> None:
    ini_id = csat(register)
    app = Told(register, clock, InitiativeScreen(ini_id))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InitiativeScreen))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        register.set_metric(  # another shell: a plain number now
            ini_id, "replies", unit="", better=Direction.UP, baseline=1, target=5
        )
        await pilot.press("4", "space", "5", "enter")
        await until(pilot, lambda: bool(form_error(app)))
        in_app_words(form_error(app), "plain number metric", "m to record a number")


def due_today(register: Register, ini_id: str, clock: FixedClock) -> None:
    register.add_iteration(ini_id, "first slice", clock.now().date())


async def standup_measure(register: Register, clock: FixedClock, title: str) -> str:
    """Press m on the initiative's line in the Standup, type 4, enter: what the form says."""
    app = Told(register, clock, StandupScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        listed = app.screen.query_one("#standup-items", OptionList)

        def line() -> int | None:
            prompts = [str(getattr(o.prompt, "plain", o.prompt)) for o in listed.options]
            return next((n for n, p in enumerate(prompts) if title in p), None)

        await until(pilot, lambda: line() is not None)
        listed.highlighted = line()
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("4", "enter")
        await until(pilot, lambda: bool(form_error(app)))
        return form_error(app)


async def test_standup_m_on_a_survey_metric_points_to_the_initiative_screen(
    register: Register, clock: FixedClock
) -> None:
    ini_id = csat(register)
    due_today(register, ini_id, clock)
    said = await standup_measure(register, clock, "Friendlier first reply")
    in_app_words(said, "measured by CSAT responses", "enter", "press m there")


async def test_standup_m_without_a_metric_names_capital_m(
    register: Register, clock: FixedClock
) -> None:
    ini = register.add("Pair on the runbook", owner="ana")
    due_today(register, ini.id, clock)
    said = await standup_measure(register, clock, "Pair on the runbook")
    in_app_words(said, "has no metric yet", "with M")


async def test_retro_export_over_a_file_names_the_overwrite_box(
    register: Register, clock: FixedClock, tmp_path: Path
) -> None:
    metric_met(register)
    target = tmp_path / "retro.md"
    target.write_text("keep me", encoding="utf-8")
    app = Told(register, clock, RetroScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RetroScreen))
        screen = app.screen
        assert isinstance(screen, RetroScreen)
        await until(pilot, lambda: screen.retro is not None)
        screen.query_one("#retro-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any("exists" in s for s in app.said))
    said = next(s for s in app.said if "exists" in s)
    in_app_words(said, "tick overwrite")
    assert target.read_text(encoding="utf-8") == "keep me"


async def test_an_initiative_deleted_meanwhile_is_said_without_a_command(
    register: Register, clock: FixedClock
) -> None:
    ini = register.add("Merge the two runbooks")
    app = Told(register, clock, InitiativeScreen(ini.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InitiativeScreen))
        register.delete(ini.id)  # another shell
        app.screen.post_message(StoreReloaded())
        await until(pilot, lambda: any("no initiative" in s for s in app.said))
    said = next(s for s in app.said if "no initiative" in s)
    in_app_words(said, "no longer in the store")


def test_the_command_line_keeps_its_flags(register: Register) -> None:
    """The same errors, met on the command line's path, still name its flags."""
    ini = register.add("Retire the old wiki")
    with pytest.raises(InputError, match="--reason TEXT"):
        register.set_status(ini.id, Status.DROPPED)
    with pytest.raises(InputError, match="`improve metric`"):
        register.measure(ini.id, 3)


async def test_two_reloads_after_the_initiative_vanished_close_its_screen_once(
    register: Register, clock: FixedClock
) -> None:
    """Found by the long fuzz run (seed 5019): the store was read twice before the screen
    of a deleted initiative had gone, and the second dismiss crashed the app."""
    ini = register.add("Merge the two runbooks")
    app = Told(register, clock, InitiativeScreen(ini.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InitiativeScreen), "the initiative")
        screen = app.screen
        register.delete(ini.id)  # another shell
        screen.post_message(StoreReloaded())
        screen.post_message(StoreReloaded())
        await until(pilot, lambda: not isinstance(app.screen, InitiativeScreen), "it closed")
        await pilot.pause()
        assert app._exception is None
        assert app.is_running
    assert sum("no initiative" in s for s in app.said) == 1
