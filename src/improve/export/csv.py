"""The retrospective as CSV: one row per initiative, for a spreadsheet; then one row per
point the team made (group `went-well`, `didnt`, `try`: the line in `title`; a try line
turned into an initiative has its key and id) and per action of the last retro (group
`last-retro-action`, with `action_state` and the share done in `actions_done_pct`).

A cell of user text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
prefixed with `'`, so a spreadsheet shows it instead of running it as a formula.
Figures are written as numbers and are never prefixed. `bom=True` puts a UTF-8 byte
order mark first, which Excel needs to read accents and arrows right.
"""

from __future__ import annotations

import csv
import io

from improve.domain.retro_model import ActionStanding, Entry, LastActions, Retro

FIELDS = (
    "key", "id", "title", "group", "started", "principle", "status", "step", "owner", "team",
    "closed", "reason", "measure", "unit", "direction", "baseline", "latest", "target",
    "target_date", "progress_pct", "target_met", "iterations_due", "iterations_on_time",
    "iterations_late", "iterations_open", "forecast", "next_iteration", "next_due",
    "verdict", "changes_done", "changes_measured", "cant_tell", "slid_back_since",
    "slid_back_pct",
    "stakeholders", "value_chain", "journey", "source", "metric_kind", "responses",
    "margin_95", "action_state", "actions_done_pct",
)  # fmt: skip
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n")
BOM = "\ufeff"

Cell = str | int | float


def safe(value: str) -> str:
    """Neutralise what a spreadsheet would take for a formula."""
    return "'" + value if value.lstrip(" \n\r\t").startswith(DANGEROUS) or _leads(value) else value


def _leads(value: str) -> bool:
    """Whether blank space (a line feed, a tab) comes first: a sheet trims it, then reads."""
    return value[:1] in ("\n", "\r", "\t")


def _number(value: float | None) -> Cell:
    return "" if value is None else value


def row(entry: Entry) -> dict[str, Cell]:
    o, t, nxt = entry.outcome, entry.iterations, entry.next_iteration
    text: dict[str, str] = {
        "key": entry.key,
        "id": entry.id,
        "title": entry.title,
        "group": entry.group.value,
        "started": "yes" if entry.started else "no",
        "principle": entry.principle.value if entry.principle else "",
        "status": entry.status.value,
        "step": entry.step.value,
        "owner": entry.owner,
        "team": entry.team,
        "closed": entry.closed.isoformat() if entry.closed else "",
        "reason": entry.reason,
        "measure": o.name if o else "",
        "unit": o.unit if o else "",
        "direction": o.direction.value if o else "",
        "target_date": o.target_date.isoformat() if o and o.target_date else "",
        "target_met": ("yes" if o.met else "no") if o else "",
        "forecast": entry.forecast or "",
        "next_iteration": nxt.title if nxt else "",
        "next_due": nxt.due.isoformat() if nxt and nxt.due else "",
        "verdict": entry.verdict.value if entry.verdict else "",
        "cant_tell": next((c.warning for c in entry.changes if c.warning), ""),
        "slid_back_since": entry.slide.since.isoformat() if entry.slide else "",
        "stakeholders": "; ".join(str(s) for s in entry.stakeholders),
        "value_chain": entry.activity.value if entry.activity else "",
        "journey": entry.journey.value if entry.journey else "",
        "source": entry.source.value if entry.source else "",
        "metric_kind": o.kind.value if o else "",
    }
    figures: dict[str, Cell] = {
        "baseline": _number(o.baseline if o else None),
        "latest": _number(o.latest if o else None),
        "target": _number(o.target if o else None),
        "progress_pct": _pct(o.progress if o else None),
        "iterations_due": t.planned,
        "iterations_on_time": t.on_time,
        "iterations_late": t.late,
        "iterations_open": t.open,
        "changes_done": len(entry.changes),
        "changes_measured": sum(1 for c in entry.changes if c.delta is not None),
        "slid_back_pct": _pct(entry.slide.share if entry.slide else None),
        "responses": "" if o is None or o.n is None else o.n,
        "margin_95": _number(o.margin if o else None),
        "action_state": "",
        "actions_done_pct": "",
    }
    cells: dict[str, Cell] = {name: safe(value) for name, value in text.items()}
    return {name: {**cells, **figures}[name] for name in FIELDS}


def _blank(group: str, title: str) -> dict[str, Cell]:
    row: dict[str, Cell] = dict.fromkeys(FIELDS, "")
    return row | {"group": group, "title": safe(title)}


def _action(row: dict[str, Cell], action: ActionStanding) -> dict[str, Cell]:
    return row | {
        "key": safe(action.key),
        "id": action.initiative_id,
        "owner": safe(action.owner),
        "status": action.status.value if action.status else "deleted",
        "source": "retro",
        "action_state": action.state.value,
    }


def talk_rows(retro: Retro) -> list[dict[str, Cell]]:
    """The team's points, and the last retro's actions."""
    talk = retro.talk
    made = {a.line: a for a in talk.actions}
    rows = [_blank("went-well", line) for line in talk.went_well]
    rows += [_blank("didnt", line) for line in talk.didnt]
    for line in talk.tries:
        row = _blank("try", line)
        rows.append(_action(row, made[line]) if line in made else row)
    return rows + _last_rows(retro.last_actions)


def _last_rows(last: LastActions | None) -> list[dict[str, Cell]]:
    if last is None:
        return []
    share = _pct(last.share_done)
    return [
        _action(_blank("last-retro-action", a.title), a) | {"actions_done_pct": share}
        for a in last.actions
    ]


def _pct(fraction: float | None) -> Cell:
    return "" if fraction is None else round(fraction * 100, 1)


def render(retro: Retro, *, bom: bool = False) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for entry in retro.entries:
        writer.writerow(row(entry))
    writer.writerows(talk_rows(retro))
    return (BOM if bom else "") + out.getvalue()
