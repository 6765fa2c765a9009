"""The stage of the demo: the people and their dice, working hours, and one story's events."""

from __future__ import annotations

import random
import uuid
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

from improve.demo.cast import Command, Idea, Plot
from improve.domain.model import Step

OPENING = time(8, 30)
WORK_MINUTES = 540  # working minutes, 08:30 to 17:30


@dataclass
class Scene:
    """What the stories of one store share: the dice, the time zone and the people."""

    rng: random.Random
    tz: tzinfo
    people: dict[str, str]

    @property
    def lead(self) -> str:
        """The team lead, who writes down what the retrospective decides."""
        return next(iter(self.people))

    def uid(self) -> str:
        return uuid.UUID(int=self.rng.getrandbits(128)).hex

    def teammates(self, owner: str) -> list[str]:
        team = self.people.get(owner, "")
        return [p for p, t in self.people.items() if t == team and p != owner]


@dataclass(frozen=True)
class Timeline:
    """Maps 0..1 onto working hours between an initiative's first and last command."""

    days: tuple[date, ...]
    first: int
    last: int
    tz: tzinfo

    def at(self, f: float) -> datetime:
        day, minute = divmod(self.first + f * (self.last - self.first), WORK_MINUTES)
        opening = datetime.combine(self.days[int(day)], OPENING, self.tz)
        return opening + timedelta(seconds=round(minute * 60))

    def fraction(self, day: date, minute: int) -> float:
        index = bisect_right(self.days, day) - 1
        moment = index * WORK_MINUTES + (minute if self.days[index] == day else WORK_MINUTES)
        return min(1.0, max(0.0, (moment - self.first) / max(1, self.last - self.first)))


class _Event(NamedTuple):
    f: float
    who: str
    summary: str
    command: Command


@dataclass
class Story:
    """The commands one initiative went through; `play` applies them in time order."""

    scene: Scene
    idea: Idea
    plot: Plot
    today: date
    line: Timeline
    readings: int | None = None  # how many measurements; None means weekly
    events: list[_Event] = field(default_factory=list)

    def who(self) -> str:
        others = self.scene.teammates(self.idea.owner)
        pick = self.scene.rng.random() < 0.3 and others
        return self.scene.rng.choice(others) if pick else self.idea.owner

    def add(self, f: float, summary: str, command: Command) -> None:
        self.events.append(_Event(f, self.who(), f"{summary} {self.idea.title!r}", command))

    def reaches(self, step: Step) -> bool:
        return self.plot.step.number >= step.number

    def pick(self, texts: tuple[str, ...]) -> str:
        return self.scene.rng.choice(texts)
