"""Small inline SVG charts for the HTML retrospective, drawn by hand.

Hand-drawn rather than a charting library: the file must stand alone (no scripts, no
fetched assets), print crisply, and cost nothing to install. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from improve.domain.baseline import dated_points
from improve.domain.outcomes import IterationEffect
from improve.domain.progress import clamp01, number
from improve.domain.retro_model import Outcome, PrincipleRow
from improve.domain.terms import principle_label
from improve.export.words import percent, short_day

BAR_W, BAR_H, LABEL_W = 300, 16, 250
CHART_W, CHART_H, PAD_L, PAD_R, PAD_Y = 320, 150, 10, 96, 16
GAP = 12


def _text(x: float, y: float, text: str, cls: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}" text-anchor="{anchor}">{escape(text)}</text>'
    )


def principle_bars(rows: Sequence[PrincipleRow]) -> str:
    """One bar per principle: the mean progress of its measured outcomes."""
    step = BAR_H + 10
    height = step * len(rows) + 4
    width = LABEL_W + BAR_W + 56
    parts = [
        f'<svg class="chart bars" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-label="Progress per principle">'
    ]
    for n, row in enumerate(rows):
        y = 4 + n * step
        filled = BAR_W * clamp01(row.progress) if row.progress is not None else 0
        parts += [
            _text(LABEL_W - 8, y + BAR_H - 4, principle_label(row.principle), "label", "end"),
            f'<rect x="{LABEL_W}" y="{y}" width="{BAR_W}" height="{BAR_H}" class="track"/>',
            f'<rect x="{LABEL_W}" y="{y}" width="{filled:.1f}" height="{BAR_H}" class="bar"/>',
            _text(LABEL_W + BAR_W + 6, y + BAR_H - 4, percent(row.progress), "value"),
        ]
    parts.append("</svg>")
    return "".join(parts)


def _scale(low: float, high: float, out_low: float, out_high: float) -> tuple[float, float]:
    """Factor and offset mapping [low, high] onto [out_low, out_high]."""
    span = high - low or 1.0
    factor = (out_high - out_low) / span
    return factor, out_low - low * factor


def _points(outcome: Outcome) -> list[tuple[datetime, float]]:
    readings = ((r.at, r.value) for r in outcome.readings)
    return dated_points(outcome.baseline, outcome.baseline_at, readings)


def _level(y: float, cls: str, label: str, label_y: float | None = None) -> str:
    line = f'<line x1="{PAD_L}" x2="{CHART_W - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" class="{cls}"/>'
    shown = y if label_y is None else label_y
    return line + _text(CHART_W - PAD_R + 6, shown + 4, label, f"{cls}-label")


def _apart(upper: float, lower: float) -> tuple[float, float]:
    """Two label heights at least a line apart, so baseline and target never overlap."""
    if abs(upper - lower) >= GAP:
        return upper, lower
    middle = (upper + lower) / 2
    return (
        (middle - GAP / 2, middle + GAP / 2)
        if upper <= lower
        else (middle + GAP / 2, middle - GAP / 2)
    )


def outcome_chart(outcome: Outcome, changes: Sequence[IterationEffect] = ()) -> str:
    """The readings over time, against the baseline and target lines (labelled with
    their values on the right, so long units never crowd the plot), with a numbered
    mark at each iteration's done date: each change on the time axis."""
    points = _points(outcome)
    values = [v for _, v in points] + [
        v for v in (outcome.baseline, outcome.target) if v is not None
    ]
    parts = [
        f'<svg class="chart line" role="img" viewBox="0 0 {CHART_W} {CHART_H}" '
        f'width="{CHART_W}" height="{CHART_H}" aria-label="{escape(outcome.name)}">'
    ]
    if values:
        fy, oy = _scale(min(values), max(values), CHART_H - PAD_Y - 14, PAD_Y)
        moments = [at for at, _ in points] + [c.done_at for c in changes]
        fx, ox = _time_scale(moments)
        parts += _levels(outcome, fy, oy)
        parts += _markers(changes, fx, ox)
        parts += _series(points, fx, ox, fy, oy)
    parts.append("</svg>")
    return "".join(parts)


def _time_scale(moments: Sequence[datetime]) -> tuple[float, float]:
    first, last = min(moments).timestamp(), max(moments).timestamp()
    if first == last:
        return 0.0, (PAD_L + CHART_W - PAD_R) / 2
    return _scale(first, last, PAD_L, CHART_W - PAD_R)


def _markers(changes: Sequence[IterationEffect], fx: float, ox: float) -> list[str]:
    """A dashed line at each done date, numbered as `improve show` numbers iterations."""
    parts = []
    for c in changes:
        x = fx * c.done_at.timestamp() + ox
        parts += [
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{PAD_Y - 4}" y2="{CHART_H - 20}" '
            f'class="change"><title>{escape(c.title)}</title></line>',
            _text(x, PAD_Y - 6, str(c.number), "change-label", "middle"),
        ]
    return parts


def _levels(outcome: Outcome, fy: float, oy: float) -> list[str]:
    base, target = outcome.baseline, outcome.target
    if base is not None and target is not None:
        y_base, y_target = fy * base + oy, fy * target + oy
        label_base, label_target = _apart(y_base, y_target)
        return [
            _level(y_base, "baseline", f"baseline {number(base)}", label_base),
            _level(y_target, "target", f"target {number(target)}", label_target),
        ]
    return [
        _level(fy * value + oy, name, f"{name} {number(value)}")
        for name, value in (("baseline", base), ("target", target))
        if value is not None
    ]


def _series(
    points: list[tuple[datetime, float]], fx: float, ox: float, fy: float, oy: float
) -> list[str]:
    if not points:
        return []
    xy = [(fx * at.timestamp() + ox, fy * value + oy) for at, value in points]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    parts = [f'<polyline points="{path}" class="series"/>']
    parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" class="dot"/>' for x, y in xy]
    bottom = CHART_H - 4
    parts.append(_text(PAD_L, bottom, short_day(points[0][0]), "axis"))
    if len(points) > 1:
        parts.append(_text(CHART_W - PAD_R, bottom, short_day(points[-1][0]), "axis", "end"))
    return parts
