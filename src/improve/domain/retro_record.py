"""A retrospective the team held: what it said went well, didn't, and what to try, and the
actions it turned into initiatives. The `retros` table of the store, one record each.

One record per team and period, its id derived from them: two clones that open the same
retro write the same record, so a merge joins their edits field by field (each section
by its own stamp, the losing text kept in the history) and their actions as a grow-only
set. A section that is `None` was never edited: the retro shows it prefilled from the data.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from improve.domain import checks as check
from improve.domain.codec import change_to_dict
from improve.domain.decode_parts import change_from_dict
from improve.domain.errors import BadRecord
from improve.domain.model import Change

#: The three sections, as stored (and as named in the JSON retro).
WENT_WELL, DIDNT, TRY = "went_well", "didnt", "try"
SECTIONS = (WENT_WELL, DIDNT, TRY)
#: How a retro's id is derived from its team and period (any fixed UUID would do).
_NAMESPACE = uuid.UUID("6f3c2a1e-5b7d-4c1a-9e2f-1d0b6a7c8e90")


def retro_id(team: str, since: date, until: date) -> str:
    """The same team and period give the same id on every clone."""
    return uuid.uuid5(_NAMESPACE, f"{team.strip().lower()}|{since}|{until}").hex


@dataclass(frozen=True)
class Action:
    """A *try* line turned into an initiative (`source=retro`)."""

    id: str
    at: datetime
    line: str
    initiative: str
    who: str = ""


@dataclass(frozen=True)
class RetroRecord:
    """The team's own words for one retro, and the actions it took."""

    id: str
    team: str
    since: date
    until: date
    created: datetime
    updated: datetime
    written: datetime | None = None
    went_well: str | None = None
    didnt: str | None = None
    tries: str | None = None
    actions: tuple[Action, ...] = ()
    history: tuple[Change, ...] = ()
    stamps: dict[str, str] = field(default_factory=dict)
    deleted: datetime | None = None

    def section(self, name: str) -> str | None:
        """A section's text by its stored name (None: never edited)."""
        found: str | None = self.tries if name == TRY else getattr(self, name)
        return found

    def with_section(self, name: str, text: str) -> RetroRecord:
        if name == TRY:
            return replace(self, tries=text)
        return replace(self, went_well=text) if name == WENT_WELL else replace(self, didnt=text)


def action_to_dict(action: Action) -> dict[str, Any]:
    return {
        "id": action.id,
        "at": action.at.isoformat(),
        "line": action.line,
        "initiative": action.initiative,
        "who": action.who,
    }


def retro_to_dict(record: RetroRecord) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": record.id,
        "team": record.team,
        "since": record.since.isoformat(),
        "until": record.until.isoformat(),
        "created": record.created.isoformat(),
        "updated": record.updated.isoformat(),
        "written": record.written.isoformat() if record.written else None,
        "actions": [action_to_dict(a) for a in record.actions],
        "history": [change_to_dict(c) for c in record.history],
        "stamps": dict(record.stamps),
    }
    for name in SECTIONS:
        raw[name] = record.section(name)
    if record.deleted:
        raw["deleted"] = record.deleted.isoformat()
    return raw


def retro_from_dict(raw: Mapping[str, Any]) -> RetroRecord:
    """A stored retro through the gate; one that fails is `BadRecord` naming the field."""
    try:
        return _retro(check.mapping(raw, "record"))
    except check.Bad as bad:
        found = raw.get("id") if isinstance(raw, dict) else None
        name = found if type(found) is str and found.isprintable() and len(found) <= 40 else None
        raise BadRecord(name or check.shown(found), bad.field, bad.problem, "retro") from None


def _retro(raw: Mapping[str, Any]) -> RetroRecord:
    since, until = _day(raw, "since"), _day(raw, "until")
    if until < since:
        raise check.Bad("until", "is before since")
    return RetroRecord(
        id=check.record_id(raw.get("id")),
        team=check.line(raw, "team"),
        since=since,
        until=until,
        created=check.moment(raw, "created", required=True),  # type: ignore[arg-type]
        updated=check.moment(raw, "updated", required=True),  # type: ignore[arg-type]
        written=check.moment(raw, "written"),
        went_well=_section(raw, WENT_WELL),
        didnt=_section(raw, DIDNT),
        tries=_section(raw, TRY),
        actions=tuple(_each(raw, "actions", _action)),
        history=tuple(_each(raw, "history", change_from_dict)),
        stamps=check.stamps(raw),
        deleted=check.moment(raw, "deleted"),
    )


def _day(raw: Mapping[str, Any], key: str) -> date:
    found = check.day(raw, key)
    if found is None:
        raise check.Bad(key, "is missing")
    return found


def _section(raw: Mapping[str, Any], key: str) -> str | None:
    return None if raw.get(key) is None else check.text(raw, key)


def _action(raw: Any) -> Action:
    raw = check.mapping(raw, "action")
    return Action(
        id=check.item_id(raw),
        at=check.moment(raw, "at", required=True),  # type: ignore[arg-type]
        line=check.title(raw, "line"),
        initiative=_initiative_id(raw.get("initiative")),
        who=check.line(raw, "who"),
    )


def _initiative_id(value: Any) -> str:
    try:
        return check.record_id(value)
    except check.Bad as bad:
        raise check.Bad("initiative", bad.problem) from None


def _each(raw: Mapping[str, Any], key: str, decode: Any) -> list[Any]:
    found = check.items(raw, key)
    decoded = []
    for at, item in enumerate(found):
        try:
            decoded.append(decode(item))
        except check.Bad as bad:
            raise check.Bad(f"{key}[{at}].{bad.field}", bad.problem) from None
    return decoded
