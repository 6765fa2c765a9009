"""Change → outcome, did it hold, and honest outcomes, on hand-made histories with known dates."""

from __future__ import annotations

from datetime import date

import pytest

from improve.domain import outcomes
from improve.domain.errors import InputError
from improve.domain.model import Direction, Measure, Status
from improve.domain.outcomes import Verdict
from improve.domain.retro import build_retro
from improve.domain.retro_model import Group
from improve.export import render
from improve.service import Register
from tests.retro_history import SPRINT, TODAY, Story, at, history


def _deploy_with_changes() -> Story:
    """Lead time 30 → 24 → 20 → 14 min; four changes, three of them in one interval."""
    return (
        Story.new("Cut lead time", at(11, 1))
        .status(Status.ACTIVE, at(11, 1))
        .metric(30, 10, "down", at(11, 2))
        .iteration(date(2026, 11, 4), at(11, 4), at(11, 2))
        .reading(24, at(11, 6))
        .iteration(date(2026, 11, 9), at(11, 9), at(11, 2))
        .iteration(date(2026, 11, 10), at(11, 10), at(11, 2))
        .iteration(date(2026, 11, 11), at(11, 11), at(11, 2))
        .reading(14, at(11, 13))
        .iteration(date(2026, 11, 18), at(11, 18), at(11, 2))
    )


def test_each_done_iteration_reads_the_readings_either_side() -> None:
    found = outcomes.effects(_deploy_with_changes().ini)
    assert next((e.number, e.before, e.after) for e in found) == (
        1,
        (at(11, 2), 30),
        (at(11, 6), 24),
    )
    assert [e.delta for e in found] == [-6, -10, -10, -10, None]
    assert [e.crowded for e in found] == [1, 3, 3, 3, 1]
    assert outcomes.describe(found[0], "min") == "30 → 24 min (−6)"
    assert outcomes.describe(found[4], "min") == "not measured since"


def test_three_changes_between_two_readings_cannot_be_told_apart() -> None:
    found = outcomes.effects(_deploy_with_changes().ini)
    assert found[0].warning == ""
    assert found[1].warning == "3 changes between two readings: can't tell which worked"
    assert outcomes.describe(found[2], "min") == (
        "24 → 14 min (−10); 3 changes between two readings: can't tell which worked"
    )


def test_two_changes_in_one_interval_are_not_crowded() -> None:
    story = (
        Story.new("Two steps", at(11, 1))
        .metric(10, 20, "up", at(11, 1))
        .iteration(date(2026, 11, 2), at(11, 2), at(11, 1))
        .iteration(date(2026, 11, 3), at(11, 3), at(11, 1))
        .reading(12, at(11, 4))
    )
    assert [e.warning for e in outcomes.effects(story.ini)] == ["", ""]


def test_no_metric_means_no_changes_to_read() -> None:
    story = Story.new("Plain", at(11, 1)).iteration(date(2026, 11, 2), at(11, 2), at(11, 1))
    assert outcomes.effects(story.ini) == ()


def _held(after: float) -> Story:
    """Baseline 10, 16 at done (a gain of 6); a third of it is 2, so 14 is the bound."""
    return (
        Story.new("Raise first fixes", at(11, 1))
        .status(Status.ACTIVE, at(11, 1))
        .metric(10, 16, "up", at(11, 1))
        .reading(16, at(11, 10))
        .status(Status.DONE, at(11, 11))
        .reading(15, at(11, 16))
        .reading(after, at(11, 23, 8))
    )


def test_a_reading_giving_back_more_than_a_third_slides_back() -> None:
    slide = outcomes.slid_back(_held(13.9).ini)
    assert slide is not None
    assert (slide.since, slide.at_done, slide.latest) == (at(11, 23, 8), 16, 13.9)
    assert slide.given_back == pytest.approx(2.1)
    assert slide.share == pytest.approx(0.35)


def test_giving_back_exactly_a_third_still_holds() -> None:
    assert outcomes.slid_back(_held(14).ini) is None


def test_slid_back_counts_from_the_first_reading_of_the_slide() -> None:
    story = _held(12).reading(11, at(11, 24))
    slide = outcomes.slid_back(story.ini)
    assert slide is not None
    assert slide.since == at(11, 23, 8)
    assert outcomes.slid_back(story.reading(15, at(11, 25)).ini) is None


