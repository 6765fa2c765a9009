"""The three C's on hand-made histories, with the numbers a practitioner would work out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from improve.domain.model import Initiative, Status
from improve.domain.trust import (
    CAPABILITY,
    COMMITMENT,
    CONSISTENCY,
    MIN_BASIS,
    MIN_CAPABILITY,
    Trust,
    capability,
    commitment,
    consistency,
    three_cs,
)
from tests.team_builders import at, done_with, finish, measure, metric, new, plan, set_status

UNTIL = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday morning
SINCE = datetime(2026, 11, 2, tzinfo=UTC)  # three weeks before


def test_capability_is_the_share_of_finished_initiatives_that_met_their_target() -> None:
    inside = [done_with(share, at(date(2026, 11, 10))) for share in (1.0, 1.2, 0.5, 1.0)]
    before = done_with(1.0, at(date(2026, 10, 20)))
    unmeasured = set_status(new(created=at(date(2026, 10, 1))), Status.DONE, at(date(2026, 11, 9)))
    result = capability([*inside, before, unmeasured], SINCE, UNTIL)
    assert result.value == pytest.approx(0.75)
    assert result.basis == 4
    assert result.how == (
        "3 of 4 measured initiatives finished 2 Nov–23 Nov met their target (progress ≥ 100%)"
    )


def test_capability_below_the_minimum_says_so() -> None:
    two = [done_with(1.0, at(date(2026, 11, 10))) for _ in range(MIN_CAPABILITY - 1)]
    result = capability(two, SINCE, UNTIL)
    assert result == Trust(CAPABILITY, None, 2, result.how)
    assert result.how.startswith("not enough data: 2 ")
    assert "(at least 3 needed)" in result.how


def _promises() -> Initiative:
    ini = new(created=at(date(2026, 10, 26)), status=Status.ACTIVE)
    ini = metric(
        ini, baseline=0, target=10, when=at(date(2026, 10, 30)), cadence="FREQ=WEEKLY;BYDAY=MO"
    )
    plans = {
        "early": date(2026, 11, 5),
        "late": date(2026, 11, 10),
        "missed": date(2026, 11, 16),
        "today": date(2026, 11, 23),
        "on the day": date(2026, 11, 20),
        "before the period": date(2026, 10, 30),
        "after the period": date(2026, 11, 25),
    }
    for title, due in plans.items():
        ini = plan(ini, title, due, at(date(2026, 10, 28)))
    ini = finish(ini, "early", at(date(2026, 11, 4)))
    ini = finish(ini, "late", at(date(2026, 11, 12)))
    ini = finish(ini, "on the day", at(date(2026, 11, 20), 17))
    ini = measure(ini, 2, at(date(2026, 11, 3)))  # for Monday 2 Nov
    return measure(ini, 3, at(date(2026, 11, 9), 11))  # for 9 Nov; none for 16 Nov


def test_commitment_counts_iterations_by_due_date_and_readings_when_due() -> None:
    result = commitment([_promises()], SINCE, UNTIL)
    # iterations: early and on-the-day kept, late and missed not; today's not judged yet.
    # readings: 2 Nov and 9 Nov kept, 16 Nov missed; 23 Nov's window is still open.
    assert result.basis == 7
    assert result.value == pytest.approx(4 / 7)
    assert "2/4 iterations done by their due date" in result.how
    assert "2/3 measurements taken when due" in result.how


def test_a_period_ending_at_midnight_does_not_judge_the_next_day() -> None:
    """A retro's period ends at midnight after its last day: the day after is not in it."""
    monday = at(date(2026, 11, 2))
    ini = plan(new(created=monday), "on the last day", date(2026, 11, 22), monday)
    ini = plan(ini, "the day after", date(2026, 11, 23), monday)
    ini = finish(ini, "on the last day", at(date(2026, 11, 22)))
    ini = finish(ini, "the day after", at(date(2026, 11, 20)))  # done early, due outside
    midnight = datetime(2026, 11, 23, tzinfo=UTC)
    result = commitment([ini], SINCE, midnight)
    assert result.basis == 1
    assert "1 iterations and measurements due 2 Nov–22 Nov" in result.how


