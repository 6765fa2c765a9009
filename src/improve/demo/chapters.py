"""The chapters of a demo initiative's story: shaped, measured, iterated, reflected on, closed.

Each chapter adds the commands its plot implies to a `Story`; the story plays them in
time order through `Edit`, as the service would have written them.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from improve.demo import voices
from improve.demo.cast import (
    BLOCKERS,
    DROPS,
    FEEDBACK,
    FOLLOW_UPS,
    ITERATION_TITLES,
    LESSONS,
    READING_NOTES,
    UPDATES,
    WEEKLY,
    Command,
    Metric,
)
from improve.domain import cx
from improve.domain.changes import Edit
from improve.domain.cx import MetricKind, Tally
from improve.domain.model import (
    JOURNEY,
    Activity,
    Direction,
    Initiative,
    Iteration,
    Measure,
    Measurement,
    Note,
    NoteKind,
    Principle,
    Source,
    Status,
    Step,
)

if TYPE_CHECKING:
    from improve.demo.scene import Story


def voice(seed: str) -> random.Random:
    """Draws of their own for what this issue added, seeded by the idea: the story's
    sequence of draws, and so the rest of the demo, stays as it was."""
    return random.Random(zlib.crc32(seed.encode()))


def _setting(**fields: object) -> Command:
    def command(ini: Initiative, edit: Edit) -> Initiative:
        for name, value in fields.items():
            ini = edit.set(ini, name, value)
        return ini

    return command


def _at_least(ini: Initiative, edit: Edit, step: Step) -> Initiative:
    return edit.set(ini, "step", step) if ini.step.number < step.number else ini


def _metric(metric: Metric, by: date, cadence: str | None) -> Command:
    def command(ini: Initiative, edit: Edit) -> Initiative:
        better = Direction(metric.better)
        measure = Measure(metric.name, metric.unit, better, metric.baseline, edit.at, metric.target)
        measure = replace(measure, target_date=by, cadence=cadence, kind=MetricKind(metric.kind))
        ini = edit.set(ini, "measure", measure)
        return _at_least(ini, edit, Step.TARGET)

    return command


def _reading(item_id: str, value: float, note: str, responses: Tally = ()) -> Command:
    def command(ini: Initiative, edit: Edit) -> Initiative:
        item = Measurement(item_id, edit.at, value, edit.who, note, responses=responses)
        return edit.add(ini, "measurements", item)

    return command


def _planning(item_id: str, title: str, due: date) -> Command:
    def command(ini: Initiative, edit: Edit) -> Initiative:
        ini = edit.add(ini, "iterations", Iteration(item_id, title, edit.at, due))
        return _at_least(ini, edit, Step.PLAN)

    return command


def _finishing(item_id: str) -> Command:
    def command(ini: Initiative, edit: Edit) -> Initiative:
        return _at_least(edit.finish(ini, item_id, True), edit, Step.ACT)

    return command


def _noting(item_id: str, text: str, kind: NoteKind) -> Command:
    def command(ini: Initiative, edit: Edit) -> Initiative:
        return edit.add(ini, "notes", Note(item_id, edit.at, text, edit.who, kind, ini.step))

    return command


def created(story: Story) -> tuple[Initiative, str]:
    """The record as `add` (or, for a small done improvement, `log`) first writes it."""
    idea, at, scene = story.idea, story.line.at(0), story.scene
    value, effort = scene.rng.choice((2, 3, 3, 4, 4, 5)), scene.rng.randint(1, 5)
    ini = Initiative(
        id=scene.uid(),
        title=idea.title,
        created=at,
        updated=at,
        principle=Principle(idea.principle) if idea.principle else None,
        owner=idea.owner,
        team=scene.people.get(idea.owner, ""),
        tags=tuple(idea.tags.split()),
    )
    if idea.plot == "logged":
        return _logged(ini, idea.metric, scene.uid()), "log"
    ini = replace(ini, vision=idea.vision, source=Source(idea.source))
    if story.plot.step is Step.VISION and story.plot.status is Status.PROPOSED:
        return ini, "add"
    return replace(ini, value=value, effort=effort), "add"


def _logged(ini: Initiative, metric: Metric | None, reading_id: str) -> Initiative:
    """What `improve log` writes: done, at the momentum step, before and after if given."""
    ini = replace(ini, status=Status.DONE, step=Step.MOMENTUM, logged=True)
    if metric is None:
        return ini
    better, at = Direction(metric.better), ini.created
    measure = Measure(ini.title, metric.unit, better, metric.baseline, at, metric.target, at.date())
    reading = Measurement(reading_id, at, metric.target, ini.owner)
    return replace(ini, measure=measure, measurements=(reading,))


def _shape(story: Story) -> None:
    """The edit that completes what `add` left out: who benefits, where in the value chain."""
    idea, rng = story.idea, story.scene.rng
    own = voice(idea.title)  # its own draws: the story's sequence stays as it was
    fields: dict[str, object] = {
        "activity": Activity(idea.activity),
        "beneficiaries": idea.beneficiaries,
    }
    people = voices.stakeholders(idea.beneficiaries, idea.vision, own)
    fields["stakeholders"], fields["journey"] = people, voices.journey(people, idea.tags, own)
    if idea.activity == "engage":
        rng.choice(JOURNEY)  # the draw the story made before stages were spread by voices
    if rng.random() < 0.3:
        fields["principles"] = (rng.choice([p for p in Principle if p.value != idea.principle]),)
    triage = story.plot.step is Step.VISION and story.plot.status is Status.PROPOSED
    if triage:
        fields |= {"value": rng.choice((2, 3, 4, 5)), "effort": rng.randint(1, 5)}
    story.add(1.0 if triage else 0.05, "edit", _setting(**fields))


def _measure(story: Story) -> None:
    """Steps 2 and 3, then readings that follow the plot's trend, with some noise."""
    metric, rng = story.idea.metric, story.scene.rng
    if story.plot.step is Step.BASELINE:
        story.add(0.4, "step on", _setting(step=Step.BASELINE))
    if metric is None or not story.reaches(Step.TARGET):
        return
    start = story.line.at(0.12).date()
    end = story.line.at(0.88 if story.plot.status.closed else 1.0).date()
    by = end - timedelta(days=rng.randint(0, 5)) if story.plot.span else None
    by = max(by or story.today + timedelta(days=rng.randint(14, 49)), start + timedelta(days=21))
    cadence = WEEKLY if rng.random() < 0.4 else None
    story.add(0.12, "metric on", _metric(metric, by, cadence))
    if story.reaches(Step.ACT):
        _readings(story, metric, start=start, end=end, by=by, cadence=cadence)


