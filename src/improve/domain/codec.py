"""Initiatives to and from plain JSON-ready dicts: the store's record format.

The field names here are the documented names of `--json` output and of the
store file, so change them only with a schema migration.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

from improve.domain import checks as check
from improve.domain.cx import MetricKind, Tally
from improve.domain.decode_parts import (
    change_from_dict,
    iteration_from_dict,
    measure_from_dict,
    measurement_from_dict,
    note_from_dict,
    stakeholder_from_json,
)
from improve.domain.errors import BadRecord
from improve.domain.model import (
    Activity,
    Change,
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
    StakeholderRole,
    Status,
    Step,
)

__all__ = [
    "field_from_json",
    "field_to_json",
    "initiative_from_dict",
    "initiative_to_dict",
    "measure_from_dict",
    "stakeholder_from_json",
    "stakeholder_to_dict",
]

Record = dict[str, Any]
T = TypeVar("T")

# Stored values to enum members: a cached lookup, not EnumMeta.__call__ (a register of
# 10,000 initiatives makes ~70,000 of these); an unknown value still raises ValueError.
_activity = cache(Activity)
_direction = cache(Direction)
_journey = cache(JourneyStage)
_kind = cache(MetricKind)
_notekind = cache(NoteKind)
_principle = cache(Principle)
_role = cache(StakeholderRole)
_source = cache(Source)
_status = cache(Status)
_step = cache(Step)


def _dt(value: str | None) -> datetime | None:
    return check.moment({"time": value}, "time")


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def measure_to_dict(measure: Measure) -> Record:
    raw: Record = {
        "name": measure.name,
        "kind": measure.kind.value,
        "unit": measure.unit,
        "direction": measure.direction.value,
        "baseline": measure.baseline,
        "baseline_at": _iso(measure.baseline_at),
        "target": measure.target,
        "target_date": _iso(measure.target_date),
        "cadence": measure.cadence,
    }
    if measure.kind.surveyed:
        raw["min_responses"] = measure.min_responses
    return raw


def tally_to_dict(tally: Tally) -> dict[str, int]:
    """Answers as JSON keys (`{"9": 12}`): the form of `responses` in the store and `--json`."""
    return {str(answer): count for answer, count in tally}


def measurement_to_dict(m: Measurement) -> Record:
    raw: Record = {"id": m.id, "at": m.at.isoformat(), "value": m.value, "who": m.who}
    if m.note:
        raw["note"] = m.note
    if m.responses:
        raw["responses"] = tally_to_dict(m.responses)
    if m.removed:
        raw["removed"] = True
    return raw


def stakeholder_to_dict(who: Stakeholder) -> Record:
    return {"role": who.role.value if who.role else None, "value": who.value}


def iteration_to_dict(it: Iteration) -> Record:
    raw: Record = {
        "id": it.id,
        "title": it.title,
        "created": it.created.isoformat(),
        "due": _iso(it.due),
        "done_at": _iso(it.done_at),
        "stamp": it.stamp,
    }
    if it.removed:
        raw["removed"] = True
    return raw


def note_to_dict(note: Note) -> Record:
    raw: Record = {
        "id": note.id,
        "at": note.at.isoformat(),
        "text": note.text,
        "who": note.who,
        "kind": note.kind.value,
        "step": note.step.value if note.step else None,
    }
    if note.removed:
        raw["removed"] = True
    return raw


def change_to_dict(change: Change) -> Record:
    return {
        "id": change.id,
        "at": change.at.isoformat(),
        "who": change.who,
        "field": change.field,
        "old": change.old,
        "new": change.new,
        "change": change.change,
    }


def field_to_json(name: str, value: object) -> object:
    """One scalar field of an initiative in its stored form (for history and stamps)."""
    if isinstance(value, Measure):
        return measure_to_dict(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [stakeholder_to_dict(v) if isinstance(v, Stakeholder) else str(v) for v in value]
    if isinstance(value, Principle | Status | Step | Source | Activity | JourneyStage):
        return value.value
    return value


def field_from_json(name: str, raw: Any) -> object:
    """The inverse of `field_to_json`, so undo can put a stored value back."""
    converters: dict[str, Any] = {
        "principle": lambda v: Principle(v) if v else None,
        "activity": lambda v: Activity(v) if v else None,
        "journey": lambda v: JourneyStage(v) if v else None,
        "step": Step,
        "status": Status,
        "source": lambda v: Source(v) if v else None,
        "measure": lambda v: measure_from_dict(v) if v else None,
        "principles": lambda v: tuple(Principle(p) for p in v or ()),
        "tags": lambda v: tuple(v or ()),
        "stakeholders": lambda v: tuple(stakeholder_from_json(s) for s in v or ()),
        "deleted": _dt,
    }
    convert = converters.get(name)
    return convert(raw) if convert else raw


def initiative_to_dict(ini: Initiative) -> Record:
    raw: Record = {
        "id": ini.id,
        "title": ini.title,
        "created": ini.created.isoformat(),
        "updated": ini.updated.isoformat(),
        "principle": ini.principle.value if ini.principle else None,
        "principles": [p.value for p in ini.principles],
        "step": ini.step.value,
        "status": ini.status.value,
        "description": ini.description,
        "vision": ini.vision,
        "beneficiaries": ini.beneficiaries,
        "reason": ini.reason,
        "owner": ini.owner,
        "team": ini.team,
        "stakeholders": [stakeholder_to_dict(s) for s in ini.stakeholders],
        "value": ini.value,
        "effort": ini.effort,
        "tags": list(ini.tags),
        "activity": ini.activity.value if ini.activity else None,
        "journey": ini.journey.value if ini.journey else None,
        "source": ini.source.value if ini.source else None,
        "logged": ini.logged,
        "measure": measure_to_dict(ini.measure) if ini.measure else None,
        "measurements": [measurement_to_dict(m) for m in ini.measurements],
        "iterations": [iteration_to_dict(i) for i in ini.iterations],
        "notes": [note_to_dict(n) for n in ini.notes],
        "history": [change_to_dict(c) for c in ini.history],
        "stamps": dict(ini.stamps),
    }
    if ini.deleted:
        raw["deleted"] = ini.deleted.isoformat()
    return raw


def initiative_from_dict(raw: Mapping[str, Any]) -> Initiative:
    """A stored record as an initiative, through the gate: every field is checked, and a
    record that fails is `BadRecord`, naming the record and the field."""
    try:
        return _initiative(check.mapping(raw, "record"))
    except check.Bad as bad:
        found = raw.get("id") if isinstance(raw, dict) else None
        name = found if type(found) is str and found.isprintable() and len(found) <= 40 else None
        shown = "?" if found is None else check.shown(found)
        raise BadRecord(name or shown, bad.field, bad.problem) from None


def _initiative(raw: Mapping[str, Any]) -> Initiative:
    source, principle = raw.get("source"), raw.get("principle")
    activity, journey = raw.get("activity"), raw.get("journey")
    measure = raw.get("measure")
    return Initiative(
        id=check.record_id(raw.get("id")),
        title=check.title(raw),
        created=check.moment(raw, "created", required=True),  # type: ignore[arg-type]
        updated=check.moment(raw, "updated", required=True),  # type: ignore[arg-type]
        principle=check.member(_principle, raw, "principle", "") if principle else None,
        principles=tuple(
            check.member(_principle, {"principles": p}, "principles", "")
            for p in check.items(raw, "principles")
        ),
        step=check.member(_step, raw, "step", "vision"),
        status=check.member(_status, raw, "status", "proposed"),
        description=check.text(raw, "description"),
        vision=check.text(raw, "vision"),
        beneficiaries=check.text(raw, "beneficiaries"),
        reason=check.text(raw, "reason"),
        owner=check.line(raw, "owner"),
        team=check.line(raw, "team"),
        stakeholders=tuple(stakeholder_from_json(s) for s in check.items(raw, "stakeholders")),
        value=check.score(raw, "value"),
        effort=check.score(raw, "effort"),
        tags=check.lines(raw, "tags"),
        activity=check.member(_activity, raw, "activity", "") if activity else None,
        journey=check.member(_journey, raw, "journey", "") if journey else None,
        source=check.member(_source, raw, "source", "") if source else None,
        logged=check.flag(raw, "logged"),
        measure=_part("measure", measure_from_dict, measure) if measure else None,
        measurements=_parts("measurements", measurement_from_dict, raw),
        iterations=_parts("iterations", iteration_from_dict, raw),
        notes=_parts("notes", note_from_dict, raw),
        history=_parts("history", change_from_dict, raw),
        stamps=check.stamps(raw),
        deleted=check.moment(raw, "deleted"),
    )


def _part(where: str, decode: Callable[[Any], T], raw: Any) -> T:
    try:
        return decode(raw)
    except check.Bad as bad:
        raise check.Bad(f"{where}.{bad.field}", bad.problem) from None


def _parts(key: str, decode: Callable[[Any], T], raw: Mapping[str, Any]) -> tuple[T, ...]:
    found = check.items(raw, key)
    try:
        return tuple(decode(item) for item in found)
    except check.Bad as bad:
        at = next((n for n, item in enumerate(found) if not _decodes(decode, item)), 0)
        raise check.Bad(f"{key}[{at}].{bad.field}", bad.problem) from None


def _decodes(decode: Callable[[Any], object], item: Any) -> bool:
    try:
        decode(item)
    except check.Bad:
        return False
    return True
