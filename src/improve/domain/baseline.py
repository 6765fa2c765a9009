"""The baseline as a dated reading: where we were, and when.

A team often sets the metric today and then backfills the readings it already had. A
baseline dated today would then sit after those readings, and a trend through it would
draw a V back up to the baseline "today". So the baseline's date moves to the earliest
reading, and a baseline dated after a reading is never a point of the trend.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from improve.domain.model import Initiative, Measure

#: A reading older than this is accepted, with a word naming its date (a typo'd year?).
FAR_PAST = timedelta(days=365)

Point = tuple[datetime, float]


def dated_points(
    baseline: float | None, baseline_at: datetime | None, readings: Iterable[Point]
) -> list[Point]:
    """The readings by date, led by the baseline when its date is known and comes first."""
    points = sorted(readings, key=lambda p: p[0])
    if baseline is None or baseline_at is None:
        return points
    if points and baseline_at > points[0][0]:
        return points
    return [(baseline_at, baseline), *points]


def trend_points(ini: Initiative) -> list[Point]:
    """The points a trend, a forecast or a chart of this initiative is drawn through."""
    readings = ((r.at, r.value) for r in ini.live_measurements())
    m = ini.measure
    if m is None:
        return sorted(readings, key=lambda p: p[0])
    return dated_points(m.baseline, m.baseline_at, readings)


def settled(measure: Measure, readings: Iterable[datetime]) -> Measure:
    """The measure with its baseline dated no later than its earliest reading."""
    earliest = min(readings, default=None)
    if earliest is None or measure.baseline_at is None or earliest >= measure.baseline_at:
        return measure
    return replace(measure, baseline_at=earliest)


def far_past(at: datetime, now: datetime) -> bool:
    """Worth a word when accepted: a reading from long ago is more often a typo'd year."""
    return now - at > FAR_PAST


def moved_word(ini: Initiative, asked: datetime, reading: datetime | None = None) -> str:
    """Said when the baseline is dated earlier than `asked` because a reading (this
    `reading`, if given) is: empty otherwise, so a backfill never moves it silently."""
    m = ini.measure
    if m is None or m.baseline_at is None or m.baseline_at >= asked:
        return ""
    earlier = {reading} if reading else {r.at for r in ini.live_measurements()}
    if m.baseline_at not in earlier:
        return ""
    return f"baseline dated {m.baseline_at:%Y-%m-%d}, the day of the earliest reading"
