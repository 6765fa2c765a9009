"""The parts of a stored initiative, decoded through the gate: its measure, readings,
stakeholders, iterations, notes and history (see `codec` for the whole record).

A register holds many readings and history entries, so those check the common case in
one pass and take the field-by-field path (which says what is wrong) only when it fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

from improve.domain import checks as check
from improve.domain.checks import FIRST_YEAR, ITEM_ID, LAST_YEAR, LINE_MAX, NUMBER_LIMIT
from improve.domain.cx import DEFAULT_MIN_RESPONSES, MetricKind, Tally
from improve.domain.model import (
    Change,
    Direction,
    Iteration,
    Measure,
    Measurement,
    Note,
    NoteKind,
    Stakeholder,
    StakeholderRole,
    Step,
)

_direction = cache(Direction)
_kind = cache(MetricKind)
_notekind = cache(NoteKind)
_role = cache(StakeholderRole)
_step = cache(Step)
_SCALARS = frozenset({type(None), bool, int, float})


@lru_cache(maxsize=1 << 14)
def _when(text: str) -> datetime | None:
    """A stored time, None when it has no zone or is out of range (the checked path says)."""
    found = datetime.fromisoformat(text)
    return found if found.tzinfo is not None and FIRST_YEAR <= found.year <= LAST_YEAR else None


def measure_from_dict(raw: Mapping[str, Any]) -> Measure:
    raw = check.mapping(raw, "measure")
    return Measure(
        name=check.title(raw, "name"),
        unit=check.line(raw, "unit"),
        direction=check.member(_direction, raw, "direction", "up"),
        baseline=check.number(raw, "baseline"),
        baseline_at=check.moment(raw, "baseline_at"),
        target=check.number(raw, "target"),
        target_date=check.day(raw, "target_date"),
        cadence=check.optional_line(raw, "cadence"),
        kind=check.member(_kind, raw, "kind", "number"),
        min_responses=check.whole(raw, "min_responses", DEFAULT_MIN_RESPONSES, 1, 1_000_000),
    )


def tally_from_dict(raw: Mapping[str, Any]) -> Tally:
    return tuple(sorted((int(answer), int(count)) for answer, count in raw.items()))


def measurement_from_dict(raw: Mapping[str, Any]) -> Measurement:
    """A reading through the gate: the common case is checked in one pass; anything
    unusual takes the field-by-field path, which says what is wrong."""
    try:
        if raw.get("responses"):
            return _checked_measurement(raw)
        at = _when(raw["at"])
        found, value = raw["id"], raw["value"]
        who, note, removed = raw.get("who", ""), raw.get("note", ""), raw.get("removed", False)
        fast = (
            at is not None
            and (type(value) is float or type(value) is int)
            and -NUMBER_LIMIT <= value <= NUMBER_LIMIT
            and type(who) is str
            and type(note) is str
            and len(who) + len(note) <= LINE_MAX
            and (who + note).isprintable()
            and type(removed) is bool
            and type(found) is str
            and ITEM_ID.match(found) is not None
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        fast = False
    if fast and at is not None:
        return Measurement(found, at, float(value), who, note, removed)
    return _checked_measurement(raw)


def _checked_measurement(raw: Mapping[str, Any]) -> Measurement:
    raw = check.mapping(raw, "measurement")
    return Measurement(
        id=check.item_id(raw),
        at=check.moment(raw, "at", required=True),  # type: ignore[arg-type]
        value=float(check.number(raw, "value", required=True)),  # type: ignore[arg-type]
        who=check.line(raw, "who"),
        note=check.text(raw, "note"),
        removed=check.flag(raw, "removed"),
        responses=check.tally(raw, "responses"),
    )


def stakeholder_from_json(raw: Any) -> Stakeholder:
    """A stored stakeholder; a plain name from a store older than roles keeps no role."""
    if isinstance(raw, str):
        name = check.line({"stakeholders": raw}, "stakeholders")
        role, sep, value = name.partition(":")
        wanted = role.strip().lower()
        if sep and wanted in {r.value for r in StakeholderRole}:
            return Stakeholder(StakeholderRole(wanted), value.strip())
        return Stakeholder(None, name)
    raw = check.mapping(raw, "stakeholders")
    given = check.member(_role, raw, "role", "") if raw.get("role") else None
    return Stakeholder(given, check.line(raw, "value"))


def iteration_from_dict(raw: Mapping[str, Any]) -> Iteration:
    raw = check.mapping(raw, "iteration")
    return Iteration(
        id=check.item_id(raw),
        title=check.title(raw),
        created=check.moment(raw, "created", required=True),  # type: ignore[arg-type]
        due=check.day(raw, "due"),
        done_at=check.moment(raw, "done_at"),
        stamp=check.line(raw, "stamp"),
        removed=check.flag(raw, "removed"),
    )


def note_from_dict(raw: Mapping[str, Any]) -> Note:
    raw = check.mapping(raw, "note")
    return Note(
        id=check.item_id(raw),
        at=check.moment(raw, "at", required=True),  # type: ignore[arg-type]
        text=check.text(raw, "text", required=True),
        who=check.line(raw, "who"),
        kind=check.member(_notekind, raw, "kind", "note"),
        step=check.member(_step, raw, "step", "vision") if raw.get("step") else None,
        removed=check.flag(raw, "removed"),
    )


def change_from_dict(raw: Mapping[str, Any]) -> Change:
    """A history entry through the gate (the register holds many: the common case is
    checked in one pass, anything unusual field by field)."""
    try:
        at = _when(raw["at"])
        found, who, name = raw["id"], raw["who"], raw["field"]
        old, new, said = raw["old"], raw["new"], raw["change"]
        joined = found + who + name + said  # TypeError unless all are text
        fast = (
            at is not None
            and len(joined) <= LINE_MAX
            and joined.isprintable()
            and (type(old) in _SCALARS or (type(old) is str and _short(old)))
            and (type(new) in _SCALARS or (type(new) is str and _short(new)))
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        fast = False
    if fast and at is not None:
        return Change(found, at, who, name, old, new, said)
    return _checked_change(raw)


def _checked_change(raw: Mapping[str, Any]) -> Change:
    raw = check.mapping(raw, "change")
    return Change(
        id=check.line(raw, "id"),
        at=check.moment(raw, "at", required=True),  # type: ignore[arg-type]
        who=check.line(raw, "who"),
        field=check.line(raw, "field", required=True),
        old=check.any_value(raw.get("old"), "old"),
        new=check.any_value(raw.get("new"), "new"),
        change=check.text(raw, "change"),
    )


def _short(text: str) -> bool:
    return len(text) <= LINE_MAX and text.isprintable()
