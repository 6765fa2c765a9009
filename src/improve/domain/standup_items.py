"""The items of a standup: what is due, what comes next, what is blocked or off track.

Each rule reads one initiative and says, in the words a team uses at the standup,
what there is to say about it; `standup.py` gathers them person by person (what moved
is `standup_moved.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from improve.domain import outcomes, progress, schedule
from improve.domain.history import status_since
from improve.domain.model import Initiative, Status


@dataclass(frozen=True)
class Due:
    """Something expected today or before: an iteration, a reading, the target date."""

    initiative_id: str
    title: str
    what: str
    due: date
    iteration: int | None = None  # 1-based, as `improve show` numbers them

    def late(self, today: date) -> int:
        """Days overdue; 0 when due today."""
        return max(0, (today - self.due).days)


@dataclass(frozen=True)
class Next:
    """What comes next on an initiative: its nearest open iteration due after today (or
    not dated yet), so that what is planned is said before it is late."""

    initiative_id: str
    title: str
    what: str
    due: date | None
    iteration: int  # 1-based, as `improve show` numbers them


@dataclass(frozen=True)
class Blocked:
    """A blocked initiative, since when, and why."""

    initiative_id: str
    title: str
    since: datetime
    days: int
    reason: str


@dataclass(frozen=True)
class SlidBack:
    """Done, but the gain is slipping away: worth reopening, or at least a word."""

    initiative_id: str
    title: str
    since: datetime
    said: str


@dataclass(frozen=True)
class OffTrack:
    """An initiative whose forecast falls short of its target, said in words."""

    initiative_id: str
    title: str
    forecast: str


def due(ini: Initiative, now: datetime, hold: int = 0) -> list[Due]:
    """Iterations, readings and target dates due today or before, for open work; for done
    work, the readings still owed to see whether the gain holds."""
    if ini.status.closed:
        return _hold_due(ini, now, hold)
    today = now.date()
    found = [
        Due(ini.id, ini.title, f"iteration {n}: {item.title}", item.due, n)
        for n, item in enumerate(ini.live_iterations(), 1)
        if not item.done and item.due is not None and item.due <= today
    ]
    return found + _measure_due(ini, now)


def next_up(ini: Initiative, today: date) -> Next | None:
    """The nearest open iteration not yet due; one without a date comes after dated ones."""
    if ini.status.closed:
        return None
    later = [
        (item.due is None, item.due or today, n, item.title)
        for n, item in enumerate(ini.live_iterations(), 1)
        if not item.done and (item.due is None or item.due > today)
    ]
    if not later:
        return None
    undated, when, n, title = min(later)
    return Next(ini.id, ini.title, f"iteration {n}: {title}", None if undated else when, n)


def _measure_due(ini: Initiative, now: datetime) -> list[Due]:
    """A reading the cadence asks for, and a target date reached short of the target."""
    m, found = ini.measure, []
    if m is None:
        return []
    reading = schedule.measurement_due(ini, now)
    if reading is not None:
        found.append(Due(ini.id, ini.title, f"measurement: {m.name}", reading.date()))
    reached = m.target_date is not None and m.target_date <= now.date()
    if m.target_date is not None and reached and not progress.target_met(ini):
        target = progress.amount(m.target, m.unit) if m.target is not None else "target"
        found.append(Due(ini.id, ini.title, f"target date: {target}", m.target_date))
    return found


def _hold_due(ini: Initiative, now: datetime, hold: int) -> list[Due]:
    reading = schedule.measurement_due(ini, now, hold) if ini.measure else None
    if ini.measure is None or reading is None:
        return []
    what = f"measurement: {ini.measure.name} (does the gain hold?)"
    return [Due(ini.id, ini.title, what, reading.date())]


def slid_back(ini: Initiative, share: float = outcomes.SLIDE_SHARE) -> SlidBack | None:
    """A done initiative whose latest reading gave back more than `share` of its gain."""
    slide = outcomes.slid_back(ini, share)
    if slide is None:
        return None
    return SlidBack(ini.id, ini.title, slide.since, outcomes.describe_slide(slide, ini))


def blocked(ini: Initiative, today: date) -> Blocked | None:
    """How long it has been blocked counts from the last time it was set blocked."""
    if ini.status is not Status.BLOCKED:
        return None
    since = status_since(ini)
    return Blocked(ini.id, ini.title, since, (today - since.date()).days, ini.reason)


def off_track(ini: Initiative, today: date) -> OffTrack | None:
    if ini.status.closed:
        return None
    fc = progress.forecast(ini, today)
    if fc.state is not progress.ForecastState.OFF_TRACK:
        return None
    unit = ini.measure.unit if ini.measure else ""
    return OffTrack(ini.id, ini.title, progress.describe(fc, unit))
