"""Dated events: the baseline's own date, backfilled readings, and `--at` on every write
that records something that happened."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improve.domain import baseline, progress
from improve.domain.model import Direction, Initiative, Measure, Measurement
from improve.service import Register
from tests.conftest import NOW, Cli

IN_TWO_MONTHS = "2027-01-23"


def lead_time(cli: Cli, *more: str) -> str:
    key = cli.key("add", "Cut lead time")
    result = cli(
        "metric", key, "lead time", "--unit", "min", "--better", "down",
        "--baseline", "62", "--target", "20", "--by", IN_TWO_MONTHS, *more,
    )  # fmt: skip
    assert result.code == 0, result.err
    return key


def test_backfilled_readings_give_the_trend_they_show(cli: Cli) -> None:
    """The issue's case: a metric set today, then four readings from the days before."""
    key = lead_time(cli)
    first = cli("measure", key, "62", "--at", "-10d")
    assert "baseline dated 2026-11-13, the day of the earliest reading" in first.out
    for value, days in (("56", "-8d"), ("50", "-6d"), ("44", "-4d")):
        assert cli("measure", key, value, "--at", days).code == 0
    shown = cli("show", key).out
    assert "on track: reaches 20 min by 27 Nov 2026" in shown
    assert "off track" not in shown
    data = json.loads(cli("show", key, "--json").out)
    assert data["measure"]["baseline_at"].startswith("2026-11-13")
    assert data["forecast"] == "on-track"
    assert "baseline dated 2026-11-13" in shown


def test_the_baseline_takes_its_own_date(cli: Cli) -> None:
    key = lead_time(cli, "--baseline-at", "2026-11-01")
    reading = cli("measure", key, "60", "--at", "-10d")
    assert "baseline dated" not in reading.out
    data = json.loads(cli("show", key, "--json").out)
    assert data["measure"]["baseline_at"].startswith("2026-11-01")
    future = cli("metric", key, "lead time", "--better", "down", "--baseline", "62",
                 "--target", "20", "--baseline-at", "+3d")  # fmt: skip
    assert future.code == 2
    assert "future" in future.err


def test_a_metric_set_after_its_readings_is_dated_at_the_earliest(
    cli: Cli, register: Register
) -> None:
    key = lead_time(cli)
    cli("measure", key, "58", "--at", "-3d")
    again = cli("metric", key, "lead time", "--unit", "min", "--better", "down",
                "--baseline", "64", "--target", "20")  # fmt: skip
    assert "baseline dated 2026-11-20, the day of the earliest reading" in again.out
    assert register.get(key).measure.baseline_at.date().isoformat() == "2026-11-20"  # type: ignore[union-attr]


def test_a_reading_from_long_ago_is_kept_with_a_word_naming_its_date(cli: Cli) -> None:
    key = lead_time(cli)
    result = cli("measure", key, "43", "--at", "2020-01-01")
    assert result.code == 0
    assert "2020-01-01" in result.err
    assert "over a year ago" in result.err
    assert "2020-01-01  43 min" in cli("show", key).out
    assert "over a year ago" not in cli("measure", key, "42", "--at", "-300d").err


# --- the domain ------------------------------------------------------------------------

T0 = datetime(2026, 1, 5, tzinfo=UTC)
days = st.integers(-400, 400)


def initiative(baseline_day: int, readings: list[tuple[int, float]]) -> Initiative:
    measure = Measure("lead time", "min", Direction.DOWN, 62.0, T0 + timedelta(baseline_day),
                      20.0, (T0 + timedelta(500)).date())  # fmt: skip
    return Initiative(
        id="a1", title="Cut lead time", created=T0, updated=T0, measure=measure,
        measurements=tuple(
            Measurement(f"m{n}", T0 + timedelta(d), v) for n, (d, v) in enumerate(readings)
        ),
    )  # fmt: skip


