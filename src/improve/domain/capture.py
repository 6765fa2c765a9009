"""One line to an initiative: `Cut deploy time #automate @sam +ci v4 e2`.

Capture is for the moment an idea comes up, so it asks for no form: the words that
carry a sign are fields, the other words are the title. A word that should stay in the
title although it looks like a field (`v2`, `#1`) is written with a backslash: `\\v2`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from improve.domain.errors import InputError
from improve.domain.model import (
    Activity,
    JourneyStage,
    Principle,
    Source,
    Stakeholder,
    StakeholderRole,
)
from improve.domain.register import clean_line, clean_tags, score

ESCAPE = "\\"
TEAM = "team:"
#: The word that logs work already done (as `improve log`) instead of proposing it.
DONE = "is:done"
#: `chain:engage journey:onboard source:feedback for:customer`: the field each sets.
MARKS = {"chain:": "activity", "journey:": "journey", "source:": "source", "for:": "stakeholders"}
_SCORE = re.compile(r"([ve])([0-9]+)", re.ASCII)
_SCORE_FIELDS = {"v": "value", "e": "effort"}


@dataclass(frozen=True)
class Capture:
    """What one captured line says; fields left out are completed later."""

    title: str
    principle: Principle | None = None
    owner: str = ""
    tags: tuple[str, ...] = ()
    value: int | None = None
    effort: int | None = None
    team: str = ""
    activity: Activity | None = None
    journey: JourneyStage | None = None
    source: Source | None = None
    stakeholders: tuple[Stakeholder, ...] = ()
    done: bool = False


def is_field(word: str) -> bool:
    """Whether a word of the line is read as a field rather than as part of the title."""
    if _SCORE.fullmatch(word) or word.lower() == DONE:
        return True
    if word.startswith(("#", "@", "+")):
        return len(word) > 1
    return any(word.startswith(mark) and len(word) > len(mark) for mark in (TEAM, *MARKS))


def parse_capture(line: str) -> Capture:
    """Read a captured line; errors are `InputError`s that say what to type instead."""
    capture = Capture("")
    title: list[str] = []
    for word in line.split():
        if word.startswith(ESCAPE) and len(word) > 1:
            title.append(word[1:])
        elif is_field(word):
            capture = _read_field(capture, word)
        else:
            title.append(word)
    return replace(capture, title=clean_line(" ".join(title)))


def _read_field(capture: Capture, word: str) -> Capture:
    if word.lower() == DONE:
        return replace(capture, done=True)
    sign, name = word[0], word[1:]
    if sign == "+":
        return replace(capture, tags=clean_tags((*capture.tags, name)))
    if sign == "#":
        return _once(capture, "principle", Principle.parse(name), word)
    if sign == "@":
        return _once(capture, "owner", clean_line(name, "owner"), word)
    scored = _SCORE.fullmatch(word)
    if scored:
        what = _SCORE_FIELDS[scored.group(1)]
        return _once(capture, what, score(int(scored.group(2)), what), word)
    mark, _, rest = word.partition(":")
    if mark == "for":
        role = StakeholderRole.parse(rest)
        known = tuple(s for s in capture.stakeholders if s.role is not role)
        return replace(capture, stakeholders=(*known, Stakeholder(role)))
    if mark in ("chain", "journey", "source"):
        parse = {"chain": Activity.parse, "journey": JourneyStage.parse, "source": Source.parse}
        return _once(capture, MARKS[mark + ":"], parse[mark](rest), word)
    return _once(capture, "team", clean_line(word[len(TEAM) :], "team"), word)


def _once(capture: Capture, field: str, value: Any, word: str) -> Capture:
    """A second principle, owner, value, effort or team is a slip, not an update."""
    if getattr(capture, field) not in (None, ""):
        named = {"activity": "value chain activities", "journey": "journey stages"}
        raise InputError(f"two {named.get(field, field + 's')} ({word} is the second): keep one")
    return replace(capture, **{field: value})


def capture_line(capture: Capture) -> str:
    """The line that captures exactly this; `parse_capture` reads it back unchanged."""
    words = [_title_word(word) for word in capture.title.split()]
    fields: list[tuple[object, Callable[[], str]]] = [
        (capture.principle, lambda: f"#{capture.principle}"),
        (capture.owner, lambda: f"@{capture.owner}"),
        (capture.team, lambda: f"{TEAM}{capture.team}"),
        (capture.value, lambda: f"v{capture.value}"),
        (capture.effort, lambda: f"e{capture.effort}"),
        (capture.activity, lambda: f"chain:{capture.activity}"),
        (capture.journey, lambda: f"journey:{capture.journey}"),
        (capture.source, lambda: f"source:{capture.source}"),
    ]
    words += [spell() for present, spell in fields if present not in (None, "")]
    words += [f"for:{s.role}" for s in capture.stakeholders]
    words += [DONE] if capture.done else []
    words += [f"+{tag}" for tag in capture.tags]
    return " ".join(words)


def _title_word(word: str) -> str:
    return ESCAPE + word if is_field(word) or word.startswith(ESCAPE) else word
