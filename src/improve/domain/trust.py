"""The three C's of a trusted service relationship, computed from the register.

Capability, commitment and consistency (ITIL 4) are claims a team makes about itself;
here each is a number backed by the team's own record, with one line saying how it
was computed and on how many items, and no number at all below a stated minimum,
because a ratio of one or two things is an anecdote, not evidence.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from dateutil.rrule import rrule, rruleset, rrulestr

from improve.domain import progress
from improve.domain.history import closed_at, finished_at, in_period
from improve.domain.model import Initiative

CAPABILITY = "capability"
COMMITMENT = "commitment"
CONSISTENCY = "consistency"

#: Finished initiatives with a measured target needed before capability means anything.
MIN_CAPABILITY = 3
#: Iterations and measurements that fell due, needed before commitment means anything.
MIN_COMMITMENT = 5
#: Whole weeks in the period needed before a week-to-week spread means anything.
MIN_CONSISTENCY = 4
MIN_BASIS = {CAPABILITY: MIN_CAPABILITY, COMMITMENT: MIN_COMMITMENT, CONSISTENCY: MIN_CONSISTENCY}
#: A coefficient of variation at or above this scores zero consistency.
CV_CAP = 2.0
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Trust:
    """One of the three C's: a value in 0..1 (None = not enough data), its basis and how."""

    name: str  # "capability" | "commitment" | "consistency"
    value: float | None  # 0..1, None = not enough data
    basis: int  # how many items it was computed on
    how: str  # one line saying how it was computed


def three_cs(
    initiatives: Sequence[Initiative], since: datetime, until: datetime
) -> tuple[Trust, Trust, Trust]:
    """Capability, commitment and consistency over the half-open period [since, until)."""
    return (
        capability(initiatives, since, until),
        commitment(initiatives, since, until),
        consistency(initiatives, since, until),
    )


def _short(day: date) -> str:
    return f"{day.day} {day:%b}"


def last_day(until: datetime) -> date:
    """The last day a half-open period [since, until) touches: ending at midnight, the day
    before; ending now, today."""
    return (until - timedelta(microseconds=1)).date()


def _span(since: datetime, until: datetime) -> str:
    return f"{_short(since.date())}–{_short(last_day(until))}"


def _too_few(name: str, basis: int, what: str) -> Trust:
    need = MIN_BASIS[name]
    return Trust(name, None, basis, f"not enough data: {basis} {what} (at least {need} needed)")


def _met(ini: Initiative) -> bool:
    """Judged on the readings up to the finish: a gain that slid back later is said apart."""
    closed = finished_at(ini)
    if closed is not None:
        kept = tuple(m for m in ini.measurements if m.at <= closed)
        ini = ini.with_changes(measurements=kept) if len(kept) < len(ini.measurements) else ini
    raw = progress.progress(ini)
    return raw is not None and (raw >= 1 or math.isclose(raw, 1.0, abs_tol=1e-9))


def capability(initiatives: Sequence[Initiative], since: datetime, until: datetime) -> Trust:
    """Share of initiatives finished in the period whose outcome met its target."""
    judged = [
        ini
        for ini in initiatives
        if in_period(finished_at(ini), since, until) and progress.progress(ini) is not None
    ]
    what = f"measured initiatives finished {_span(since, until)}"
    if len(judged) < MIN_CAPABILITY:
        return _too_few(CAPABILITY, len(judged), what)
    met = sum(1 for ini in judged if _met(ini))
    how = f"{met} of {len(judged)} {what} met their target (progress ≥ 100%)"
    return Trust(CAPABILITY, met / len(judged), len(judged), how)


def _iterations_kept(ini: Initiative, since: datetime, until: datetime) -> Iterator[bool]:
    """Each iteration due in the period: was it done by its due date?

    One still open is judged only once its due day is over, and not at all when the
    initiative closed before it fell due (dropping work is not breaking a promise).
    """
    closed = closed_at(ini)
    last = last_day(until)
    for item in ini.live_iterations():
        due = item.due
        if due is None or not since.date() <= due <= last:
            continue
        if item.done_at is not None:
            yield item.done_at.date() <= due
        elif due < until.date() and (closed is None or closed.date() > due):
            yield False