def test_a_baseline_dated_after_a_reading_is_not_a_point_of_the_trend() -> None:
    """Stores written before the fix: the baseline 'today', the readings before it."""
    ini = initiative(10, [(0, 62), (2, 56), (4, 50), (6, 44)])
    assert [v for _, v in baseline.trend_points(ini)] == [62, 56, 50, 44]
    assert progress.forecast(ini, (T0 + timedelta(10)).date()).state.value == "on-track"
    assert progress.sparkline_values(ini) == [62, 56, 50, 44]


@given(baseline_day=days, readings=st.lists(st.tuples(days, st.floats(0, 100)), max_size=8))
def test_readings_in_any_order_leave_the_baseline_first(
    baseline_day: int, readings: list[tuple[int, float]]
) -> None:
    ini = initiative(baseline_day, [])
    measure = ini.measure
    assert measure is not None
    for day, _ in readings:  # one `measure --at` after another, in the order given
        measure = baseline.settled(measure, [T0 + timedelta(day)])
    earliest = min([baseline_day, *(d for d, _ in readings)])
    assert measure.baseline_at == T0 + timedelta(earliest)
    settled = initiative(earliest, readings)
    points = baseline.trend_points(settled)
    assert points[0] == (T0 + timedelta(earliest), 62.0)
    assert [at for at, _ in points] == sorted(at for at, _ in points)
    assert len(points) == len(readings) + 1


# --- --at on every write that records an event ------------------------------------------

YESTERDAY = (NOW - timedelta(days=1)).date().isoformat()


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (["iter-done", "{key}", "1"], "done_at"),
        (["note", "{key}", "paired on it"], "note"),
        (["step", "{key}", "check"], "step"),
        (["block", "{key}", "--reason", "waiting on ops"], "status"),
        (["done", "{key}"], "status"),
    ],
)
def test_at_dates_the_event(cli: Cli, command: list[str], field: str) -> None:
    key = cli.key("add", "Cut lead time")
    cli("iter", key, "cache deps")
    args = [a.format(key=key) for a in command]
    result = cli(*args, "--at", "yesterday")
    assert result.code == 0, result.err
    data = json.loads(cli("show", key, "--json").out)
    if field == "done_at":
        assert data["iterations"][0]["done_at"].startswith(YESTERDAY)
    elif field == "note":
        assert data["notes"][0]["at"].startswith(YESTERDAY)
    else:
        entry = [h for h in data["history"] if h["field"] == field][-1]
        assert entry["at"].startswith(YESTERDAY)
    future = cli(*args, "--at", "tomorrow")
    assert future.code == 2
    assert "is in the future" in future.err


def test_log_at_dates_the_improvement(cli: Cli) -> None:
    result = cli("log", "Deleted the staging VM", "--at", "yesterday", "--before", "4",
                 "--after", "0")  # fmt: skip
    assert result.code == 0, result.err
    (row,) = json.loads(cli("list", "--all", "--json").out)
    assert row["created"].startswith(YESTERDAY)
    assert row["measurements"][0]["at"].startswith(YESTERDAY)
    assert "2020-03-01" in cli("log", "Old one", "--at", "2020-03-01").err


def test_work_recorded_later_counts_in_the_week_it_was_done(cli: Cli) -> None:
    key = cli.key("add", "Cut lead time", "--owner", "sam")
    cli("iter", key, "cache deps")
    cli("iter-done", key, "1", "--at", "-5d")
    before = json.loads(cli("insights", "--since", "-7d", "--until", "-2d", "--json").out)
    assert sum(week["iterations"] for week in before["weeks"]) == 1
    today = json.loads(cli("insights", "--since", "-1d", "--json").out)
    assert sum(week["iterations"] for week in today["weeks"]) == 0


def test_show_tells_the_history_in_the_order_things_happened(cli: Cli) -> None:
    key = cli.key("add", "Cut lead time")
    cli("note", key, "paired on it", "--at", "-2d")
    history = cli("show", key).out.split("\nhistory\n")[1].splitlines()
    assert "note added" in history[0]
    assert "created" in history[1]
