"""Progress, forecast, due dates, value order and gaps, on hand-built initiatives."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from improve.domain import progress as p
from improve.domain import readiness, schedule
from improve.domain.model import (
    Direction,
    Initiative,
    Iteration,
    Measure,
    Measurement,
    Note,
    NoteKind,
    Status,
    Step,
)

#: A Monday, midnight UTC: weekly Monday occurrences fall on T0 + 7k days.
T0 = datetime(2026, 1, 5, tzinfo=UTC)
WEEKLY_MONDAY = "FREQ=WEEKLY;BYDAY=MO"
TARGET_DAY = date(2026, 1, 25)


def at(days: float, hours: float = 0) -> datetime:
    return T0 + timedelta(days=days, hours=hours)


def on(days: int) -> date:
    return at(days).date()


def reading(days: float, value: float, *, hours: float = 0, removed: bool = False) -> Measurement:
    return Measurement(f"m{days}h{hours}", at(days, hours), value, "sam", removed=removed)


def metric(
    baseline: float | None = 10.0,
    target: float | None = 30.0,
    by: date | None = TARGET_DAY,
    direction: Direction = Direction.UP,
    *,
    cadence: str | None = None,
    baseline_at: datetime | None = T0,
) -> Measure:
    return Measure("lead time", "min", direction, baseline, baseline_at, target, by, cadence)


def initiative(
    measure: Measure | None = None,
    readings: Sequence[Measurement] = (),
    **fields: Any,
) -> Initiative:
    fields.setdefault("id", "a1")
    fields.setdefault("created", T0)
    return Initiative(
        title="Cut lead time",
        updated=fields["created"],
        measure=measure,
        measurements=tuple(readings),
        **fields,
    )


def iteration(due_days: int | None, *, done: bool = False, removed: bool = False) -> Iteration:
    done_at = at(1) if done else None
    due = on(due_days) if due_days is not None else None
    return Iteration(f"i{due_days}", "a step", T0, due, done_at, removed=removed)


# progress ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "latest", "expected"),
    [
        (metric(10, 30), 20, 0.5),
        (metric(60, 20, direction=Direction.DOWN), 50, 0.25),
        (metric(10, 30), 40, 1.5),
        (metric(10, 30), 5, -0.25),
        (metric(60, 20, direction=Direction.DOWN), 70, -0.25),
        (metric(60, 20, direction=Direction.DOWN), 10, 1.25),
    ],
)
def test_progress_is_raw_share_of_the_way(measure: Measure, latest: float, expected: float) -> None:
    assert p.progress(initiative(measure, [reading(3, latest)])) == expected


@pytest.mark.parametrize(
    "ini",
    [
        initiative(None, [reading(1, 20)]),
        initiative(metric(baseline=None), [reading(1, 20)]),
        initiative(metric(target=None), [reading(1, 20)]),
        initiative(metric(), []),
        initiative(metric(), [reading(1, 20, removed=True)]),
        initiative(metric(10, 10), [reading(1, 20)]),
    ],
    ids=["no metric", "no baseline", "no target", "no reading", "undone", "target=baseline"],
)
def test_progress_is_none_without_the_facts(ini: Initiative) -> None:
    assert p.progress(ini) is None


def test_latest_is_the_newest_live_reading_whatever_the_stored_order() -> None:
    ini = initiative(metric(), [reading(5, 25), reading(9, 99, removed=True), reading(2, 15)])
    latest = p.latest(ini)
    assert latest is not None
    assert latest.value == 25
    assert p.progress(ini) == 0.75


def test_clamp01_only_for_display() -> None:
    assert [p.clamp01(x) for x in (-0.25, 0.4, 1.5)] == [0.0, 0.4, 1.0]


# forecast ---------------------------------------------------------------------------------


def test_on_track_when_the_line_hits_the_target_exactly_on_the_date() -> None:
    fc = p.forecast(initiative(metric(10, 30, on(20)), [reading(10, 20)]), on(10))
    assert fc.state is p.ForecastState.ON_TRACK
    assert fc.projected == pytest.approx(30.0, abs=1e-9)
    assert fc.slope_per_day == pytest.approx(1.0)
    assert fc.reaches_on == on(20)
    assert p.describe(fc, "min") == "on track: reaches 30 min by 25 Jan 2026"


def test_off_track_projects_short_of_the_target() -> None:
    fc = p.forecast(initiative(metric(10, 40, on(20)), [reading(10, 20)]), on(10))
    assert fc.state is p.ForecastState.OFF_TRACK
    assert fc.projected == pytest.approx(30.0, abs=1e-9)
    assert fc.reaches_on == on(30)
    assert p.describe(fc, "min") == "off track: projected 30 min by the target date"


def test_down_is_better_on_track() -> None:
    ini = initiative(metric(60, 40, on(20), Direction.DOWN), [reading(10, 50)])
    fc = p.forecast(ini, on(10))
    assert fc.state is p.ForecastState.ON_TRACK
    assert fc.projected == pytest.approx(40.0, abs=1e-9)
    assert fc.slope_per_day == pytest.approx(-1.0)


def test_down_is_better_rising_is_off_track_and_never_reaches() -> None:
    ini = initiative(metric(60, 40, on(20), Direction.DOWN), [reading(10, 65)])
    fc = p.forecast(ini, on(10))
    assert fc.state is p.ForecastState.OFF_TRACK
    assert fc.projected == pytest.approx(70.0, abs=1e-9)
    assert fc.reaches_on is None


def test_least_squares_through_noisy_readings() -> None:
    # x = 0, 1, 2 and y = 0, 2, 1: slope 0.5 through (1, 1), so 5.5 at day 10.
    ini = initiative(metric(0, 6, on(10)), [reading(1, 2), reading(2, 1)])
    fc = p.forecast(ini, on(2))
    assert fc.state is p.ForecastState.OFF_TRACK
    assert fc.projected == pytest.approx(5.5, abs=1e-9)
    assert fc.slope_per_day == pytest.approx(0.5)
    assert fc.reaches_on == on(11)


def test_reaches_on_is_never_in_the_past_nor_beyond_five_years() -> None:
    # y = 0, 20, 10 over days 0-2: the line (slope 5) crossed 12 at day 1.4, before today.
    dipped = initiative(metric(0, 12, on(10)), [reading(1, 20), reading(2, 10)])
    fc = p.forecast(dipped, on(2))
    assert (fc.state, fc.reaches_on) == (p.ForecastState.ON_TRACK, on(2))
    assert p.describe(fc, "min") == "on track: reaches 12 min by 7 Jan 2026"
    slow = p.forecast(initiative(metric(10, 1000, on(20)), [reading(10, 11)]), on(10))
    assert (slow.state, slow.reaches_on) == (p.ForecastState.OFF_TRACK, None)


@pytest.mark.parametrize(
    ("measure", "latest"),
    [(metric(10, 30), 30), (metric(10, 30), 31), (metric(60, 20, direction=Direction.DOWN), 18)],
)
def test_met_when_the_latest_reading_meets_the_target(measure: Measure, latest: float) -> None:
    fc = p.forecast(initiative(measure, [reading(3, latest)]), on(3))
    assert fc.state is p.ForecastState.MET
    assert fc.projected == latest
    assert p.describe(fc, "min") == "target met"


@pytest.mark.parametrize(
    ("ini", "reason"),
    [
        (initiative(None), "no metric"),
        (initiative(metric(target=None), [reading(1, 20)]), "no target value"),
        (initiative(metric(by=None), [reading(1, 20)]), "no target date"),
        (initiative(metric(), []), "fewer than two measurements"),
        (initiative(metric(baseline_at=None), [reading(1, 20)]), "fewer than two measurements"),
        (initiative(metric(baseline_at=at(1)), [reading(1, 20)]), "readings span less than a day"),
    ],
)
def test_unknown_says_why(ini: Initiative, reason: str) -> None:
    fc = p.forecast(ini, on(2))
    assert fc.state is p.ForecastState.UNKNOWN
    assert fc.projected is None
    assert fc.reason == reason
    assert p.describe(fc, "min") == f"unknown: {reason}"


def test_the_baseline_counts_as_a_point() -> None:
    fc = p.forecast(initiative(metric(10, 30, on(20)), [reading(5, 20)]), on(5))
    assert fc.state is p.ForecastState.ON_TRACK
    assert fc.projected == pytest.approx(50.0, abs=1e-9)


def test_past_target_date_not_met_is_off_track_at_the_latest_value() -> None:
    ini = initiative(metric(10, 30, on(20)), [reading(10, 20), reading(19, 25)])
    fc = p.forecast(ini, on(21))
    assert fc.state is p.ForecastState.OFF_TRACK
    assert fc.projected == 25
    assert fc.reason == p.TARGET_DATE_PASSED
    assert p.describe(fc, "min") == "off track: target date passed at 25 min"


def test_describe_formats_numbers_compactly() -> None:
    fc = p.Forecast(p.ForecastState.OFF_TRACK, 12.5, None, 0.1, "trend falls short", 20.0)
    assert p.describe(fc, "%") == "off track: projected 12.5% by the target date"
    assert p.describe(fc, "") == "off track: projected 12.5 by the target date"
    assert [p.number(x) for x in (42.0, 1 / 3, 1.10, -0.001, -2.5)] == [
        "42",
        "0.33",
        "1.1",
        "0",
        "-2.5",
    ]


# cadence and due dates --------------------------------------------------------------------

WEDNESDAY_NOON = at(9, 12)  # 14 Jan 2026; the last Monday occurrence is 12 Jan 00:00 UTC


def cadenced(readings: Sequence[Measurement] = (), **fields: Any) -> Initiative:
    measure = metric(by=on(60), cadence=WEEKLY_MONDAY, baseline_at=at(0, 10))
    return initiative(measure, readings, **fields)


def test_measured_on_monday_is_not_due() -> None:
    ini = cadenced([reading(7, 12, hours=9)])
    assert schedule.measurement_due(ini, WEDNESDAY_NOON) is None


def test_not_measured_since_monday_is_due_at_that_occurrence() -> None:
    ini = cadenced([reading(4, 12), reading(8, 13, removed=True)])
    assert schedule.measurement_due(ini, WEDNESDAY_NOON) == at(7)


def test_no_occurrence_before_measuring_began_is_due() -> None:
    assert schedule.measurement_due(cadenced(), at(2)) is None
    assert schedule.measurement_due(cadenced(), at(7, 1)) == at(7)


def test_no_cadence_or_closed_is_never_due() -> None:
    assert schedule.measurement_due(initiative(metric()), WEDNESDAY_NOON) is None
    assert schedule.measurement_due(cadenced(status=Status.DONE), WEDNESDAY_NOON) is None
    assert schedule.next_measurement(cadenced(status=Status.DROPPED), WEDNESDAY_NOON) is None
    assert schedule.next_measurement(initiative(metric()), WEDNESDAY_NOON) is None


def test_next_measurement_is_strictly_after_now() -> None:
    assert schedule.next_measurement(cadenced(), WEDNESDAY_NOON) == at(14)
    assert schedule.next_measurement(cadenced(), at(14)) == at(21)


def test_next_due_picks_the_earliest_open_thing() -> None:
    its = (iteration(11), iteration(5, done=True), iteration(4, removed=True), iteration(None))
    ini = cadenced([reading(7, 12)], iterations=its)
    assert schedule.next_due(ini, WEDNESDAY_NOON) == on(11)


def test_next_due_counts_a_due_measurement_by_its_occurrence_date() -> None:
    ini = cadenced([reading(4, 12)], iterations=(iteration(11),))
    assert schedule.next_due(ini, WEDNESDAY_NOON) == on(7)


def test_next_due_otherwise_the_next_occurrence_or_the_target_date() -> None:
    assert schedule.next_due(cadenced([reading(7, 12)]), WEDNESDAY_NOON) == on(14)
    assert schedule.next_due(initiative(metric(by=on(20))), WEDNESDAY_NOON) == on(20)


def test_next_due_skips_a_met_target_and_closed_initiatives() -> None:
    assert schedule.next_due(initiative(metric(), [reading(3, 30)]), WEDNESDAY_NOON) is None
    assert schedule.next_due(initiative(metric(), status=Status.DONE), WEDNESDAY_NOON) is None
    assert schedule.next_due(initiative(None), WEDNESDAY_NOON) is None


def test_overdue_is_due_before_today() -> None:
    ini = initiative(None, iterations=(iteration(8),))
    assert not schedule.overdue(ini, on(8))
    assert schedule.overdue(ini, on(9))
    unmeasured = cadenced([reading(4, 12)])
    assert not schedule.overdue(unmeasured, on(7))
    assert schedule.overdue(unmeasured, on(8))


# value order ------------------------------------------------------------------------------


def scored(ident: str, value: int | None, effort: int | None, days: int = 0) -> Initiative:
    return initiative(id=ident, value=value, effort=effort, created=at(days))


def ranked_ids(inis: Sequence[Initiative], dues: dict[str, date] | None = None) -> str:
    due = dues or {}
    return "".join(i.id for i in sorted(inis, key=lambda i: p.value_order_key(i, due.get(i.id))))


def test_value_decides_then_effort_then_the_next_due_date() -> None:
    ranked = [
        scored("a", 5, 1),
        scored("b", 5, 3),
        scored("c", 5, 3),
        scored("d", 4, 1),
        scored("e", None, None, days=3),
        scored("f", 3, 3, days=1),
        scored("g", 2, 1),
        scored("h", 1, 1),
    ]
    dues = {"c": on(3), "b": on(9), "f": on(1)}
    assert ranked_ids(ranked[::-1], dues) == "acbdfegh"


def test_a_low_value_quick_win_never_ranks_above_more_valuable_work() -> None:
    """The issue's case: value 2, effort 1 came before value 5, effort 3."""
    assert ranked_ids([scored("w", 2, 1), scored("v", 5, 3)]) == "vw"


