"""The braille chart: readings against baseline and target lines, fitted to the width."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improve.domain.model import Direction, Initiative, Iteration, Measure, Measurement
from improve.tui.widgets.chart import Series, Styles, legend, plot, series

T0 = datetime(2026, 9, 1, 9, tzinfo=UTC)
TODAY = date(2026, 11, 23)
TODAY_AT = datetime(2026, 11, 23, 9, tzinfo=UTC)


def initiative(values: list[float], *, target_date: date | None = date(2026, 12, 31)) -> Initiative:
    readings = tuple(
        Measurement(f"m{i}", T0 + timedelta(days=7 * (i + 1)), v, "sam")
        for i, v in enumerate(values)
    )
    measure = Measure("Lead time", "h", Direction.DOWN, 30, T0, 6, target_date)
    return Initiative("i1", "Cut lead time", T0, T0, measure=measure, measurements=readings)


def lines(data: Series, width: int = 60, height: int = 5) -> list[str]:
    return [line.plain for line in plot(data, width, height, Styles())]


def test_baseline_and_target_label_their_rows_and_readings_fall_between() -> None:
    data = series(initiative([26, 20, 15]), TODAY)
    assert data is not None
    shown = lines(data)
    assert shown[0].startswith("30 ┤")
    assert shown[4].startswith(" 6 ┤")
    assert "─" in shown[0]
    assert "─" in shown[4]
    plotted = "".join(shown[:5])
    assert any(0x2800 < ord(c) <= 0x28FF for c in plotted)
    assert shown[5].startswith("   └1 Sep")
    assert shown[5].endswith("31 Dec")
    assert "▲today" in shown[5]


def test_the_x_axis_runs_from_the_baseline_to_the_target_date() -> None:
    data = series(initiative([20]), TODAY)
    assert data is not None
    assert (data.start, data.end) == (date(2026, 9, 1), date(2026, 12, 31))
    assert data.points[0] == (T0, 30)
    undated = series(initiative([20], target_date=None), TODAY)
    assert undated is not None
    assert undated.end == TODAY


def test_a_falling_trend_goes_down_the_rows() -> None:
    data = series(initiative([24, 18, 12, 8]), TODAY)
    assert data is not None
    shown = lines(data, width=40)
    first_dot = [
        next(i for i, c in enumerate(row) if 0x2800 < ord(c) <= 0x28FF) for row in shown[:4]
    ]
    assert first_dot == sorted(first_dot)


def test_no_metric_no_chart() -> None:
    bare = Initiative("i2", "No metric", T0, T0)
    assert series(bare, TODAY) is None


def test_the_legend_names_the_lines_without_colour() -> None:
    data = series(initiative([20]), TODAY)
    assert data is not None
    text = legend(data, Direction.DOWN, Styles()).plain
    assert "readings" in text
    assert "baseline" in text
    assert "target 6 h ↓" in text


@pytest.mark.parametrize("width", [12, 20, 40, 80, 200])
def test_every_line_fits_the_width(width: int) -> None:
    data = series(initiative([29.5, 22.25, 17, 16.125]), TODAY)
    assert data is not None
    assert all(len(line) <= width for line in lines(data, width=width))


@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=30),
    st.integers(12, 160),
    st.integers(2, 12),
)
def test_any_readings_plot_within_the_box(values: list[float], width: int, height: int) -> None:
    data = series(initiative(values), TODAY)
    assert data is not None
    shown = lines(data, width=width, height=height)
    assert len(shown) == height + 1
    assert all(len(line) <= width for line in shown)


def test_each_iteration_done_is_marked_on_the_time_axis() -> None:
    ini = initiative([26, 20, 15])
    done = (
        Iteration("a", "First step", T0, done_at=T0 + timedelta(days=10)),
        Iteration("b", "Second step", T0, done_at=T0 + timedelta(days=40)),
        Iteration("c", "Not done yet", T0),
    )
    data = series(ini.with_changes(iterations=done), TODAY)
    assert data is not None
    assert [n for _, n in data.changes] == [1, 2]
    shown = lines(data)
    axis = shown[-1]
    assert "1" in axis[4:12]
    assert "2" in axis[12:30]
    column = axis.index("2", 12)
    assert all(row[column] in "┊─⠀" or 0x2800 <= ord(row[column]) <= 0x28FF for row in shown[:5])
    assert sum(row.count("┊") for row in shown[:5]) >= 6
    assert "┊ done" in legend(data, Direction.DOWN, Styles()).plain


def test_a_baseline_dated_after_backfilled_readings_draws_no_v() -> None:
    """A store written before baselines moved: the baseline 'today', readings before it."""
    ini = initiative([26, 20, 15])
    m = ini.measure
    assert m is not None
    late = ini.with_changes(measure=Measure(m.name, m.unit, m.direction, 30, TODAY_AT, 6, None))
    data = series(late, TODAY)
    assert data is not None
    assert [value for _, value in data.points] == [26, 20, 15]
    assert data.baseline == 30  # still drawn as the line it is
