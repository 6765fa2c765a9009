"""Where an initiative stands: progress against its target, and the forecast.

Pure functions of an `Initiative`; the caller passes `today` or `now`, so the same
data always gives the same answer (and tests can pin the clock).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from improve.domain.baseline import trend_points
from improve.domain.model import Direction, Initiative, Measurement

#: A trend that needs longer than this to reach the target is not reaching it.
HORIZON = timedelta(days=5 * 365)
MIN_SPAN_DAYS = 1.0
#: The reason given when the target date is behind us and the target is not met.
TARGET_DATE_PASSED = "target date passed"
DEFAULT_SCORE = 3


def latest(ini: Initiative) -> Measurement | None:
    """The reading that counts now; undone ones (`removed`) are not evidence."""
    live = ini.live_measurements()
    return live[-1] if live else None


def progress(ini: Initiative) -> float | None:
    """Raw share of the way from baseline to target: overshoot and regression are facts."""
    m, last = ini.measure, latest(ini)
    if m is None or m.baseline is None or m.target is None or last is None:
        return None
    if m.target == m.baseline:
        return None
    return (last.value - m.baseline) / (m.target - m.baseline)


def clamp01(x: float) -> float:
    """For bars and percentages only; the data keeps the raw figure."""
    return min(1.0, max(0.0, x))


def _meets(value: float, target: float, direction: Direction) -> bool:
    """Better than or equal to the target, forgiving float noise from the fit."""
    if math.isclose(value, target, rel_tol=1e-9, abs_tol=1e-9):
        return True
    return value > target if direction is Direction.UP else value < target


def target_met(ini: Initiative) -> bool:
    """Judged on the latest reading, whichever way is better for the measure."""
    m, last = ini.measure, latest(ini)
    if m is None or m.target is None or last is None:
        return False
    return _meets(last.value, m.target, m.direction)


def shortfall(ini: Initiative) -> str | None:
    """Why the target is not met, in words; None when it is, or there is none to meet.

    Closing such an initiative needs an explicit acceptance with a reason.
    """
    m, last = ini.measure, latest(ini)
    if m is None or m.target is None or target_met(ini):
        return None
    target = amount(m.target, m.unit)
    if last is None:
        return f"no reading yet against the target {target}"
    return f"latest {amount(last.value, m.unit)} against the target {target}"


class ForecastState(StrEnum):
    """Stable keys, as they appear in `--json` output."""

    ON_TRACK = "on-track"
    OFF_TRACK = "off-track"
    MET = "met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Forecast:
    """A projection of the trend, with enough to say it in words (`describe`)."""

    state: ForecastState
    projected: float | None = None
    reaches_on: date | None = None
    slope_per_day: float | None = None
    reason: str = ""
    target: float | None = None


@dataclass(frozen=True)
class _Line:
    """A least-squares line; x is days since `origin`, centred on the mean to keep precision."""

    origin: datetime
    x_mean: float
    y_mean: float
    slope: float

    def x(self, day: date) -> float:
        return _days(self.origin, datetime.combine(day, time(), tzinfo=self.origin.tzinfo))

    def at(self, day: date) -> float:
        return self.y_mean + self.slope * (self.x(day) - self.x_mean)

    def crossing(self, target: float, direction: Direction, today: date) -> date | None:
        """The day the trend reaches the target, from today on, if within the horizon."""
        improving = self.slope > 0 if direction is Direction.UP else self.slope < 0
        if not improving:
            return None
        x = self.x_mean + (target - self.y_mean) / self.slope
        if x > self.x(today + HORIZON):
            return None
        if x <= self.x(today):
            return today
        return (self.origin + timedelta(days=x)).date()


def _days(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400


def _fit(points: list[tuple[datetime, float]]) -> _Line | None:
    """None when the readings cannot show a trend: fewer than two, or all within a day.

    Readings minutes apart (a baseline and a first measurement taken together) would
    give a slope of noise that projects to absurd values.
    """
    if len(points) < 2:
        return None
    origin = points[0][0]
    xs = [_days(origin, at) for at, _ in points]
    if xs[-1] < MIN_SPAN_DAYS:
        return None
    ys = [value for _, value in points]
    x_mean, y_mean = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - x_mean) ** 2 for x in xs)
    if spread == 0:
        return None
    slope = sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True)) / spread
    return _Line(origin, x_mean, y_mean, slope)


def forecast(ini: Initiative, today: date) -> Forecast:
    """On track is a projection of the measurements to the target date, not a feeling."""
    m, last = ini.measure, latest(ini)
    if m is None:
        return Forecast(ForecastState.UNKNOWN, reason="no metric")
    if m.target is None:
        return Forecast(ForecastState.UNKNOWN, reason="no target value")
    if last is not None and _meets(last.value, m.target, m.direction):
        return Forecast(ForecastState.MET, last.value, reason="target met", target=m.target)
    if m.target_date is None:
        return Forecast(ForecastState.UNKNOWN, reason="no target date", target=m.target)
    return _trend(ini, m.target, m.target_date, m.direction, today)


def _trend(ini: Initiative, target: float, by: date, direction: Direction, today: date) -> Forecast:
    """Past the target date the latest reading is the verdict; before it, the fitted line."""
    points, last = trend_points(ini), latest(ini)
    line = _fit(points)
    if by < today and last is not None:
        projected = last.value
    elif line is not None:
        projected = line.at(by)
    else:
        few = "fewer than two measurements" if len(points) < 2 else "readings span less than a day"
        return Forecast(ForecastState.UNKNOWN, reason=few, target=target)
    on = _meets(projected, target, direction)
    state = ForecastState.ON_TRACK if on else ForecastState.OFF_TRACK
    trend = "trend meets target" if on else "trend falls short"
    reason = TARGET_DATE_PASSED if by < today else trend
    slope = line.slope if line else None
    reaches = line.crossing(target, direction, today) if line else None
    return Forecast(state, projected, reaches, slope, reason, target)


def number(value: float) -> str:
    """Compact: `42`, `42.5`, `0.33`; never `-0`."""
    text = f"{round(value, 2) + 0.0:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def amount(value: float, unit: str) -> str:
    if not unit:
        return number(value)
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}"


def describe(fc: Forecast, unit: str) -> str:
    """The forecast as a practitioner would say it at the standup."""
    if fc.state is ForecastState.MET:
        return "target met"
    if fc.state is ForecastState.UNKNOWN or fc.projected is None:
        return f"unknown: {fc.reason}"
    if fc.state is ForecastState.OFF_TRACK:
        if fc.reason == TARGET_DATE_PASSED:
            return f"off track: {TARGET_DATE_PASSED} at {amount(fc.projected, unit)}"
        return f"off track: projected {amount(fc.projected, unit)} by the target date"
    if fc.reaches_on is not None and fc.target is not None:
        day = f"{fc.reaches_on.day} {fc.reaches_on:%b %Y}"
        return f"on track: reaches {amount(fc.target, unit)} by {day}"
    return f"on track: projected {amount(fc.projected, unit)} by the target date"


#: The register's default order, in the words every view uses for it.
VALUE_FIRST = "value first"
VALUE_FIRST_RULE = "value high to low, then effort low to high, then the next due date"


def value_order_key(ini: Initiative, next_due: date | None) -> tuple[int, int, int, datetime, str]:
    """Value decides, so a low-value quick win never ranks above work worth more; effort
    breaks a tie, then the sooner due date; the id last makes the order total.

    An unscored value or effort counts as the middle score (3).
    """
    value = ini.value if ini.value is not None else DEFAULT_SCORE
    effort = ini.effort if ini.effort is not None else DEFAULT_SCORE
    due = next_due.toordinal() if next_due is not None else date.max.toordinal()
    return (-value, effort, due, ini.created, ini.id)


def sparkline_values(ini: Initiative, n: int = 12) -> list[float]:
    """The recent trend; a dated baseline leads while there is room, as the starting point."""
    points = trend_points(ini)
    return [value for _, value in points[max(len(points) - n, 0) :]]
