"""The retrospective as CSV: one row per initiative, for a spreadsheet.

A cell of user text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
prefixed with `'`, so a spreadsheet shows it instead of running it as a formula.
Figures are written as numbers and are never prefixed. `bom=True` puts a UTF-8 byte
order mark first, which Excel needs to read accents and arrows right.
"""

from __future__ import annotations

import csv
import io

from improve.domain.retro_model import Entry, Retro

FIELDS = (
    "key", "id", "title", "group", "started", "principle", "status", "step", "owner", "team",
    "closed", "reason", "measure", "unit", "direction", "baseline", "latest", "target",
    "target_date", "progress_pct", "target_met", "iterations_due", "iterations_on_time",
    "iterations_late", "iterations_open", "forecast", "next_iteration", "next_due",
    "verdict", "changes_done", "changes_measured", "cant_tell", "slid_back_since",
    "slid_back_pct",
    "stakeholders", "value_chain", "journey", "source", "metric_kind", "responses",
    "margin_95",
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
    }
    cells: dict[str, Cell] = {name: safe(value) for name, value in text.items()}
    return {name: {**cells, **figures}[name] for name in FIELDS}


def _pct(fraction: float | None) -> Cell:
    return "" if fraction is None else round(fraction * 100, 1)


def render(retro: Retro, *, bom: bool = False) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for entry in retro.entries:
        writer.writerow(row(entry))
    return (BOM if bom else "") + out.getvalue()
