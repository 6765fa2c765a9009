"""Initiatives from other tools: Taskwarrior's `task export` here, a CSV sheet in `sheets`.

Parsing turns a file into initiatives whose ids are stable (the task's UUID, or the
sheet's `id` column or title), so importing the same file twice finds the same records.
Each incoming field carries, in `stamps`, when the source last set it: an import changes
a field only where the source is newer than the last change made here, so a re-import
changes nothing and does not undo edits made since. `absorb` then writes every change
through `Edit`, so imports have a history and `improve undo` can revert them.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import orjson

from improve.domain.changes import CREATED, Edit, stamp
from improve.domain.errors import InputError
from improve.domain.model import Initiative, Iteration, Note, Principle, Status
from improve.domain.register import (
    NOTE_MAX,
    TITLE_MAX,
    clean_line,
    clean_tags,
    clean_text,
)

TASK_STATUS = {
    "pending": Status.PROPOSED,
    "waiting": Status.PROPOSED,
    "completed": Status.DONE,
    "deleted": Status.DROPPED,
}
PRIORITY_VALUE = {"H": 5, "M": 3, "L": 1}
DROPPED_REASON = "deleted in Taskwarrior"
FIELDS = ("title", "description", "principle", "owner", "team", "tags", "value", "effort")
#: A task's dates become iterations with that due date, so the register, the standup and
#: `--due-before` see them; these titles say where they came from.
DUE, SCHEDULED = "due in Taskwarrior", "scheduled in Taskwarrior"
#: Every task field that has a home here, and those Taskwarrior computes (not data).
TASK_KEPT = frozenset(
    {"uuid", "description", "entry", "modified", "status", "start", "end", "project", "tags",
     "priority", "due", "scheduled", "annotations"}
)  # fmt: skip
TASK_COMPUTED = frozenset({"id", "urgency"})
#: A recurring task's template is not imported (its instances are): said as a leftover.
RECURRING = "recurring template, skipped"


def parse_taskwarrior(raw: bytes) -> list[Initiative]:
    """The JSON of `task export` (an array, or one object per line from older versions)."""
    tasks = [t for t in _task_objects(raw) if t.get("status") != "recurring"]
    return [_task(t) for t in tasks]


def taskwarrior_leftovers(raw: bytes) -> dict[str, int]:
    """The task fields with no home here (user-defined attributes, `depends`, `wait`...),
    each with how many tasks had it: the import says so rather than drop them silently."""
    counts: dict[str, int] = {}
    for task in _task_objects(raw):
        if task.get("status") == "recurring":
            counts[RECURRING] = counts.get(RECURRING, 0) + 1
            continue
        for name in task.keys() - TASK_KEPT - TASK_COMPUTED:
            counts[name] = counts.get(name, 0) + 1
    return dict(sorted(counts.items()))


def _task_objects(raw: bytes) -> list[dict[str, Any]]:
    try:
        found = orjson.loads(raw)
    except orjson.JSONDecodeError:
        lines = [line.strip().rstrip(b",") for line in raw.splitlines()]
        try:
            found = [orjson.loads(line) for line in lines if line not in (b"", b"[", b"]")]
        except orjson.JSONDecodeError as error:
            raise InputError(f"not the JSON of `task export` ({error})") from None
    if not isinstance(found, list) or not all(isinstance(t, dict) for t in found):
        raise InputError("not the JSON of `task export` (expected a list of tasks)")
    return found


def _task(task: dict[str, Any]) -> Initiative:
    try:
        record_id = uuid.UUID(str(task["uuid"])).hex
        text = str(task["description"]).strip()
    except (KeyError, ValueError):
        raise InputError(f"a task without a uuid or description: {task!r:.80}") from None
    entry = _task_time(task.get("entry")) or _task_time(task.get("modified"))
    if entry is None:
        raise InputError(f"task {task['uuid']} has no entry date")
    modified = _task_time(task.get("modified")) or entry
    status = TASK_STATUS.get(str(task.get("status")), Status.PROPOSED)
    if status is Status.PROPOSED and task.get("start"):
        status = Status.ACTIVE
    tags = clean_tags(str(t) for t in task.get("tags", ()))
    fields: dict[str, Any] = {"title": clean_line(text[:TITLE_MAX]), "tags": tags}
    if len(text) > TITLE_MAX:
        fields["description"] = clean_text(text, "description")
    if task.get("project"):
        fields["team"] = clean_line(str(task["project"]), "project")
    if task.get("priority") in PRIORITY_VALUE:
        fields["value"] = PRIORITY_VALUE[task["priority"]]
    principles = [p for p in Principle if p.value in tags]
    if principles:
        fields["principle"] = principles[0]
    ini = Initiative(record_id, fields.pop("title"), entry, modified, status=status, **fields)
    closed = _task_time(task.get("end")) or _task_time(task.get("start")) or modified
    reason = DROPPED_REASON if status is Status.DROPPED else ""
    ini = replace(ini, reason=reason, notes=_annotations(task), iterations=_dates(task, entry))
    return stamped(ini, modified, ["title", *fields], closed)


def _dates(task: dict[str, Any], entry: datetime) -> tuple[Iteration, ...]:
    """`due` and `scheduled` as iterations due that day (the day in the local zone, where
    Taskwarrior meant it); done when the task was finished (or, for `scheduled`, started)."""
    found = []
    finished = _task_time(task.get("end")) if task.get("status") == "completed" else None
    started = _task_time(task.get("start"))
    for name, title, done in (
        ("due", DUE, finished),
        ("scheduled", SCHEDULED, started or finished),
    ):
        moment = _task_time(task.get(name))
        if moment is None:
            continue
        item_id = uuid.uuid5(uuid.UUID(str(task["uuid"])), f"{name}|{task[name]}").hex
        day = moment.astimezone().date()
        found.append(Iteration(item_id, title, entry, day, done, stamp=stamp(entry, "import")))
    return tuple(found)


def _annotations(task: dict[str, Any]) -> tuple[Note, ...]:
    notes = []
    for note in task.get("annotations", ()):
        at = _task_time(note.get("entry"))
        text = str(note.get("description", "")).strip()
        if at is None or not text:
            continue
        note_id = uuid.uuid5(uuid.UUID(str(task["uuid"])), f"{note['entry']}|{text}").hex
        notes.append(Note(note_id, at, clean_text(text, "annotation", limit=NOTE_MAX)))
    return tuple(notes)


def _task_time(text: object) -> datetime | None:
    """Taskwarrior's `20261123T090000Z`, or an ISO time."""
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"bad Taskwarrior date {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def stamped(ini: Initiative, at: datetime, names: list[str], status_at: datetime) -> Initiative:
    """The incoming record, each field stamped with when its source last set it."""
    stamps = {name: stamp(at, "import") for name in names}
    stamps["status"] = stamps["reason"] = stamp(status_at, "import")
    return replace(ini, stamps=stamps)


