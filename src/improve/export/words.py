"""How figures are said in a retrospective: one place, so every format agrees."""

from __future__ import annotations

from datetime import date, datetime

from improve.domain.outcomes import IterationEffect, Verdict
from improve.domain.progress import number
from improve.domain.retro_model import Entry, Group, Outcome

NONE = "–"
MINUS = "−"


def amount(value: float | None, unit: str) -> str:
    """`6 min`, `88%`: a value with its unit, spaced as the domain writes them."""
    if value is None:
        return NONE
    if not unit:
        return number(value)
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}"


def latest(outcome: Outcome) -> str:
    """The latest reading; a CX score with what it rests on: `18 ±9.6 (n=42, thin)`."""
    shown = amount(outcome.latest, outcome.unit)
    if outcome.n is None:
        return shown
    thin = ", thin" if outcome.thin else ""
    if outcome.margin is None:
        return f"{shown} (n={outcome.n}{thin})"
    return f"{shown} ±{number(outcome.margin)} (n={outcome.n}{thin})"


def percent(fraction: float | None) -> str:
    """Raw: 125% and −20% are shown as they are."""
    if fraction is None:
        return NONE
    return f"{round(fraction * 100)}%".replace("-", MINUS)


def signed(delta: float | None, suffix: str = "") -> str:
    if delta is None:
        return NONE
    text = number(delta)
    if text == "0":
        return f"±0{suffix}"
    return f"+{text}{suffix}" if delta > 0 else f"{MINUS}{text[1:]}{suffix}"


def points(delta: float | None) -> str:
    """A change of rate in percentage points."""
    return signed(None if delta is None else round(delta * 100), " pts")


def day(when: date | datetime | None) -> str:
    if when is None:
        return NONE
    return f"{when.day} {when:%b %Y}"


def short_day(when: date | datetime | None) -> str:
    return NONE if when is None else f"{when.day} {when:%b}"


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def verdict(outcome: Outcome) -> str:
    """Overshoot and regression are facts worth naming, not only showing."""
    if outcome.latest is None:
        return "no reading yet"
    if outcome.progress is not None and outcome.progress < 0:
        return "regressed"
    if outcome.met:
        above = outcome.progress is not None and outcome.progress > 1.0000001
        return "met (overshoot)" if above else "met"
    return "not yet"


def trend(now: float | None, before: float | None, more: str, fewer: str) -> str:
    """`more than the previous period`, `the same as the previous period`, ..."""
    if now is None or before is None or now == before:
        return "the same as the previous period" if now == before else "not comparable"
    return f"{more if now > before else fewer} than the previous period"


def closing(entry: Entry) -> str:
    """A finished initiative's outcome: met, accepted short (why) or missed; never a bare
    "not yet" on closed work."""
    o, v = entry.outcome, entry.verdict
    if o is None:
        return "no metric"
    if v is None:
        return "no target"
    if v is Verdict.MET:
        said = verdict(o)
        return said if said.startswith("met") else "met"
    if v is Verdict.ACCEPTED:
        return f"accepted short ({entry.reason})"
    return "missed"


def moved(effect: IterationEffect, unit: str) -> str:
    """How the outcome moved across one change, with the warning when it can't be told."""
    if effect.after is None or effect.before is None:
        said = "not measured since" if effect.after is None else "no reading before"
    else:
        said = signed(effect.delta, f" {unit}" if unit and unit != "%" else unit)
    return f"{said} ({effect.warning})" if effect.warning else said


def outcome_said(entry: Entry) -> str:
    """The verdict shown beside an outcome: a closed initiative's is final."""
    if entry.group is not Group.FINISHED:
        return verdict(entry.outcome) if entry.outcome else "no metric"
    said = closing(entry)
    if entry.slide is None:
        return said
    return f"{said}; slid back since {short_day(entry.slide.since)}"
