"""Initiatives from other tools: Taskwarrior's `task export`, and a CSV sheet.

Parsing turns a file into initiatives whose ids are stable (the task's UUID, or the
sheet's `id` column or title), so importing the same file twice finds the same records.
Each incoming field carries, in `stamps`, when the source last set it: an import changes
a field only where the source is newer than the last change made here, so a re-import
changes nothing and does not undo edits made since. `absorb` then writes every change
through `Edit`, so imports have a history and `improve undo` can revert them.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import orjson

from improve.domain.changes import CREATED, Edit, stamp
from improve.domain.errors import InputError
from improve.domain.model import Initiative, Note, Principle, Status
from improve.domain.register import (
    NOTE_MAX,
    TITLE_MAX,
    clean_line,
    clean_tags,
    clean_text,
    score,
)

TASK_STATUS = {
    "pending": Status.PROPOSED,
    "waiting": Status.PROPOSED,
    "completed": Status.DONE,
    "deleted": Status.DROPPED,
}
PRIORITY_VALUE = {"H": 5, "M": 3, "L": 1}
DROPPED_REASON = "deleted in Taskwarrior"
SHEET = uuid.UUID("5b0d6a52-3c1e-4f7a-9a59-4f4e0c1d2b7e")
FIELDS = ("title", "description", "principle", "owner", "team", "tags", "value", "effort")


def parse_taskwarrior(raw: bytes) -> list[Initiative]:
    """The JSON of `task export` (an array, or one object per line from older versions)."""
    tasks = [t for t in _task_objects(raw) if t.get("status") != "recurring"]
    return [_task(t) for t in tasks]


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
    ini = replace(ini, reason=reason, notes=_annotations(task))
    return _stamped(ini, modified, ["title", *fields], closed)


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


def _stamped(ini: Initiative, at: datetime, names: list[str], status_at: datetime) -> Initiative:
    """The incoming record, each field stamped with when its source last set it."""
    stamps = {name: stamp(at, "import") for name in names}
    stamps["status"] = stamps["reason"] = stamp(status_at, "import")
    return replace(ini, stamps=stamps)


def parse_csv(raw: bytes, at: datetime) -> list[Initiative]:
    """A sheet with a header row: title, principle, owner, team, status, value, effort, tags.

    `at` is when the sheet was last saved: its values are as new as that. A row's id is
    its `id` cell, or else its title, so saving the sheet again finds the same records.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the CSV is not UTF-8: save it as CSV UTF-8") from None
    rows = csv.DictReader(io.StringIO(text), dialect=_dialect(text))
    if "title" not in (rows.fieldnames or ()):
        raise InputError("the CSV has no `title` column in its header row")
    found: dict[str, int] = {}
    initiatives = []
    for line, row in enumerate(rows, start=2):
        try:
            ini = _row({k.strip().lower(): (v or "").strip() for k, v in row.items() if k}, at)
        except InputError as error:
            raise InputError(f"line {line}: {error}") from None
        if ini.id in found:
            raise InputError(f"line {line} is line {found[ini.id]} again: give each an id")
        found[ini.id] = line
        initiatives.append(ini)
    return initiatives


def _dialect(text: str) -> type[csv.Dialect]:
    """Comma, or the semicolon that spreadsheets write where the decimal mark is a comma."""
    header = text.split("\n", 1)[0]
    return csv.excel if header.count(",") >= header.count(";") else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _row(cells: dict[str, str], at: datetime) -> Initiative:
    title = clean_line(cells.get("title", ""))
    fields: dict[str, Any] = {}
    for name, parse in _CELLS.items():
        if cells.get(name):
            fields[name] = parse(cells[name])
    status = fields.pop("status", Status.PROPOSED)
    reason = "dropped in the imported sheet" if status is Status.DROPPED else ""
    ini = Initiative(_row_id(cells, title), title, at, at, status=status, reason=reason, **fields)
    return _stamped(ini, at, ["title", *fields], at)


def _row_id(cells: dict[str, str], title: str) -> str:
    given = cells.get("id", "")
    try:
        return uuid.UUID(given).hex
    except ValueError:
        return uuid.uuid5(SHEET, given or f"title:{title.casefold()}").hex


def _number(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(f"{what} must be a whole number 1 to 5, not {text!r}") from None


_CELLS: dict[str, Any] = {
    "principle": Principle.parse,
    "owner": lambda v: clean_line(v, "owner"),
    "team": lambda v: clean_line(v, "team"),
    "status": Status.parse,
    "value": lambda v: score(_number(v, "value"), "value"),
    "effort": lambda v: score(_number(v, "effort"), "effort"),
    "tags": lambda v: clean_tags(v.replace(",", " ").replace(";", " ").replace("#", "").split()),
}


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
    latest = max(current.updated, incoming.updated, ini.updated)
    return ini if ini is current else replace(ini, updated=latest)


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
    return f"update  {after.title}: {', '.join(names)}"


def _notes(count: int) -> str:
    return f"{count} note" + ("" if count == 1 else "s")
