"""The Standup's timer: how long this person has had the floor, against the limit, and
how long each turn took, for the summary.

It reads the app's clock on each tick, so a test moves time by moving the clock. The
turns are timed whether or not the timer is shown; showing it is a setting
(`[standup] auto_timer`) and a key (`T`) for the session.
"""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Static

from improve.tui.host import host
from improve.tui.widgets.standup_parts import clock_text

TICK_SECONDS = 1.0


class TurnTimer(Static):
    """Restarts at each person's turn; past the limit it takes the class `-over`."""

    def __init__(self, *, running: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.running = running
        self.started: datetime | None = None  # when the shown count began
        self.person: str | None = None  # whose turn it is (None: the summary)
        self.began: datetime | None = None  # when that turn began
        self.spent: dict[str, float] = {}  # seconds, by person, of the turns that ended

    def on_mount(self) -> None:
        self.display = self.running
        self.set_interval(TICK_SECONDS, self.tick)

    def _now(self) -> datetime:
        return host(self).clock.now()

    def begin(self, person: str | None) -> None:
        """A turn starts (None: the summary is shown); the one before keeps its time."""
        now = self._now()
        self._close(now)
        self.person, self.began, self.started = person, now, now
        self.tick()

    def _close(self, now: datetime) -> None:
        if self.person is not None and self.began is not None:
            took = (now - self.began).total_seconds()
            self.spent[self.person] = self.spent.get(self.person, 0.0) + took

    def toggle(self) -> None:
        """Show the timer from 0:00 on this turn, or hide it; the next turns follow suit."""
        self.running = not self.running
        self.started = self._now()
        self.display = self.running
        self.tick()

    @property
    def limit(self) -> float:
        return host(self).config.standup_minutes * 60

    def elapsed(self) -> float:
        """Seconds since the shown count began."""
        return 0.0 if self.started is None else (self._now() - self.started).total_seconds()

    def tick(self) -> None:
        """Redraw from the clock; past the limit the timer turns the warning colour."""
        if not self.running or self.started is None:
            return
        elapsed = self.elapsed()
        self.update(clock_text(elapsed, self.limit))
        self.set_class(elapsed > self.limit, "-over")
