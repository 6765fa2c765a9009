"""The Initiative screen's sections as Rich text: pure functions of an initiative.

User text (titles, names, notes) always enters as `Text(...)`, never as markup, so a
title such as `[bold]x[/]` is shown as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from rich.style import Style
from rich.text import Text

from improve.domain import cadence, cx, outcomes, progress, schedule
from improve.domain.changes import describe as describe_change
from improve.domain.model import (
    Change,
    Direction,
    Initiative,
    Iteration,
    Measure,
    Measurement,
    Principle,
    Stakeholder,
    Status,
)
from improve.domain.outcomes import DEFAULT_HOLD, Hold, IterationEffect
from improve.domain.terms import principle_label

BAR = 20


@dataclass(frozen=True)
class Palette:
    """Styles from the theme (the screen's component classes)."""

    muted: Style = field(default_factory=Style)
    good: Style = field(default_factory=Style)
    bad: Style = field(default_factory=Style)
    warn: Style = field(default_factory=Style)
    accent: Style = field(default_factory=Style)


def amount(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if not unit:
        return progress.number(value)
    return f"{progress.number(value)}{unit}" if unit == "%" else f"{progress.number(value)} {unit}"


def day(when: date | datetime) -> str:
    return f"{when.day} {when:%b}"


def long_day(when: date) -> str:
    return f"{when.day} {when:%b %Y}"


def _status_style(status: Status, p: Palette) -> Style:
    return {Status.BLOCKED: p.bad, Status.DONE: p.good, Status.DROPPED: p.muted}.get(
        status, p.accent
    )


def summary(ini: Initiative, key: str, p: Palette) -> Text:
    """Key and title, then status, principle and the people and numbers around it."""
    title = Text.assemble((key, p.muted), "  ", Text(ini.title, style="bold"))
    facts = [
        Text(ini.status.value, style=_status_style(ini.status, p) + Style(bold=True)),
        Text(principle_label(ini.principle)),
        _fact("owner", ini.owner, p),
        _fact("team", ini.team, p),
        _fact("value", str(ini.value or ""), p),
        _fact("effort", str(ini.effort or ""), p),
    ]
    if ini.tags:
        facts.append(Text(" ".join("+" + t for t in ini.tags), style=p.accent))
    lines = [title, Text(" · ", style=p.muted).join(facts)]
    if ini.reason:
        lines.append(Text.assemble((f"{ini.status.value}: ", p.muted), Text(ini.reason)))
    return Text("\n").join(lines)


def _fact(name: str, value: str, p: Palette) -> Text:
    return Text.assemble((name + " ", p.muted), Text(value or "-"))


def vision(ini: Initiative, p: Palette) -> Text:
    """What it is for and whom it serves: step 1, the reason for everything after."""
    unset = Text("not set yet (e to edit)", style=p.muted)
    return Text("\n").join(
        [
            Text(ini.vision) if ini.vision else Text.assemble(("vision ", p.muted), unset),
            Text.assemble(
                ("for ", p.muted), Text(ini.beneficiaries) if ini.beneficiaries else unset
            ),
            stakeholders(ini, p),
            placing(ini, p),
        ]
    )


def stakeholders(ini: Initiative, p: Palette) -> Text:
    """Each stakeholder's role and what value means to them; the value question if none."""
    if not ini.stakeholders:
        question = f"{Principle.VALUE.question} (e names stakeholders)"
        return Text.assemble(("stakeholders ", p.muted), (question, p.warn))
    people = Text(" · ", style=p.muted).join(_stakeholder(s, p) for s in ini.stakeholders)
    return Text.assemble(("stakeholders ", p.muted), people)


def _stakeholder(who: Stakeholder, p: Palette) -> Text:
    role = Text(who.role.value if who.role else "", style=p.accent)
    if not who.value:
        return role
    return Text.assemble(role, ": " if who.role else "", Text(who.value))


def placing(ini: Initiative, p: Palette) -> Text:
    """Where it sits in the value chain and the journey, and where the idea came from."""
    facts = [
        _fact("value chain", ini.activity.label if ini.activity else "", p),
        _fact("journey", ini.journey.label if ini.journey else "", p),
        _fact("idea from", ini.source.value if ini.source else "", p),
    ]
    return Text(" · ", style=p.muted).join(facts)


def bar(fraction: float | None, p: Palette) -> Text:
    if fraction is None:
        return Text("░" * BAR + "    -", style=p.muted)
    filled = round(progress.clamp01(fraction) * BAR)
    shown = f"{round(fraction * 100):4d}%"
    note = " overshoot" if fraction > 1 else " regressed" if fraction < 0 else ""
    return Text.assemble(("█" * filled, p.accent), ("░" * (BAR - filled), p.muted), shown, note)


def forecast_words(ini: Initiative, today: date, p: Palette) -> Text:
    fc = progress.forecast(ini, today)
    unit = ini.measure.unit if ini.measure else ""
    style = {
        progress.ForecastState.ON_TRACK: p.good,
        progress.ForecastState.MET: p.good,
        progress.ForecastState.OFF_TRACK: p.bad,
    }.get(fc.state, p.muted)
    said = progress.describe(fc, unit)
    m, last = ini.measure, progress.latest(ini)
    if m is not None and last is not None:
        said += cx.thin_words(m.kind, last.responses, m.min_responses)
    return Text(said, style=style)


def metric(ini: Initiative, now: datetime, p: Palette, hold: Hold = DEFAULT_HOLD) -> Text:
    """The measured outcome: where it started, where it is, where it should be, and when;
    once done, whether the gain holds."""
    m = ini.measure
    if m is None:
        return Text(
            "no metric yet: M sets what you measure, its baseline and target", style=p.muted
        )
    better = "higher" if m.direction is Direction.UP else "lower"
    head = [Text(m.name, style="bold"), Text(f"{better} is better", style=p.muted)]
    if m.kind.surveyed:
        head.insert(1, Text(m.kind.label, style=p.accent))
    if m.cadence:
        head.append(Text(f"measured {cadence.cadence_label(m.cadence)}", style=p.muted))
    due = schedule.measurement_due(ini, now, hold.readings)
    if due is not None:
        head.append(Text(f"reading due since {day(due)}", style=p.warn))
    last = progress.latest(ini)
    values = [amount(v, m.unit) for v in (m.baseline, last.value if last else None, m.target)]
    width = max(len(v) for v in values)
    when = [
        day(m.baseline_at) if m.baseline_at else "",
        day(last.at) if last else "no reading yet",
        f"by {long_day(m.target_date)}" if m.target_date else "no target date",
    ]
    rows = [
        Text.assemble((f"{name:<9}", p.muted), (f"{value:>{width}}", style), (f"  {at}", p.muted))
        for name, value, at, style in zip(
            ("baseline", "latest", "target"), values, when, ("", "bold", ""), strict=True
        )
    ]
    if last is not None:
        rows[1].append(spread(m, last, p))
    where = Text("\n").join(rows)
    gauge = bar(progress.progress(ini), p)
    lines = [
        Text(" · ", style=p.muted).join(head),
        where,
        gauge,
        forecast_words(ini, now.date(), p),
    ]
    slide = outcomes.slid_back(ini, hold.share)
    if slide is not None:
        said = outcomes.describe_slide(slide, ini)
        lines.append(Text(f"{said} · o reopens", style=p.bad))
    return Text("\n").join(lines)


def spread(m: Measure, reading: Measurement, p: Palette) -> Text:
    """What a CX score rests on: ` ±9.6 (n=42)`; a thin reading in the warning colour."""
    scored = cx.reading_score(m.kind, reading.responses)
    if scored is None:
        return Text("")
    style = p.warn if scored.thin(m.min_responses) else p.muted
    return Text(f"  {cx.spread_words(scored, m.min_responses, m.unit)}", style=style)


def iteration(
    item: Iteration,
    n: int,
    today: date,
    p: Palette,
    *,
    moved: IterationEffect | None = None,
    unit: str = "",
) -> Text:
    """One planned step: its number (as the CLI counts), done mark, title and due date;
    once done, how the outcome moved across it (the chart marks it with its number)."""
    mark = Text("[x]" if item.done else "[ ]", style=p.good if item.done else p.muted)
    due = Text("")
    if item.done and item.done_at is not None:
        due = Text(f"done {day(item.done_at)}", style=p.muted)
        if moved is not None:
            said = outcomes.describe(moved, unit)
            due.append(f" · {said}", style=p.warn if moved.warning else p.muted)
    elif item.due is not None:
        late = item.due < today
        due = Text(
            f"due {day(item.due)}" + (" overdue" if late else ""), style=p.bad if late else p.muted
        )
    return Text.assemble(f"{n:>2} ", mark, " ", Text(item.title), "  ", due)


def notes(ini: Initiative, p: Palette) -> Text:
    """Newest first: the latest feedback is what the standup wants to hear."""
    found = ini.live_notes()
    if not found:
        return Text("no notes yet (n adds one)", style=p.muted)
    return Text("\n").join(
        Text.assemble(
            (f"{day(n.at):>6} ", p.muted),
            (f"{n.kind.value:<8} ", p.accent),
            Text(n.text),
            (f"  {n.who}" if n.who else "", p.muted),
        )
        for n in reversed(found)
    )


def history(ini: Initiative, p: Palette) -> Text:
    """Who changed what, when, from what to what; newest first."""
    if not ini.history:
        return Text("no changes recorded", style=p.muted)
    width = min(max(len(c.who) for c in ini.history), 16)
    return Text("\n").join(
        Text.assemble(
            (f"{c.at:%d %b %H:%M} ", p.muted),
            (f"{c.who[:width]:<{width}} ", p.accent),
            Text(describe_change(c, ini)),
        )
        for c in _newest_first(ini)
    )


def _newest_first(ini: Initiative) -> list[Change]:
    """By when it happened (a backdated `--at` event in its place), then as written."""
    order = sorted(enumerate(ini.history), key=lambda pair: (pair[1].at, pair[0]), reverse=True)
    return [change for _, change in order]
