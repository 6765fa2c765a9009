"""The items of a standup: what moved, what is due, what is blocked or off track.

Each rule reads one initiative and says, in the words a team uses at the standup,
what there is to say about it; `standup.py` gathers them person by person.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from improve.domain import outcomes, progress, schedule
from improve.domain.history import status_since
from improve.domain.model import Change, Initiative, Status


@dataclass(frozen=True)
class Moved:
    """One initiative that moved since the look-back day, and how, oldest first."""

    initiative_id: str
    title: str
    changes: tuple[str, ...]
    last: datetime


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


def _amount(value: float, unit: str) -> str:
    text = progress.number(value)
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}".rstrip()


def _first_line(text: str) -> str:
    return text.splitlines()[0].replace("\t", " ") if text else ""


def describe_change(ini: Initiative, change: Change) -> str | None:
    """A change as the standup says it; None for edits nobody reports (a typo fixed)."""
    name = change.field
    if name in ("status", "step"):
        return f"{name} {change.old} → {change.new}"
    if name == "created":
        return "logged as done" if ini.logged else "added"
    if name == "measure":
        return f"metric set: {ini.measure.name}" if ini.measure else None
    if name.startswith("iterations/"):
        item = next((i for i in ini.live_iterations() if i.id == name.split("/")[1]), None)
        verb = "done" if change.new is not None else "reopened"
        return f"iteration {verb}: {item.title}" if item else None
    return _describe_added(ini, name, change.new)


def _describe_added(ini: Initiative, name: str, item_id: object) -> str | None:
    if name == "iterations+":
        planned = next((i for i in ini.live_iterations() if i.id == item_id), None)
        return f"iteration planned: {planned.title}" if planned else None
    if name == "measurements+":
        reading = next((m for m in ini.live_measurements() if m.id == item_id), None)
        if reading is None:
            return None
        return f"measured {_amount(reading.value, ini.measure.unit if ini.measure else '')}"
    if name == "notes+":
        note = next((n for n in ini.live_notes() if n.id == item_id), None)
        return f"{note.kind.value}: {_first_line(note.text)}" if note else None
    return None


def moved(ini: Initiative, since: date, now: datetime) -> Moved | None:
    """What changed on or after the look-back day (from its midnight in the standup's zone)."""
    start = datetime.combine(since, time(), tzinfo=now.tzinfo)
    if ini.updated < start:
        return None  # `updated` is its latest change (a merge keeps the later one)
    recent = sorted((c for c in ini.history if start <= c.at <= now), key=lambda c: c.at)
    said = [text for c in _net(recent) if (text := describe_change(ini, c)) is not None]
    if not said:
        return None
    return Moved(ini.id, ini.title, tuple(dict.fromkeys(said)), recent[-1].at)


def _net(changes: list[Change]) -> list[Change]:
    """Each plain field once, from its first old value to its last new one, and not at all
    when it came back to where it was (a drop then an undo did not move anything)."""
    plain = [c.field for c in changes if c.field.isidentifier() and c.field != "created"]
    if len(plain) == len(set(plain)):
        return changes  # each field changed once: nothing to net
    first: dict[str, Change] = {}
    last: dict[str, Change] = {}
    for c in changes:
        if c.field.isidentifier() and c.field != "created":
            first.setdefault(c.field, c)
            last[c.field] = c
    kept = []
    for c in changes:
        if c.field not in last:
            kept.append(c)
        elif c is last[c.field] and first[c.field].old != c.new:
            kept.append(replace(c, old=first[c.field].old))
    return kept


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
        target = _amount(m.target, m.unit) if m.target is not None else "target"
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
