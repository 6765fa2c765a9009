"""Insights as text: bars per principle, the PICK chart, the weekly rhythm, the three C's.

Lines of plain text that both `improve insights` and the Insights screen show, so the
terminal chart and the app never disagree. Keys, not titles, go on the PICK chart:
a title would not fit in a quadrant, and the key is what `improve show` takes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from improve.domain.balance import to_json
from improve.domain.insights import (
    QUICK_WINS_HEADING,
    Insights,
    Placed,
    PrincipleProgress,
    Quadrant,
    QuickWin,
    Week,
    week_label,
)
from improve.domain.model import Principle
from improve.domain.standup_items import SlidBack
from improve.domain.terms import NO_PRINCIPLE
from improve.domain.trust import Trust, last_day
from improve.text.balance import balance_lines

FULL, EMPTY = "█", "·"
EFFORTS = (1, 2, 3, 4, 5)
VALUES = (5, 4, 3, 2, 1)
LEFT = 8  # the value labels beside the chart
FIGURES = 37  # a principle's line without its name and bar
MIN_BAR = 5


def bar(fraction: float, width: int) -> str:
    filled = round(min(1.0, max(0.0, fraction)) * width)
    return FULL * filled + EMPTY * (width - filled)


def percent(value: float | None) -> str:
    return "   –" if value is None else f"{round(value * 100):3d}%"


def label(principle: Principle | None, labels: Mapping[str, str]) -> str:
    """A team may rename a principle's label in its config; the key stays canonical."""
    return labels.get(principle.value, principle.label) if principle else NO_PRINCIPLE


def principle_lines(
    rows: Sequence[PrincipleProgress], labels: Mapping[str, str], width: int = 80
) -> list[str]:
    """Per principle: how many in play, how many done, average progress.

    One line each with a heading when the width allows; else the name on its own line
    and the figures under it, so no label is cut.
    """
    names = [label(r.principle, labels) for r in rows]
    name_width = max(len(n) for n in names)
    bar_width = min(20, width - name_width - FIGURES)
    if bar_width >= MIN_BAR:
        lines = [f"{'':<{name_width}}  in play  done  average progress"]
        for name, r in zip(names, rows, strict=True):
            lines.append(
                f"{name:<{name_width}}  {r.count:7d} {r.done:5d}  {_progress(r, bar_width)}"
            )
        return lines
    bar_width = max(MIN_BAR, min(20, width - 2 - 26 - 18))
    return [
        line
        for name, r in zip(names, rows, strict=True)
        for line in (name, f"  {r.count} in play · {r.done} done  {_progress(r, bar_width)}")
    ]


def _progress(r: PrincipleProgress, width: int) -> str:
    shown = bar(r.average, width) if r.average is not None else " " * width
    measured = f"{r.measured} measured" if r.measured else "none measured"
    return f"{shown} {percent(r.average)}  {measured}"


def _cells(placed: Sequence[Placed], keys: Mapping[str, str], value: int) -> list[list[str]]:
    return [
        [keys.get(p.initiative_id, p.initiative_id[:4]) for p in placed if (p.value, p.effort)
         == (value, effort)]
        for effort in EFFORTS
    ]  # fmt: skip


def _wrap(words: list[str], width: int) -> list[str]:
    return textwrap.wrap(" ".join(words), width) or [""]


def _row(value: int, cells: list[list[str]], cell: int) -> list[str]:
    wrapped = [_wrap(words, cell - 1) for words in cells]
    height = max(len(w) for w in wrapped)
    lines = []
    for n in range(height):
        parts = [(w[n] if n < len(w) else "").ljust(cell) for w in wrapped]
        head = f"value {value}" if n == 0 else ""
        lines.append(f"{head:<{LEFT}}│ {''.join(parts[:2])}│ {''.join(parts[2:])}│")
    return lines


def _rule(left: str, right: str, cell: int, corners: tuple[str, str, str]) -> str:
    a, b, c = corners
    first = f"{a} {left} ".ljust(2 * cell + 2, "─") if left else a + "─" * (2 * cell + 1)
    second = f"{b} {right} ".ljust(3 * cell + 2, "─") if right else b + "─" * (3 * cell + 1)
    return " " * LEFT + first + second + c


