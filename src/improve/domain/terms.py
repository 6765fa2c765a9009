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
        """Accept a key, an alias from the older nine, a label, or a unique prefix of a key."""
        wanted = text.strip().lower().replace("_", "-").replace(" ", "-")
        if wanted in _PRINCIPLE_ALIASES:
            return _PRINCIPLE_ALIASES[wanted]
        for principle in cls:
            if wanted in (principle.value, principle.label.lower().replace(" ", "-")):
                return principle
        matches = [p for p in cls if p.value.startswith(wanted)] if len(wanted) >= 2 else []
        if len(matches) == 1:
            return matches[0]
        keys = ", ".join(p.value for p in cls)
        raise InputError(f"unknown principle {text!r}: use one of {keys}")


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
    "transparent": Principle.COLLABORATE,
    "be-transparent": Principle.COLLABORATE,
    "optimize": Principle.AUTOMATE,
    "optimise": Principle.AUTOMATE,
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
        return list(Step).index(self) + 1

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
        return _parse_enum(cls, text, "status")


class Direction(StrEnum):
    """Which way is better for a measure."""

    UP = "up"
    DOWN = "down"

    @classmethod
    def parse(cls, text: str) -> Direction:
        aliases = {"higher": "up", "lower": "down", "+": "up", "-": "down"}
        return _parse_enum(cls, aliases.get(text.strip().lower(), text), "direction")


class Source(StrEnum):
    """Where the idea for an initiative came from."""

    FEEDBACK = "feedback"
    INCIDENT = "incident"
    TEAM = "team"
    RETRO = "retro"
    AUDIT = "audit"

    @classmethod
    def parse(cls, text: str) -> Source:
        return _parse_enum(cls, text, "source")


class NoteKind(StrEnum):
    """What a note records; lessons feed the retrospective."""

    NOTE = "note"
    FEEDBACK = "feedback"
    LESSON = "lesson"
    BLOCKER = "blocker"
    OUTCOME = "outcome"

    @classmethod
    def parse(cls, text: str) -> NoteKind:
        return _parse_enum(cls, text, "note kind")


E = TypeVar("E", bound=StrEnum)

VALUE_CHAIN = ("plan", "improve", "engage", "design-transition", "obtain-build", "deliver-support")
JOURNEY = ("explore", "engage", "offer", "agree", "onboard", "co-create", "realise")


def _parse_enum(cls: type[E], text: str, what: str) -> E:
    wanted = text.strip().lower()
    for member in cls:
        if member.value == wanted:
            return member
    keys = ", ".join(m.value for m in cls)
    raise InputError(f"unknown {what} {text!r}: use one of {keys}")
