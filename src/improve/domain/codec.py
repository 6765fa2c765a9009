"""Initiatives to and from plain JSON-ready dicts: the store's record format.

The field names here are the documented names of `--json` output and of the
store file, so change them only with a schema migration.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from improve.domain.cx import DEFAULT_MIN_RESPONSES, MetricKind, Tally
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

Record = dict[str, Any]

# Stored values to enum members: a cached lookup, not EnumMeta.__call__ (a register of
# 10,000 initiatives makes ~70,000 of these); an unknown value still raises ValueError.
_activity = cache(Activity)
_direction = cache(Direction)
_journey = cache(JourneyStage)
_kind = cache(MetricKind)
_notekind = cache(NoteKind)
_principle = cache(Principle)
_source = cache(Source)
_status = cache(Status)
_step = cache(Step)


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


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


def measure_from_dict(raw: Mapping[str, Any]) -> Measure:
    return Measure(
        name=raw["name"],
        unit=raw.get("unit", ""),
        direction=_direction(raw.get("direction", "up")),
        baseline=raw.get("baseline"),
        baseline_at=_dt(raw.get("baseline_at")),
        target=raw.get("target"),
        target_date=_d(raw.get("target_date")),
        cadence=raw.get("cadence"),
        kind=_kind(raw.get("kind", "number")),
        min_responses=int(raw.get("min_responses", DEFAULT_MIN_RESPONSES)),
    )


def tally_to_dict(tally: Tally) -> dict[str, int]:
    """Answers as JSON keys (`{"9": 12}`): the form of `responses` in the store and `--json`."""
    return {str(answer): count for answer, count in tally}


def tally_from_dict(raw: Mapping[str, Any]) -> Tally:
    return tuple(sorted((int(answer), int(count)) for answer, count in raw.items()))


def measurement_to_dict(m: Measurement) -> Record:
    raw: Record = {"id": m.id, "at": m.at.isoformat(), "value": m.value, "who": m.who}
    if m.note:
        raw["note"] = m.note
    if m.responses:
        raw["responses"] = tally_to_dict(m.responses)
    if m.removed:
        raw["removed"] = True
    return raw


def measurement_from_dict(raw: Mapping[str, Any]) -> Measurement:
    return Measurement(
        id=raw["id"],
        at=datetime.fromisoformat(raw["at"]),
        value=float(raw["value"]),
        who=raw.get("who", ""),
        note=raw.get("note", ""),
        removed=bool(raw.get("removed", False)),
        responses=tally_from_dict(raw.get("responses") or {}),
    )


def stakeholder_to_dict(who: Stakeholder) -> Record:
    return {"role": who.role.value if who.role else None, "value": who.value}


def stakeholder_from_json(raw: Any) -> Stakeholder:
    """A stored stakeholder; a plain name from a store older than roles keeps no role."""
    if isinstance(raw, str):
        role, sep, value = raw.partition(":")
        wanted = role.strip().lower()
        if sep and wanted in {r.value for r in StakeholderRole}:
            return Stakeholder(StakeholderRole(wanted), value.strip())
        return Stakeholder(None, raw)
    role = raw.get("role")
    return Stakeholder(StakeholderRole(role) if role else None, raw.get("value", ""))


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


def iteration_from_dict(raw: Mapping[str, Any]) -> Iteration:
    return Iteration(
        id=raw["id"],
        title=raw["title"],
        created=datetime.fromisoformat(raw["created"]),
        due=_d(raw.get("due")),
        done_at=_dt(raw.get("done_at")),
        stamp=raw.get("stamp", ""),
        removed=bool(raw.get("removed", False)),
    )


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


def note_from_dict(raw: Mapping[str, Any]) -> Note:
    step = raw.get("step")
    return Note(
        id=raw["id"],
        at=datetime.fromisoformat(raw["at"]),
        text=raw["text"],
        who=raw.get("who", ""),
        kind=_notekind(raw.get("kind", "note")),
        step=_step(step) if step else None,
        removed=bool(raw.get("removed", False)),
    )


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


def change_from_dict(raw: Mapping[str, Any]) -> Change:
    return Change(
        id=raw["id"],
        at=datetime.fromisoformat(raw["at"]),
        who=raw.get("who", ""),
        field=raw["field"],
        old=raw.get("old"),
        new=raw.get("new"),
        change=raw.get("change", ""),
    )


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
    source, principle = raw.get("source"), raw.get("principle")
    activity, journey = raw.get("activity"), raw.get("journey")
    measure = raw.get("measure")
    return Initiative(
        id=raw["id"],
        title=raw["title"],
        created=datetime.fromisoformat(raw["created"]),
        updated=datetime.fromisoformat(raw["updated"]),
        principle=_principle(principle) if principle else None,
        principles=tuple(_principle(p) for p in raw.get("principles", ())),
        step=_step(raw.get("step", "vision")),
        status=_status(raw.get("status", "proposed")),
        description=raw.get("description", ""),
        vision=raw.get("vision", ""),
        beneficiaries=raw.get("beneficiaries", ""),
        reason=raw.get("reason", ""),
        owner=raw.get("owner", ""),
        team=raw.get("team", ""),
        stakeholders=tuple(stakeholder_from_json(s) for s in raw.get("stakeholders", ())),
        value=raw.get("value"),
        effort=raw.get("effort"),
        tags=tuple(raw.get("tags", ())),
        activity=_activity(activity) if activity else None,
        journey=_journey(journey) if journey else None,
        source=_source(source) if source else None,
        logged=bool(raw.get("logged", False)),
        measure=measure_from_dict(measure) if measure else None,
        measurements=tuple(measurement_from_dict(m) for m in raw.get("measurements", ())),
        iterations=tuple(iteration_from_dict(i) for i in raw.get("iterations", ())),
        notes=tuple(note_from_dict(n) for n in raw.get("notes", ())),
        history=tuple(change_from_dict(c) for c in raw.get("history", ())),
        stamps=dict(raw.get("stamps", {})),
        deleted=_dt(raw.get("deleted")),
    )
