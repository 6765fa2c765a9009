"""The words of ITIL 4 continual improvement: principles, model steps, statuses.

Stable keys in the store, labels and questions for people; `parse` accepts what a
person types and says what it accepts when it cannot.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from improve.domain.errors import InputError


class Principle(StrEnum):
    """The seven guiding principles of ITIL 4, by their stable store keys."""

    VALUE = "value"
    START_WHERE_YOU_ARE = "start-where-you-are"
    ITERATE = "iterate"
    COLLABORATE = "collaborate"
    HOLISTIC = "holistic"
    SIMPLE = "simple"
    AUTOMATE = "automate"

    @property
    def label(self) -> str:
        return _PRINCIPLE_TEXT[self][0]

    @property
    def short(self) -> str:
        """A label narrow enough for a table column."""
        return _PRINCIPLE_TEXT[self][1]

    @property
    def question(self) -> str:
        return _PRINCIPLE_TEXT[self][2]

    @classmethod
    def parse(cls, text: str) -> Principle:
        """Accept a key, a label, a name people say (the seed's spellings and the older
        nine), or a unique prefix of a key; case and spacing do not matter."""
        wanted = spelling(text)
        if wanted in _PRINCIPLE_ALIASES:
            return _PRINCIPLE_ALIASES[wanted]
        for principle in cls:
            if wanted in (principle.value, spelling(principle.label)):
                return principle
        matches = [p for p in cls if p.value.startswith(wanted)] if len(wanted) >= 2 else []
        if len(matches) == 1:
            return matches[0]
        keys = ", ".join(p.value for p in cls)
        raise InputError(f"unknown principle {text!r}: use one of {keys}, or a name")


#: An initiative with no principle is counted as such, never as Focus on value.
NO_PRINCIPLE = "no principle"


def principle_label(principle: Principle | None) -> str:
    return principle.label if principle else NO_PRINCIPLE


def principle_short(principle: Principle | None) -> str:
    return principle.short if principle else "-"


def principle_names() -> str:
    """Each principle as `key (Label)`: what `-p` accepts, in the words people use."""
    return ", ".join(f"{p.value} ({p.label})" for p in Principle)


def spelling(text: str) -> str:
    """`Optimise & Automate`, `optimize_and_automate` and `optimize-and-automate` alike."""
    words = text.strip().lower().replace("&", " and ").replace("/", " ")
    return "-".join(words.replace("_", " ").replace("-", " ").split())


_PRINCIPLE_TEXT: dict[Principle, tuple[str, str, str]] = {
    Principle.VALUE: ("Focus on value", "value", "Who benefits, and how will they notice?"),
    Principle.START_WHERE_YOU_ARE: (
        "Start where you are",
        "start",
        "What exists already that we can reuse or measure?",
    ),
    Principle.ITERATE: (
        "Progress iteratively with feedback",
        "iterate",
        "What is the smallest step that tells us something?",
    ),
    Principle.COLLABORATE: (
        "Collaborate and promote visibility",
        "collab",
        "Who must be involved, and who must see progress?",
    ),
    Principle.HOLISTIC: (
        "Think and work holistically",
        "holistic",
        "What else does this touch (other teams, value streams)?",
    ),
    Principle.SIMPLE: (
        "Keep it simple and practical",
        "simple",
        "What can we remove instead of add?",
    ),
    Principle.AUTOMATE: (
        "Optimize and automate",
        "automate",
        "What manual work can go, once it is optimised?",
    ),
}

_PRINCIPLE_ALIASES: dict[str, Principle] = {
    "experience": Principle.VALUE,
    "design-for-experience": Principle.VALUE,
    "observe": Principle.START_WHERE_YOU_ARE,
    "observe-directly": Principle.START_WHERE_YOU_ARE,
    "start": Principle.START_WHERE_YOU_ARE,
    "progress-iteratively": Principle.ITERATE,
    "progress-iteratively-with-feedback": Principle.ITERATE,
    "iteratively": Principle.ITERATE,
    "transparent": Principle.COLLABORATE,
    "be-transparent": Principle.COLLABORATE,
    "collaborate-and-promote-visibility": Principle.COLLABORATE,
    "work-holistically": Principle.HOLISTIC,
    "think-and-work-holistically": Principle.HOLISTIC,
    "keep-it-simple": Principle.SIMPLE,
    "keep-it-simple-and-practical": Principle.SIMPLE,
    "optimize": Principle.AUTOMATE,
    "optimise": Principle.AUTOMATE,
    "optimize-and-automate": Principle.AUTOMATE,
    "optimise-and-automate": Principle.AUTOMATE,
}


class Step(StrEnum):
    """The seven steps of the continual improvement model, in order."""

    VISION = "vision"
    BASELINE = "baseline"
    TARGET = "target"
    PLAN = "plan"
    ACT = "act"
    CHECK = "check"
    MOMENTUM = "momentum"

    @property
    def number(self) -> int:
        return _STEP_NUMBERS[self]

    @property
    def question(self) -> str:
        return _STEP_QUESTIONS[self]

    @property
    def next(self) -> Step | None:
        steps = list(Step)
        index = steps.index(self)
        return steps[index + 1] if index + 1 < len(steps) else None

    @classmethod
    def parse(cls, text: str) -> Step:
        wanted = text.strip().lower()
        if wanted.isdigit() and 1 <= int(wanted) <= len(cls):
            return list(cls)[int(wanted) - 1]
        for step in cls:
            if step.value == wanted:
                return step
        keys = ", ".join(s.value for s in cls)
        raise InputError(f"unknown step {text!r}: use one of {keys} (or 1-7)")


_STEP_QUESTIONS: dict[Step, str] = {
    Step.VISION: "What is the vision?",
    Step.BASELINE: "Where are we now?",
    Step.TARGET: "Where do we want to be?",
    Step.PLAN: "How do we get there?",
    Step.ACT: "Take action",
    Step.CHECK: "Did we get there?",
    Step.MOMENTUM: "How do we keep the momentum going?",
}


_STEP_NUMBERS = {step: n for n, step in enumerate(Step, 1)}


class Status(StrEnum):
    """Lifecycle status, separate from the model step."""

    PROPOSED = "proposed"
    ACTIVE = "active"
    BLOCKED = "blocked"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def closed(self) -> bool:
        return self in (Status.DONE, Status.DROPPED)

    @classmethod
    def parse(cls, text: str) -> Status:
        return parse_enum(cls, text, "status")


class Direction(StrEnum):
    """Which way is better for a measure."""

    UP = "up"
    DOWN = "down"

    @classmethod
    def parse(cls, text: str) -> Direction:
        aliases = {"higher": "up", "lower": "down", "+": "up", "-": "down"}
        return parse_enum(cls, aliases.get(text.strip().lower(), text), "direction")


class NoteKind(StrEnum):
    """What a note records; lessons feed the retrospective."""

    NOTE = "note"
    FEEDBACK = "feedback"
    LESSON = "lesson"
    BLOCKER = "blocker"
    OUTCOME = "outcome"

    @classmethod
    def parse(cls, text: str) -> NoteKind:
        return parse_enum(cls, text, "note kind")


E = TypeVar("E", bound=StrEnum)


def parse_enum(cls: type[E], text: str, what: str, typed: str | None = None) -> E:
    wanted = text.strip().lower()
    for member in cls:
        if member.value == wanted:
            return member
    keys = ", ".join(m.value for m in cls)
    shown = text if typed is None else typed
    raise InputError(f"unknown {what} {shown!r}: use one of {keys}")
