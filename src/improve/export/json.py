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

Times are ISO 8601 with their offset. `load` reads a document back into a `Retro`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from typing import Any, TypeVar

import orjson

from improve.domain.balance import from_json as balance_from_json
from improve.domain.balance import to_json as balance_json
from improve.domain.codec import stakeholder_from_json, stakeholder_to_dict
from improve.domain.cx import MetricKind
from improve.domain.model import (
    Activity,
    Direction,
    JourneyStage,
    NoteKind,
    Principle,
    Source,
    Status,
    Step,
)
from improve.domain.outcomes import IterationEffect, Reading, Slide, Verdict
from improve.domain.period import Period
from improve.domain.retro_model import (
    Entry,
    Figures,
    Group,
    Lesson,
    Outcome,
    Planned,
    PrincipleRow,
    Retro,
    SlidEntry,
    Tally,
)
from improve.domain.trust import Trust

FORMAT, SCHEMA = "improve-retro", 1
Doc = dict[str, Any]
E = TypeVar("E")


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
    }


def render(retro: Retro) -> str:
    return orjson.dumps(dump(retro), option=orjson.OPT_INDENT_2).decode() + "\n"


# --- reading back -------------------------------------------------------------


def _dt(raw: str | None) -> datetime | None:
    return datetime.fromisoformat(raw) if raw else None


def _d(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw else None


def _load_tally(raw: Doc) -> Tally:
    return Tally(raw["planned"], raw["on_time"], raw["late"], raw["open"])


def _load_figures(raw: Doc, kind: str, tz: tzinfo) -> Figures:
    period = Period(date.fromisoformat(raw["since"]), date.fromisoformat(raw["until"]), kind, tz)
    return Figures(
        period,
        finished=raw["finished"],
        dropped=raw["dropped"],
        started=raw["started"],
        logged=raw["logged"],
        carried=raw["carried"],
        iterations=_load_tally(raw["iterations"]),
    )


def _load_outcome(raw: Doc) -> Outcome:
    readings = tuple(Reading(datetime.fromisoformat(r["at"]), r["value"]) for r in raw["readings"])
    return Outcome(
        raw["name"],
        raw["unit"],
        Direction(raw["direction"]),
        raw["baseline"],
        _dt(raw["baseline_at"]),
        raw["target"],
        _d(raw["target_date"]),
        raw["latest"],
        raw["progress"],
        raw["met"],
        readings,
        MetricKind(raw.get("kind", "number")),
        raw.get("n"),
        raw.get("margin"),
        raw.get("thin", False),
    )


def _load_planned(raw: Doc | None) -> Planned | None:
    return Planned(raw["title"], _d(raw["due"])) if raw else None


def _load_entry(raw: Doc) -> Entry:
    return Entry(
        raw["id"],
        raw["key"],
        raw["title"],
        Group(raw["group"]),
        raw["started"],
        Principle(raw["principle"]) if raw["principle"] else None,
        Status(raw["status"]),
        Step(raw["step"]),
        raw["owner"],
        raw["team"],
        raw["reason"],
        _dt(raw["closed"]),
        _load_outcome(raw["outcome"]) if raw["outcome"] else None,
        _load_tally(raw["iterations"]),
        raw["forecast"],
        _load_planned(raw["next_iteration"]),
        Verdict(raw["verdict"]) if raw.get("verdict") else None,
        tuple(_load_effect(c) for c in raw.get("changes", ())),
        _load_slide(raw["slid_back"]) if raw.get("slid_back") else None,
        tuple(stakeholder_from_json(s) for s in raw.get("stakeholders", ())),
        _maybe(Activity, raw.get("activity")),
        _maybe(JourneyStage, raw.get("journey")),
        _maybe(Source, raw.get("source")),
    )


def _load_reading(raw: Doc | None) -> Reading | None:
    return Reading(datetime.fromisoformat(raw["at"]), raw["value"]) if raw else None


def _load_effect(raw: Doc) -> IterationEffect:
    return IterationEffect(
        raw["number"],
        raw["title"],
        datetime.fromisoformat(raw["done_at"]),
        _load_reading(raw["before"]),
        _load_reading(raw["after"]),
        raw["crowded"],
    )


def _load_slide(raw: Doc) -> Slide:
    keys = ("at_done", "latest", "gain", "given_back")
    return Slide(datetime.fromisoformat(raw["since"]), *(raw[k] for k in keys))


def _maybe(kind: Callable[[str], E], raw: str | None) -> E | None:
    return kind(raw) if raw else None


def _load_lesson(raw: Doc) -> Lesson:
    return Lesson(
        **(raw | {"at": datetime.fromisoformat(raw["at"]), "kind": NoteKind(raw["kind"])})
    )


def load(document: Doc, tz: tzinfo = UTC) -> Retro:
    """A retro from its JSON document; the zone is not stored, so the caller names it."""
    if document.get("format") != FORMAT:
        raise ValueError("not an improve retro (expected the JSON of `improve retro`)")
    kind = document["period"]["kind"]
    p = document["period"]
    trust = tuple(Trust(**t) for t in document["trust"])
    return Retro(
        period=Period(date.fromisoformat(p["since"]), date.fromisoformat(p["until"]), kind, tz),
        team=document["team"],
        today=date.fromisoformat(document["today"]),
        entries=tuple(_load_entry(e) for e in document["initiatives"]),
        principles=tuple(
            PrincipleRow(
                **(r | {"principle": Principle(r["principle"]) if r["principle"] else None})
            )
            for r in document["principles"]
        ),
        lessons=tuple(_load_lesson(n) for n in document["lessons"]),
        trust=(trust[0], trust[1], trust[2]),
        figures=_load_figures(document["figures"], kind, tz),
        previous=_load_figures(document["previous"], kind, tz),
        balance=balance_from_json(document["balance"]) if document.get("balance") else None,
        slid_back=tuple(
            SlidEntry(s["id"], s["key"], s["title"], s["owner"], s["unit"], _load_slide(s))
            for s in document.get("slid_back", ())
        ),
    )
