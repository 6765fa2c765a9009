"""Plain-text and JSON views of initiatives for the command line.

The JSON shapes here are the documented `--json` output: field names are stable.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

import click

from improve.domain import cx, outcomes, progress, readiness, schedule
from improve.domain.changes import describe as describe_change
from improve.domain.codec import initiative_to_dict
from improve.domain.model import (
    Initiative,
    Measure,
    Measurement,
    Principle,
    Step,
)
from improve.domain.outcomes import DEFAULT_HOLD, Hold
from improve.domain.terms import principle_label
from improve.text.cells import fit

BAR = 10
DOTS = ("●", "○")


def amount(value: float | None, unit: str = "") -> str:
    """A value with its unit as the domain writes it (`45 min`, `12.5%`); `-` when unknown."""
    if value is None:
        return "-"
    if not unit:
        return progress.number(value)
    return f"{progress.number(value)}{unit}" if unit == "%" else f"{progress.number(value)} {unit}"


def bar(fraction: float | None, width: int = BAR) -> str:
    if fraction is None:
        return " " * width
    filled = round(progress.clamp01(fraction) * width)
    return "█" * filled + "·" * (width - filled)


def count(n: int, noun: str) -> str:
    """`1 note`, `2 notes`."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def percent(fraction: float | None) -> str:
    return "   -" if fraction is None else f" {round(fraction * 100):3d}%"


def stepper(step: Step) -> str:
    return "".join(DOTS[0] if s.number <= step.number else DOTS[1] for s in Step)


def measure_line(ini: Initiative) -> str:
    m = ini.measure
    if m is None:
        return "no metric yet"
    latest = progress.latest(ini)
    fraction = progress.progress(ini)
    target_by = f" by {m.target_date.isoformat()}" if m.target_date else ""
    now = f" → latest {reading(m, latest)}" if latest else " (no measurement yet)"
    gauge = f"  {bar(fraction)}{percent(fraction)}" if fraction is not None else ""
    kind = f" ({m.kind.label})" if m.kind.surveyed else ""
    return (
        f"{m.name}{kind}: baseline {amount(m.baseline, m.unit)}{now} → target "
        f"{amount(m.target, m.unit)}{target_by}{gauge}"
    )


def reading(m: Measure, found: Measurement) -> str:
    """A reading's value; a CX score with its margin and sample size (`18 ±9.6 (n=42)`)."""
    scored = cx.reading_score(m.kind, found.responses)
    spread = f" {cx.spread_words(scored, m.min_responses, m.unit)}" if scored else ""
    return amount(found.value, m.unit) + spread


def forecast_line(ini: Initiative, today: date) -> str:
    m, last = ini.measure, progress.latest(ini)
    said = progress.describe(progress.forecast(ini, today), m.unit if m else "")
    if m is None or last is None:
        return said
    return said + cx.thin_words(m.kind, last.responses, m.min_responses)


def open_question(ini: Initiative) -> str:
    return readiness.open_question(ini)


def iterations(ini: Initiative) -> str:
    items = ini.live_iterations()
    if not items:
        return "no iterations yet"
    lines = []
    moved = {e.number: e for e in outcomes.effects(ini)}
    unit = ini.measure.unit if ini.measure else ""
    for n, it in enumerate(items, 1):
        mark = "[x]" if it.done else "[ ]"
        due = f"  due {it.due.isoformat()}" if it.due else ""
        lines.append(f"{n:>2}. {mark} {it.title}{due}")
        if n in moved and moved[n].done_at:
            said = outcomes.describe(moved[n], unit)
            lines.append(f"        done {moved[n].done_at:%Y-%m-%d}: {said}")
    return "\n".join(lines)


