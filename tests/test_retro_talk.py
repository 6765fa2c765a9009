"""Went well / didn't / try, prefilled from a hand-made history; try lines turned into
initiatives from the command line; and the next retro (two weeks on) opening with the
actions of the last one and where they stand, in all four formats."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from improve.clock import FixedClock
from improve.domain.errors import InputError
from improve.domain.model import Status
from improve.domain.register import Filter
from improve.domain.retro import build_retro
from improve.domain.retro_model import ActionState
from improve.domain.retro_talk import lines_of, prefill, working_days
from improve.export import json_load, markdown
from improve.service import Register
from improve.service.retros import parse_actions
from tests.conftest import Cli
from tests.retro_history import SPRINT, TODAY, Story, at, history


def _team_history() -> list:  # type: ignore[type-arg]
    handover = (
        Story.new("Shorten handover", at(10, 20))
        .status(Status.ACTIVE, at(10, 21))
        .metric(60, 20, "down", at(10, 21))
        .reading(60, at(11, 2))
        .reading(62, at(11, 16))
    )
    measure = handover.ini.measure
    assert measure is not None
    handover.ini = replace(handover.ini, measure=replace(measure, target_date=date(2026, 11, 30)))
    held = (
        Story.new("Faster restores", at(10, 1))
        .status(Status.ACTIVE, at(10, 2))
        .metric(40, 10, "down", at(10, 2))
        .reading(9, at(11, 12))
        .status(Status.DONE, at(11, 13))
        .reading(10, at(11, 20))
    )
    slid = (
        Story.new("Fewer pages", at(10, 1))
        .status(Status.ACTIVE, at(10, 2))
        .metric(40, 10, "down", at(10, 2))
        .reading(10, at(11, 11))
        .status(Status.DONE, at(11, 12))
        .reading(30, at(11, 20))
    )
    blocked = (
        Story.new("Fix the VPN", at(11, 2))
        .status(Status.ACTIVE, at(11, 3))
        .status(Status.BLOCKED, at(11, 16))
    )
    briefly = (
        Story.new("Renew certificates", at(11, 2))
        .status(Status.ACTIVE, at(11, 3))
        .status(Status.BLOCKED, at(11, 20))
    )
    stories = (handover, held, slid, blocked, briefly)
    return [*history().values(), *(s.ini for s in stories)]


def test_went_well_and_didnt_are_prefilled_from_the_data() -> None:
    retro = build_retro(_team_history(), SPRINT, "platform", today=TODAY)
    filled = prefill(retro, blocked_days=3)
    assert filled["went_well"] == (
        "Met its target: Faster restores (40 min → 10 min, target 10 min; held since done)",
        "Met its target: Raise CSAT (70 min → 95 min, target 90 min)",
        "Met its target: Cut deploy time (30 min → 6 min, target 6 min)",
        "Small improvement logged: Removed a dead cron job",
        "Lesson from Move the old wiki: Check who owns a tool before moving it",
        "Lesson from Cut deploy time: Small pipelines beat big bangs",
        "Lesson from Cut deploy time: Embedded in the release checklist",
    )
    assert filled["didnt"] == (
        "Missed its target: Raise first-contact fixes (latest 15 min, target 20 min)",
        "Slid back: Fewer pages (gave back 67% of the gain since 20 Nov)",
        "Blocked for 5 working days: Fix the VPN",  # blocked Mon 16 Nov; 1 day is not said
        "Off track: Shorten handover (the forecast misses the target by 30 Nov)",
        "Dropped: Move the old wiki (superseded by the | portal)",
    )
    assert filled["try"] == ()
    longer = prefill(retro, blocked_days=5)["didnt"]
    assert not any(line.startswith("Blocked") for line in longer)


def test_working_days_skip_the_weekend() -> None:
    assert working_days(date(2026, 11, 20), date(2026, 11, 23)) == 1  # Fri to Mon
    assert working_days(date(2026, 11, 16), date(2026, 11, 23)) == 5


def test_a_sections_lines_drop_blanks_and_bullets() -> None:
    assert lines_of("- Pairing\n\n  * Demos  \n• Shorter builds\n") == (
        "Pairing",
        "Demos",
        "Shorter builds",
    )


def test_action_lines_use_captures_marks_and_refuse_what_is_not_an_action() -> None:
    [(line, action)] = parse_actions("\n# the retro of 23 Nov\nPair on reviews @bo #simple +ci\n")
    assert line == "Pair on reviews @bo #simple +ci"
    assert (action.title, action.owner, action.principle, action.tags) == (
        "Pair on reviews",
        "bo",
        "simple",
        ("ci",),
    )
    assert str(action.source) == "retro"
    for bad, said in [
        ("ok @a\nx @a @b", "line 2: two owners"),
        ("Ship it is:done", "line 1: an action is work still to do"),
        ("Ask users source:feedback", "line 1: an action's source is the retro"),
        ("Tidy #nonsense", "line 1:"),
        ("\n\n", "no actions given"),
    ]:
        with pytest.raises(InputError, match=said):
            parse_actions(bad)


ACTIONS = (
    "Pair on reviews @bo #simple\n"
    "Write the restore runbook @ana #collaborate\n"
    "Try trunk-based merges #iterate\n"
    "Drop the weekly report @cy\n"
)


def _run_two_retros(cli: Cli, tmp_path: Path, register: Register, clock: FixedClock) -> dict:  # type: ignore[type-arg]
    """Sprint one: four try lines become initiatives. Two weeks on: one done, one moving,
    one never started, one dropped."""
    actions = tmp_path / "actions.txt"
    actions.write_text(ACTIONS)
    made = cli("retro", "--team", "platform", "--actions", str(actions))
    assert made.code == 0, made.err
    assert made.out.splitlines()[-1] == "4 actions from the retro of 10 Nov – 23 Nov 2026"
    keys = [line.split()[1] for line in made.out.splitlines()[:4]]
    clock.advance(days=3)
    register.set_status(keys[0], Status.DONE)
    register.add_iteration(keys[1], "first draft")
    register.finish_iteration(keys[1], 1)
    register.set_status(keys[3], Status.DROPPED, "nobody read it")
    clock.advance(days=11)  # Monday 7 Dec: the next sprint's retro
    later = {"IMPROVE_NOW": "2026-12-07T09:00:00+00:00"}
    return {
        fmt: cli("retro", "--team", "platform", "--format", fmt, env=later).out
        for fmt in ("md", "html", "csv", "json")
    } | {"keys": keys}


def test_try_lines_become_initiatives_from_the_command_line(cli: Cli, register: Register) -> None:
    result = cli("retro", "--team", "platform", "--actions", "-")
    assert result.code == 2  # nothing on stdin
    assert "no actions given: write one action a line; nothing was added" in result.err
    bad = Path(register.store.path.parent.parent / "bad.txt")
    bad.write_text("Fine @ana\nBroken @a @b\n")
    result = cli("retro", "--team", "platform", "--actions", str(bad))
    assert result.code == 2
    assert result.err.strip() == (
        f"improve: --actions {bad}: line 2: two owners (@b is the second): keep one; "
        "nothing was added"
    )
    assert register.initiatives() == []
    assert register.retro_records() == []


def test_the_next_retro_opens_with_the_last_retros_actions_in_every_format(
    cli: Cli, tmp_path: Path, register: Register, clock: FixedClock
) -> None:
    out = _run_two_retros(cli, tmp_path, register, clock)
    made = {i.title: i for i in register.initiatives(Filter(closed_since=date(2026, 1, 1)))}
    review = made["Pair on reviews"]
    assert (review.owner, str(review.principle), str(review.source)) == ("bo", "simple", "retro")
    assert (made["Try trunk-based merges"].owner, made["Try trunk-based merges"].team) == (
        "sam",
        "platform",
    )
    md = out["md"]
    assert md.index("## Actions from the last retro") < md.index("## Went well")
    assert (
        "The retro of 10 Nov – 23 Nov turned 4 try lines into initiatives: 1 of 4 done (25%)." in md
    )
    for title, state, status in [
        ("Pair on reviews", "done", "done"),
        ("Write the restore runbook", "moving", "active"),
        ("Try trunk-based merges", "not started", "proposed"),
        ("Drop the weekly report", "dropped", "dropped"),
    ]:
        row = next(line for line in md.splitlines() if line.startswith(f"| {title} |"))
        assert row.endswith(f"| {state} | {status} |")
    assert "Actions from the last retro</h2>" in out["html"]
    assert "1 of 4 done (25%)" in out["html"]
    doc = json.loads(out["json"])
    assert doc["last_retro"]["since"] == "2026-11-10"
    assert (doc["last_retro"]["done"], doc["last_retro"]["total"]) == (1, 4)
    assert doc["last_retro"]["share_done"] == 0.25
    states = [a["state"] for a in doc["last_retro"]["actions"]]
    assert states == ["done", "moving", "not-started", "dropped"]
    rows = [r for r in csv.DictReader(io.StringIO(out["csv"])) if r["group"] == "last-retro-action"]
    assert [(r["title"], r["action_state"], r["actions_done_pct"]) for r in rows] == [
        ("Pair on reviews", "done", "25.0"),
        ("Write the restore runbook", "moving", "25.0"),
        ("Try trunk-based merges", "not-started", "25.0"),
        ("Drop the weekly report", "dropped", "25.0"),
    ]
    loaded = json_load.load(doc)
    assert loaded.last_actions is not None
    assert [a.state for a in loaded.last_actions.actions] == list(ActionState)


def test_the_retro_of_the_actions_lists_them_under_try(
    cli: Cli, tmp_path: Path, register: Register, clock: FixedClock
) -> None:
    out = _run_two_retros(cli, tmp_path, register, clock)
    later = cli("retro", "--team", "platform", env={"IMPROVE_NOW": "2026-12-07T09:00:00+00:00"})
    assert "- Finished: Pair on reviews (no measured target)" in later.out
    first = cli("retro", "--team", "platform").out  # the test clock's day: 23 Nov
    assert "## Actions from the last retro" not in first
    tries = first[first.index("## Try next") : first.index("## Summary")]
    assert f"- Pair on reviews → {out['keys'][0]}" in tries
    assert len([line for line in tries.splitlines() if line.startswith("- ")]) == 4


def test_the_preview_and_the_file_say_the_same(register: Register) -> None:
    register.add_actions("platform", SPRINT, parse_actions("Pair on reviews @bo"))
    retro = register.retrospective(SPRINT, "platform", today=TODAY, share=1 / 3)
    assert retro.talk.tries == ("Pair on reviews @bo",)
    assert [a.title for a in retro.talk.actions] == ["Pair on reviews"]
    assert "- Pair on reviews → " in markdown.render(retro, limit=3)


def test_the_demo_opens_its_retro_with_the_last_retros_actions(register: Register) -> None:
    from improve.demo.story import write_demo

    write_demo(register, TODAY)
    retro = register.retrospective(SPRINT, None, today=TODAY, share=1 / 3)
    last = retro.last_actions
    assert last is not None
    assert (last.since, last.until) == (date(2026, 10, 27), date(2026, 11, 9))
    assert [a.state for a in last.actions] == [
        ActionState.DONE,
        ActionState.MOVING,
        ActionState.MOVING,
        ActionState.NOT_STARTED,
    ]
    assert last.share_done == 0.25
    assert retro.talk.edited == frozenset()  # this sprint's retro is still the data's


def test_an_action_for_a_try_line_already_written_is_not_written_twice(
    register: Register,
) -> None:
    register.save_talk("platform", SPRINT, {"try": "Smaller stories\nWrite the runbook"})
    register.add_actions("platform", SPRINT, parse_actions("Write the runbook @ana #simple"))
    record = register.retro_record("platform", SPRINT)
    assert record is not None
    assert record.tries == "Smaller stories\nWrite the runbook"
    assert [a.line for a in record.actions] == ["Write the runbook"]


def test_blocked_days_is_a_setting(
    cli: Cli, tmp_path: Path, register: Register, clock: FixedClock
) -> None:
    key = register.key(register.add("Fix the VPN", team="platform").id)
    register.set_status(key, Status.BLOCKED, "waiting on the network team")
    later = {"IMPROVE_NOW": "2026-11-27T09:00:00+00:00"}  # blocked Mon 23 Nov: 4 working days
    assert "- Blocked for 4 working days: Fix the VPN" in cli("retro", env=later).out
    (tmp_path / "config.toml").write_text("[retro]\nblocked_days = 4\n")
    assert "Blocked for" not in cli("retro", env=later).out
    (tmp_path / "config.toml").write_text("[retro]\nblocked_days = -1\n")
    bad = cli("retro", env=later)
    assert bad.code != 0
    assert "retro.blocked_days" in bad.err