def test_the_share_is_settable_and_direction_down_counts_the_other_way() -> None:
    assert outcomes.slid_back(_held(14.5).ini, share=0.2) is not None
    down = (
        Story.new("Cut waits", at(11, 1))
        .metric(40, 20, "down", at(11, 1))
        .reading(20, at(11, 10))
        .status(Status.DONE, at(11, 11))
        .reading(27, at(11, 20))
    )
    slide = outcomes.slid_back(down.ini)
    assert slide is not None
    assert slide.given_back == 7
    assert slide.gain == 20


def test_hold_readings_go_on_after_done_then_stop() -> None:
    story = _held(15)
    story.ini = story.ini.with_changes(
        measure=Measure("fixes", "", Direction.UP, 10, at(11, 1), 16, None, "FREQ=WEEKLY")
    )
    assert outcomes.hold_readings_left(story.ini, 3) == 1
    assert outcomes.hold_readings_left(story.ini, 2) == 0
    assert outcomes.hold_readings_left(story.ini, 0) == 0


def test_the_retro_says_met_accepted_short_or_missed_never_not_yet() -> None:
    stories = history()
    accepted = (
        Story.new("Faster approvals", at(10, 1))
        .status(Status.ACTIVE, at(10, 1))
        .metric(10, 2, "down", at(10, 2))
        .reading(4, at(11, 12))
        .status(Status.DONE, at(11, 14), reason="good enough: the rest is the bank's")
    )
    retro = build_retro([*stories.values(), accepted.ini], SPRINT, "platform", today=TODAY)
    verdicts = {e.title: e.verdict for e in retro.group(Group.FINISHED)}
    assert verdicts["Cut deploy time"] is Verdict.MET
    assert verdicts["Raise first-contact fixes"] is Verdict.MISSED
    assert verdicts["Faster approvals"] is Verdict.ACCEPTED
    md = render(retro, "md")
    assert "accepted short (good enough: the rest is the bank's)" in md
    assert "| missed |" in md
    finished = md.split("## Finished")[1].split("## Dropped")[0]
    assert "not yet" not in finished
    outcomes_md = md.split("## Outcomes")[1].split("## Changes")[0]
    assert "Raise first-contact fixes" in outcomes_md
    assert "not yet" not in outcomes_md


def test_the_retro_shows_each_change_and_the_warning_in_every_format() -> None:
    story = _deploy_with_changes()
    retro = build_retro([story.ini], SPRINT, "platform", today=TODAY)
    md = render(retro, "md")
    changes = md.split("## Changes and what they moved")[1].split("## Progress")[0]
    assert "step due 2026-11-18" in changes
    assert "not measured since" in changes
    assert "−10 min (3 changes between two readings: can't tell which worked)" in changes
    html = render(retro, "html")
    assert html.count('class="change"') == 5
    assert "3 changes between two readings: can&#x27;t tell which worked" in html
    csv = render(retro, "csv")
    assert "3 changes between two readings" in csv
    json = render(retro, "json")
    assert '"crowded": 3' in json
    assert '"delta": -10' in json


def test_done_short_of_the_target_needs_an_acceptance(register: Register) -> None:
    ini = register.add("Cut lead time")
    register.set_metric(
        ini.id, "lead time", unit="min", better=Direction.DOWN, baseline=30, target=10
    )
    register.measure(ini.id, 20)
    with pytest.raises(InputError, match=r"short of its target \(latest 20 min against"):
        register.set_status(ini.id, Status.DONE)
    assert register.get(ini.id).status is Status.PROPOSED
    done = register.set_status(ini.id, Status.DONE, accept="good enough for now")
    assert (done.status, done.reason) == (Status.DONE, "good enough for now")


def test_done_with_the_target_met_needs_no_acceptance(register: Register) -> None:
    ini = register.add("Cut lead time")
    register.set_metric(
        ini.id, "lead time", unit="min", better=Direction.DOWN, baseline=30, target=10
    )
    register.measure(ini.id, 10)
    assert register.set_status(ini.id, Status.DONE).status is Status.DONE