# missing, flags, open question ------------------------------------------------------------


def test_missing_lists_every_gap_up_to_the_current_step() -> None:
    ini = initiative(None, step=Step.MOMENTUM)
    assert readiness.missing(ini) == [
        (Step.VISION, "no vision yet"),
        (Step.VISION, "nobody named who benefits"),
        (Step.BASELINE, "no metric yet"),
        (Step.BASELINE, "no baseline measurement yet"),
        (Step.TARGET, "no target value yet"),
        (Step.TARGET, "no target date yet"),
        (Step.PLAN, "no iterations planned"),
        (Step.ACT, "no iteration done yet"),
        (Step.CHECK, "no measurement since the baseline"),
        (Step.MOMENTUM, "no lesson learned recorded"),
    ]


def test_missing_stops_at_the_current_step() -> None:
    ini = initiative(metric(baseline=None, by=None), vision="faster fixes", step=Step.BASELINE)
    assert readiness.missing(ini) == [
        (Step.VISION, "nobody named who benefits"),
        (Step.BASELINE, "no baseline measurement yet"),
    ]


def test_a_complete_initiative_misses_nothing() -> None:
    ini = initiative(
        metric(baseline_at=at(1)),
        [reading(1, 20)],
        vision="faster fixes",
        beneficiaries="on-call engineers",
        step=Step.MOMENTUM,
        iterations=(iteration(3, done=True),),
        notes=(Note("n1", at(5), "small batches win", kind=NoteKind.LESSON),),
    )
    assert readiness.missing(ini) == []
    assert readiness.open_question(ini) == "How do we keep the momentum going?"