@lru_cache(maxsize=4096)
def _rule(cadence: str, start: datetime) -> rrule | rruleset:
    return rrulestr(cadence, dtstart=start, cache=True)


def _readings_kept(ini: Initiative, since: datetime, until: datetime) -> Iterator[bool]:
    """Each cadence occurrence in the period: was a reading taken before the next one?

    An occurrence whose window is still open counts only once it is kept.
    """
    m = ini.measure
    if m is None or not m.cadence:
        return
    anchor = m.baseline_at or ini.created
    rule = _rule(m.cadence, datetime.combine(anchor.date(), time(), tzinfo=anchor.tzinfo))
    end = min(until, closed_at(ini) or until)
    readings = [r.at for r in ini.live_measurements()]
    for occurrence in rule.between(max(since, anchor), end, inc=True):
        following = rule.after(occurrence)
        window_end = following if following is not None else until
        kept = any(occurrence <= at < window_end for at in readings)
        if kept or window_end <= until:
            yield kept


def commitment(initiatives: Sequence[Initiative], since: datetime, until: datetime) -> Trust:
    """Iterations done by their due date, and measurements taken when due, together."""
    iterations = [k for ini in initiatives for k in _iterations_kept(ini, since, until)]
    readings = [k for ini in initiatives for k in _readings_kept(ini, since, until)]
    basis = len(iterations) + len(readings)
    what = f"iterations and measurements due {_span(since, until)}"
    if basis < MIN_COMMITMENT:
        return _too_few(COMMITMENT, basis, what)
    kept = sum(iterations) + sum(readings)
    how = (
        f"{kept} of {basis} kept: {sum(iterations)}/{len(iterations)} iterations done by "
        f"their due date, {sum(readings)}/{len(readings)} measurements taken when due"
    )
    return Trust(COMMITMENT, kept / basis, basis, how)


def weekly_windows(since: datetime, until: datetime) -> list[tuple[datetime, datetime]]:
    """Whole 7-day weeks of whole days, the last ending with the period's last day (so a
    period of 14 days is exactly two); a partial week at the start is left out."""
    if until <= since:
        return []
    end = datetime.combine(last_day(until) + timedelta(days=1), time(), tzinfo=until.tzinfo)
    weeks = (end - since) // WEEK
    return [(end - (n + 1) * WEEK, end - n * WEEK) for n in reversed(range(weeks))]


def iterations_per_week(
    initiatives: Sequence[Initiative], windows: Sequence[tuple[datetime, datetime]]
) -> list[int]:
    """How many iterations were done in each window."""
    done = [
        item.done_at
        for ini in initiatives
        for item in ini.live_iterations()
        if item.done_at is not None
    ]
    return [sum(1 for at in done if start <= at < end) for start, end in windows]


def consistency(initiatives: Sequence[Initiative], since: datetime, until: datetime) -> Trust:
    """1 − the spread (coefficient of variation, capped) of iterations done per week."""
    counts = iterations_per_week(initiatives, weekly_windows(since, until))
    weeks = len(counts)
    if weeks < MIN_CONSISTENCY:
        return _too_few(CONSISTENCY, weeks, f"whole weeks in {_span(since, until)}")
    mean = sum(counts) / weeks
    if mean == 0:
        how = f"not enough data: no iteration done in {weeks} weeks, so no spread to measure"
        return Trust(CONSISTENCY, None, weeks, how)
    cv = statistics.pstdev(counts) / mean
    value = 1 - min(cv, CV_CAP) / CV_CAP
    how = (
        f"iterations done per week over {weeks} weeks: mean {mean:.1f}, "
        f"spread (CV) {cv:.2f}; score 1 − CV/{CV_CAP:g}, floored at 0"
    )
    return Trust(CONSISTENCY, value, weeks, how)
