"""The workflow checked against the model: a jump over a step says what it leaves open
(and proceeds), and a step is done only when what it asks for exists."""

from __future__ import annotations

import json

from rich.style import Style

from improve.domain.model import Direction, Step
from improve.service import Register
from improve.tui.widgets.stepper import marks, state
from tests.conftest import Cli

EVERYTHING_UP_TO_CHECK = (
    "still open: no vision yet (vision); nobody named who benefits (vision); "
    "no metric yet (baseline); no baseline measurement yet (baseline); "
    "no target value yet (target); no target date yet (target); "
    "no iterations planned (plan); no iteration done yet (act); "
    "no measurement since the baseline (check)"
)


def test_a_jump_over_steps_says_what_is_still_open_and_proceeds(cli: Cli) -> None:
    key = cli.key("add", "Cut lead time")
    result = cli("step", key, "check")
    assert result.code == 0, result.err
    assert "step 6/7 check" in result.out
    lines = result.out.splitlines()
    assert lines[-1] == "  " + EVERYTHING_UP_TO_CHECK.replace(
        "; no measurement since the baseline (check)", ""
    )
    assert json.loads(cli("show", key, "--json").out)["step"] == "check"


def test_a_step_with_nothing_behind_it_says_nothing_more(cli: Cli) -> None:
    key = cli.key("add", "Cut lead time", "--vision", "faster fixes")
    cli("edit", key, "--for", "on-call engineers")
    result = cli("step", key)
    assert result.code == 0, result.err
    assert "still open" not in result.out


def test_done_at_step_one_says_what_is_missing_and_is_done(cli: Cli) -> None:
    key = cli.key("add", "Cut lead time")
    result = cli("done", key)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "  " + EVERYTHING_UP_TO_CHECK
    assert json.loads(cli("show", key, "--json").out)["status"] == "done"


def test_a_step_jumped_over_is_not_ticked(register: Register) -> None:
    """The app ticked steps 1-3 while saying "still open: no vision yet"."""
    ini = register.add("Cut lead time")
    ini = register.set_metric(
        ini.id, "lead time", unit="min", better=Direction.DOWN, baseline=62, target=20
    )
    assert ini.step is Step.TARGET
    assert [state(ini, s) for s in Step][:4] == ["open", "done", "here", "ahead"]
    shown = marks(ini, 200, dict.fromkeys(("done", "here", "ahead", "open"), Style())).plain
    assert shown.startswith("◌ vision ─ ✔ baseline ─ ● target")
    ini = register.edit(ini.id, vision="faster fixes")
    assert state(ini, Step.VISION) == "open"  # nobody named who benefits yet
    ini = register.edit(ini.id, beneficiaries="on-call engineers")
    assert [state(ini, s) for s in Step][:3] == ["done", "done", "here"]
