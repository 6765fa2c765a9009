"""Hand-made initiatives with real histories, for the standup, insights and trust tests.

Every change goes through `Edit`, as the service writes it, so the history the rules
read is the one a real store would hold.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

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

_ids = itertools.count(1)


def uid() -> str:
    return f"{next(_ids):032x}"


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def edit(when: datetime, who: str = "sam") -> Edit:
    return Edit(uid(), when, who, "test")


def new(
    title: str = "Cut deploy time",
    *,
    created: datetime,
    owner: str = "ana",
    team: str = "platform",
    **fields: object,
) -> Initiative:
    ini = Initiative(
        id=uid(),
        title=title,
        created=created,
        updated=created,
        owner=owner,
        team=team,
        principle=Principle.VALUE,
    )
    ini = replace(ini, **fields)  # type: ignore[arg-type]
    return edit(created).record(ini, CREATED, None, ini.id)


def set_status(ini: Initiative, status: Status, when: datetime) -> Initiative:
    return edit(when).set(ini, "status", status)


def set_step(ini: Initiative, step: Step, when: datetime) -> Initiative:
    return edit(when).set(ini, "step", step)


def metric(
    ini: Initiative,
    *,
    baseline: float,
    target: float,
    when: datetime,
    by: date | None = None,
    cadence: str | None = None,
    better: Direction = Direction.UP,
) -> Initiative:
    measure = Measure("m", "min", better, baseline, when, target, by, cadence)
    return edit(when).set(ini, "measure", measure)


def measure(ini: Initiative, value: float, when: datetime) -> Initiative:
    return edit(when).add(ini, "measurements", Measurement(uid(), when, value, "sam"))


def plan(ini: Initiative, title: str, due: date | None, when: datetime) -> Initiative:
    return edit(when).add(ini, "iterations", Iteration(uid(), title, when, due))


def finish(ini: Initiative, title: str, when: datetime) -> Initiative:
    item = next(i for i in ini.iterations if i.title == title)
    return edit(when).finish(ini, item.id, True)


def note(ini: Initiative, text: str, when: datetime, kind: NoteKind = NoteKind.NOTE) -> Initiative:
    return edit(when).add(ini, "notes", Note(uid(), when, text, "sam", kind, ini.step))


def done_with(progress_share: float, finished: datetime) -> Initiative:
    """An initiative finished at `finished` whose outcome reached `progress_share` of target."""
    start = finished - timedelta(days=30)
    ini = new(created=start, status=Status.ACTIVE)
    ini = metric(ini, baseline=0, target=10, when=start)
    ini = measure(ini, 10 * progress_share, finished - timedelta(hours=1))
    return set_status(ini, Status.DONE, finished)
