"""The standup digest as plain text and as JSON, for a terminal or a chat message.

Plain text on purpose: no colour codes, no box drawing that a chat client would mangle,
so the lead can paste `improve standup` into the team channel as it is.
The JSON field names are the documented `improve standup --json` output.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from improve.domain.standup import PersonStandup, Standup
from improve.domain.standup_items import Blocked, Due, Next, OffTrack, SlidBack
from improve.domain.standup_moved import Moved, Reading


def day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def when_due(item: Due, today: date) -> str:
    late = item.late(today)
    if late == 0:
        return "today"
    return f"{late} day overdue" if late == 1 else f"{late} days overdue"


def when_next(item: Next, today: date) -> str:
    """ "in 3 days", "tomorrow", or "no date yet" for an iteration planned without one."""
    if item.due is None:
        return "no date yet"
    days = (item.due - today).days
    return "tomorrow" if days == 1 else f"in {days} days"


def blocked_for(item: Blocked) -> str:
    if item.days == 0:
        return "blocked since today"
    return "blocked 1 day" if item.days == 1 else f"blocked {item.days} days"


def counts(turn: PersonStandup) -> str:
    """The person's sections in one line, for the heading of their turn."""
    parts = [
        f"{len(turn.moved)} moved",
        f"{len(turn.due)} due",
        f"{len(turn.next)} next",
        f"{len(turn.blocked)} blocked",
        f"{len(turn.off_track)} off track",
    ]
    if turn.slid_back:
        parts.append(f"{len(turn.slid_back)} slid back")
    return " · ".join(parts)


def moved_said(item: Moved) -> str:
    """What moved, in one line: `plan → act · flaky reruns 12 → 9 (−3) · ...`."""
    return " · ".join(item.changes)


def moved_line(item: Moved, key: str) -> str:
    return f"{key}  {item.title} — {moved_said(item)}"


def due_line(item: Due, key: str, today: date) -> str:
    return f"{key}  {item.title} — {item.what} ({when_due(item, today)})"


def next_line(item: Next, key: str, today: date) -> str:
    return f"{key}  {item.title} — {item.what} ({when_next(item, today)})"


def blocked_line(item: Blocked, key: str) -> str:
    reason = f": {item.reason}" if item.reason else ""
    return f"{key}  {item.title} — {blocked_for(item)}{reason}"


def off_track_line(item: OffTrack, key: str) -> str:
    return f"{key}  {item.title} — {item.forecast}"


def slid_back_line(item: SlidBack, key: str) -> str:
    return f"{key}  {item.title} — {item.said} (improve start {key or item.title!r} reopens it)"


def turn_lines(turn: PersonStandup, keys: dict[str, str], today: date) -> list[str]:
    """One person's turn: a heading with counts, then each non-empty section."""
    lines = [f"{turn.person}  ({counts(turn)})"]
    if turn.quiet:
        return [*lines, "  nothing to report"]
    sections: list[tuple[str, list[str]]] = [
        ("moved", [moved_line(m, keys.get(m.initiative_id, "")) for m in turn.moved]),
        ("due", [due_line(d, keys.get(d.initiative_id, ""), today) for d in turn.due]),
        ("next", [next_line(n, keys.get(n.initiative_id, ""), today) for n in turn.next]),
        ("blocked", [blocked_line(b, keys.get(b.initiative_id, "")) for b in turn.blocked]),
        ("off track", [off_track_line(o, keys.get(o.initiative_id, "")) for o in turn.off_track]),
        ("slid back", [slid_back_line(s, keys.get(s.initiative_id, "")) for s in turn.slid_back]),
    ]
    for title, items in sections:
        if items:
            lines += [f"  {title}", *(f"    {item}" for item in items)]
    return lines


def summary_line(result: Standup) -> str:
    s = result.summary
    slid = f" · {s.slid_back} slid back" if s.slid_back else ""
    return (
        f"{s.moved} moved · {s.blocked} blocked · {s.overdue} overdue · "
        f"{s.due_today} due today · {s.next} next · {s.off_track} off track{slid} · "
        f"{quiet_line(s.quiet)}"
    )


def quiet_line(quiet: Sequence[str]) -> str:
    """Who had nothing to report, in words (not "nothing from: nobody")."""
    return f"nothing to report: {', '.join(quiet)}" if quiet else "everyone had something to report"


def heading(result: Standup, team: str = "") -> str:
    where = f" · team {team}" if team else ""
    return f"Standup {day(result.today)} {result.today.year} · since {day(result.since)}{where}"


def standup_text(result: Standup, keys: dict[str, str], team: str = "") -> str:
    """The whole digest: heading, each person in order, and the summary."""
    lines = [heading(result, team), ""]
    for turn in result.people:
        lines += [*turn_lines(turn, keys, result.today), ""]
    if not result.people:
        lines += ["nobody has open work here", ""]
    lines.append(f"Summary: {summary_line(result)}")
    return "\n".join(lines)


def _item(initiative_id: str, title: str, keys: dict[str, str]) -> dict[str, Any]:
    return {"id": initiative_id, "key": keys.get(initiative_id, ""), "title": title}


def reading_json(reading: Reading | None) -> dict[str, Any] | None:
    if reading is None:
        return None
    return {"name": reading.name, "unit": reading.unit, "before": reading.before,
            "latest": reading.latest, "change": reading.change,
            "better": reading.better}  # fmt: skip


def turn_json(turn: PersonStandup, keys: dict[str, str], today: date) -> dict[str, Any]:
    return {
        "person": turn.person,
        "moved": [
            {**_item(m.initiative_id, m.title, keys), "changes": list(m.changes),
             "measurement": reading_json(m.reading), "last": m.last.isoformat()}
            for m in turn.moved
        ],
        "due": [
            {**_item(d.initiative_id, d.title, keys), "what": d.what, "due": d.due.isoformat(),
             "days_overdue": d.late(today), "iteration": d.iteration}
            for d in turn.due
        ],
        "next": [
            {**_item(n.initiative_id, n.title, keys), "what": n.what,
             "due": n.due.isoformat() if n.due else None, "iteration": n.iteration}
            for n in turn.next
        ],
        "blocked": [
            {**_item(b.initiative_id, b.title, keys), "since": b.since.isoformat(),
             "days": b.days, "reason": b.reason}
            for b in turn.blocked
        ],
        "off_track": [
            {**_item(o.initiative_id, o.title, keys), "forecast": o.forecast}
            for o in turn.off_track
        ],
        "slid_back": [
            {**_item(s.initiative_id, s.title, keys), "since": s.since.isoformat(),
             "said": s.said}
            for s in turn.slid_back
        ],
    }  # fmt: skip


def standup_json(result: Standup, keys: dict[str, str], team: str = "") -> dict[str, Any]:
    s = result.summary
    return {
        "day": result.today.isoformat(),
        "since": result.since.isoformat(),
        "team": team or None,
        "people": [turn_json(t, keys, result.today) for t in result.people],
        "summary": {
            "moved": s.moved,
            "blocked": s.blocked,
            "overdue": s.overdue,
            "due_today": s.due_today,
            "next": s.next,
            "off_track": s.off_track,
            "slid_back": s.slid_back,
            "nothing_from": list(s.quiet),
        },
    }
