"""What is due and when: readings by the measure's cadence, iterations, the target date.

Pure functions of an `Initiative`; the caller passes `now`, so tests can pin the clock.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from typing import TYPE_CHECKING

from improve.domain.model import Initiative
from improve.domain.outcomes import hold_readings_left
from improve.domain.progress import target_met

if TYPE_CHECKING:
    from dateutil.rrule import rrule, rruleset


@lru_cache(maxsize=1024)
def _rule(cadence: str, dtstart: datetime) -> rrule | rruleset:
    from dateutil.rrule import rrulestr  # only initiatives with a cadence pay for it

    return rrulestr(cadence, dtstart=dtstart, cache=True)


def _cadence(ini: Initiative, hold: int = 0) -> tuple[rrule | rruleset, datetime] | None:
    """The rule and the moment measuring began; occurrences start at midnight of that day.

    Midnight, so that a reading any time on the due day counts for that day. Closed work
    is not measured, except a done initiative still owed `hold` readings to see its gain
    hold.
    """
    m = ini.measure
    if m is None or not m.cadence:
        return None
    if ini.status.closed and not hold_readings_left(ini, hold):
        return None
    anchor = m.baseline_at or ini.created
    start = datetime.combine(anchor.date(), time(), tzinfo=anchor.tzinfo)
    return _rule(m.cadence, start), anchor


def measurement_due(ini: Initiative, now: datetime, hold: int = 0) -> datetime | None:
    """The occurrence still waiting for a reading; none before measuring began."""
    found = _cadence(ini, hold)
    if found is None:
        return None
    rule, anchor = found
    occurrence = rule.before(now, inc=True)
    if occurrence is None or occurrence < anchor:
        return None
    if any(m.at >= occurrence for m in ini.live_measurements()):
        return None
    return occurrence


def next_measurement(ini: Initiative, now: datetime) -> datetime | None:
    """Closed initiatives are not measured any more, so they have no next reading."""
    found = _cadence(ini)
    return found[0].after(now) if found else None


def next_due(ini: Initiative, now: datetime) -> date | None:
    """The first date something is expected: an iteration, a reading, or the target."""
    if ini.status.closed:
        return None
    dates = [i.due for i in ini.live_iterations() if i.due is not None and not i.done]
    reading = measurement_due(ini, now) or next_measurement(ini, now)
    if reading is not None:
        dates.append(reading.date())
    m = ini.measure
    if m is not None and m.target_date is not None and not target_met(ini):
        dates.append(m.target_date)
    return min(dates, default=None)


def overdue(ini: Initiative, today: date) -> bool:
    """Judged at the end of today, so only what was due before today counts."""
    zone = (ini.measure.baseline_at if ini.measure else None) or ini.created
    due = next_due(ini, datetime.combine(today, time.max, tzinfo=zone.tzinfo))
    return due is not None and due < today
