"""The daily standup: person by person, what moved, what is due, blocked or off track.

Pure: the caller passes the initiatives (already narrowed to a team), the moment of
the standup and the team's calendar, so the same data always gives the same digest
and tests can pin the day. "Since the last working day" skips weekends and the
team's holidays, so on a Monday the standup looks back to Friday and whatever was
done over the weekend counts too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from improve.domain import progress
from improve.domain.errors import InputError
from improve.domain.history import status_since
from improve.domain.model import Change, Initiative, Status

UNASSIGNED = "unassigned"
#: Far enough back to cross any run of holidays a team could configure.
MAX_LOOK_BACK = 366


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
class OffTrack:
    """An initiative whose forecast falls short of its target, said in words."""

    initiative_id: str
    title: str
    forecast: str


@dataclass(frozen=True)
class PersonStandup:
    """One person's turn at the standup."""

    person: str
    moved: tuple[Moved, ...] = ()
    due: tuple[Due, ...] = ()
    blocked: tuple[Blocked, ...] = ()
    off_track: tuple[OffTrack, ...] = ()

    @property
    def quiet(self) -> bool:
        """Nothing to say: worth knowing, and worth asking about."""
        return not (self.moved or self.due or self.blocked or self.off_track)


@dataclass(frozen=True)
class Summary:
    """The end of the standup in one line of numbers."""

    moved: int
    blocked: int
    overdue: int
    due_today: int
    off_track: int
    quiet: tuple[str, ...]


@dataclass(frozen=True)
class Standup:
    """The digest of one standup: the day, the look-back day, and each person in order."""

    today: date
    since: date
    people: tuple[PersonStandup, ...]

    @property
    def summary(self) -> Summary:
        dues = [d for p in self.people for d in p.due]
        return Summary(
            moved=sum(len(p.moved) for p in self.people),
            blocked=sum(len(p.blocked) for p in self.people),
            overdue=sum(1 for d in dues if d.due < self.today),
            due_today=sum(1 for d in dues if d.due == self.today),
            off_track=sum(len(p.off_track) for p in self.people),
            quiet=tuple(p.person for p in self.people if p.quiet),
        )


def holiday_dates(texts: Iterable[str]) -> frozenset[date]:
    """The team's non-working days from config, as ISO dates."""
    found = set()
    for text in texts:
        try:
            found.add(date.fromisoformat(text.strip()))
        except ValueError:
            raise InputError(f"bad holiday {text!r} in the config: use YYYY-MM-DD") from None
    return frozenset(found)


def last_working_day(today: date, holidays: Collection[date] = ()) -> date:
    """The working day before today: weekends and holidays are skipped."""
    day = today - timedelta(days=1)
    for _ in range(MAX_LOOK_BACK):
        if day.weekday() < 5 and day not in holidays:
            return day
        day -= timedelta(days=1)
    return today - timedelta(days=1)


def _amount(value: float, unit: str) -> str:
    text = progress.number(value)
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}".rstrip()


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


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
    """What changed on or after the look-back day (in the standup's time zone)."""
    zone = now.tzinfo
    recent = sorted(
        (c for c in ini.history if since <= c.at.astimezone(zone).date() and c.at <= now),
        key=lambda c: c.at,
    )
    said = [text for c in recent if (text := describe_change(ini, c)) is not None]
    if not said:
        return None
    return Moved(ini.id, ini.title, tuple(dict.fromkeys(said)), recent[-1].at)


def due(ini: Initiative, now: datetime) -> list[Due]:
    """Iterations, readings and target dates due today or before, for open work."""
    if ini.status.closed:
        return []
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
    reading = progress.measurement_due(ini, now)
    if reading is not None:
        found.append(Due(ini.id, ini.title, f"measurement: {m.name}", reading.date()))
    reached = m.target_date is not None and m.target_date <= now.date()
    if m.target_date is not None and reached and not progress.target_met(ini):
        target = _amount(m.target, m.unit) if m.target is not None else "target"
        found.append(Due(ini.id, ini.title, f"target date: {target}", m.target_date))
    return found


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


def _turn(
    person: str, mine: Sequence[Initiative], moves: dict[str, Moved], now: datetime
) -> PersonStandup:
    today = now.date()
    moving = [moves[ini.id] for ini in mine if ini.id in moves]
    dues = [d for ini in mine for d in due(ini, now)]
    blocks = [b for ini in mine if (b := blocked(ini, today)) is not None]
    drifts = [o for ini in mine if (o := off_track(ini, today)) is not None]
    return PersonStandup(
        person,
        tuple(sorted(moving, key=lambda m: m.last, reverse=True)),
        tuple(sorted(dues, key=lambda d: (d.due, d.title, d.what))),
        tuple(sorted(blocks, key=lambda b: (b.since, b.title))),
        tuple(drifts),
    )


def order_people(owners: Iterable[str], configured: Sequence[str] = ()) -> list[str]:
    """The team's own order first, then everyone else alphabetically, "unassigned" last."""
    known = {p.lower() for p in configured}
    others = sorted({o for o in owners if o and o.lower() not in known}, key=str.lower)
    return [*dict.fromkeys(configured), *others]


def standup(
    initiatives: Sequence[Initiative],
    now: datetime,
    *,
    holidays: Collection[date] = (),
    people: Sequence[str] = (),
    since: date | None = None,
    person: str | None = None,
) -> Standup:
    """The standup as of `now`; `since` overrides the look-back day."""
    look_back = since or last_working_day(now.date(), holidays)
    moves = {m.initiative_id: m for ini in initiatives if (m := moved(ini, look_back, now))}
    by_owner: dict[str, list[Initiative]] = {}
    for ini in initiatives:
        by_owner.setdefault(ini.owner.lower() or UNASSIGNED, []).append(ini)
    present = {ini.owner for ini in initiatives if not ini.status.closed or ini.id in moves}
    names = order_people(present, people)
    if person is not None:
        names = [n for n in names if n.lower() == person.lower()] or [person]
    turns = [_turn(n, by_owner.get(n.lower(), []), moves, now) for n in names]
    if person is None and "" in present:
        unassigned = _turn(UNASSIGNED, by_owner.get(UNASSIGNED, []), moves, now)
        turns += [] if unassigned.quiet else [unassigned]
    return Standup(now.date(), look_back, tuple(turns))
