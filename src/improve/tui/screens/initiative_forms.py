"""The questions the Initiative screen asks, each with the service call that answers it.

Each function returns what `FormScreen` needs: a title, the fields, a `submit` that
parses with the same functions as the CLI and calls the `Register`, and an optional
intro. Parsing and validation errors are `InputError`s, shown inline by the form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import StrEnum

from rich.text import Text

from improve.domain import cadence, cx, dates, progress, readiness
from improve.domain.errors import InputError
from improve.domain.model import (
    Activity,
    Direction,
    Initiative,
    JourneyStage,
    NoteKind,
    Principle,
    Source,
    Stakeholder,
    Status,
)
from improve.domain.register import parse_stakeholder
from improve.service import number
from improve.tui.host import Host
from improve.tui.screens.forms import Field, Values
from improve.tui.widgets.initiative_parts import amount

Form = tuple[str, Sequence[Field], Callable[[Values], object], Text | None]
KINDS = "number, or csat (1-5), nps (0-10), ces (1-7) scored from responses"


def _named(ini: Initiative, verb: str) -> str:
    return f"{verb} · {ini.title}"


def measure(ini: Initiative, app: Host) -> Form:
    m = ini.measure
    if m is None:
        intro = Text("no metric yet: set one first with M", style="bold")
    else:
        intro = Text(
            f"{m.name}: baseline {amount(m.baseline, m.unit)}, target {amount(m.target, m.unit)}"
        )
    if m is not None and m.kind.scale is not None:
        return _pulse(ini, app, m.kind, intro)

    def submit(values: Values) -> object:
        at = values["at"].strip()
        return app.register.measure(
            ini.id,
            number(values["value"].strip(), "the value"),
            at=dates.parse_moment(at, app.clock.now()) if at else None,
            note=values["note"],
        )

    fields = [
        Field("value", f"Value{f' ({m.unit})' if m and m.unit else ''}", placeholder="e.g. 42"),
        Field("at", "When", placeholder="now (or yesterday, 14:30, 2026-11-20)"),
        Field("note", "Note", placeholder="why it moved (optional)"),
    ]
    return _named(ini, "Measure"), fields, submit, intro


def _pulse(ini: Initiative, app: Host, kind: cx.MetricKind, intro: Text) -> Form:
    """A CX metric is measured by what people answered: the responses, not a score."""
    low, high = kind.scale or (0, 0)
    intro.append(f" · {kind.label} answers {low}-{high}")

    def submit(values: Values) -> object:
        at = values["at"].strip()
        return app.register.pulse(
            ini.id,
            values["responses"].split(),
            at=dates.parse_moment(at, app.clock.now()) if at else None,
            note=values["note"],
        )

    fields = [
        Field(
            "responses", "Responses", placeholder=f"e.g. {high} {high - 1} {low + 2}, or {high}x12"
        ),
        Field("at", "When", placeholder="now (or yesterday, 14:30, 2026-11-20)"),
        Field("note", "Note", placeholder="where the answers came from (optional)"),
    ]
    return _named(ini, f"Pulse ({kind.label})"), fields, submit, intro


def iteration(ini: Initiative, app: Host) -> Form:
    def submit(values: Values) -> object:
        due = values["due"].strip()
        today = app.clock.now().date()
        return app.register.add_iteration(
            ini.id, values["title"], dates.parse_date(due, today) if due else None
        )

    fields = [
        Field("title", "Iteration", placeholder="the smallest step that tells us something"),
        Field("due", "Due", placeholder="fri, +1w, 2026-12-04 (optional)"),
    ]
    return _named(ini, "Plan an iteration"), fields, submit, None


def note(ini: Initiative, app: Host) -> Form:
    kinds = ", ".join(k.value for k in NoteKind)

    def submit(values: Values) -> object:
        kind = NoteKind.parse(values["kind"]) if values["kind"].strip() else NoteKind.NOTE
        return app.register.note(ini.id, values["text"], kind)

    fields = [
        Field("text", "Note", placeholder="feedback, a lesson learned, a blocker"),
        Field("kind", "Kind", "note", placeholder=kinds),
    ]
    return _named(ini, "Note"), fields, submit, None


def block(ini: Initiative, app: Host) -> Form:
    def submit(values: Values) -> object:
        return app.register.set_status(ini.id, Status.BLOCKED, values["reason"])

    fields = [Field("reason", "Blocked by", placeholder="what or who it waits for (optional)")]
    return _named(ini, "Block"), fields, submit, None


def done(ini: Initiative, app: Host) -> Form:
    """Finishing asks for the outcome: the retrospective is built from these notes."""

    short = progress.shortfall(ini)

    def submit(values: Values) -> object:
        accept = values.get("accept", "").strip()
        if short and not accept:
            raise InputError(f"short of the target ({short}): say why in Accept short")
        if values["outcome"].strip():
            app.register.note(ini.id, values["outcome"], NoteKind.OUTCOME)
        return app.register.set_status(ini.id, Status.DONE, accept=accept)

    fields = [Field("outcome", "Outcome", placeholder="what changed, and for whom")]
    gaps = readiness.missing_through(ini, readiness.DONE_NEEDS)
    said = [f"still open: {readiness.gaps_words(gaps)}"] if gaps else []
    if short:
        fields.append(Field("accept", "Accept short", placeholder="why it is good enough"))
        said.append(f"Short of the target: {short}. Finishing it needs a reason.")
    intro = Text("\n".join(said)) if said else None
    return _named(ini, "Done"), fields, submit, intro


def drop(ini: Initiative, app: Host) -> Form:
    def submit(values: Values) -> object:
        return app.register.set_status(ini.id, Status.DROPPED, values["reason"])

    fields = [Field("reason", "Why", placeholder="why it is dropped (needed)")]
    return _named(ini, "Drop"), fields, submit, None


def _score(text: str, what: str) -> int | None:
    """Empty leaves the score as it is; the service checks the range."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise InputError(f"{what} must be 1 to 5, not {text!r}")
    return int(text)


