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
            moment = datetime.fromisoformat(pinned)
            return moment if moment.tzinfo else moment.astimezone()
        return datetime.now().astimezone()


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
