"""The vocabulary of ITIL 4 continual improvement, as plain frozen data.

Nothing here knows about storage or screens: these are the facts a practitioner
would recognise, and the rules that hold for them whatever the interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
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


@dataclass(frozen=True, slots=True)
class Measurement:
    """One reading of a measure: the value, when, by whom, and why it moved."""

    id: str
    at: datetime
    value: float
    who: str = ""
    note: str = ""
    removed: bool = False


@dataclass(frozen=True, slots=True)
class Measure:
    """The measured outcome an initiative is tied to (steps 2 and 3)."""

    name: str
    unit: str = ""
    direction: Direction = Direction.UP
    baseline: float | None = None
    baseline_at: datetime | None = None
    target: float | None = None
    target_date: date | None = None
    cadence: str | None = None


@dataclass(frozen=True, slots=True)
class Iteration:
    """A small planned step with a due date; done when `done_at` is set."""

    id: str
    title: str
    created: datetime
    due: date | None = None
    done_at: datetime | None = None
    stamp: str = ""
    removed: bool = False

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True, slots=True)
class Note:
    """Feedback, a lesson learned or a plain remark, at the step it was written."""

    id: str
    at: datetime
    text: str
    who: str = ""
    kind: NoteKind = NoteKind.NOTE
    step: Step | None = None
    removed: bool = False


@dataclass(frozen=True, slots=True)
class Change:
    """One field changed, kept so `show` can tell the story and `undo` can revert it."""

    id: str
    at: datetime
    who: str
    field: str
    old: object
    new: object
    change: str = ""


@dataclass(frozen=True, slots=True)
class Initiative:
    """An entry of the Continual Improvement Register."""

    id: str
    title: str
    created: datetime
    updated: datetime
    principle: Principle = Principle.VALUE
    step: Step = Step.VISION
    status: Status = Status.PROPOSED
    description: str = ""
    vision: str = ""
    beneficiaries: str = ""
    reason: str = ""
    owner: str = ""
    team: str = ""
    stakeholders: tuple[str, ...] = ()
    principles: tuple[Principle, ...] = ()
    value: int | None = None
    effort: int | None = None
    tags: tuple[str, ...] = ()
    activity: str = ""
    journey: str = ""
    source: Source | None = None
    logged: bool = False
    measure: Measure | None = None
    measurements: tuple[Measurement, ...] = ()
    iterations: tuple[Iteration, ...] = ()
    notes: tuple[Note, ...] = ()
    history: tuple[Change, ...] = ()
    stamps: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    deleted: datetime | None = None

    def live_measurements(self) -> tuple[Measurement, ...]:
        """Measurements not undone, oldest first."""
        return tuple(sorted((m for m in self.measurements if not m.removed), key=lambda m: m.at))

    def live_iterations(self) -> tuple[Iteration, ...]:
        return tuple(i for i in self.iterations if not i.removed)

    def live_notes(self) -> tuple[Note, ...]:
        return tuple(sorted((n for n in self.notes if not n.removed), key=lambda n: n.at))

    def with_changes(self, **changes: object) -> Initiative:
        return replace(self, **changes)  # type: ignore[arg-type]


#: Scalar fields a user may set with `edit`; each carries its own merge timestamp.
EDITABLE_FIELDS = (
    "title",
    "description",
    "vision",
    "beneficiaries",
    "principle",
    "principles",
    "owner",
    "team",
    "stakeholders",
    "value",
    "effort",
    "tags",
    "activity",
    "journey",
    "source",
)
#: Every field that is last-writer-wins in a merge.
LWW_FIELDS = (*EDITABLE_FIELDS, "step", "status", "reason", "measure", "logged", "deleted")