def test_check_and_momentum_gaps() -> None:
    ini = initiative(
        metric(baseline_at=at(2)),
        [reading(1, 20)],
        step=Step.MOMENTUM,
        notes=(
            Note("n1", at(5), "old lesson", kind=NoteKind.LESSON, removed=True),
            Note("n2", at(5), "a remark", step=Step.ACT),
        ),
    )
    later = [gap for step, gap in readiness.missing(ini) if step in (Step.CHECK, Step.MOMENTUM)]
    assert later == ["no measurement since the baseline", "no lesson learned recorded"]
    noted = ini.with_changes(notes=(Note("n3", at(6), "keep it", step=Step.MOMENTUM),))
    assert (Step.MOMENTUM, "no lesson learned recorded") not in readiness.missing(noted)


def test_open_question_names_what_is_missing_at_this_step() -> None:
    ini = initiative(metric(baseline=None), step=Step.BASELINE)
    assert readiness.open_question(ini) == "Where are we now? — no baseline measurement yet"


def test_flags_a_measure_without_a_vision() -> None:
    assert readiness.flags(initiative(metric())) == ["measure not tied to a vision/objective"]
    assert readiness.flags(initiative(metric(), vision="faster fixes")) == []
    assert readiness.flags(initiative(None)) == []


def test_sparkline_leads_with_the_baseline_while_there_is_room() -> None:
    readings = [reading(d, 10.0 + d) for d in range(1, 4)]
    ini = initiative(metric(baseline=10), readings)
    assert p.sparkline_values(ini) == [10, 11, 12, 13]
    assert p.sparkline_values(ini, 3) == [11, 12, 13]
    assert p.sparkline_values(ini, 2) == [12, 13]
    assert p.sparkline_values(initiative(None)) == []


