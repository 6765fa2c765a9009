"""Portfolio balance: the principle × value chain grid, the journey, and the nudges."""

from __future__ import annotations

from datetime import date, timedelta

from improve.domain.balance import Cell, balance, from_json, to_json
from improve.domain.insights import by_principle
from improve.domain.model import (
    Activity,
    Initiative,
    JourneyStage,
    Principle,
    Stakeholder,
    StakeholderRole,
    Status,
)
from improve.text.balance import balance_lines
from tests.conftest import NOW
from tests.team_builders import at, measure, metric, new, set_status

SINCE = NOW - timedelta(weeks=12)
CUSTOMER = (Stakeholder(StakeholderRole.CUSTOMER, "faster answers"),)


def work(
    principle: Principle | None,
    activity: Activity | None = Activity.DELIVER_SUPPORT,
    journey: JourneyStage | None = None,
    progress_share: float | None = None,
) -> Initiative:
    start = at(date(2026, 10, 1))
    ini = new(
        created=start,
        principle=principle,
        activity=activity,
        journey=journey,
        stakeholders=CUSTOMER,
    )
    if progress_share is not None:
        ini = metric(ini, baseline=0, target=10, when=start)
        ini = measure(ini, 10 * progress_share, start + timedelta(days=7))
    return ini


def test_the_grid_counts_each_pair_with_its_mean_progress() -> None:
    found = balance(
        [
            work(Principle.AUTOMATE, Activity.OBTAIN_BUILD, progress_share=0.5),
            work(Principle.AUTOMATE, Activity.OBTAIN_BUILD, progress_share=1.5),  # capped
            work(Principle.AUTOMATE, Activity.OBTAIN_BUILD),
            work(Principle.VALUE, Activity.ENGAGE, JourneyStage.ONBOARD, 0.25),
        ],
        SINCE,
        NOW,
    )
    assert found.total == 4
    assert found.rows == tuple(Principle)  # no None row: every one has a principle
    assert found.columns == tuple(Activity)
    automate = found.grid[found.rows.index(Principle.AUTOMATE)]
    assert automate[found.columns.index(Activity.OBTAIN_BUILD)] == Cell(3, 0.75, 2)
    assert automate[found.columns.index(Activity.PLAN)] == Cell()
    assert found.by_activity[found.columns.index(Activity.ENGAGE)] == Cell(1, 0.25, 1)
    assert dict(found.journey)[JourneyStage.ONBOARD] == Cell(1, 0.25, 1)
    assert dict(found.journey)[None] == Cell(3, 0.75, 2)


def test_work_without_a_principle_is_counted_as_such_never_as_focus_on_value() -> None:
    found = balance([work(None), work(None), work(Principle.SIMPLE)], SINCE, NOW)
    assert found.rows[-1] is None
    assert found.by_principle[-1].count == 2
    assert found.by_principle[found.rows.index(Principle.VALUE)].count == 0
    assert "2 of 3 initiatives have no guiding principle yet" in found.nudges
    rows = by_principle([work(None), work(Principle.VALUE)], SINCE, NOW)
    assert [(r.principle, r.count) for r in rows if r.count] == [(Principle.VALUE, 1), (None, 1)]


def test_nudges_name_the_gaps_and_the_lean() -> None:
    automate = [work(Principle.AUTOMATE, a) for a in Activity if a is not Activity.ENGAGE]
    others = [work(Principle.AUTOMATE, Activity.PLAN), work(Principle.SIMPLE, Activity.PLAN)]
    found = balance([*automate, *others, work(Principle.VALUE, Activity.PLAN)], SINCE, NOW)
    assert found.total == 8
    assert "no initiative serves engage this quarter (value chain)" not in found.nudges
    assert "no initiative serves engage this period (value chain)" in found.nudges
    assert "6 of 8 initiatives are automate" in found.nudges
    assert "no initiative names a customer journey stage this period" in found.nudges
    quarter = balance([*automate, *others], SINCE, NOW, "this quarter")
    assert "no initiative serves engage this quarter (value chain)" in quarter.nudges
    assert "6 of 7 initiatives are automate" in quarter.nudges


def test_journey_gaps_once_some_stage_is_named() -> None:
    stages = [work(Principle.VALUE, journey=s) for s in JourneyStage if s.value != "onboard"]
    found = balance(stages, SINCE, NOW, "this quarter")
    assert (
        "no initiative serves the onboard stage of the customer journey this quarter"
        in found.nudges
    )


def test_a_balanced_or_small_portfolio_does_not_nag() -> None:
    even = [work(p, a) for p, a in zip(Principle, Activity, strict=False)]
    found = balance(even, SINCE, NOW)
    assert not any("initiatives are" in n for n in found.nudges)
    three = balance([work(Principle.AUTOMATE)] * 3, SINCE, NOW)
    assert not any("initiatives are" in n for n in three.nudges)
    assert balance([], SINCE, NOW).nudges == ()


def test_dropped_and_long_closed_work_is_not_in_play() -> None:
    dropped = set_status(work(Principle.AUTOMATE), Status.DROPPED, at(date(2026, 11, 1)))
    old = set_status(work(Principle.SIMPLE), Status.DONE, at(date(2026, 8, 1)))
    assert balance([dropped, old, work(Principle.VALUE)], SINCE, NOW).total == 1


def test_it_reads_back_from_json_and_fits_80_columns() -> None:
    found = balance(
        [work(None, None, progress_share=1.0), *(work(p, a) for p in Principle for a in Activity)],
        SINCE,
        NOW,
        "this quarter",
    )
    assert from_json(to_json(found)) == found
    lines = balance_lines(found)
    assert max(len(line) for line in lines) <= 80
    assert lines[0].split() == [
        "plan",
        "improve",
        "engage",
        "design",
        "build",
        "deliver",
        "none",
        "all",
    ]
    assert lines[8].split() == ["none", *["·"] * 6, "1", "100%", "1", "100%"]
    assert lines[9].split()[:3] == ["all", "7", "–"]