def absorb(current: Initiative | None, incoming: Initiative, edit: Edit) -> Initiative:
    """The record after the import: created, or changed where the source is newer.

    Each change is dated when the source made it, so its stamp says so and the next
    import of the same file sees nothing newer. Returns `current` itself when nothing
    changes, and never revives a deleted record.
    """
    if current is None:
        return _create(incoming, edit)
    if current.deleted is not None:
        return current
    ini = current
    for name in (*FIELDS, "status", "reason"):
        new, when = getattr(incoming, name), _time(incoming, name)
        if name in incoming.stamps and new != getattr(ini, name) and when > _time(current, name):
            ini = _at(edit, when).set(ini, name, new)
    known = {n.id for n in ini.notes}
    for note in incoming.notes:
        if note.id not in known:
            ini = _at(edit, note.at).add(ini, "notes", replace(note, who=edit.who))
    ini = _dates_moved(ini, incoming, edit)
    latest = max(current.updated, incoming.updated, ini.updated)
    return ini if ini is current else replace(ini, updated=latest)


def _dates_moved(ini: Initiative, incoming: Initiative, edit: Edit) -> Initiative:
    """A due or scheduled date changed at the source: the old one goes, the new one comes."""
    coming = {i.id for i in incoming.iterations}
    for item in ini.live_iterations():
        if item.title in (DUE, SCHEDULED) and item.id not in coming:
            ini = edit.remove(ini, "iterations", item.id)
    known = {i.id for i in ini.iterations}
    for item in incoming.iterations:
        if item.id not in known:
            ini = edit.add(ini, "iterations", item)
    return ini


def _create(incoming: Initiative, edit: Edit) -> Initiative:
    """A new record with its story in time order: created, annotated, closed."""
    base = replace(incoming, status=Status.PROPOSED, reason="", notes=(), stamps={})
    ini = _at(edit, incoming.created).record(base, CREATED, None, incoming.id)
    steps: list[tuple[datetime, Note | None]] = [(n.at, n) for n in incoming.notes]
    if incoming.status is not Status.PROPOSED:
        steps.append((max(_time(incoming, "status"), incoming.created), None))
    for at, note in sorted(steps, key=lambda step: step[0]):
        now = _at(edit, at)
        if note is not None:
            ini = now.add(ini, "notes", replace(note, who=edit.who))
        else:
            ini = now.set(now.set(ini, "status", incoming.status), "reason", incoming.reason)
    return replace(ini, updated=max(ini.updated, incoming.updated))


def _at(edit: Edit, at: datetime) -> Edit:
    return Edit(edit.change_id, at, edit.who, edit.summary)


def _time(ini: Initiative, name: str) -> datetime:
    """When a field was last set: its stamp, or the record's creation."""
    when = ini.stamps.get(name, "").partition("|")[0]
    return datetime.fromisoformat(when) if when else ini.created


def describe(before: Initiative | None, after: Initiative) -> str:
    """One line for a dry run or a report: what the import does to one record."""
    if before is None:
        return f"add     {after.title} ({after.status.value}, {_notes(len(after.notes))})"
    names = [n for n in (*FIELDS, "status", "reason") if getattr(before, n) != getattr(after, n)]
    added = len(after.notes) - len(before.notes)
    names += [f"{_notes(added)} added"] if added else []
    if before.live_iterations() != after.live_iterations():
        names.append("dates")
    return f"update  {after.title}: {', '.join(names)}"


def _notes(count: int) -> str:
    return f"{count} note" + ("" if count == 1 else "s")
