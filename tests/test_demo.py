"""The demo store is what a team lead shows first: it must be rich, real and repeatable."""

from __future__ import annotations

import importlib.util
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from improve.clock import FixedClock
from improve.demo.story import build_demo, working_day, write_demo
from improve.domain import cx
from improve.domain.balance import balance
from improve.domain.changes import CREATED
from improve.domain.codec import initiative_to_dict
from improve.domain.cx import MetricKind
from improve.domain.model import (
    Activity,
    Direction,
    Initiative,
    NoteKind,
    Principle,
    StakeholderRole,
    Status,
    Step,
)
from improve.domain.progress import ForecastState, forecast, progress
from improve.service import Register
from improve.store.storage import Store

MONDAY = date(2026, 11, 23)
SUNDAY = date(2026, 3, 1)
BENCH = Path(__file__).resolve().parents[1] / "bench" / "make_store.py"


@pytest.fixture(scope="module")
def demo() -> list[Initiative]:
    return build_demo(MONDAY)


def _dicts(initiatives: list[Initiative]) -> list[dict[str, object]]:
    return [initiative_to_dict(i) for i in initiatives]


@pytest.mark.parametrize("today", [MONDAY, SUNDAY])
def test_same_seed_and_day_give_the_same_records(today: date) -> None:
    assert _dicts(build_demo(today)) == _dicts(build_demo(today))
    assert _dicts(build_demo(today, seed=8)) != _dicts(build_demo(today))


def test_a_team_of_five_and_about_forty_initiatives(demo: list[Initiative]) -> None:
    assert 35 <= len(demo) <= 45
    assert {i.owner for i in demo} == {"ana", "ben", "chloe", "dev", "eli"}
    assert {i.team for i in demo} == {"platform", "service-desk"}
    assert len({i.id for i in demo}) == len(demo)
    created = [i.created.date() for i in demo]
    assert MONDAY - timedelta(days=92) <= min(created)
    assert max(created) <= MONDAY


def test_every_principle_step_and_status_is_there(demo: list[Initiative]) -> None:
    assert {i.principle for i in demo} == {*Principle, None}  # a captured idea has none yet
    assert {i.step for i in demo} == set(Step)
    assert {i.status for i in demo} == set(Status)
    assert all(i.source is not None for i in demo if not i.logged)
    assert all(1 <= (i.value or 1) <= 5 and 1 <= (i.effort or 1) <= 5 for i in demo)


def test_blocked_and_dropped_say_why(demo: list[Initiative]) -> None:
    closed_or_stuck = [i for i in demo if i.status in (Status.BLOCKED, Status.DROPPED)]
    assert {i.status for i in closed_or_stuck} == {Status.BLOCKED, Status.DROPPED}
    assert all(i.reason for i in closed_or_stuck)
    blocked = [i for i in demo if i.status is Status.BLOCKED]
    assert all(n.kind is NoteKind.BLOCKER for i in blocked for n in i.notes[-1:])


def test_measured_outcomes_show_every_kind_of_trend(demo: list[Initiative]) -> None:
    measured = [i for i in demo if i.measure is not None and len(i.live_measurements()) >= 2]
    assert len(measured) >= 10
    assert all(i.measure and i.measure.target_date for i in measured)
    assert any(i.measure and i.measure.cadence == "FREQ=WEEKLY;BYDAY=MO" for i in measured)
    states = Counter(forecast(i, MONDAY).state for i in demo)
    assert states[ForecastState.ON_TRACK] >= 1
    assert states[ForecastState.OFF_TRACK] >= 1
    assert states[ForecastState.MET] >= 1
    open_progress = [progress(i) for i in measured if not i.status.closed]
    assert any(p is not None and p > 1 for p in open_progress), "one overshoots its target"
    assert any(p is not None and p < 0 for p in open_progress), "one regresses"


def test_on_and_off_track_by_least_squares(demo: list[Initiative]) -> None:
    """The same verdict from a fit written here, so the demo does not lean on one module."""
    verdicts = {_fits(i) for i in demo if i.status is Status.ACTIVE and len(i.measurements) >= 2}
    assert {True, False} <= verdicts


def _fits(ini: Initiative) -> bool:
    m = ini.measure
    assert m is not None
    assert m.target is not None
    assert m.target_date is not None
    xs = [(r.at.date() - MONDAY).days for r in ini.live_measurements()]
    ys = [r.value for r in ini.live_measurements()]
    x_mean, y_mean = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - x_mean) ** 2 for x in xs
    )
    projected = y_mean + slope * ((m.target_date - MONDAY).days - x_mean)
    return projected >= m.target if m.direction is Direction.UP else projected <= m.target


