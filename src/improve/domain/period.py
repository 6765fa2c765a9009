"""The span of days a retrospective looks back on.

A period is a run of whole days in the user's time zone, ending on a given day
(usually today), so "the last sprint" means the same days to everyone in the team.
Its moments are half-open (`start <= at < end`), so back-to-back periods never count
a moment twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cached_property

from dateutil.relativedelta import relativedelta

from improve.domain.errors import InputError

SPRINT, MONTH, QUARTER, CUSTOM = "sprint", "month", "quarter", "custom"
LAST_MONTH, DAYS_30 = "last-month", "30-days"
KINDS = (SPRINT, MONTH, LAST_MONTH, DAYS_30, QUARTER)
#: Calendar months: a previous period is the month before, not the same number of days.
CALENDAR = (MONTH, LAST_MONTH)


@dataclass(frozen=True)
class Period:
    """Whole days from `since` to `until`, both included."""

    since: date
    until: date
    kind: str = CUSTOM
    tz: tzinfo = field(default=UTC, compare=False)

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise InputError(
                f"the period starts {self.since.isoformat()} after it ends "
                f"{self.until.isoformat()}: swap --since and --until"
            )

    @classmethod
    def last(cls, kind: str, today: date, sprint_days: int = 14, tz: tzinfo = UTC) -> Period:
        """The sprint, month or quarter that ends today: what a team reviews at its retro."""
        wanted = kind.strip().lower()
        until = today
        if wanted == SPRINT:
            if sprint_days < 1:
                raise InputError(f"sprint_days must be at least 1, not {sprint_days}")
            since = today - timedelta(days=sprint_days - 1)
        elif wanted == MONTH:
            since = today.replace(day=1)
        elif wanted == LAST_MONTH:
            until = today.replace(day=1) - timedelta(days=1)
            since = until.replace(day=1)
        elif wanted == DAYS_30:
            since = today - timedelta(days=29)
        elif wanted == QUARTER:
            since = today - relativedelta(months=3) + timedelta(days=1)
        else:
            raise InputError(f"unknown period {kind!r}: use {', '.join(KINDS)}")
        return cls(since, until, wanted, tz)

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    @cached_property
    def start(self) -> datetime:
        """Midnight at the start of the first day, in the team's zone."""
        return datetime.combine(self.since, time(), tzinfo=self.tz)

    @cached_property
    def end(self) -> datetime:
        """Midnight after the last day: the first moment that is not in the period."""
        return datetime.combine(self.until + timedelta(days=1), time(), tzinfo=self.tz)

    def holds(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end

    def holds_day(self, day: date | None) -> bool:
        return day is not None and self.since <= day <= self.until

    def previous(self) -> Period:
        """The period of the same length just before (the month before, for a calendar
        month), for "better or worse than last time"."""
        until = self.since - timedelta(days=1)
        if self.kind in CALENDAR:
            return Period(until.replace(day=1), until, self.kind, self.tz)
        return Period(until - timedelta(days=self.days - 1), until, self.kind, self.tz)

    @property
    def dates(self) -> str:
        """`18 Nov – 1 Dec 2026`, `2 Nov 2026` for a single day."""
        last = f"{self.until.day} {self.until:%b %Y}"
        if self.since == self.until:
            return last
        first = f"{self.since.day} {self.since:%b}"
        if self.since.year != self.until.year:
            first += f" {self.since.year}"
        return f"{first} – {last}"

    @property
    def label(self) -> str:
        """`sprint, 10 Nov – 23 Nov 2026 (14 days)`; days given by hand are said by their
        dates alone: `10 Nov – 23 Nov 2026 (14 days)`."""
        days = "1 day" if self.days == 1 else f"{self.days} days"
        said = f"{self.dates} ({days})"
        return said if self.kind == CUSTOM else f"{self.kind.replace('-', ' ')}, {said}"


def choose(
    kind: str | None,
    since: date | None,
    until: date | None,
    *,
    today: date,
    sprint_days: int = 14,
    tz: tzinfo = UTC,
) -> Period:
    """A named period or explicit days, as the command line and the app offer them;
    the sprint that ends today when nothing is said."""
    if kind and (since is not None or until is not None):
        raise InputError("give --period or --since/--until, not both")
    if since is None and until is not None:
        raise InputError("--until needs --since: say which day the period starts")
    if since is not None:
        return Period(since, until or today, CUSTOM, tz)
    return Period.last(kind or SPRINT, today, sprint_days, tz)
