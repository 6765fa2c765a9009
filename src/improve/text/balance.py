"""Portfolio balance as text and JSON: the principle × value chain grid, the journey, the
nudges. `improve insights` and the Insights screen show these same lines.

A cell reads `3 40%`: three initiatives, 40% mean progress of those measured (`–` when
none is measured); an empty cell is `·`.
"""

from __future__ import annotations

import textwrap

from improve.domain.balance import Balance, activity_name, principle_name, stage_name

CELL = 8
HEAD = 9
NUDGE = "  • "


def grid_lines(b: Balance) -> list[str]:
    """Principles down, value chain activities across, and the total of each row."""
    heads = [activity_name(a) for a in b.columns] + ["all"]
    lines = [" " * HEAD + "".join(f"{h:>{CELL}}" for h in heads)]
    for principle, row, total in zip(b.rows, b.grid, b.by_principle, strict=True):
        cells = [c.words() for c in (*row, total)]
        name = principle_name(principle)
        lines.append(f"{name:<{HEAD}}" + "".join(f"{c:>{CELL}}" for c in cells))
    totals = [c.words() for c in b.by_activity] + [str(b.total)]
    lines.append(f"{'all':<{HEAD}}" + "".join(f"{c:>{CELL}}" for c in totals))
    return lines


def journey_lines(b: Balance) -> list[str]:
    """One line per stage of the customer journey, in the order a customer lives them."""
    return [f"  {stage_name(stage):<14}{found.words()}" for stage, found in b.journey]


def nudge_lines(b: Balance, width: int = 80) -> list[str]:
    """Each nudge as a bullet, wrapped to the width."""
    if not b.nudges:
        return [f"{NUDGE}no gap or lean to point at"]
    return [
        line
        for nudge in b.nudges
        for line in textwrap.wrap(
            nudge, max(20, width), initial_indent=NUDGE, subsequent_indent=" " * len(NUDGE)
        )
    ]


def balance_lines(b: Balance, width: int = 80) -> list[str]:
    """The whole section: grid, journey, nudges; one line when nothing is in play."""
    if not b.total:
        return ["no initiative in play"]
    return [
        *grid_lines(b),
        "",
        "By customer journey stage",
        *journey_lines(b),
        "",
        *nudge_lines(b, width),
    ]