def test_iterations_are_on_time_late_overdue_and_due_today(demo: list[Initiative]) -> None:
    items = [it for i in demo for it in i.live_iterations() if it.due is not None]
    done = [it for it in items if it.done_at is not None and it.due is not None]
    assert any(it.done_at.date() <= it.due for it in done if it.done_at and it.due)
    assert any(it.done_at.date() > it.due for it in done if it.done_at and it.due)
    open_ = [it for i in demo if not i.status.closed for it in i.live_iterations() if not it.done]
    assert any(it.due and it.due < MONDAY for it in open_), "overdue"
    assert any(it.due == MONDAY for it in open_), "due today"
    assert all(it.due and it.due >= it.created.date() for it in items)


def test_lessons_and_logged_small_improvements(demo: list[Initiative]) -> None:
    notes = [n for i in demo for n in i.live_notes()]
    assert any(n.kind is NoteKind.LESSON for n in notes)
    assert any(n.step is Step.MOMENTUM for n in notes)
    logged = [i for i in demo if i.logged]
    assert len(logged) >= 2
    assert all(i.status is Status.DONE and i.step is Step.MOMENTUM for i in logged)
    assert any(i.measure is not None and len(i.measurements) == 1 for i in logged)


def test_every_record_has_the_history_the_service_would_write(demo: list[Initiative]) -> None:
    for ini in demo:
        first, *_ = ini.history
        assert (first.field, first.new, first.at) == (CREATED, ini.id, ini.created)
        moments = [c.at for c in ini.history]
        assert moments == sorted(moments)
        assert ini.updated == moments[-1]
        assert all(c.who in {"ana", "ben", "chloe", "dev", "eli"} for c in ini.history)
    stepped = [i for i in demo if not i.logged and i.step is not Step.VISION]
    assert all("step" in i.stamps for i in stepped)
    assert any(c.who != i.owner for i in demo for c in i.history), "teammates help"


@pytest.mark.parametrize("today", [MONDAY, SUNDAY])
def test_something_moved_today_and_on_the_last_working_day(today: date) -> None:
    days = {c.at.date() for i in build_demo(today) for c in i.history}
    assert today in days
    assert working_day(today - timedelta(days=1)) in days


def test_write_demo_saves_every_initiative(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    register = Register(Store(tmp_path / "improve.json", clock), clock, "demo")
    assert write_demo(register, MONDAY) == len(build_demo(MONDAY))
    read = register.initiatives()
    assert len(read) == len(build_demo(MONDAY))
    assert {i.id for i in read} == {i.id for i in build_demo(MONDAY)}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_store", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_store_writes_readable_initiatives(tmp_path: Path) -> None:
    path = tmp_path / "improve.json"
    bench = _bench()
    bench.make_store(200, path, MONDAY)
    clock = FixedClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    found = Register(Store(path, clock), clock, "bench").initiatives()
    assert len(found) == 200
    assert len({i.id for i in found}) == 200
    assert len({i.owner for i in found}) > 30
    assert {i.status for i in found} == set(Status)
    with pytest.raises(FileExistsError):
        bench.make_store(10, path, MONDAY)


def test_customers_and_their_surveys_are_in_the_demo(demo: list[Initiative]) -> None:
    named = [i for i in demo if i.stakeholders]
    assert len(named) >= 0.75 * len(demo)
    assert {s.role for i in named for s in i.stakeholders} >= {
        StakeholderRole.USER,
        StakeholderRole.CUSTOMER,
        StakeholderRole.TEAM,
        StakeholderRole.SPONSOR,
    }
    assert len({i.activity for i in demo if i.activity}) == len(Activity)
    assert len({i.journey for i in demo if i.journey}) >= 5
    for kind in (MetricKind.NPS, MetricKind.CSAT):
        (surveyed,) = [i for i in demo if i.measure and i.measure.kind is kind]
        readings = surveyed.live_measurements()
        assert len(readings) >= 4
        for reading in readings:
            assert reading.responses
            assert reading.value == cx.score(kind, reading.responses).value
        assert any(cx.score(kind, r.responses).thin(30) for r in readings)
        assert not all(cx.score(kind, r.responses).thin(30) for r in readings)


def test_the_balance_of_the_demo_has_something_to_say(demo: list[Initiative]) -> None:
    now = datetime.combine(MONDAY, time(12), tzinfo=UTC)
    found = balance(demo, now - timedelta(days=91), now, "this quarter")
    assert found.total >= 30
    assert (
        "no initiative serves the offer or agree stage of the customer journey this quarter"
        in found.nudges
    )
    assert any("no guiding principle" in n for n in found.nudges)