# properties -------------------------------------------------------------------------------

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)


def _progress_of(baseline: float, target: float, latest: float) -> float | None:
    return p.progress(initiative(metric(baseline, target), [reading(1, latest)]))


@given(baseline=finite, target=finite)
def test_progress_is_one_at_the_target_and_zero_at_the_baseline(
    baseline: float, target: float
) -> None:
    if baseline == target:
        return
    assert _progress_of(baseline, target, target) == 1.0
    assert _progress_of(baseline, target, baseline) == 0.0


@given(baseline=finite, gap=st.floats(1, 1e3), latest=finite, shift=finite)
def test_progress_ignores_a_common_shift(
    baseline: float, gap: float, latest: float, shift: float
) -> None:
    target = baseline + gap
    before = _progress_of(baseline, target, latest)
    after = _progress_of(baseline + shift, target + shift, latest + shift)
    assert after == pytest.approx(before, rel=1e-9, abs=1e-9)


scores = st.one_of(st.none(), st.integers(1, 5))


@given(
    rows=st.lists(
        st.tuples(scores, scores, st.integers(0, 3), st.one_of(st.none(), st.integers(0, 60))),
        min_size=1,
        max_size=30,
    ),
    seed=st.integers(0, 1000),
)
def test_value_order_is_total_and_value_decides(
    rows: list[tuple[int | None, int | None, int, int | None]], seed: int
) -> None:
    inis = [scored(f"{n:03d}", v, e, d) for n, (v, e, d, _) in enumerate(rows)]
    dues = {f"{n:03d}": on(due) for n, (*_, due) in enumerate(rows) if due is not None}

    def key(i: Initiative) -> tuple[int, int, int, datetime, str]:
        return p.value_order_key(i, dues.get(i.id))

    ordered = sorted(inis, key=key)
    shuffled = inis[:]
    random.Random(seed).shuffle(shuffled)
    assert sorted(shuffled, key=key) == ordered
    scores_in_order = [(-(i.value or 3), i.effort or 3) for i in ordered]
    assert scores_in_order == sorted(scores_in_order)
    for first, second in itertools.pairwise(ordered):
        same = (first.value or 3, first.effort or 3) == (second.value or 3, second.effort or 3)
        if same and second.id in dues:
            assert first.id in dues
            assert dues[first.id] <= dues[second.id]


