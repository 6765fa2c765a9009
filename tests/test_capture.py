"""The one-line capture syntax: fields by their sign, everything else is the title."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improve.domain.capture import Capture, capture_line, parse_capture
from improve.domain.errors import InputError
from improve.domain.model import (
    Activity,
    JourneyStage,
    Principle,
    Source,
    Stakeholder,
    StakeholderRole,
)


def test_the_example_from_the_product_page() -> None:
    assert parse_capture("Cut deploy time #automate @sam +ci v4 e2") == Capture(
        title="Cut deploy time",
        principle=Principle.AUTOMATE,
        owner="sam",
        tags=("ci",),
        value=4,
        effort=2,
    )


def test_fields_may_come_anywhere_and_tags_repeat() -> None:
    found = parse_capture("+ci @ana Cut +deploy team:platform  deploy   time +ci")
    assert found.title == "Cut deploy time"
    assert found.tags == ("ci", "deploy")
    assert found.owner == "ana"
    assert found.team == "platform"
    assert found.principle is None
    assert (found.value, found.effort) == (None, None)


@pytest.mark.parametrize(
    ("word", "principle"),
    [
        ("#value", Principle.VALUE),
        ("#observe", Principle.START_WHERE_YOU_ARE),
        ("#transparent", Principle.COLLABORATE),
        ("#auto", Principle.AUTOMATE),
        ("#HOLISTIC", Principle.HOLISTIC),
        ("#start-where-you-are", Principle.START_WHERE_YOU_ARE),
    ],
)
def test_principle_by_key_alias_or_prefix(word: str, principle: Principle) -> None:
    assert parse_capture(f"Fix it {word}").principle is principle


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Fix it v9", "value must be 1 to 5"),
        ("Fix it e0", "effort must be 1 to 5"),
        ("Fix it #speed", "unknown principle 'speed': use one of value, start-where-you-are"),
        ("#automate @sam", "empty title"),
        ("   ", "empty title"),
        ("Fix it @sam @ana", "two owners (@ana is the second)"),
        ("Fix it v2 v3", "two values"),
        ("Fix it #simple #iterate", "two principles"),
        ("Fix " + "x" * 201, "title too long"),
        ("Fix it @a\u202eb", "owner has U+202E RIGHT-TO-LEFT OVERRIDE at character 2"),
    ],
)
def test_errors_say_what_to_type(line: str, message: str) -> None:
    with pytest.raises(InputError, match="^" + re.escape(message)):
        parse_capture(line)


def test_errors_are_one_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_capture("x #nope")
    assert "\n" not in str(caught.value)


def test_lone_signs_and_look_alikes_stay_in_the_title() -> None:
    found = parse_capture("Ship v2.1 to ops @ 5pm + e2e tests # team: now")
    assert found.title == "Ship v2.1 to ops @ 5pm + e2e tests # team: now"
    assert found == Capture(found.title)


def test_a_backslash_keeps_a_field_like_word_in_the_title() -> None:
    found = parse_capture(r"Upgrade to \v2 \#1 priority \\x v3")
    assert found.title == r"Upgrade to v2 #1 priority \x"
    assert found.value == 3


def test_markup_in_a_title_is_just_text() -> None:
    assert parse_capture("[bold]x[/] #simple").title == "[bold]x[/]"


def test_rendering_writes_fields_after_the_title() -> None:
    capture = Capture("Upgrade to v2", Principle.SIMPLE, "sam", ("ci", "ops"), 4, 2, "platform")
    assert capture_line(capture) == r"Upgrade to \v2 #simple @sam team:platform v4 e2 +ci +ops"


_word = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cf", "Zl", "Zp", "Zs", "Cs"),
        blacklist_characters="\x1c\x1d\x1e\x1f\x85",
    ),
    min_size=1,
    max_size=12,
)
_name = _word.filter(lambda w: not w.startswith("+"))
captures = st.builds(
    Capture,
    title=st.lists(_word, min_size=1, max_size=6).map(" ".join).filter(lambda t: len(t) <= 200),
    principle=st.none() | st.sampled_from(Principle),
    owner=st.just("") | _word,
    tags=st.lists(_name, max_size=4, unique=True).map(tuple),
    value=st.none() | st.integers(1, 5),
    effort=st.none() | st.integers(1, 5),
    team=st.just("") | _word,
    activity=st.none() | st.sampled_from(Activity),
    journey=st.none() | st.sampled_from(JourneyStage),
    source=st.none() | st.sampled_from(Source),
    stakeholders=st.lists(st.sampled_from(StakeholderRole), max_size=3, unique=True).map(
        lambda roles: tuple(Stakeholder(r) for r in roles)
    ),
)


@given(captures)
def test_any_capture_rendered_back_to_a_line_parses_to_itself(capture: Capture) -> None:
    assert parse_capture(capture_line(capture)) == capture


@given(st.text(max_size=80))
def test_any_line_either_parses_to_a_stable_capture_or_says_why(line: str) -> None:
    try:
        capture = parse_capture(line)
    except InputError as error:
        message = str(error)
    else:
        assert parse_capture(capture_line(capture)) == capture
        return
    assert message
    assert "\n" not in message


def test_marks_for_the_value_chain_the_journey_the_source_and_whom() -> None:
    found = parse_capture(
        "Clearer welcome mail chain:engage journey:Onboard source:feedback for:customers for:user"
    )
    assert found.title == "Clearer welcome mail"
    assert (found.activity, found.journey, found.source) == (
        Activity.ENGAGE,
        JourneyStage.ONBOARD,
        Source.FEEDBACK,
    )
    assert found.stakeholders == (
        Stakeholder(StakeholderRole.CUSTOMER),
        Stakeholder(StakeholderRole.USER),
    )
    assert found.principle is None  # none given: none set, not Focus on value


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Fix it chain:support", "unknown value chain activity 'support'"),
        ("Fix it chain:plan chain:improve", "two value chain activities"),
        ("Fix it journey:leave", "unknown journey stage 'leave'"),
        ("Fix it for:boss", "unknown role 'boss'"),
        ("Fix it source:rumour", "unknown source 'rumour'"),
    ],
)
def test_bad_marks_say_what_to_type(line: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_capture(line)


def test_is_done_marks_done_work_and_round_trips() -> None:
    capture = parse_capture("Pinned the CI image IS:DONE @ana")
    assert capture.done
    assert capture.title == "Pinned the CI image"
    assert parse_capture(capture_line(capture)) == capture
    assert not parse_capture("Pinned \\is:done").done
