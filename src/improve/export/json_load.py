"""Reading a retrospective's JSON document (see `json.py`) back into a `Retro`, so the
document provably carries everything the retro holds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from typing import TypeVar

from improve.domain.balance import from_json as balance_from_json
from improve.domain.codec import stakeholder_from_json
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
from improve.export.json import FORMAT, Doc
from improve.export.json_talk import load_last, load_talk

E = TypeVar("E")


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
        _dt(raw.get("blocked_since")),
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
        talk=load_talk(document.get("talk")),
        last_actions=load_last(document.get("last_retro")),
    )