@given(
    start=st.floats(-1e3, 1e3),
    slope=st.floats(-50, 50),
    hours=st.lists(st.integers(0, 24 * 365), min_size=2, max_size=10, unique=True),
    after_days=st.integers(0, 400),
    baseline_first=st.booleans(),
)
def test_a_linear_series_projects_its_own_line(
    start: float, slope: float, hours: list[int], after_days: int, baseline_first: bool
) -> None:
    def line(moment: datetime) -> float:
        return start + slope * (moment - T0).total_seconds() / 86400

    moments = sorted(at(0, h) for h in hours)
    assume(moments[-1] - moments[0] >= timedelta(days=1))  # a trend needs a day's spread
    by = moments[-1].date() + timedelta(days=after_days)
    expected = line(datetime.combine(by, time(), tzinfo=UTC))
    values = [line(m) for m in moments]
    target = max([*values, expected]) + 1
    first = moments[0] if baseline_first else None
    measure = metric(values[0] if baseline_first else None, target, by, baseline_at=first)
    taken = moments[1:] if baseline_first else moments
    readings = [Measurement(f"m{n}", m, line(m)) for n, m in enumerate(taken)]
    fc = p.forecast(initiative(measure, readings), moments[0].date())
    scale = max(1.0, abs(expected), *(abs(v) for v in values))
    assert fc.state is p.ForecastState.OFF_TRACK
    assert fc.projected is not None
    assert abs(fc.projected - expected) <= 1e-6 * scale