def _readings(
    story: Story, metric: Metric, *, start: date, end: date, by: date, cadence: str | None
) -> None:
    rng = story.scene.rng
    gap = 7 if story.readings is None else max(1, -(-(end - start).days // story.readings))
    days = reading_days(start, end, 7 * max(1, round(gap / 7)) if cadence else gap, cadence)
    for day in days:
        x_plan, x_last = (day - start).days / (by - start).days, (day - start) / (days[-1] - start)
        value = _value(metric, _progress(story.plot.trend, x_plan, x_last) + rng.gauss(0, 0.035))
        note = story.pick(READING_NOTES) if rng.random() < 0.15 else ""
        f = story.line.fraction(day, rng.randint(15, 60))
        kind = MetricKind(metric.kind)
        tally: Tally = ()
        if kind.surveyed:
            tally = voices.answers(kind, value, voice(f"{story.idea.title} {day}"))
            value = cx.score(kind, tally).value
        story.add(f, f"measure {value:g} on", _reading(story.scene.uid(), value, note, tally))


def reading_days(start: date, end: date, gap: int, cadence: str | None) -> list[date]:
    """Every `gap` days back from the last working day (or Monday, on a cadence)."""
    day = end - timedelta(days=end.weekday() if cadence else max(0, end.weekday() - 4))
    days: list[date] = []
    while day > start:
        days.append(day)
        day -= timedelta(days=gap)
    return days[::-1]


def _progress(trend: tuple[str, float], x_plan: float, x_last: float) -> float:
    """Share of the way to target: along the plan, up to the last reading, or up then down."""
    kind, k = trend
    if kind == "slope":
        return k * x_plan
    if kind == "reach":
        return k * x_last
    return 0.9 * x_last - (0.9 - k) * x_last**2


def _value(metric: Metric, progress: float) -> float:
    value = metric.baseline + progress * (metric.target - metric.baseline)
    gap = abs(metric.target - metric.baseline)
    value = max(value, -100.0 if metric.kind == "nps" else 0.0)
    value = min(value, 100.0) if metric.unit == "%" else value
    return round(value, 0 if gap >= 20 else 1 if gap >= 2 else 2)


def _iterations(story: Story) -> None:
    """Planned early; finished on time or late, or still open: overdue, due today, later."""
    if not story.reaches(Step.PLAN):
        return
    rng, fates = story.scene.rng, story.plot.fates
    first = rng.randrange(len(ITERATION_TITLES))
    for n, fate in enumerate(fates):
        f_plan = 0.2 + 0.03 * n
        planned = story.line.at(f_plan).date()
        f_done = 0.35 + 0.5 * (n + 1) / (len(fates) + 1)
        done = story.line.at(f_done).date()
        due = {
            "on-time": done + timedelta(days=rng.randint(0, 3)),
            "late": max(planned + timedelta(days=1), done - timedelta(days=rng.randint(2, 6))),
            "overdue": max(planned + timedelta(days=1), story.today - timedelta(rng.randint(1, 8))),
            "today": story.today,
        }.get(fate, story.today + timedelta(days=rng.randint(2, 21)))
        title = ITERATION_TITLES[(first + n) % len(ITERATION_TITLES)]
        item_id = story.scene.uid()
        story.add(f_plan, f"plan {title!r} on", _planning(item_id, title, due))
        if fate in ("on-time", "late"):
            story.add(f_done, f"finish iteration {n + 1} of", _finishing(item_id))


def _reflect(story: Story) -> None:
    """Feedback while acting; checking; lessons and what is embedded at the momentum step."""
    rng, uid = story.scene.rng, story.scene.uid
    if story.reaches(Step.ACT) and rng.random() < 0.6:
        story.add(0.55, "feedback on", _noting(uid(), story.pick(FEEDBACK), NoteKind.FEEDBACK))
    if story.reaches(Step.CHECK):
        story.add(0.9, "step on", _setting(step=Step.CHECK))
    if story.reaches(Step.MOMENTUM):
        story.add(0.93, "step on", _setting(step=Step.MOMENTUM))
        story.add(0.95, "lesson on", _noting(uid(), story.pick(LESSONS), NoteKind.LESSON))
        story.add(0.97, "note on", _noting(uid(), story.pick(FOLLOW_UPS), NoteKind.NOTE))
    if story.plot.status is Status.ACTIVE and story.reaches(Step.PLAN):
        story.add(1.0, "note on", _noting(uid(), story.pick(UPDATES), NoteKind.NOTE))


def _lifecycle(story: Story) -> None:
    """Started when the work began; blocked, done or dropped as the last command."""
    status, uid = story.plot.status, story.scene.uid
    if status in (Status.ACTIVE, Status.BLOCKED, Status.DONE) or story.reaches(Step.PLAN):
        story.add(0.02, "active", _setting(status=Status.ACTIVE))
    if status is Status.BLOCKED:
        reason = story.pick(BLOCKERS)
        story.add(0.99, "blocker on", _noting(uid(), reason, NoteKind.BLOCKER))
        story.add(1.0, "blocked", _setting(status=status, reason=reason))
    elif status is Status.DONE:
        story.add(1.0, "done", _setting(status=status))
    elif status is Status.DROPPED:
        reason = story.pick(DROPS)
        if story.reaches(Step.ACT):
            story.add(0.98, "lesson on", _noting(uid(), reason, NoteKind.LESSON))
        story.add(1.0, "dropped", _setting(status=status, reason=reason))


CHAPTERS: tuple[Callable[[Story], None], ...] = (
    _shape,
    _measure,
    _iterations,
    _reflect,
    _lifecycle,
)
