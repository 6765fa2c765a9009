"""The demo store: five people's Continual Improvement Register over three months.

Every initiative is written command by command through `Edit`, exactly as the service
writes it, so `show`, `undo`, the standup and the merge find a real history. A seeded
`random.Random` makes the demo identical on every run for a given day, which the
screenshot tests rely on.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from improve.demo import aftercare
from improve.demo.cast import (
    IDEAS,
    PEOPLE,
    PLOTS,
    Idea,
    Plot,
)
from improve.demo.chapters import CHAPTERS, created
from improve.demo.retros import last_retro
from improve.demo.scene import WORK_MINUTES, Scene, Story, Timeline
from improve.domain.changes import CREATED, Edit
from improve.domain.model import (
    Initiative,
)

if TYPE_CHECKING:
    from improve.service import Register

__all__ = ["IDEAS", "PLOTS", "Scene", "build_demo", "tell", "write_demo"]

#: The demo team's sprint (the default of `sprint_days`).
SPRINT_DAYS = 14


def working_day(day: date) -> date:
    """The day itself on a weekday, else the Friday before."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def timeline(scene: Scene, plot: Plot, today: date, index: int) -> Timeline:
    """Created `age` days ago; closed `span` days later, or last touched recently when open."""
    rng = scene.rng
    start = working_day(today - timedelta(days=rng.randint(*plot.age)))
    if plot.span is not None:
        end = min(start + timedelta(days=rng.randint(*plot.span)), today)
    else:
        recent = (today, working_day(today - timedelta(days=1)), working_day(today - timedelta(4)))
        end = max(start, recent[index % 3])
    days = tuple(
        d
        for d in (start + timedelta(n) for n in range((end - start).days + 1))
        if d.weekday() < 5 or d in (start, end)
    )
    first, last = rng.randint(0, 480), rng.randint(0, 75) if end == today else rng.randint(30, 520)
    if start == end:
        first, last = min(first, last), max(first, last)
    return Timeline(days, first, (len(days) - 1) * WORK_MINUTES + last, scene.tz)


def play(story: Story) -> Initiative:
    """The initiative after every command of its story, applied in time order."""
    ini, verb = created(story)
    creator = story.scene.lead if story.idea.source == "retro" else story.idea.owner
    edit = Edit(story.scene.uid(), ini.created, creator, f"{verb} {ini.title!r}")
    ini = edit.record(ini, CREATED, None, ini.id)
    for event in sorted(story.events, key=lambda e: e.f):
        edit = Edit(story.scene.uid(), story.line.at(event.f), event.who, event.summary)
        ini = event.command(ini, edit)
    return ini


def tell(
    scene: Scene, idea: Idea, today: date, index: int, readings: int | None = None
) -> Initiative:
    """One initiative, built from the commands its plot implies."""
    plot = PLOTS[idea.plot]
    story = Story(scene, idea, plot, today, timeline(scene, plot, today, index), readings)
    if idea.plot != "logged":
        for chapter in CHAPTERS:
            chapter(story)
    ini = play(story)
    return aftercare.hold(ini, datetime.combine(today, time(8), scene.tz))


def build_demo(today: date, seed: int = 7, tz: tzinfo = UTC) -> list[Initiative]:
    """The demo register as of `today`: the same seed and day give the same records."""
    scene = Scene(random.Random(seed), tz, dict(PEOPLE))
    return [tell(scene, idea, today, index) for index, idea in enumerate(IDEAS)]


def write_demo(register: Register, today: date) -> int:
    """Save the demo into the register's store, in the register clock's time zone, with
    the team's last retro and its actions."""
    zone = register.clock.now().tzinfo or UTC
    initiatives = build_demo(today, tz=zone)
    count = register.save_all(initiatives)
    register.keep_retro(last_retro(initiatives, today, SPRINT_DAYS, zone))
    return count
