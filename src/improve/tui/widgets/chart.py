"""A small braille plot of a measure: the readings against the baseline and target lines.

Drawn as Rich text by our own code, to the width it is given: each character cell is a
2x4 grid of braille dots, so a few rows still show the shape of a trend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import pairwise
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from improve.domain import outcomes, progress
from improve.domain.baseline import trend_points
from improve.domain.model import Direction, Initiative
from improve.tui.theme_styles import component_styles

#: Braille dot bits by (column, row) inside one cell.
_DOTS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
_BRAILLE = 0x2800
LINE = "─"
MIN_WIDTH = 12


@dataclass(frozen=True)
class Series:
    """What the chart plots: readings over time, and the two lines that frame them."""

    points: tuple[tuple[datetime, float], ...]
    baseline: float | None
    target: float | None
    start: date
    end: date
    unit: str = ""
    today: date | None = None
    changes: tuple[tuple[datetime, int], ...] = ()

    @property
    def values(self) -> list[float]:
        found = [v for _, v in self.points]
        return found + [v for v in (self.baseline, self.target) if v is not None]


def series(ini: Initiative, today: date) -> Series | None:
    """From the baseline to the target date (or today), so the way still to go shows."""
    m = ini.measure
    if m is None:
        return None
    points = trend_points(ini)
    changes = tuple((e.done_at, e.number) for e in outcomes.effects(ini))
    days = [at.date() for at, _ in points] + [today] + [at.date() for at, _ in changes]
    start = min(days)
    end = max([*days, m.target_date] if m.target_date else days)
    found = tuple(sorted(points))
    return Series(found, m.baseline, m.target, start, end, m.unit, today, changes)


@dataclass(frozen=True)
class Styles:
    """The chart's colours, from the widget's component classes (so from the theme)."""

    points: Style = field(default_factory=Style)
    baseline: Style = field(default_factory=Style)
    target: Style = field(default_factory=Style)
    axis: Style = field(default_factory=Style)
    change: Style = field(default_factory=Style)


class Canvas:
    """Braille dots on a grid of `width` x `height` cells."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[0] * width for _ in range(height)]

    def dot(self, x: int, y: int) -> None:
        if 0 <= x < self.width * 2 and 0 <= y < self.height * 4:
            self.cells[y // 4][x // 2] |= _DOTS[x % 2][y % 4]

    def line(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        steps = max(abs(b[0] - a[0]), abs(b[1] - a[1]), 1)
        for i in range(steps + 1):
            self.dot(
                round(a[0] + (b[0] - a[0]) * i / steps), round(a[1] + (b[1] - a[1]) * i / steps)
            )


def plot(data: Series, width: int, height: int, styles: Styles) -> list[Text]:
    """`height` rows of plot, then the date axis: the whole chart as lines of text."""
    low, high = _range(data.values)
    labels = [progress.number(v) for v in (high, low, *_lines(data))]
    gutter = max(len(label) for label in labels) + 1
    if gutter > width // 3:
        gutter = 1  # too narrow for the values: the legend still names the lines
    cols = max(width - gutter - 1, 2)
    canvas = Canvas(cols, height)

    def y_dot(value: float) -> int:
        return round((high - value) / (high - low) * (height * 4 - 1))

    span = max((data.end - data.start).days, 1)
    dots = [
        (round(_days(at, data.start) / span * (cols * 2 - 1)), y_dot(value))
        for at, value in data.points
    ]
    for a, b in pairwise(dots):
        canvas.line(a, b)
    if len(dots) == 1:
        canvas.dot(*dots[0])
    rows = {y_dot(v) // 4: (v, s) for v, s in _framed(data, styles)}
    marks = {round(_days(at, data.start) / span * (cols * 2 - 1)) // 2: n for at, n in data.changes}
    plotted = [
        _row(canvas, r, framed=rows.get(r), gutter=gutter, extent=(high, low), styles=styles)
        for r in range(height)
    ]
    for line in plotted:
        _mark_changes(line, marks, gutter + 1, styles.change)
    return [*plotted, _axis(data, gutter, cols, styles, marks)]


def _mark_changes(line: Text, marks: dict[int, int], left: int, style: Style) -> None:
    """A dotted rule down the plot where an iteration was done, behind the readings."""
    for col in marks:
        at = left + col
        if line.plain[at : at + 1] in (" ", LINE):
            line.plain = line.plain[:at] + "┊" + line.plain[at + 1 :]
            line.stylize(style, at, at + 1)


def _range(values: Sequence[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    return (low - 1, high + 1) if high == low else (low, high)


def _lines(data: Series) -> list[float]:
    return [v for v in (data.baseline, data.target) if v is not None]


def _framed(data: Series, styles: Styles) -> list[tuple[float, Style]]:
    """The horizontal lines; the target is drawn last so it wins a shared row."""
    found: list[tuple[float, Style]] = []
    if data.baseline is not None:
        found.append((data.baseline, styles.baseline))
    if data.target is not None:
        found.append((data.target, styles.target))
    return found


def _days(at: datetime, start: date) -> float:
    origin = datetime.combine(start, time(), tzinfo=at.tzinfo)
    return (at - origin).total_seconds() / 86400


def _row(
    canvas: Canvas,
    r: int,
    *,
    framed: tuple[float, Style] | None,
    gutter: int,
    extent: tuple[float, float],
    styles: Styles,
) -> Text:
    value = framed[0] if framed else extent[0] if r == 0 else None
    if value is None and r == canvas.height - 1:
        value = extent[1]
    label = progress.number(value) if value is not None and gutter > 1 else ""
    line = Text(f"{label:>{gutter - 1}} ", style=styles.axis)
    line.append("┤" if framed else "│", styles.axis)
    for bits in canvas.cells[r]:
        if bits:
            line.append(chr(_BRAILLE + bits), styles.points)
        elif framed:
            line.append(LINE, framed[1])
        else:
            line.append(" ")
    return line


def _axis(
    data: Series, gutter: int, cols: int, styles: Styles, marks: dict[int, int] | None = None
) -> Text:
    """First and last day under the plot, where today is when there is room, and the
    number of each iteration done where it was done (the dates give way to them)."""
    left, right = _day(data.start), _day(data.end)
    axis = list(left.ljust(cols))
    axis[max(cols - len(right), 0) :] = right
    if data.today is not None and data.end > data.today:
        at = round((data.today - data.start).days / max((data.end - data.start).days, 1) * cols)
        mark = "▲today"
        if len(left) < at and at + len(mark) < cols - len(right):
            axis[at : at + len(mark)] = mark
    line = Text(" " * gutter + "└" + "".join(axis)[:cols], style=styles.axis)
    for col, n in sorted((marks or {}).items()):
        at = gutter + 1 + col
        if at < len(line):
            line.plain = line.plain[:at] + str(n)[-1] + line.plain[at + 1 :]
            line.stylize(styles.change, at, at + 1)
    return line


def _day(day: date) -> str:
    return f"{day.day} {day:%b}"


def legend(data: Series, direction: Direction, styles: Styles) -> Text:
    """Which line is which, with the values, so no colour is needed to read the chart."""
    unit = f" {data.unit}" if data.unit and data.unit != "%" else data.unit
    parts = [
        Text.assemble(("⣀⡠ ", styles.points), ("readings", "")),
    ]
    if data.baseline is not None:
        parts.append(Text.assemble((f"{LINE}{LINE} ", styles.baseline), "baseline"))
    if data.target is not None:
        better = "↑" if direction is Direction.UP else "↓"
        parts.append(
            Text.assemble(
                (f"{LINE}{LINE} ", styles.target),
                f"target {progress.number(data.target)}{unit} {better}",
            )
        )
    if data.changes:
        parts.append(Text.assemble(("┊ ", styles.change), "done"))
    return Text("   ").join(parts)


class MetricChart(Widget):
    """The measure of one initiative as a braille plot, as wide as it is given."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "metric-chart--points",
        "metric-chart--baseline",
        "metric-chart--target",
        "metric-chart--axis",
        "metric-chart--change",
    }

    DEFAULT_CSS = """
    MetricChart { height: 8; }
    MetricChart > .metric-chart--points { color: $text-accent; text-style: bold; }
    MetricChart > .metric-chart--baseline { color: $text-warning; }
    MetricChart > .metric-chart--target { color: $text-success; }
    MetricChart > .metric-chart--axis { color: $text-muted; }
    MetricChart > .metric-chart--change { color: $text-secondary; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: Series | None = None
        self.direction = Direction.UP

    def show(self, ini: Initiative, today: date) -> None:
        self.data = series(ini, today)
        self.direction = ini.measure.direction if ini.measure else Direction.UP
        self.display = self.data is not None and len(self.data.points) > 0
        self.refresh()

    def _styles(self) -> Styles:
        names = ("points", "baseline", "target", "axis", "change")
        return Styles(*component_styles(self, "metric-chart", names).values())

    def render(self) -> Text:
        if self.data is None or not self.data.points or self.size.width < MIN_WIDTH:
            return Text("")
        styles = self._styles()
        rows = plot(self.data, self.size.width, max(self.size.height - 2, 2), styles)
        return Text("\n").join([*rows, legend(self.data, self.direction, styles)])
