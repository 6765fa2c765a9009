"""Changing an initiative so that every change is remembered.

Each edit records who changed which field, from what to what, and stamps the field
with its own time and writer: `show` tells the story from it, `undo` reverts it, and
the merge of two stores decides each field by its stamp.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from improve.domain.codec import field_from_json, field_to_json, stakeholder_from_json
from improve.domain.model import Change, Initiative, Iteration, Measurement, Note

#: Collections whose items are only ever added (removal is a `removed` flag).
COLLECTIONS = ("measurements", "iterations", "notes")
CREATED = "created"


def stamp(at: datetime, who: str) -> str:
    """A field's clock: ISO time then writer, so plain string order breaks ties."""
    return f"{at.isoformat()}|{who}"


@dataclass(frozen=True)
class Edit:
    """One change (one command), possibly touching several fields of one initiative.

    `at` is when it is written, which stamps the fields for the merge; `when` is when it
    happened, if earlier (a standup records yesterday's work): the history, a note, an
    iteration's done time take that.
    """

    change_id: str
    at: datetime
    who: str
    summary: str = ""
    when: datetime | None = None

    @property
    def happened(self) -> datetime:
        return self.when or self.at

    def record(self, ini: Initiative, field: str, old: object, new: object) -> Initiative:
        entry = Change(self.change_id, self.happened, self.who, field, old, new, self.summary)
        return replace(ini, history=(*ini.history, entry), updated=self.at)

    def set(self, ini: Initiative, field: str, value: object) -> Initiative:
        """Set a scalar field; a no-op when the value does not change."""
        old = getattr(ini, field)
        if old == value:
            return ini
        stamps = {**ini.stamps, field: stamp(self.at, self.who)}
        changed = replace(ini, **{field: value, "stamps": stamps})  # type: ignore[arg-type]
        return self.record(changed, field, field_to_json(field, old), field_to_json(field, value))

    def add(
        self, ini: Initiative, collection: str, item: Measurement | Iteration | Note
    ) -> Initiative:
        items = (*getattr(ini, collection), item)
        changed = replace(ini, **{collection: items})  # type: ignore[arg-type]
        return self.record(changed, f"{collection}+", None, item.id)

    def finish(self, ini: Initiative, iteration_id: str, done: bool) -> Initiative:
        """Mark an iteration done (or not done again); the iteration carries its own stamp."""
        when = self.happened if done else None
        items = []
        old: str | None = None
        for it in ini.iterations:
            if it.id == iteration_id:
                old = it.done_at.isoformat() if it.done_at else None
                it = replace(it, done_at=when, stamp=stamp(self.at, self.who))  # noqa: PLW2901
            items.append(it)
        changed = replace(ini, iterations=tuple(items))
        new = when.isoformat() if when else None
        return self.record(changed, f"iterations/{iteration_id}/done_at", old, new)

    def remove(self, ini: Initiative, collection: str, item_id: str) -> Initiative:
        items = tuple(
            replace(item, removed=True) if item.id == item_id else item
            for item in getattr(ini, collection)
        )
        changed = replace(ini, **{collection: items})  # type: ignore[arg-type]
        return self.record(changed, f"{collection}-", item_id, None)

    def revert(self, ini: Initiative, change_id: str) -> tuple[Initiative, list[str]]:
        """Undo every field that `change_id` touched on this initiative, newest first."""
        said: list[str] = []
        for entry in reversed([c for c in ini.history if c.id == change_id]):
            ini = self._revert_one(ini, entry)
            said.append(entry.field)
        return ini, said

    def _revert_one(self, ini: Initiative, entry: Change) -> Initiative:
        field = entry.field
        if field == CREATED:
            return self.set(ini, "deleted", self.at)
        if field.endswith("+"):
            return self.remove(ini, field[:-1], str(entry.new))
        if field.startswith("iterations/"):
            return self.finish(ini, field.split("/")[1], entry.old is not None)
        if field.endswith("-"):
            return ini
        value: Any = field_from_json(field, entry.old)
        return self.set(ini, field, value)


def describe(change: Change, ini: Initiative) -> str:
    """One history entry in words a practitioner reads, e.g. `measurement 45 added`."""
    field = change.field
    if field == CREATED:
        return "created"
    if field.endswith(("+", "-")):
        return _describe_item(field[:-1], str(change.new or change.old), ini, field[-1] == "+")
    if field.startswith("iterations/"):
        title = _item_title(ini, "iterations", field.split("/")[1])
        return f"iteration {title!r} " + ("done" if change.new else "reopened")
    if field == "measure":
        return _metric_words(change.old, change.new)
    return f"{field}: {_value_words(change.old)} → {_value_words(change.new)}"


def _describe_item(collection: str, item_id: str, ini: Initiative, added: bool) -> str:
    verb = "added" if added else "undone"
    if collection == "measurements":
        found = [m for m in ini.measurements if m.id == item_id]
        value = f" {found[0].value:g}" if found else ""
        return f"measurement{value} {verb}"
    if collection == "iterations":
        return f"iteration {_item_title(ini, collection, item_id)!r} " + (
            "planned" if added else verb
        )
    kinds = [n.kind.value for n in ini.notes if n.id == item_id]
    return f"{kinds[0] if kinds else 'note'} {verb}"


def _item_title(ini: Initiative, collection: str, item_id: str) -> str:
    items = ini.iterations if collection == "iterations" else ()
    return next((i.title for i in items if i.id == item_id), "?")


def _metric_words(old: object, new: object) -> str:
    """A metric set, removed, or only its baseline dated earlier (a backfilled reading)."""
    if not new:
        return "metric removed"
    if isinstance(old, dict) and isinstance(new, dict) and _only_redated(old, new):
        return f"baseline dated {str(new['baseline_at'])[:10]}"
    return "metric set: " + _measure_words(new)


def _only_redated(old: dict[str, Any], new: dict[str, Any]) -> bool:
    undated = {**old, "baseline_at": None}
    return bool(old.get("baseline_at")) and undated == {**new, "baseline_at": None}


def _measure_words(raw: object) -> str:
    if not isinstance(raw, dict):
        return str(raw)
    unit = f" {raw.get('unit')}" if raw.get("unit") else ""
    return f"{raw.get('name')}, {raw.get('baseline'):g} → {raw.get('target'):g}{unit}"


def _value_words(value: object) -> str:
    if value in (None, "", []):
        return "-"
    if isinstance(value, list):
        return ", ".join(
            str(stakeholder_from_json(v)) if isinstance(v, dict) else str(v) for v in value
        )
    return str(value).replace("\n", " ")
