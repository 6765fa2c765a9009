"""The use cases of `improve`: the only code that writes to the store.

Each method validates its input (raising `InputError`), changes one initiative inside
one store transaction, records the change in the initiative's history and in the
writer's undo journal, and returns the initiative as it now stands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from improve.domain import progress
from improve.domain.changes import Edit
from improve.domain.errors import InputError
from improve.domain.model import (
    Activity,
    Direction,
    Initiative,
    Iteration,
    JourneyStage,
    Measure,
    Measurement,
    Note,
    NoteKind,
    Principle,
    Source,
    Stakeholder,
    Status,
    Step,
)
from improve.domain.register import (
    NOTE_MAX,
    clean_line,
    clean_optional,
    clean_stakeholders,
    clean_tags,
    clean_text,
    score,
)
from improve.service.base import ARCHIVE_AFTER, RegisterBase, new_id, number
from improve.service.measuring import Measuring
from improve.service.retros import Retros
from improve.service.transfer import ImportResult

__all__ = ["ARCHIVE_AFTER", "ImportResult", "Register", "RegisterBase", "new_id", "number"]


class Register(Measuring, Retros):
    """The Continual Improvement Register of one store, seen by one writer."""

    def add(
        self,
        title: str,
        *,
        principle: Principle | None = None,
        owner: str = "",
        team: str = "",
        value: int | None = None,
        effort: int | None = None,
        tags: Iterable[str] = (),
        vision: str = "",
        source: Source | None = None,
        description: str = "",
        stakeholders: Iterable[Stakeholder] = (),
        activity: Activity | None = None,
        journey: JourneyStage | None = None,
    ) -> Initiative:
        """Propose an initiative; only the title is needed, the rest can come later."""
        now = self.clock.now()
        ini = Initiative(
            id=new_id(),
            title=clean_line(title),
            created=now,
            updated=now,
            principle=principle,
            owner=clean_optional(owner, "owner"),
            team=clean_optional(team, "team"),
            value=score(value, "value"),
            effort=score(effort, "effort"),
            tags=clean_tags(tags),
            vision=clean_text(vision, "vision", allow_empty=True),
            source=source,
            description=clean_text(description, "description", allow_empty=True),
            stakeholders=clean_stakeholders(stakeholders),
            activity=activity,
            journey=journey,
        )
        return self._create(ini, f"add {ini.title!r}")

    def log(
        self,
        title: str,
        *,
        principle: Principle | None = None,
        owner: str = "",
        team: str = "",
        tags: Iterable[str] = (),
        before: float | None = None,
        after: float | None = None,
        unit: str = "",
        better: Direction | None = None,
        at: datetime | None = None,
    ) -> Initiative:
        """A small improvement that is already done (at `at`, default now): recorded at the
        momentum step."""
        if (before is None) != (after is None):
            raise InputError("give both --before and --after, or neither")
        if before is not None and before == after:
            raise InputError("--before equals --after: log what changed, or leave both out")
        when = self._edit("", at).happened
        ini = Initiative(
            id=new_id(),
            title=clean_line(title),
            created=when,
            updated=when,
            principle=principle,
            owner=clean_line(owner, "owner") if owner else self.who.split("@")[0],
            team=clean_optional(team, "team"),
            tags=clean_tags(tags),
            status=Status.DONE,
            step=Step.MOMENTUM,
            logged=True,
        )
        if before is not None and after is not None:
            direction = better or (Direction.UP if after >= before else Direction.DOWN)
            ini = replace(
                ini,
                measure=Measure(
                    ini.title,
                    clean_optional(unit, "unit"),
                    direction,
                    before,
                    when,
                    after,
                    when.date(),
                ),
                measurements=(Measurement(new_id(), when, after, self.who),),
            )
        return self._create(ini, f"log {ini.title!r}", at)

    def add_iteration(self, key: str, title: str, due: date | None = None) -> Initiative:
        cleaned = clean_line(title, "iteration title")

        def change(ini: Initiative, edit: Edit) -> Initiative:
            item = Iteration(new_id(), cleaned, edit.at, due, stamp="")
            ini = edit.add(ini, "iterations", item)
            if ini.step.number < Step.PLAN.number:
                ini = edit.set(ini, "step", Step.PLAN)
            return ini

        return self._update(key, f"plan {cleaned!r} on {{title!r}}", change)

    def finish_iteration(
        self, key: str, number_: int, done: bool = True, at: datetime | None = None
    ) -> Initiative:
        """Mark the N-th iteration (1-based, as `show` numbers them) done or open again."""

        def change(ini: Initiative, edit: Edit) -> Initiative:
            items = ini.live_iterations()
            if not 1 <= number_ <= len(items):
                raise InputError(f"no iteration {number_} on {ini.title!r} (it has {len(items)})")
            item = items[number_ - 1]
            if item.done == done:
                return ini
            ini = edit.finish(ini, item.id, done)
            if done and ini.step.number < Step.ACT.number:
                ini = edit.set(ini, "step", Step.ACT)
            if done and ini.status is Status.PROPOSED:
                ini = edit.set(ini, "status", Status.ACTIVE)
            return ini

        verb = "finish" if done else "reopen"
        return self._update(key, f"{verb} iteration {number_} of {{title!r}}", change, at)

    def note(
        self, key: str, text: str, kind: NoteKind = NoteKind.NOTE, at: datetime | None = None
    ) -> Initiative:
        cleaned = clean_text(text, "note", limit=NOTE_MAX)

        def change(ini: Initiative, edit: Edit) -> Initiative:
            return edit.add(
                ini, "notes", Note(new_id(), edit.happened, cleaned, self.who, kind, ini.step)
            )

        return self._update(key, f"{kind.value} on {{title!r}}", change, at)

    def step(self, key: str, step: Step | None = None, at: datetime | None = None) -> Initiative:
        """Move to the named step, or the next one."""

        def change(ini: Initiative, edit: Edit) -> Initiative:
            target = step or ini.step.next
            if target is None:
                raise InputError(f"{ini.title!r} is at the last step (momentum); start a new cycle")
            return edit.set(ini, "step", target)

        return self._update(key, "step on {title!r}", change, at)

    def set_status(
        self,
        key: str,
        status: Status,
        reason: str = "",
        *,
        accept: str = "",
        at: datetime | None = None,
    ) -> Initiative:
        """Done with the target unmet needs `accept`: why it is good enough (kept as
        the reason, so the retro can say "accepted short" rather than "missed")."""
        why = clean_text(accept or reason, "reason", allow_empty=True)
        if status is Status.DROPPED and not why:
            raise InputError(
                "say why it is dropped", shell="--reason TEXT", app="write it in the Why field"
            )

        def change(ini: Initiative, edit: Edit) -> Initiative:
            short = progress.shortfall(ini) if status is Status.DONE else None
            if short and not accept.strip() and ini.status is not Status.DONE:
                raise InputError(
                    f"{ini.title!r} is short of its target ({short})",
                    shell="measure again, or finish it anyway with "
                    '--accept "why it is good enough"',
                    app="measure again with m, or press d again and say why in Accept short",
                )
            ini = edit.set(ini, "status", status)
            return edit.set(ini, "reason", why)

        return self._update(key, f"{status.value} {{title!r}}", change, at)

    def edit(self, key: str, **fields: Any) -> Initiative:
        """Change any of the editable fields; only those given change."""
        cleaned = _clean_fields(fields)

        def change(ini: Initiative, edit: Edit) -> Initiative:
            for name, value in cleaned.items():
                ini = edit.set(ini, name, value)
            return ini

        return self._update(key, "edit {title!r}", change)


#: Fields that `edit` clears when given "" (None means "leave it as it is").
CLEARABLE = ("principle", "activity", "journey", "source")


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    cleaners: dict[str, Callable[[Any], Any]] = {
        "title": clean_line,
        "owner": lambda v: clean_optional(v, "owner"),
        "team": lambda v: clean_optional(v, "team"),
        "description": lambda v: clean_text(v, "description", allow_empty=True),
        "vision": lambda v: clean_text(v, "vision", allow_empty=True),
        "beneficiaries": lambda v: clean_text(v, "beneficiaries", allow_empty=True),
        "value": lambda v: score(v, "value"),
        "effort": lambda v: score(v, "effort"),
        "tags": clean_tags,
        "stakeholders": clean_stakeholders,
    }
    result: dict[str, Any] = {}
    for name, value in fields.items():
        if value is None:
            continue
        if name in CLEARABLE and value == "":
            result[name] = None
            continue
        cleaner = cleaners.get(name)
        result[name] = cleaner(value) if cleaner else value
    return result