def as_json(ini: Initiative, key: str, now: datetime, full: bool = False) -> dict[str, Any]:
    """The documented JSON of an initiative: stored fields plus derived ones."""
    raw = initiative_to_dict(ini)
    if not full:
        for heavy in ("history", "stamps", "notes"):
            raw.pop(heavy)
    fc = progress.forecast(ini, now.date())
    due = schedule.next_due(ini, now)
    raw.update(
        key=key,
        progress=progress.progress(ini),
        forecast=fc.state.value,
        projected=fc.projected,
        next_due=due.isoformat() if due else None,
        missing=[f"{s.value}: {text}" for s, text in readiness.missing(ini)],
    )
    if ini.measure is not None and ini.measure.kind.surveyed:
        for found, shown in zip(ini.measurements, raw["measurements"], strict=True):
            shown.update(_spread_json(ini.measure, found))
    return raw


def _spread_json(m: Measure, found: Measurement) -> dict[str, Any]:
    scored = cx.reading_score(m.kind, found.responses)
    if scored is None:
        return {"n": 0, "margin": None, "thin": True}
    return {"n": scored.n, "margin": scored.margin, "thin": scored.thin(m.min_responses)}


def stakeholders(ini: Initiative) -> str:
    """Who it is for, or the question Focus on value asks when nobody is named."""
    if not ini.stakeholders:
        return f"- ({Principle.VALUE.question})"
    return "; ".join(str(s) for s in ini.stakeholders)


def placing(ini: Initiative) -> str:
    """Where it sits: value chain activity, journey stage, and where the idea came from."""
    chain = ini.activity.value if ini.activity else "-"
    journey = ini.journey.value if ini.journey else "-"
    source = ini.source.value if ini.source else "-"
    return f"{chain}   journey {journey}   source {source}"


def held(ini: Initiative, hold: Hold = DEFAULT_HOLD) -> str | None:
    """After done: slid back (by how much, since when), or the readings still owed."""
    slide = outcomes.slid_back(ini, hold.share)
    if slide is not None:
        return f"{outcomes.describe_slide(slide, ini)} (improve start reopens it)"
    left = outcomes.hold_readings_left(ini, hold.readings)
    if left:
        return f"holding: {count(left, 'more reading')} to see whether the gain holds"
    return None


def initiative_text(ini: Initiative, key: str, now: datetime, hold: Hold = DEFAULT_HOLD) -> str:
    """`improve show`: everything about one initiative, top to bottom."""
    lines = [
        f"{key}  {ini.title}",
        f"  status     {ini.status.value}" + (f" ({ini.reason})" if ini.reason else ""),
        f"  principle  {principle_label(ini.principle)}",
        f"  step       {stepper(ini.step)} {ini.step.number}/7 {ini.step.value}",
        f"  open       {readiness.open_question(ini)}",
        f"  owner      {ini.owner or '-'}   team {ini.team or '-'}",
        f"  value      {ini.value or '-'}   effort {ini.effort or '-'}",
        f"  tags       {' '.join('+' + t for t in ini.tags) or '-'}",
        f"  vision     {ini.vision or '-'}",
        f"  for        {stakeholders(ini)}",
        f"  chain      {placing(ini)}",
        "",
        "metric",
        f"  {measure_line(ini)}",
    ]
    if ini.measure:
        lines.append(f"  {forecast_line(ini, now.date())}")
        said = held(ini, hold)
        lines += [f"  {said}"] if said else []
        lines += [
            f"  {r.at:%Y-%m-%d}  {reading(ini.measure, r)}  {r.note}".rstrip()
            for r in ini.live_measurements()
        ]
    lines += ["", "iterations", *("  " + line for line in iterations(ini).splitlines())]
    notes = [
        f"  {n.at:%Y-%m-%d} [{n.kind.value}] " + n.text.expandtabs(4).replace("\n", "\n" + " " * 14)
        for n in ini.live_notes()
    ]
    lines += ["", "notes", *(notes or ["  -"])]
    lines += ["", "history"] + [
        f"  {c.at:%Y-%m-%d %H:%M} {c.who}: {fit(describe_change(c, ini), 60).rstrip()}"
        for c in sorted(ini.history, key=lambda c: c.at)  # a backdated event (--at) in its place
    ]
    return "\n".join(lines)


@contextlib.contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal, nothing otherwise."""
    if not sys.stderr.isatty() or total < 200:
        yield lambda _count: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as shown:
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            shown.update(count - done)
            done = count

        yield advance
