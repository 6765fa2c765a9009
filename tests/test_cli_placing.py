"""Who an initiative is for and where it sits: stakeholders, value chain, journey, source,
and the principle names people say."""

from __future__ import annotations

import json

import pytest

from improve.cli.base import PRINCIPLE_HELP
from improve.domain.errors import InputError
from improve.domain.model import Principle
from tests.conftest import Cli


def test_add_sets_who_it_is_for_and_where_it_sits(cli: Cli) -> None:
    key = cli.key(
        "add", "Answer tickets the same day",
        "--stakeholder", "customer: answers within a day",
        "--stakeholder", "Sponsor:fewer escalations",
        "--chain", "deliver and support", "--journey", "Realise value", "--source", "customer",
    )  # fmt: skip
    shown = json.loads(cli("show", key, "--json").out)
    assert shown["stakeholders"] == [
        {"role": "customer", "value": "answers within a day"},
        {"role": "sponsor", "value": "fewer escalations"},
    ]
    assert (shown["activity"], shown["journey"], shown["source"]) == (
        "deliver-support",
        "realise",
        "customer",
    )
    assert shown["principle"] is None
    text = cli("show", key).out
    assert "for        customer: answers within a day; sponsor: fewer escalations" in text
    assert "chain      deliver-support   journey realise   source customer" in text
    assert "principle  no principle" in text


def test_show_asks_the_value_question_when_nobody_is_named(cli: Cli) -> None:
    key = cli.key("add", "Tidy the runbook")
    assert "for        - (Who benefits, and how will they notice?)" in cli("show", key).out


def test_edit_replaces_and_clears(cli: Cli) -> None:
    key = cli.key("add", "Tidy the runbook", "--chain", "plan", "--stakeholder", "team:less toil")
    result = cli("edit", key, "--stakeholder", "user:finds the page", "--journey", "onboard")
    assert result.code == 0, result.err
    shown = json.loads(cli("show", key, "--json").out)
    assert shown["stakeholders"] == [{"role": "user", "value": "finds the page"}]
    assert (shown["activity"], shown["journey"]) == ("plan", "onboard")
    cli("edit", key, "--stakeholder", "none", "--chain", "none", "--source", "audit")
    shown = json.loads(cli("show", key, "--json").out)
    assert (shown["stakeholders"], shown["activity"], shown["source"]) == ([], None, "audit")
    assert cli("undo").code == 0
    assert json.loads(cli("show", key, "--json").out)["activity"] == "plan"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--stakeholder", "boss:likes it"), "unknown role 'boss'"),
        (("--stakeholder", ":likes it"), "write ROLE:WHAT"),
        (("--stakeholder", "customer:" + "x" * 81), "in a few words"),
        (("--chain", "support"), "unknown value chain activity 'support'"),
        (("--journey", "leave"), "unknown journey stage 'leave'"),
        (("--source", "rumour"), "unknown source 'rumour'"),
    ],
)
def test_bad_placing_is_bad_input(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli("add", "Something", *args)
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_list_filters_by_role_chain_journey_and_source(cli: Cli) -> None:
    a = cli.key("add", "A", "--stakeholder", "customer:x", "--chain", "engage", "--source", "team")
    b = cli.key("add", "B", "--stakeholder", "user:y", "--journey", "onboard")
    cli.key("add", "C", "--source", "incident")

    def keys(*args: str) -> set[str]:
        result = cli("list", "--json", *args)
        assert result.code == 0, result.err
        return {row["key"] for row in json.loads(result.out)}

    assert keys("--for", "customer") == {a}
    assert keys("--for", "users") == {b}
    assert keys("--chain", "engage") == {a}
    assert keys("--journey", "onboard") == {b}
    assert keys("--source", "team") == {a}
    assert keys("--for", "customer", "--journey", "onboard") == set()
    assert cli("list", "--for", "boss").code == 2


@pytest.mark.parametrize(
    ("typed", "principle"),
    [
        ("work holistically", Principle.HOLISTIC),
        ("Think and work holistically", Principle.HOLISTIC),
        ("progress iteratively", Principle.ITERATE),
        ("Progress iteratively with feedback", Principle.ITERATE),
        ("keep it simple", Principle.SIMPLE),
        ("KEEP IT SIMPLE AND PRACTICAL", Principle.SIMPLE),
        ("optimise and automate", Principle.AUTOMATE),
        ("Optimize & automate", Principle.AUTOMATE),
        ("optimize_and_automate", Principle.AUTOMATE),
        ("observe directly", Principle.START_WHERE_YOU_ARE),
        ("Start where you are", Principle.START_WHERE_YOU_ARE),
        ("be transparent", Principle.COLLABORATE),
        ("collaborate and promote visibility", Principle.COLLABORATE),
        ("design for experience", Principle.VALUE),
        ("Focus on value", Principle.VALUE),
        ("iter", Principle.ITERATE),
    ],
)
def test_principle_names_people_say(typed: str, principle: Principle) -> None:
    assert Principle.parse(typed) is principle


def test_unknown_principle_still_says_the_keys() -> None:
    with pytest.raises(InputError, match="unknown principle 'speed': use one of value, start"):
        Principle.parse("speed")


def test_principle_by_name_from_the_shell(cli: Cli) -> None:
    key = cli.key("add", "Fewer handoffs", "-p", "Work Holistically")
    assert json.loads(cli("show", key, "--json").out)["principle"] == "holistic"
    cli("edit", key, "-p", "keep it simple")
    assert json.loads(cli("show", key, "--json").out)["principle"] == "simple"


def test_principle_help_lists_names(cli: Cli) -> None:
    for principle in Principle:
        assert f"{principle.value} ({principle.label})" in PRINCIPLE_HELP
    help_text = " ".join(cli("add", "--help").out.split())
    assert "Keep it simple and practical" in help_text
    assert "design for experience" in help_text


def test_history_says_stakeholders_in_words(cli: Cli) -> None:
    key = cli.key("add", "Tidy the runbook")
    cli("edit", key, "--stakeholder", "user:finds the page", "--stakeholder", "team")
    assert "stakeholders: - → user: finds the page, team" in cli("show", key).out