def test_an_iteration_of_an_initiative_dropped_before_its_due_date_is_no_broken_promise() -> None:
    monday = at(date(2026, 11, 2))
    ini = plan(new(created=monday), "later", date(2026, 11, 18), monday)
    dropped = set_status(ini, Status.DROPPED, at(date(2026, 11, 9)))
    assert commitment([dropped], SINCE, UNTIL).basis == 0


def _weekly(counts: list[int]) -> list[Initiative]:
    """One initiative per iteration done, in the middle of each week counted back from UNTIL."""
    weeks = len(counts)
    found = []
    for index, count in enumerate(counts):
        middle = UNTIL - timedelta(weeks=weeks - index) + timedelta(days=3)
        for n in range(count):
            ini = plan(new(created=middle - timedelta(days=1)), f"i{n}", None, middle)
            found.append(finish(ini, f"i{n}", middle))
    return found


@pytest.mark.parametrize(
    ("counts", "expected"),
    [([2, 2, 2, 2], 1.0), ([4, 0, 4, 0], 0.5), ([8, 0, 0, 0], 1 - 12**0.5 / 2 / 2)],
)
def test_consistency_is_one_minus_the_capped_spread_per_week(
    counts: list[int], expected: float
) -> None:
    result = consistency(_weekly(counts), UNTIL - timedelta(weeks=4), UNTIL)
    assert result.value == pytest.approx(expected)
    assert result.basis == 4
    assert "over 4 weeks: mean 2.0" in result.how


def test_consistency_needs_whole_weeks_and_some_iterations() -> None:
    short = consistency(_weekly([2, 2, 2]), UNTIL - timedelta(days=27), UNTIL)
    assert (short.value, short.basis) == (None, 3)
    idle = consistency([], UNTIL - timedelta(weeks=5), UNTIL)
    assert idle.value is None
    assert "no iteration done in 5 weeks" in idle.how


def test_three_cs_come_in_order() -> None:
    names = [t.name for t in three_cs([], SINCE, UNTIL)]
    assert names == [CAPABILITY, COMMITMENT, CONSISTENCY]


# --- properties ------------------------------------------------------------------

DAY0 = datetime(2026, 9, 1, tzinfo=UTC)
offsets = st.integers(min_value=0, max_value=100)


@st.composite
def initiatives(draw: st.DrawFn) -> Initiative:
    ini = new(created=DAY0, status=Status.ACTIVE)
    if draw(st.booleans()):
        cadence = draw(st.sampled_from([None, "FREQ=WEEKLY;BYDAY=MO", "FREQ=DAILY"]))
        ini = metric(ini, baseline=0, target=10, when=DAY0, cadence=cadence)
        for day in draw(st.lists(offsets, max_size=6)):
            ini = measure(ini, draw(st.floats(-20, 40)), DAY0 + timedelta(days=day))
    for n, (due, done) in enumerate(draw(st.lists(st.tuples(offsets, offsets), max_size=5))):
        ini = plan(ini, f"i{n}", (DAY0 + timedelta(days=due)).date(), DAY0)
        if draw(st.booleans()):
            ini = finish(ini, f"i{n}", DAY0 + timedelta(days=done, hours=1))
    closing = draw(st.sampled_from([None, Status.DONE, Status.DROPPED]))
    if closing is not None:
        ini = set_status(ini, closing, DAY0 + timedelta(days=draw(offsets), hours=2))
    return ini


@settings(max_examples=60, deadline=None)
@given(st.lists(initiatives(), max_size=8), offsets, st.integers(min_value=0, max_value=90))
def test_each_c_is_in_0_1_or_none_below_its_minimum(
    found: list[Initiative], start: int, length: int
) -> None:
    since = DAY0 + timedelta(days=start)
    for trust in three_cs(found, since, since + timedelta(days=length, hours=9)):
        if trust.basis < MIN_BASIS[trust.name]:
            assert trust.value is None
            assert f"at least {MIN_BASIS[trust.name]} needed" in trust.how
        if trust.value is not None:
            assert 0.0 <= trust.value <= 1.0
        assert trust.how
        assert "\n" not in trust.how
