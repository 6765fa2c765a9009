"""The retro's conversation in its JSON document, and back (see `json.py`):

talk          {went_well, didnt, try: [lines], edited: [the sections the team
               wrote; the others are prefilled from the data], actions: [action]}
last_retro    the team's retro before this one, or null: {since, until, actions:
               [action], done, total, share_done (0..1, null with no actions)}
action        {line (the try line), initiative_id, key, title, owner,
               state: done|moving|not-started|dropped, status (null: deleted)}
"""

from __future__ import annotations

from datetime import date
from typing import Any

from improve.domain.model import Status
from improve.domain.retro_model import ActionStanding, ActionState, LastActions, Talk

Doc = dict[str, Any]


def _action(a: ActionStanding) -> Doc:
    return {
        "line": a.line,
        "initiative_id": a.initiative_id,
        "key": a.key,
        "title": a.title,
        "owner": a.owner,
        "state": a.state.value,
        "status": a.status.value if a.status else None,
    }


def dump_talk(talk: Talk) -> Doc:
    return {
        "went_well": list(talk.went_well),
        "didnt": list(talk.didnt),
        "try": list(talk.tries),
        "edited": sorted(talk.edited),
        "actions": [_action(a) for a in talk.actions],
    }


def dump_last(last: LastActions | None) -> Doc | None:
    if last is None:
        return None
    return {
        "since": last.since.isoformat(),
        "until": last.until.isoformat(),
        "actions": [_action(a) for a in last.actions],
        "done": last.done,
        "total": len(last.actions),
        "share_done": last.share_done,
    }


def _load_action(raw: Doc) -> ActionStanding:
    return ActionStanding(
        raw["line"],
        raw["initiative_id"],
        raw["key"],
        raw["title"],
        raw["owner"],
        ActionState(raw["state"]),
        Status(raw["status"]) if raw["status"] else None,
    )


def load_talk(raw: Doc | None) -> Talk:
    if raw is None:
        return Talk()
    return Talk(
        tuple(raw["went_well"]),
        tuple(raw["didnt"]),
        tuple(raw["try"]),
        frozenset(raw["edited"]),
        tuple(_load_action(a) for a in raw["actions"]),
    )


def load_last(raw: Doc | None) -> LastActions | None:
    if raw is None:
        return None
    actions = tuple(_load_action(a) for a in raw["actions"])
    return LastActions(date.fromisoformat(raw["since"]), date.fromisoformat(raw["until"]), actions)
