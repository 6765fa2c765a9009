"""The daily standup: person by person, what moved, what is due or next, blocked or off
track.

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

from improve.domain import outcomes
from improve.domain.errors import InputError
from improve.domain.model import Initiative, Status
from improve.domain.outcomes import Hold
from improve.domain.standup_items import (
    Blocked,
    Due,
    Next,
    OffTrack,
    SlidBack,
    blocked,
    due,
    next_up,
    off_track,
    slid_back,
)
from improve.domain.standup_moved import Moved, moved

UNASSIGNED = "unassigned"
#: Far enough back to cross any run of holidays a team could configure.
MAX_LOOK_BACK = 366


@dataclass(frozen=True)
class PersonStandup:
    """One person's turn at the standup."""

    person: str
    moved: tuple[Moved, ...] = ()
    due: tuple[Due, ...] = ()
    blocked: tuple[Blocked, ...] = ()
    off_track: tuple[OffTrack, ...] = ()
    slid_back: tuple[SlidBack, ...] = ()
    next: tuple[Next, ...] = ()

    @property
    def quiet(self) -> bool:
        """Nothing to say: worth knowing, and worth asking about."""
        said = (self.moved, self.due, self.next, self.blocked, self.off_track, self.slid_back)
        return not any(said)


@dataclass(frozen=True)
class Summary:
    """The end of the standup in one line of numbers."""

    moved: int
    blocked: int
    overdue: int
    due_today: int
    off_track: int
    quiet: tuple[str, ...]
    slid_back: int = 0
    next: int = 0


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
            slid_back=sum(len(p.slid_back) for p in self.people),
            next=sum(len(p.next) for p in self.people),
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


def _turn(
    person: str,
    mine: Sequence[Initiative],
    moves: dict[str, Moved],
    now: datetime,
    hold: Hold,
) -> PersonStandup:
    today = now.date()
    moving = [moves[ini.id] for ini in mine if ini.id in moves]
    dues = [d for ini in mine for d in due(ini, now, hold.readings)]
    blocks = [b for ini in mine if (b := blocked(ini, today)) is not None]
    drifts = [o for ini in mine if (o := off_track(ini, today)) is not None]
    slides = [s for ini in mine if (s := slid_back(ini, hold.share)) is not None]
    coming = [n for ini in mine if (n := next_up(ini, today)) is not None]
    return PersonStandup(
        person,
        tuple(sorted(moving, key=lambda m: m.last, reverse=True)),
        tuple(sorted(dues, key=lambda d: (d.due, d.title, d.what))),
        tuple(sorted(blocks, key=lambda b: (b.since, b.title))),
        tuple(drifts),
        tuple(sorted(slides, key=lambda s: (s.since, s.title))),
        tuple(sorted(coming, key=lambda n: (n.due is None, n.due or today, n.title))),
    )


def _watched(ini: Initiative, hold: Hold) -> bool:
    """Done work still has a say while its gain is watched, or once it slid back."""
    if ini.status is not Status.DONE or ini.measure is None:
        return False
    left = outcomes.hold_readings_left(ini, hold.readings)
    return left > 0 or outcomes.slid_back(ini, hold.share) is not None


def order_people(owners: Iterable[str], configured: Sequence[str] = ()) -> list[str]:
    """The team's own order first, then everyone else alphabetically, "unassigned" last."""
    known = {p.lower() for p in configured}
    others = sorted({o for o in owners if o and o.lower() not in known}, key=str.lower)
    return [*dict.fromkeys(configured), *others]


class Roll:
    """Who speaks at the standup and in what order; each turn is worked out when it comes.

    Knowing the order needs one pass over everything (who owns open work, what moved);
    a person's sections need only their own initiatives. So the first person shows at
    once on a register of thousands, and the summary costs its price only at the end.
    """

    def __init__(
        self,
        initiatives: Sequence[Initiative],
        now: datetime,
        *,
        holidays: Collection[date] = (),
        people: Sequence[str] = (),
        since: date | None = None,
        person: str | None = None,
        hold: Hold = outcomes.DEFAULT_HOLD,
    ) -> None:
        self.now, self.today, self.hold = now, now.date(), hold
        self.since = since or last_working_day(self.today, holidays)
        self._moves = {m.initiative_id: m for i in initiatives if (m := moved(i, self.since, now))}
        self._mine: dict[str, list[Initiative]] = {}
        for ini in initiatives:
            self._mine.setdefault(ini.owner.lower() or UNASSIGNED, []).append(ini)
        present = {
            i.owner
            for i in initiatives
            if not i.status.closed or i.id in self._moves or _watched(i, hold)
        }
        names = order_people(present, people)
        if person is not None:
            names = [n for n in names if n.lower() == person.lower()] or [person]
        elif "" in present:
            names.append(UNASSIGNED)
        self.names = tuple(names)
        self._turns: dict[int, PersonStandup] = {}

    def __len__(self) -> int:
        return len(self.names)

    def turn(self, index: int) -> PersonStandup:
        if index not in self._turns:
            name = self.names[index]
            self._turns[index] = _turn(
                name, self._mine.get(name.lower(), []), self._moves, self.now, self.hold
            )
        return self._turns[index]

    def standup(self) -> Standup:
        """Every turn, for the summary and the printed digest."""
        return Standup(self.today, self.since, tuple(self.turn(n) for n in range(len(self))))


def standup(
    initiatives: Sequence[Initiative],
    now: datetime,
    *,
    holidays: Collection[date] = (),
    people: Sequence[str] = (),
    since: date | None = None,
    person: str | None = None,
    hold: Hold = outcomes.DEFAULT_HOLD,
) -> Standup:
    """The standup as of `now`; `since` overrides the look-back day."""
    roll = Roll(
        initiatives, now, holidays=holidays, people=people, since=since, person=person, hold=hold
    )
    return roll.standup()
