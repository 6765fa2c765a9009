"""Did the change work, and did it hold: iterations against readings, and gains kept.

An iteration done is a change. Its effect is read between the last reading before it
and the first reading after it; when several changes share one interval between two
readings, nobody can tell which of them moved the outcome, and that is said. After an
initiative is done, its readings go on for a while, and a reading that gives back more
than a set share of the gain marks the initiative *slid back*.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from improve.domain.model import Direction, Initiative, Status
from improve.domain.progress import amount, latest, number, target_met

#: Readings taken after done, to see whether the gain holds.
HOLD_READINGS = 3
#: A reading that gives back more than this share of the gain means it slid back.
SLIDE_SHARE = 1 / 3
#: This many changes between two readings and no one can tell which worked.
CROWDED = 3


@dataclass(frozen=True)
class Hold:
    """How a team watches a gain after done: readings wanted, share that may slip."""

    readings: int = HOLD_READINGS
    share: float = SLIDE_SHARE


DEFAULT_HOLD = Hold()


class Reading(NamedTuple):
    """A tuple, not a dataclass: a big retro holds a hundred thousand of them."""

    at: datetime
    value: float


@dataclass(frozen=True)
class IterationEffect:
    """One done iteration, and how the outcome moved across it."""

    number: int
    title: str
    done_at: datetime
    before: Reading | None
    after: Reading | None
    crowded: int = 1

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after.value - self.before.value

    @property
    def warning(self) -> str:
        """Said wherever the numbers are shown, once per crowded interval."""
        return crowded_warning(self.crowded, measured=self.after is not None)


def crowded_warning(count: int, *, measured: bool = True) -> str:
    if count < CROWDED:
        return ""
    if measured:
        return f"{count} changes between two readings: can't tell which worked"
    return f"{count} changes since the last reading: the next one can't tell which worked"


def describe(effect: IterationEffect, unit: str) -> str:
    """`42 → 35 min (−7)`, `not measured since`, with the warning when it can't be told."""
    if effect.after is None:
        said = "not measured since"
    elif effect.before is None:
        said = f"first reading {amount(effect.after.value, unit)}"
    else:
        delta = number(effect.after.value - effect.before.value)
        signed = "±0" if delta == "0" else delta.replace("-", "−")
        signed = signed if signed[0] in "±−" else f"+{signed}"
        said = f"{number(effect.before.value)} → {amount(effect.after.value, unit)} ({signed})"
    return f"{said}; {effect.warning}" if effect.warning else said


def points(ini: Initiative) -> list[Reading]:
    """The baseline, then the live readings, oldest first: the outcome over time."""
    found = [Reading(m.at, m.value) for m in ini.live_measurements()]
    m = ini.measure
    if m is not None and m.baseline is not None and m.baseline_at is not None:
        found.append(Reading(m.baseline_at, m.baseline))
    return sorted(found, key=lambda r: r.at)


def effects(ini: Initiative) -> tuple[IterationEffect, ...]:
    """Each done iteration with the readings on either side; empty without a metric."""
    if ini.measure is None:
        return ()
    series = points(ini)
    moments = [r.at for r in series]
    done = [
        (n, item.title, item.done_at)
        for n, item in enumerate(ini.live_iterations(), 1)
        if item.done_at is not None
    ]
    slots = [bisect_right(moments, at) for _, _, at in done]
    found = [
        IterationEffect(
            n,
            title,
            at,
            series[slot - 1] if slot else None,
            series[slot] if slot < len(series) else None,
            slots.count(slot),
        )
        for (n, title, at), slot in zip(done, slots, strict=True)
    ]
    return tuple(sorted(found, key=lambda e: (e.done_at, e.number)))


class Verdict(StrEnum):
    """How a finished initiative ended against its target; stable keys in exports."""

    MET = "met"
    ACCEPTED = "accepted-short"
    MISSED = "missed"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


def closing_verdict(ini: Initiative, closed: datetime, reason: str) -> Verdict | None:
    """Judged on the readings up to the close: met, accepted short (with a reason given
    on closing) or missed; None when there was no target to meet."""
    m = ini.measure
    if m is None or m.target is None:
        return None
    then = _until(ini, closed)
    if target_met(then):
        return Verdict.MET
    return Verdict.ACCEPTED if reason.strip() else Verdict.MISSED


def _until(ini: Initiative, moment: datetime) -> Initiative:
    kept = tuple(m for m in ini.measurements if m.at <= moment)
    return ini if len(kept) == len(ini.measurements) else ini.with_changes(measurements=kept)


@dataclass(frozen=True)
class Slide:
    """A done initiative whose latest reading gave back too much of its gain."""

    since: datetime
    at_done: float
    latest: float
    gain: float
    given_back: float

    @property
    def share(self) -> float:
        return self.given_back / self.gain


def describe_slide(slide: Slide, ini: Initiative) -> str:
    """`gave back 2.1 of a 6 min gain (35%) since 23 Nov 2026: 16 → 13.9 min`."""
    unit = ini.measure.unit if ini.measure else ""
    since = f"{slide.since.day} {slide.since:%b %Y}"
    return (
        f"slid back: gave back {number(slide.given_back)} of a {amount(slide.gain, unit)} gain "
        f"({round(slide.share * 100)}%) since {since}: {number(slide.at_done)} at done, "
        f"{amount(slide.latest, unit)} now"
    )


def done_since(ini: Initiative) -> datetime | None:
    """When it was last set done; None unless it is done now."""
    if ini.status is not Status.DONE:
        return None
    moments = [c.at for c in ini.history if c.field == "status" and c.new == Status.DONE]
    return max(moments, default=ini.updated)


def _better(direction: Direction) -> int:
    return 1 if direction is Direction.UP else -1


def slid_back(
    ini: Initiative, share: float = SLIDE_SHARE, closed: datetime | None = None
) -> Slide | None:
    """The gain is from the baseline to the last reading at done; the latest reading
    after done gives back more than `share` of it (exactly `share` still holds).
    `closed` is when it was done (by default: when it was last set done, if it is)."""
    closed, m = closed or done_since(ini), ini.measure
    if closed is None or m is None or m.baseline is None:
        return None
    held = latest(_until(ini, closed))
    after = [r for r in ini.live_measurements() if r.at > closed]
    if held is None or not after:
        return None
    sign = _better(m.direction)
    gain = (held.value - m.baseline) * sign
    if gain <= 0:
        return None

    def lost(value: float) -> float:
        return (held.value - value) * sign

    def beyond(value: float) -> bool:
        limit = share * gain
        return lost(value) > limit and not math.isclose(lost(value), limit, rel_tol=1e-9)

    if not beyond(after[-1].value):
        return None
    since = after[-1].at
    for reading in reversed(after):
        if not beyond(reading.value):
            break
        since = reading.at
    return Slide(since, held.value, after[-1].value, gain, lost(after[-1].value))


def hold_readings_left(ini: Initiative, wanted: int = HOLD_READINGS) -> int:
    """How many readings after done are still wanted; 0 when not done, or measured enough."""
    closed, m = done_since(ini), ini.measure
    if closed is None or m is None or not m.cadence or wanted <= 0:
        return 0
    taken = sum(1 for r in ini.live_measurements() if r.at > closed)
    return max(0, wanted - taken)
