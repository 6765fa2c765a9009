"""The one place that asks for "now", so tests can pass a fixed clock."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Something that tells the time; aware datetimes only."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real time in the local zone. `IMPROVE_NOW` (ISO) pins it, for demos and screenshots."""

    def now(self) -> datetime:
        pinned = os.environ.get("IMPROVE_NOW")
        if pinned:
            return pinned_time(pinned)
        return datetime.now().astimezone()


def pinned_time(text: str) -> datetime:
    """`IMPROVE_NOW` as a time; one that is not an ISO time is a setting to fix."""
    try:
        moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.astimezone()
    except (ValueError, OverflowError, OSError):
        from improve.config import ConfigError

        raise ConfigError(
            f"IMPROVE_NOW: {ascii(text)[:40]} is not an ISO time (e.g. 2026-11-23T09:00+00:00)"
        ) from None


@dataclass
class FixedClock:
    """A clock that stays where it is put, and moves only when told."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment = self.moment + timedelta(**delta)


def today(clock: Clock) -> date:
    return clock.now().date()
