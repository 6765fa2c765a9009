"""A hand-made team history with known figures, for the retrospective's tests.

The sprint under review is 10–23 Nov 2026 (today is Monday 23 Nov); the sprint before
it is 27 Oct – 9 Nov. Every initiative is written through `Edit`, as the service
writes it, so the retro reads a real history.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time

from improve.domain.changes import CREATED, Edit
from improve.domain.model import (
    Direction,
    Initiative,
    Iteration,
    Measure,
    Measurement,
    Note,
    NoteKind,
    Principle,
    Status,
    Step,
)
from improve.domain.period import Period

TODAY = date(2026, 11, 23)
SPRINT = Period(date(2026, 11, 10), TODAY, "sprint", UTC)
_ids = itertools.count(1)


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime.combine(date(2026, month, day), time(hour), tzinfo=UTC)


def uid() -> str:
    return f"{next(_ids):032x}"


@dataclass
class Story:
    """One initiative, told command by command."""

    ini: Initiative
    edits: list[Edit] = field(default_factory=list)

    @classmethod
    def new(cls, title: str, when: datetime, team: str = "platform", **fields: object) -> Story:
        ini = Initiative(
            uid(), title, when, when, team=team, owner="ana", principle=Principle.VALUE
        )
        ini = replace(ini, **fields)  # type: ignore[arg-type]
        edit = Edit(uid(), when, "ana@laptop", f"add {title!r}")
        return cls(edit.record(ini, CREATED, None, ini.id))

    def _edit(self, when: datetime) -> Edit:
        return Edit(uid(), when, "ana@laptop", "")

    def status(self, status: Status, when: datetime, reason: str = "") -> Story:
        edit = self._edit(when)
        self.ini = edit.set(self.ini, "status", status)
        if reason:
            self.ini = edit.set(self.ini, "reason", reason)
        return self

    def step(self, step: Step, when: datetime) -> Story:
        self.ini = self._edit(when).set(self.ini, "step", step)
        return self

    def metric(self, baseline: float, target: float, better: str, when: datetime) -> Story:
        measure = Measure("metric", "min", Direction(better), baseline, when, target, None)
        self.ini = self._edit(when).set(self.ini, "measure", measure)
        return self

    def reading(self, value: float, when: datetime) -> Story:
        item = Measurement(uid(), when, value, "ana")
        self.ini = self._edit(when).add(self.ini, "measurements", item)
        return self

    def iteration(self, due: date, done: datetime | None, planned: datetime) -> Story:
        item = Iteration(uid(), f"step due {due}", planned, due)
        self.ini = self._edit(planned).add(self.ini, "iterations", item)
        if done is not None:
            self.ini = self._edit(done).finish(self.ini, item.id, True)
        return self

    def note(self, text: str, when: datetime, kind: NoteKind = NoteKind.NOTE) -> Story:
        item = Note(uid(), when, text, "ana", kind, self.ini.step)
        self.ini = self._edit(when).add(self.ini, "notes", item)
        return self


def history() -> dict[str, Initiative]:
    """Named so a test reads like the story: what happened, and when."""
    deploy = (
        Story.new("Cut deploy time", at(10, 1))
        .status(Status.ACTIVE, at(10, 2))
        .metric(30, 6, "down", at(10, 2))
        .reading(12, at(11, 12))
        .reading(6, at(11, 20))
        .iteration(date(2026, 11, 12), at(11, 11), at(10, 20))
        .iteration(date(2026, 11, 18), at(11, 20), at(10, 20))
        .step(Step.MOMENTUM, at(11, 21))
        .note("Small pipelines beat big bangs", at(11, 21, 11), NoteKind.LESSON)
        .note("Embedded in the release checklist", at(11, 21, 12))
        .status(Status.DONE, at(11, 21, 13))
    )
    csat = (
        Story.new("Raise CSAT", at(10, 5))
        .status(Status.ACTIVE, at(10, 6))
        .metric(70, 90, "up", at(10, 6))
        .reading(95, at(11, 15))
        .status(Status.DONE, at(11, 16))
    )
    tickets = (
        Story.new("Raise first-contact fixes", at(10, 8))
        .status(Status.ACTIVE, at(10, 9))
        .metric(10, 20, "up", at(10, 9))
        .reading(15, at(11, 18))
        .iteration(date(2026, 11, 17), at(11, 17, 16), at(11, 1))
        .status(Status.DONE, at(11, 19))
    )
    runbooks = (
        Story.new("Tidy runbooks", at(10, 10))
        .status(Status.ACTIVE, at(10, 11))
        .metric(50, 100, "up", at(10, 11))
        .reading(40, at(11, 14))
        .iteration(date(2026, 11, 20), None, at(11, 2))
        .reading(45, at(11, 25))
    )
    wiki = (
        Story.new("Move the old wiki", at(10, 1))
        .status(Status.ACTIVE, at(10, 2))
        .note("Check who owns a tool before moving it", at(11, 13, 9), NoteKind.LESSON)
        .status(Status.DROPPED, at(11, 13), reason="superseded by the | portal")
    )
    earlier = (
        Story.new("Shorter change board", at(9, 1))
        .status(Status.ACTIVE, at(9, 2))
        .iteration(date(2026, 11, 1), at(10, 31), at(10, 1))
        .iteration(date(2026, 11, 5), at(11, 7), at(10, 1))
        .iteration(date(2026, 11, 8), at(11, 8), at(10, 1))
        .note("An old lesson", at(10, 30), NoteKind.LESSON)
        .status(Status.DONE, at(11, 9, 18))
    )
    onboarding = (
        Story.new("Onboarding checklist", at(11, 11))
        .status(Status.ACTIVE, at(11, 12))
        .iteration(date(2026, 11, 19), at(11, 19, 8), at(11, 12))
    )
    logged = Story.new(
        "Removed a dead cron job",
        at(11, 18),
        status=Status.DONE,
        step=Step.MOMENTUM,
        logged=True,
        measure=Measure("jobs", "", Direction.DOWN, 12, at(11, 18), 11, date(2026, 11, 18)),
        measurements=(Measurement(uid(), at(11, 18), 11, "ana"),),
    )
    elsewhere = (
        Story.new("Desk rota", at(10, 1), team="service-desk")
        .status(Status.ACTIVE, at(10, 2))
        .status(Status.DONE, at(11, 15))
    )
    stories = {
        "deploy": deploy,
        "csat": csat,
        "tickets": tickets,
        "runbooks": runbooks,
        "wiki": wiki,
        "earlier": earlier,
        "onboarding": onboarding,
        "logged": logged,
        "elsewhere": elsewhere,
    }
    return {name: story.ini for name, story in stories.items()}