def pick_lines(placed: Sequence[Placed], keys: Mapping[str, str], width: int = 80) -> list[str]:
    """Value (up) against effort (across), each key in its cell; quadrants named on borders."""
    cell = max(6, (width - LEFT - 5) // 5)  # the row: LEFT, three rules, two gaps, 5 cells
    top, bottom = (Quadrant.IMPLEMENT, Quadrant.CHALLENGE), (Quadrant.POSSIBLE, Quadrant.KILL)
    lines = [_rule(top[0].upper(), top[1].upper(), cell, ("┌", "┬", "┐"))]
    for value in VALUES:
        if value == 2:
            lines.append(_rule(bottom[0].upper(), bottom[1].upper(), cell, ("├", "┼", "┤")))
        lines += _row(value, _cells(placed, keys, value), cell)
    lines.append(_rule("", "", cell, ("└", "┴", "┘")))
    name = "effort" if cell > len("effort 1") else "eff"
    axis = "".join(f"{name} {e}".ljust(cell) for e in EFFORTS)
    lines.append(" " * (LEFT + 2) + axis[:2 * cell] + "  " + axis[2 * cell:])  # fmt: skip
    return [line.rstrip() for line in lines]


def week_lines(weeks: Sequence[Week], width: int = 80) -> list[str]:
    """Iterations done as a bar per week; initiatives finished as a count beside it."""
    most = max((w.iterations for w in weeks), default=0)
    labels = [week_label(w.start.date(), last_day(w.end)) for w in weeks]
    wide = max(map(len, labels), default=4)
    bar_width = max(5, min(40, width - 26 - wide))
    lines = [f"{'week':<{wide}}  {'iterations done':<{bar_width + 4}}  finished"]
    for label, w in zip(labels, weeks, strict=True):
        shown = bar(w.iterations / most, bar_width) if most else EMPTY * bar_width
        lines.append(f"{label:<{wide}}  {shown} {w.iterations:3d}  {w.finished:5d}")
    return lines


def trust_lines(trust: Sequence[Trust], width: int = 80) -> list[str]:
    """Each C as a number and a bar, and under it the one line saying how."""
    lines = []
    for t in trust:
        shown = bar(t.value, 10) if t.value is not None else "not enough data"
        lines.append(f"{t.name:<12} {percent(t.value)}  {shown}  (on {t.basis})")
        lines += textwrap.wrap(t.how, max(20, width - 4), initial_indent="    ",
                               subsequent_indent="    ")  # fmt: skip
    return lines


def span(since: datetime, until: datetime) -> str:
    return f"{since.day} {since:%b %Y} – {until.day} {until:%b %Y}"


def insights_text(
    result: Insights, keys: Mapping[str, str], labels: Mapping[str, str], team: str = ""
) -> str:
    """The whole of `improve insights`, section by section."""
    where = f" · team {team}" if team else ""
    lines = [f"Insights · {span(result.since, result.until)}{where}", ""]
    lines += ["Progress per guiding principle", *principle_lines(result.principles, labels), ""]
    lines += ["Value / effort (PICK)", *pick_lines(result.pick, keys)]
    if result.unscored:
        lines.append(f"({result.unscored} open initiatives have no value or effort yet)")
    lines += ["", QUICK_WINS_HEADING]
    lines += [quick_win_line(q, keys) for q in result.quick_wins] or ["  none"]
    lines += ["", "Gains that slid back after done"]
    lines += [slid_back_line(s, keys) for s in result.slid_back] or ["  none"]
    lines += ["", "Week by week", *week_lines(result.weeks), ""]
    lines += ["The three C's", *trust_lines(result.trust), ""]
    lines += ["Portfolio balance: principle × value chain", *balance_lines(result.balance)]
    return "\n".join(lines)


def quick_win_line(q: QuickWin, keys: Mapping[str, str]) -> str:
    return (
        f"  {keys.get(q.initiative_id, '')}  {q.title} (value {q.value}, effort {q.effort}; "
        f"ranks after {q.waiting} higher-value waiting)"
    )


def slid_back_line(s: SlidBack, keys: Mapping[str, str]) -> str:
    key = keys.get(s.initiative_id, "")
    return f"  {key + '  ' if key else ''}{s.title}: {s.said}"


def insights_json(result: Insights, keys: Mapping[str, str], team: str = "") -> dict[str, Any]:
    return {
        "since": result.since.isoformat(),
        "until": result.until.isoformat(),
        "team": team or None,
        "principles": [
            {"principle": r.principle.value if r.principle else None, "count": r.count,
             "done": r.done,
             "average_progress": r.average, "measured": r.measured}
            for r in result.principles
        ],
        "pick": [
            {"id": p.initiative_id, "key": keys.get(p.initiative_id, ""), "title": p.title,
             "value": p.value, "effort": p.effort, "quadrant": p.quadrant.value}
            for p in result.pick
        ],
        "unscored": result.unscored,
        "quick_wins": [
            {"id": q.initiative_id, "key": keys.get(q.initiative_id, ""), "title": q.title,
             "value": q.value, "effort": q.effort, "waiting": q.waiting}
            for q in result.quick_wins
        ],
        "slid_back": [
            {"id": s.initiative_id, "key": keys.get(s.initiative_id, ""), "title": s.title,
             "since": s.since.isoformat(), "said": s.said}
            for s in result.slid_back
        ],
        "weeks": [
            {
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "finished": w.finished,
                "iterations": w.iterations,
            }
            for w in result.weeks
        ],
        "trust": [
            {"name": t.name, "value": t.value, "basis": t.basis, "how": t.how}
            for t in result.trust
        ],
        "balance": to_json(result.balance),
    }  # fmt: skip