def tags(text: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s,]+", text) if t)


def edit(ini: Initiative, app: Host) -> Form:
    def submit(values: Values) -> object:
        return app.register.edit(
            ini.id,
            title=values["title"],
            principle=_optional(values["principle"], Principle.parse),
            vision=values["vision"],
            beneficiaries=values["beneficiaries"],
            owner=values["owner"],
            team=values["team"],
            value=_score(values["value"], "value"),
            effort=_score(values["effort"], "effort"),
            tags=tags(values["tags"]),
            stakeholders=stakeholders(values["stakeholders"]),
            activity=_optional(values["chain"], Activity.parse),
            journey=_optional(values["journey"], JourneyStage.parse),
            source=_optional(values["source"], Source.parse),
        )

    fields = [
        Field("title", "Title", ini.title),
        Field(
            "principle",
            "Principle",
            ini.principle.value if ini.principle else "",
            placeholder="value, iterate, keep it simple, ... (empty: none)",
        ),
        Field("vision", "Vision", ini.vision, placeholder="the objective it serves"),
        Field("beneficiaries", "For", ini.beneficiaries, placeholder="who benefits"),
        Field("owner", "Owner", ini.owner),
        Field("team", "Team", ini.team),
        Field("value", "Value 1-5", str(ini.value or "")),
        Field("effort", "Effort 1-5", str(ini.effort or "")),
        Field("tags", "Tags", " ".join(ini.tags), placeholder="ci ops (space separated)"),
        Field(
            "stakeholders",
            "For whom",
            "; ".join(str(s) for s in ini.stakeholders),
            placeholder="customer: answers same day; sponsor: fewer escalations",
        ),
        Field("chain", "Value chain", _shown(ini.activity), placeholder=", ".join(Activity)),
        Field("journey", "Journey", _shown(ini.journey), placeholder=", ".join(JourneyStage)),
        Field("source", "Idea from", _shown(ini.source), placeholder=", ".join(Source)),
    ]
    return _named(ini, "Edit"), fields, submit, None


def _shown(value: StrEnum | None) -> str:
    return value.value if value else ""


def _optional(text: str, parse: Callable[[str], object]) -> object:
    """Empty clears the field (the service's "" for none)."""
    return parse(text) if text.strip() else ""


def stakeholders(text: str) -> tuple[Stakeholder, ...]:
    """`customer: answers same day; sponsor: fewer escalations`, as the form shows them."""
    return tuple(parse_stakeholder(part) for part in text.split(";") if part.strip())


def metric(ini: Initiative, app: Host) -> Form:
    """Steps 2 and 3: what is measured, where it stands, where it should get to, by when."""
    m = ini.measure

    def submit(values: Values) -> object:
        by, every = values["by"].strip(), values["every"].strip()
        dated = values["baseline_at"].strip()
        kind = cx.MetricKind.parse(values["kind"] or "number")
        better = values["better"].strip()
        return app.register.set_metric(
            ini.id,
            values["name"],
            kind=kind,
            unit=values["unit"].strip() or kind.unit,
            better=Direction.parse(better) if better or not kind.surveyed else Direction.UP,
            baseline=number(values["baseline"].strip(), "the baseline"),
            target=number(values["target"].strip(), "the target"),
            by=dates.parse_date(by, app.clock.now().date()) if by else None,
            every=cadence.parse_cadence(every) if every else None,
            baseline_at=dates.parse_moment(dated, app.clock.now()) if dated else None,
        )

    kept = "saving replaces the metric; an unchanged baseline keeps its date"
    intro = Text(kept) if m else None

    def shown(value: float | None) -> str:
        return amount(value, "") if value is not None else ""

    fields = [
        Field("name", "Metric", m.name if m else "", placeholder="e.g. Deploy lead time"),
        Field("unit", "Unit", m.unit if m else "", placeholder="min, %, tickets"),
        Field("better", "Better", m.direction.value if m else "up", placeholder="up or down"),
        Field("baseline", "Baseline", shown(m.baseline if m else None), placeholder="now"),
        Field("target", "Target", shown(m.target if m else None), placeholder="where to get"),
        Field("by", "By", m.target_date.isoformat() if m and m.target_date else "", "target date"),
        Field(
            "every",
            "Measure",
            cadence.cadence_label(m.cadence) if m and m.cadence else "",
            "weekly on mon, monthly (optional)",
        ),
        Field("kind", "Kind", m.kind.value if m else "number", placeholder=KINDS),
        Field("baseline_at", "Baseline on", placeholder="today, or when it was measured"),
    ]
    return _named(ini, "Metric"), fields, submit, intro
