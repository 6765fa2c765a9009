"""A hand-made team of four for the standup tests, written through the service on the days
things happened, so that each person's turn is known line by line.

Monday 23 Nov 2026 09:00; the standup looks back to Friday 20 Nov.
- ana: stepped plan → act on Friday, flaky reruns 12 → 9 since; an iteration due today,
  one next Friday.
- ben: blocked on Thursday, an iteration overdue since Thursday.
- chloe: the request form's abandonment climbs away from its target: off track.
- dev: an idea proposed weeks ago, nothing since: nothing to report.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from improve.clock import FixedClock
from improve.domain.model import Direction, Status, Step
from improve.service import Register
from tests.conftest import NOW

PEOPLE = ("ana", "ben", "chloe", "dev")


def on(clock: FixedClock, day: int, hour: int = 10) -> None:
    """Put the clock on a day of November 2026."""
    clock.moment = datetime(2026, 11, day, hour, tzinfo=UTC)


def team_store(path: Path, clock: FixedClock) -> dict[str, str]:
    """Write the team's store; the keys of its initiatives by owner. The clock ends at NOW."""
    register = Register.open(path, clock, "lead@team")
    on(clock, 2)
    flaky = register.add("Halve flaky test reruns", owner="ana", team="platform")
    deploy = register.add("Cut deploy lead time", owner="ben", team="platform")
    form = register.add("Shorter service request form", owner="chloe", team="desk")
    register.add("Rotate the on-call handbook", owner="dev", team="desk")
    for ini in (flaky, deploy, form):
        register.set_status(ini.id, Status.ACTIVE)
    _ana(register, clock, flaky.id)
    _ben(register, clock, deploy.id)
    _chloe(register, clock, form.id)
    clock.moment = NOW
    keys = register.keys()
    return {ini.owner: keys[ini.id] for ini in (flaky, deploy, form)}


def _ana(register: Register, clock: FixedClock, key: str) -> None:
    down = Direction.DOWN
    register.set_metric(key, "flaky reruns", unit="", better=down, baseline=15, target=6)
    register.step(key, Step.PLAN)
    register.add_iteration(key, "Quarantine the top ten", date(2026, 11, 23))
    register.add_iteration(key, "A retry budget per job", date(2026, 11, 27))
    on(clock, 16)
    register.measure(key, 12)
    on(clock, 20, 15)
    register.step(key, Step.ACT)
    on(clock, 23, 8)
    register.measure(key, 9)


def _ben(register: Register, clock: FixedClock, key: str) -> None:
    register.add_iteration(key, "One pipeline for the API", date(2026, 11, 19))
    on(clock, 19)
    register.set_status(key, Status.BLOCKED, "waiting for the infra budget")


def _chloe(register: Register, clock: FixedClock, key: str) -> None:
    up = Direction.DOWN
    register.set_metric(
        key, "abandonment", unit="%", better=up, baseline=30, target=10, by=date(2026, 12, 18)
    )
    for day, value in ((9, 29), (13, 31), (18, 33)):
        on(clock, day)
        register.measure(key, value)
