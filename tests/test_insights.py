"""Insights: progress per principle, PICK, quick wins, the weekly rhythm, periods."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from improve.domain.errors import InputError
from improve.domain.insights import (
    Placed,
    Quadrant,
    by_principle,
    insights,
    period,
    pick_chart,
    quick_wins,
    week_label,
    weekly,
)
from improve.domain.model import Initiative, Principle, Status
from improve.domain.period import Period
from improve.text.insights import pick_lines
from tests.conftest import NOW
from tests.team_builders import at, done_with, finish, measure, metric, new, plan, set_status

SINCE = NOW - timedelta(weeks=4)


def scored(value: int, effort: int, status: Status = Status.ACTIVE) -> Initiative:
    ini = new(f"v{value} e{effort}", created=at(date(2026, 11, 2)), value=value, effort=effort)
    return set_status(ini, status, at(date(2026, 11, 2), 11)) if status != Status.PROPOSED else ini


@pytest.mark.parametrize(
    ("value", "effort", "quadrant"),
    [
        (5, 1, Quadrant.IMPLEMENT),
        (3, 2, Quadrant.IMPLEMENT),
        (3, 3, Quadrant.CHALLENGE),
        (2, 2, Quadrant.POSSIBLE),
        (1, 1, Quadrant.POSSIBLE),
        (2, 5, Quadrant.KILL),
    ],
)
def test_pick_quadrants_split_value_and_effort_at_three(
    value: int, effort: int, quadrant: Quadrant
) -> None:
    assert Quadrant.of(value, effort) is quadrant


def test_the_chart_places_open_scored_work_value_first() -> None:
    unscored = new(created=at(date(2026, 11, 2)))
    closed = scored(5, 1, Status.DONE)
    placed, missing = pick_chart([scored(2, 2), scored(5, 4), unscored, closed, scored(5, 1)])
    assert [(p.value, p.effort, p.quadrant) for p in placed] == [
        (5, 1, Quadrant.IMPLEMENT),
        (5, 4, Quadrant.CHALLENGE),
        (2, 2, Quadrant.POSSIBLE),
    ]
    assert missing == 1


def test_low_value_quick_wins_are_flagged_only_while_higher_value_work_waits() -> None:
    easy = scored(2, 1)
    waiting = [scored(4, 3, Status.PROPOSED), scored(5, 5, Status.BLOCKED), scored(4, 2)]
    found = [easy, *waiting]
    (flag,) = quick_wins(pick_chart(found)[0], found)
    assert (flag.initiative_id, flag.waiting) == (easy.id, 2)
    alone = [easy, scored(4, 2)]
    assert quick_wins(pick_chart(alone)[0], alone) == ()


def test_progress_per_principle_counts_work_in_play_and_what_was_done() -> None:
    done = [done_with(1.0, at(date(2026, 11, 10))), done_with(0.5, at(date(2026, 11, 12)))]
    ongoing = metric(scored(3, 3), baseline=0, target=10, when=at(date(2026, 11, 3)))
    ongoing = measure(ongoing, 15, at(date(2026, 11, 9)))  # overshoot counts as 100%
    long_gone = done_with(1.0, at(date(2026, 9, 1)))
    rows = by_principle([*done, ongoing, long_gone, scored(1, 1)], SINCE, NOW)
    value = rows[0]
    assert value.principle is Principle.VALUE
    assert (value.count, value.done, value.measured) == (4, 2, 3)
    assert value.average == pytest.approx((1.0 + 0.5 + 1.0) / 3)
    assert [r.count for r in rows[1:]] == [0] * 6


def test_weekly_counts_every_day_in_weeks_ending_with_today() -> None:
    ini = plan(scored(3, 3), "a", None, at(date(2026, 10, 20)))
    ini = plan(ini, "b", None, at(date(2026, 11, 3)))
    ini = plan(ini, "c", None, at(date(2026, 11, 3)))
    ini = finish(ini, "a", at(date(2026, 10, 26)))  # the period's first day, a Monday
    ini = finish(finish(ini, "b", at(date(2026, 11, 4))), "c", at(date(2026, 11, 18)))
    done = done_with(1.0, at(date(2026, 11, 19)))
    weeks = weekly([ini, done], SINCE, NOW)
    assert [w.start.date() for w in weeks] == [
        date(2026, 10, 26),  # one day on its own: the days before the whole weeks
        *(date(2026, 10, 27) + timedelta(weeks=n) for n in range(4)),
    ]
    assert weeks[0].end == weeks[1].start
    assert [w.iterations for w in weeks] == [1, 0, 1, 0, 1]
    assert [w.finished for w in weeks] == [0, 0, 0, 0, 1]


def test_periods_end_now_and_start_at_midnight_like_the_retros() -> None:
    assert period("week", NOW)[0] == datetime(2026, 11, 17, tzinfo=UTC)
    assert period("sprint", NOW, 14)[0] == datetime(2026, 11, 10, tzinfo=UTC)
    assert period("month", NOW)[0] == datetime(2026, 11, 1, tzinfo=UTC)  # the calendar month
    assert period("quarter", NOW) == (datetime(2026, 8, 24, tzinfo=UTC), NOW)
    for name in ("sprint", "month", "quarter"):
        retro = Period.last(name, NOW.date())
        assert period(name, NOW) == (retro.start, NOW)
        weeks = weekly([], *period(name, NOW))
        assert weeks[0].start == retro.start  # every day of the period is in the chart
        assert sum((w.end - w.start).days for w in weeks) == retro.days


def test_a_week_is_labelled_with_the_days_it_covers() -> None:
    assert week_label(date(2026, 11, 17)) == "17–23 Nov"
    assert week_label(date(2026, 10, 27)) == "27 Oct–2 Nov"
    assert week_label(date(2026, 10, 24), date(2026, 10, 26)) == "24–26 Oct"
    assert week_label(date(2026, 10, 26), date(2026, 10, 26)) == "26 Oct"
    with pytest.raises(InputError, match="unknown period 'year'"):
        period("year", NOW)


def test_insights_bundle_the_three_cs() -> None:
    result = insights([], SINCE, NOW)
    assert [t.name for t in result.trust] == ["capability", "commitment", "consistency"]
    assert len(result.principles) == 7


def test_the_pick_chart_fits_the_width_it_is_drawn_for() -> None:
    """Every line of the chart, borders and effort axis included, within the width (from
    the narrowest it can be drawn at); at 120x40 its right border was cut by one cell."""
    placed = [
        Placed(f"{v}{e}{n}0abcd", "t", v, e, Quadrant.IMPLEMENT)
        for v in range(1, 6)
        for e in range(1, 6)
        for n in range(3)
    ]
    keys = {p.initiative_id: p.initiative_id[:4] for p in placed}
    for width in range(43, 161):
        lines = pick_lines(placed, keys, width)
        assert max(len(line) for line in lines) <= width, width
        assert all(line.endswith(("┐", "┤", "┘", "│")) for line in lines[:-1]), width
