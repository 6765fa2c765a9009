"""The lines of the Standup screen: one person's sections, and the summary at the end.

Each line is a `rich.text.Text` built from the domain's digest, so a title such as
`[bold]x[/]` shows literally; each item line carries the `Target` the inline keys
act on (the initiative, and the iteration when the line is one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from rich.style import Style
from rich.text import Text

from improve.domain.standup import PersonStandup, Standup
from improve.text.standup import blocked_for, counts, day, when_due

PALETTE = ("heading", "name", "key", "muted", "warn", "bad", "good")
MOVED, DUE, BLOCKED, OFF_TRACK = "moved", "due", "blocked", "off track"
SLID_BACK = "slid back"
Palette = Mapping[str, Style]


@dataclass(frozen=True)
class Target:
    """What `space`, `m`, `b` and `enter` act on from a line of the standup."""

    initiative_id: str
    iteration: int | None = None
    section: str = ""  # moved, due, blocked or off track: where the cursor stays after a change


@dataclass(frozen=True)
class Line:
    """One line of the list: its text, and its target (None for headings and notes)."""

    text: Text
    target: Target | None = None


def _heading(title: str, count: int | None, p: Palette) -> Line:
    shown = "" if count is None else f"({count})"
    return Line(Text.assemble((f"{title} ", p["heading"]), (shown, p["muted"])))


def _item(key: str, title: str, detail: Text, p: Palette) -> Text:
    return Text.assemble((key, p["key"]), "  ", title, (" — ", p["muted"]), detail)


def _moved(turn: PersonStandup, keys: Mapping[str, str], p: Palette) -> list[Line]:
    return [
        Line(
            _item(keys.get(m.initiative_id, ""), m.title, Text("; ".join(m.changes), p["good"]), p),
            Target(m.initiative_id, section=MOVED),
        )
        for m in turn.moved
    ]


def _due(turn: PersonStandup, keys: Mapping[str, str], today: date, p: Palette) -> list[Line]:
    lines = []
    for d in turn.due:
        style = p["warn"] if d.late(today) else p["muted"]
        detail = Text.assemble(d.what, (f" · {when_due(d, today)}", style))
        key = keys.get(d.initiative_id, "")
        target = Target(d.initiative_id, d.iteration, DUE)
        lines.append(Line(_item(key, d.title, detail, p), target))
    return lines


def _blocked(turn: PersonStandup, keys: Mapping[str, str], p: Palette) -> list[Line]:
    lines = []
    for b in turn.blocked:
        detail = Text.assemble((blocked_for(b), p["bad"]), f": {b.reason}" if b.reason else "")
        key = keys.get(b.initiative_id, "")
        lines.append(Line(_item(key, b.title, detail, p), Target(b.initiative_id, section=BLOCKED)))
    return lines


def _off_track(turn: PersonStandup, keys: Mapping[str, str], p: Palette) -> list[Line]:
    return [
        Line(
            _item(keys.get(o.initiative_id, ""), o.title, Text(o.forecast, p["warn"]), p),
            Target(o.initiative_id, section=OFF_TRACK),
        )
        for o in turn.off_track
    ]


def _slid_back(turn: PersonStandup, keys: Mapping[str, str], p: Palette) -> list[Line]:
    return [
        Line(
            _item(
                keys.get(s.initiative_id, ""), s.title, Text(f"{s.said} · o reopens", p["bad"]), p
            ),
            Target(s.initiative_id, section=SLID_BACK),
        )
        for s in turn.slid_back
    ]


def person_lines(
    turn: PersonStandup, keys: Mapping[str, str], today: date, p: Palette
) -> list[Line]:
    """The four sections with their counts; empty ones keep their heading, so zero is seen."""
    if turn.quiet:
        return [
            Line(Text("Nothing to report: worth asking whether anything is stuck.", p["muted"]))
        ]
    sections = [
        ("Moved since the last working day", _moved(turn, keys, p)),
        ("Due today or overdue", _due(turn, keys, today, p)),
        ("Blocked", _blocked(turn, keys, p)),
        ("Off track", _off_track(turn, keys, p)),
    ]
    if turn.slid_back:
        sections.append(("Slid back", _slid_back(turn, keys, p)))
    lines: list[Line] = []
    for title, items in sections:
        lines += [_heading(title, len(items), p), *items]
    return lines


def person_heading(turn: PersonStandup, p: Palette) -> Text:
    """The name, large enough to read across a room, and the counts beside it."""
    return Text.assemble((f" {turn.person.upper()} ", p["name"]), "  ", (counts(turn), p["muted"]))


def summary_lines(result: Standup, p: Palette) -> list[Line]:
    """The end of the standup: the totals, who had nothing, and each person's counts."""
    s = result.summary
    quiet = ", ".join(s.quiet) if s.quiet else "nobody"
    totals = [
        (s.moved, "initiatives moved since the last working day", p["good"]),
        (s.blocked, "blocked", p["bad"] if s.blocked else Style()),
        (s.overdue, "overdue", p["warn"] if s.overdue else Style()),
        (s.due_today, "due today", Style()),
        (s.off_track, "off track", p["warn"] if s.off_track else Style()),
    ]
    if s.slid_back:
        totals.append((s.slid_back, "slid back", p["bad"]))
    lines = [_heading("Summary", None, p)]
    lines += [Line(Text.assemble((f"{n:4d} ", style), what)) for n, what, style in totals]
    lines += [Line(Text.assemble(("     nothing from: ", p["muted"]), quiet)), Line(Text(""))]
    lines.append(_heading("Person by person", len(result.people), p))
    width = max((len(t.person) for t in result.people), default=0)
    for turn in result.people:
        style = p["muted"] if turn.quiet else Style()
        lines.append(Line(Text.assemble((turn.person.ljust(width), style), "  ", counts(turn))))
    return lines


def bar_text(today: date, since: date, place: tuple[int, int], team: str, p: Palette) -> Text:
    """The line over the list: the day, the look-back day, the team, and "3/6 people"."""
    index, people = place
    where = f" · team {team}" if team else " · all teams"
    shown = "summary" if index >= people else f"{index + 1}/{people} people"
    return Text.assemble(
        (f"Standup {day(today)}", p["heading"]),
        (f" · since {day(since)}{where}", p["muted"]),
        "  ",
        (shown, p["key"]),
    )


def clock_text(seconds: float, limit: float) -> Text:
    """Elapsed against the limit, as m:ss / m:ss; "over" says it without colour too."""

    def shown(total: float) -> str:
        whole = int(total)
        return f"{whole // 60}:{whole % 60:02d}"

    over = " over" if seconds > limit else ""
    return Text(f"timer {shown(seconds)} / {shown(limit)}{over}")
