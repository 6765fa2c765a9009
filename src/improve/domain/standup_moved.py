"""What moved on an initiative since the look-back day, said in one line.

At the standup a person says "plan → act, flaky reruns 12 → 9", not the log of every
edit: each field once, from where it was to where it is; the latest reading against
the one before the look-back day (or the baseline); then what else happened, briefly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from improve.domain import progress
from improve.domain.model import Change, Direction, Initiative

#: The fields said first, in this order: where the initiative stands now.
HEADLINE = ("status", "step")
MINUS = "\u2212"


@dataclass(frozen=True)
class Reading:
    """The latest measurement since the look-back day, and the one it is compared with."""

    name: str
    unit: str
    latest: float
    before: float | None  # the last reading before the look-back day, else the baseline
    direction: Direction = Direction.UP

    @property
    def change(self) -> float | None:
        return None if self.before is None else self.latest - self.before

    @property
    def better(self) -> bool | None:
        """Whether it moved the right way; None when it did not move or has nothing before."""
        if not self.change:
            return None
        return (self.change > 0) == (self.direction is Direction.UP)

    def said(self) -> str:
        """`flaky reruns 12 → 9 (−3)`; a first reading with nothing to compare is its value.

        The metric's name says what is counted; a unit other than % is left out, so that
        the change stays in view on a narrow row (the JSON carries it)."""
        latest = self._value(self.latest)
        if self.before is None or self.change is None:
            return f"{self.name} {latest}"
        sign = "+" if self.change > 0 else MINUS if self.change < 0 else "±"
        shift = progress.number(abs(self.change))
        return f"{self.name} {self._value(self.before)} → {latest} ({sign}{shift})"

    def _value(self, value: float) -> str:
        return progress.amount(value, "%") if self.unit == "%" else progress.number(value)


@dataclass(frozen=True)
class Moved:
    """One initiative that moved since the look-back day: what moved, most telling first."""

    initiative_id: str
    title: str
    changes: tuple[str, ...]
    last: datetime
    reading: Reading | None = None


def moved(ini: Initiative, since: date, now: datetime) -> Moved | None:
    """What changed on or after the look-back day (from its midnight in the standup's zone)."""
    start = datetime.combine(since, time(), tzinfo=now.tzinfo)
    if ini.updated < start:
        return None  # `updated` is its latest change (a merge keeps the later one)
    recent = sorted((c for c in ini.history if start <= c.at <= now), key=lambda c: c.at)
    netted = _net(recent)
    reading = latest_reading(ini, start, now)
    said = [*_headline(netted), *([reading.said()] if reading else [])]
    said += [text for c in netted if (text := describe_change(ini, c)) is not None]
    if not said or not recent:
        return None
    return Moved(ini.id, ini.title, tuple(dict.fromkeys(said)), recent[-1].at, reading)


def _headline(changes: list[Change]) -> list[str]:
    found = {c.field: c for c in changes if c.field in HEADLINE}
    return [f"{found[name].old} → {found[name].new}" for name in HEADLINE if name in found]


def latest_reading(ini: Initiative, start: datetime, now: datetime) -> Reading | None:
    """The newest reading taken since `start`, against the last one before it."""
    m = ini.measure
    if m is None:
        return None
    readings = sorted(ini.live_measurements(), key=lambda r: r.at)
    recent = [r for r in readings if start <= r.at <= now]
    if not recent:
        return None
    earlier = [r for r in readings if r.at < start]
    before = earlier[-1].value if earlier else m.baseline
    return Reading(m.name, m.unit, recent[-1].value, before, m.direction)


def _first_line(text: str) -> str:
    return text.splitlines()[0].replace("\t", " ") if text else ""


def describe_change(ini: Initiative, change: Change) -> str | None:
    """A change besides status, step and readings, as the standup says it; None for edits
    nobody reports (a typo fixed)."""
    name = change.field
    if name == "created":
        return "logged as done" if ini.logged else "added"
    if name == "measure":
        return f"metric set: {ini.measure.name}" if ini.measure else None
    if name.startswith("iterations/"):
        item = next((i for i in ini.live_iterations() if i.id == name.split("/")[1]), None)
        verb = "done" if change.new is not None else "reopened"
        return f"iteration {verb}: {item.title}" if item else None
    if name == "iterations+":
        planned = next((i for i in ini.live_iterations() if i.id == change.new), None)
        return f"iteration planned: {planned.title}" if planned else None
    if name == "notes+":
        note = next((n for n in ini.live_notes() if n.id == change.new), None)
        return f"{note.kind.value}: {_first_line(note.text)}" if note else None
    return None


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
