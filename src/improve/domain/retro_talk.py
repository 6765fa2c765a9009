"""The retro's conversation: went well, didn't, try, prefilled from the data and then
the team's own words; and where the actions of the team's last retro stand now.

Pure: the caller passes the built `Retro`, the team's stored record (if it edited or
acted on this retro) and the one before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from improve.domain.model import Initiative, Status
from improve.domain.outcomes import Verdict
from improve.domain.progress import number
from improve.domain.register import short_keys
from improve.domain.retro_model import (
    ActionStanding,
    ActionState,
    Entry,
    Group,
    LastActions,
    Retro,
    Talk,
)
from improve.domain.retro_record import DIDNT, SECTIONS, TRY, WENT_WELL, RetroRecord
from improve.domain.timeline import WORKING, as_of, status_at

#: Work blocked for more than this many working days at the period's end is said in *didn't*.
BLOCKED_DAYS = 3
_BULLETS = ("- ", "* ", "• ")


def lines_of(text: str) -> tuple[str, ...]:
    """A section's text as its points: one a line, blank lines and list bullets dropped."""
    found = []
    for raw in text.splitlines():
        line = raw.strip()
        for bullet in _BULLETS:
            line = line.removeprefix(bullet).strip()
        if line:
            found.append(line)
    return tuple(found)


def working_days(start: date, end: date) -> int:
    """Monday-to-Friday days after `start`, up to and including `end`."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += day.weekday() < 5
    return count


def _day(moment: date | datetime) -> str:
    return f"{moment.day} {moment:%b}"


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    shown = number(value)
    return f"{shown}{unit}" if unit in ("", "%") else f"{shown} {unit}"


def _met(entry: Entry) -> str | None:
    o = entry.outcome
    if entry.verdict is not Verdict.MET or o is None or entry.slide is not None:
        return None  # a gain that slid back is said in *didn't*
    said = f"{_amount(o.baseline, o.unit)} → {_amount(o.latest, o.unit)}"
    after = entry.closed is not None and any(r.at > entry.closed for r in o.readings)
    held = "; held since done" if after else ""
    return f"Met its target: {entry.title} ({said}, target {_amount(o.target, o.unit)}{held})"


def _short(entry: Entry) -> str | None:
    o = entry.outcome
    if entry.verdict is Verdict.ACCEPTED:
        return f"Accepted short of its target: {entry.title} ({entry.reason or 'no reason given'})"
    if entry.verdict is not Verdict.MISSED or o is None:
        return None
    latest, target = _amount(o.latest, o.unit), _amount(o.target, o.unit)
    return f"Missed its target: {entry.title} (latest {latest}, target {target})"


def _carried(entry: Entry, until: date, blocked_days: int) -> list[str]:
    found = []
    if entry.forecast == "off-track":
        due = entry.outcome.target_date if entry.outcome else None
        by = f" by {_day(due)}" if due else ""
        found.append(f"Off track: {entry.title} (the forecast misses the target{by})")
    if entry.status is Status.BLOCKED and entry.blocked_since is not None:
        days = working_days(entry.blocked_since.date(), until)
        if days > blocked_days:
            found.append(f"Blocked for {days} working days: {entry.title}")
    return found


def prefill(retro: Retro, blocked_days: int = BLOCKED_DAYS) -> dict[str, tuple[str, ...]]:
    """What the data says went well (targets met, gains that held, work finished with
    no target, small improvements, lessons) and didn't (missed, slid back, off track,
    blocked too long, dropped); *try* is the team's own."""
    finished = retro.group(Group.FINISHED)
    well = [said for e in finished if (said := _met(e))]
    well += [f"Finished: {e.title} (no measured target)" for e in finished if e.outcome is None]
    well += [f"Small improvement logged: {e.title}" for e in retro.group(Group.LOGGED)]
    for lesson in retro.lessons:
        well.append(f"Lesson from {lesson.title}: {' '.join(lines_of(lesson.text))}")
    didnt = [said for e in finished if (said := _short(e))]
    for s in retro.slid_back:
        share, since = f"{number(round(s.slide.share * 100))}%", _day(s.slide.since)
        didnt.append(f"Slid back: {s.title} (gave back {share} of the gain since {since})")
    for e in retro.group(Group.CARRIED):
        didnt += _carried(e, retro.period.until, blocked_days)
    for e in retro.group(Group.DROPPED):
        didnt.append(f"Dropped: {e.title} ({e.reason or 'no reason given'})")
    return {WENT_WELL: tuple(well), DIDNT: tuple(didnt), TRY: ()}


def talk(
    retro: Retro,
    record: RetroRecord | None,
    actions: tuple[ActionStanding, ...] = (),
    blocked_days: int = BLOCKED_DAYS,
) -> Talk:
    """The team's words where it wrote some, the data's prefill elsewhere."""
    filled = prefill(retro, blocked_days)
    edited = frozenset(n for n in SECTIONS if record and record.section(n) is not None)
    said = {
        n: lines_of(record.section(n) or "") if record and n in edited else filled[n]
        for n in SECTIONS
    }
    return Talk(said[WENT_WELL], said[DIDNT], said[TRY], edited, actions)


def state(ini: Initiative | None, moment: datetime) -> tuple[ActionState, Status | None]:
    """Done, dropped (a deleted initiative too), moving (at work, or anything done or
    measured since it was made), or not started, as it stood at `moment`."""
    if ini is None or ini.deleted is not None:
        return ActionState.DROPPED, None
    status = status_at(ini, moment) or ini.status
    if status is Status.DONE:
        return ActionState.DONE, status
    if status is Status.DROPPED:
        return ActionState.DROPPED, status
    seen = as_of(ini, moment)
    acted = any(i.done for i in seen.live_iterations()) or bool(seen.live_measurements())
    moving = status in WORKING or acted
    return (ActionState.MOVING if moving else ActionState.NOT_STARTED), status


def last_actions(
    record: RetroRecord, initiatives: Sequence[Initiative], moment: datetime
) -> LastActions:
    """Each action of the last retro, and where its initiative stood at `moment`."""
    by_id = {ini.id: ini for ini in initiatives}
    keys = short_keys(by_id)
    found = []
    for action in record.actions:
        ini = by_id.get(action.initiative)
        where, status = state(ini, moment)
        title = ini.title if ini else action.line
        owner = ini.owner if ini else ""
        key = keys.get(action.initiative, action.initiative[:8])
        found.append(
            ActionStanding(action.line, action.initiative, key, title, owner, where, status)
        )
    return LastActions(record.since, record.until, tuple(found))


def with_talk(
    retro: Retro,
    initiatives: Iterable[Initiative],
    record: RetroRecord | None,
    last: RetroRecord | None,
    blocked_days: int = BLOCKED_DAYS,
) -> Retro:
    """The retro with its conversation and, when the team held one before, the actions
    of that last retro."""
    found = list(initiatives)
    standing = last_actions(last, found, retro.period.end) if last else None
    mine = last_actions(record, found, retro.period.end).actions if record else ()
    return replace(retro, talk=talk(retro, record, mine, blocked_days), last_actions=standing)
