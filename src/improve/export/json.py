"""The retrospective as JSON: everything, under stable field names.

The document (``"format": "improve-retro"``, ``"schema": 1``) is::

    period        {kind: sprint|month|quarter|custom, since, until (ISO dates, both
                   included), days}
    team          the team it is for, "" for everyone
    today         the day it was written (ISO date)
    figures       this period's counts: {since, until, finished, dropped, started,
                   logged, carried, iterations: {planned, on_time, late, open, rate}}
    previous      the same counts for the period of the same length just before
    finished_delta, on_time_delta   this period minus the previous one (rate as a
                   fraction; null when either rate is unknown)
    initiatives   one per initiative: {id, key, title, group: finished|dropped|logged|
                   carries-on, started, principle, status, step, owner, team, reason,
                   closed (ISO time or null), iterations: {planned, on_time, late, open,
                   rate}, forecast (on-track|off-track|met|unknown, carried work only),
                   next_iteration: {title, due} or null,
                   stakeholders: [{role, value}], activity (value chain), journey,
                   source (each a key or null),
                   outcome: {name, unit, direction: up|down, baseline, baseline_at,
                   target, target_date, latest, progress (raw fraction: 1.25 is 125%,
                   negative is a regression), met, readings: [{at, value}],
                   kind: number|csat|nps|ces, and for a CX score n (responses),
                   margin (95%, null from one response) and thin} or null,
                   verdict: met|accepted-short|missed (finished work with a target) or
                   null, changes: [{number, title, done_at, before: {at, value} or null,
                   after: {at, value} or null, delta, crowded, warning}] (each iteration
                   done, with the readings either side), slid_back: {since, at_done,
                   latest, gain, given_back, share} or null}
    principles    per principle key: {principle, finished, carried, logged, measured,
                   progress (mean of clamped progress, or null)}
    lessons       {at, text, who, kind, initiative_id, key, title}
    trust         the three C's: {name, value (0..1 or null), basis, how}
    balance       work in play by principle x value chain activity: {total, principles,
                   activities (keys; null: none set), grid[principle][activity],
                   by_principle, by_activity (each {count, progress, measured}),
                   journey: [{stage, count, progress, measured}], nudges: [text]}
    slid_back     done work whose gain slid back by the period's end (done in it or
                   before): {id, key, title, owner, unit, since, at_done, latest, gain,
                   given_back, share}
    talk, last_retro   went well / didn't / try, and the last retro's actions with where
                   they stand (see `json_talk`)

Carried work blocked at the period's end has `blocked_since` (ISO time, else null).

Times are ISO 8601 with their offset. `json_load.load` reads a document back into a `Retro`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import orjson

from improve.domain.balance import to_json as balance_json
from improve.domain.codec import stakeholder_to_dict
from improve.domain.outcomes import IterationEffect, Reading, Slide
from improve.domain.period import Period
from improve.domain.retro_model import (
    Entry,
    Figures,
    Outcome,
    Planned,
    Retro,
    Tally,
)
from improve.export.json_talk import dump_last, dump_talk

FORMAT, SCHEMA = "improve-retro", 1
Doc = dict[str, Any]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _period(p: Period) -> Doc:
    return {
        "kind": p.kind,
        "since": p.since.isoformat(),
        "until": p.until.isoformat(),
        "days": p.days,
    }


def _tally(t: Tally) -> Doc:
    return {
        "planned": t.planned,
        "on_time": t.on_time,
        "late": t.late,
        "open": t.open,
        "rate": t.rate,
    }


def _figures(f: Figures) -> Doc:
    return {
        "since": f.period.since.isoformat(),
        "until": f.period.until.isoformat(),
        "finished": f.finished,
        "dropped": f.dropped,
        "started": f.started,
        "logged": f.logged,
        "carried": f.carried,
        "iterations": _tally(f.iterations),
    }


def _outcome(o: Outcome) -> Doc:
    return {
        "name": o.name,
        "unit": o.unit,
        "direction": o.direction.value,
        "baseline": o.baseline,
        "baseline_at": _iso(o.baseline_at),
        "target": o.target,
        "target_date": _iso(o.target_date),
        "latest": o.latest,
        "progress": o.progress,
        "met": o.met,
        "readings": [{"at": r.at.isoformat(), "value": r.value} for r in o.readings],
        "kind": o.kind.value,
        "n": o.n,
        "margin": o.margin,
        "thin": o.thin,
    }


def _planned(p: Planned) -> Doc:
    return {"title": p.title, "due": _iso(p.due)}


def _entry(e: Entry) -> Doc:
    return {
        "id": e.id,
        "key": e.key,
        "title": e.title,
        "group": e.group.value,
        "started": e.started,
        "principle": e.principle.value if e.principle else None,
        "status": e.status.value,
        "step": e.step.value,
        "owner": e.owner,
        "team": e.team,
        "reason": e.reason,
        "closed": _iso(e.closed),
        "iterations": _tally(e.iterations),
        "forecast": e.forecast,
        "next_iteration": _planned(e.next_iteration) if e.next_iteration else None,
        "outcome": _outcome(e.outcome) if e.outcome else None,
        "verdict": e.verdict.value if e.verdict else None,
        "changes": [_effect(c) for c in e.changes],
        "slid_back": _slide(e.slide) if e.slide else None,
        "stakeholders": [stakeholder_to_dict(s) for s in e.stakeholders],
        "activity": e.activity.value if e.activity else None,
        "journey": e.journey.value if e.journey else None,
        "source": e.source.value if e.source else None,
        "blocked_since": _iso(e.blocked_since),
    }


def _reading(r: Reading | None) -> Doc | None:
    return {"at": r.at.isoformat(), "value": r.value} if r else None


def _effect(c: IterationEffect) -> Doc:
    return {
        "number": c.number,
        "title": c.title,
        "done_at": c.done_at.isoformat(),
        "before": _reading(c.before),
        "after": _reading(c.after),
        "delta": c.delta,
        "crowded": c.crowded,
        "warning": c.warning,
    }


def _slide(s: Slide) -> Doc:
    return {
        "since": s.since.isoformat(),
        "at_done": s.at_done,
        "latest": s.latest,
        "gain": s.gain,
        "given_back": s.given_back,
        "share": s.share,
    }


def dump(retro: Retro) -> Doc:
    """The retro as plain JSON-ready data."""
    return {
        "format": FORMAT,
        "schema": SCHEMA,
        "period": _period(retro.period),
        "team": retro.team,
        "today": retro.today.isoformat(),
        "figures": _figures(retro.figures),
        "previous": _figures(retro.previous),
        "finished_delta": retro.finished_delta,
        "on_time_delta": retro.on_time_delta,
        "initiatives": [_entry(e) for e in retro.entries],
        "principles": [
            vars(r) | {"principle": r.principle.value if r.principle else None}
            for r in retro.principles
        ],
        "lessons": [
            vars(n) | {"at": n.at.isoformat(), "kind": n.kind.value} for n in retro.lessons
        ],
        "trust": [vars(t) for t in retro.trust],
        "balance": balance_json(retro.balance) if retro.balance else None,
        "slid_back": [
            {"id": e.id, "key": e.key, "title": e.title, "owner": e.owner, "unit": e.unit}
            | _slide(e.slide)
            for e in retro.slid_back
        ],
        "talk": dump_talk(retro.talk),
        "last_retro": dump_last(retro.last_actions),
    }


def render(retro: Retro) -> str:
    return orjson.dumps(dump(retro), option=orjson.OPT_INDENT_2).decode() + "\n"


# --- reading back -------------------------------------------------------------
