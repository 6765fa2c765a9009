"""The seven steps of the continual improvement model, with the question still open.

Where an initiative stands is read at a glance from the marks; the line under them
says what would move it on, from `progress.open_question`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from improve.domain import readiness
from improve.domain.model import Initiative, Step
from improve.tui.theme_styles import component_styles

DONE, HERE, AHEAD, OPEN = "✔", "●", "○", "◌"
JOIN = " ─ "
MARKS = {"done": DONE, "here": HERE, "ahead": AHEAD, "open": OPEN}


def state(ini: Initiative, step: Step) -> str:
    """A step behind is ticked only when what it asks for exists; else it is still open."""
    if step is ini.step:
        return "here"
    if step.number > ini.step.number:
        return "ahead"
    return "done" if readiness.step_done(ini, step) else "open"


def marks(ini: Initiative, width: int, styles: dict[str, Style]) -> Text:
    """Every step by name when the width allows, else numbers with the current one named."""
    full = sum(len(s.value) + 2 for s in Step) + len(JOIN) * (len(Step) - 1)
    current = ini.step
    parts = []
    for step in Step:
        mark = MARKS[state(ini, step)]
        name = step.value if full <= width or step is current else str(step.number)
        parts.append(Text(f"{mark} {name}", style=styles[state(ini, step)]))
    return Text(JOIN if full <= width else " ", style=styles["ahead"]).join(parts)


def open_lines(ini: Initiative, styles: dict[str, Style]) -> Text:
    """The current step's question and gaps, then what earlier steps still lack."""
    head = Text.assemble(
        (f"Step {ini.step.number} of 7 · ", styles["ahead"]),
        (readiness.open_question(ini), styles["question"]),
    )
    earlier = readiness.left_behind(ini)
    if not earlier:
        return head
    said = Text("still open: " + readiness.gaps_words(earlier), styles["ahead"])
    return Text("\n").join([head, said])


class StepMarks(Widget):
    """One line of marks, drawn for the width it has."""

    DEFAULT_CSS = "StepMarks { height: 1; }"

    def __init__(self) -> None:
        super().__init__()
        self.initiative: Initiative | None = None

    def render(self) -> Text:
        parent = self.parent
        assert isinstance(parent, Stepper)
        if self.initiative is None:
            return Text()
        return marks(self.initiative, self.size.width, parent.mark_styles())


class Stepper(Vertical):
    """The model's seven steps for one initiative, and what the current one still asks."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "stepper--done",
        "stepper--here",
        "stepper--ahead",
        "stepper--open",
        "stepper--question",
    }

    DEFAULT_CSS = """
    Stepper { height: auto; }
    Stepper > .stepper--done { color: $text-success; }
    Stepper > .stepper--here { color: $text-accent; text-style: bold reverse; }
    Stepper > .stepper--ahead { color: $text-muted; }
    Stepper > .stepper--open { color: $text-warning; }
    Stepper > .stepper--question { text-style: bold; }
    Stepper > Static { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield StepMarks()
        yield Static(id="stepper-open")

    def show(self, ini: Initiative) -> None:
        step_marks = self.query_one(StepMarks)
        step_marks.initiative = ini
        step_marks.refresh()
        self.query_one("#stepper-open", Static).update(open_lines(ini, self.mark_styles()))

    def mark_styles(self) -> dict[str, Style]:
        return component_styles(self, "stepper", ("done", "here", "ahead", "open", "question"))
