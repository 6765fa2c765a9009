"""The lines of the Standup screen: one person's sections, and the summary at the end.

Each line is built from the domain's digest as `rich.text.Text`, so a title such as
`[bold]x[/]` shows literally, and is drawn on one row, cut to the list's width: a line
that wraps on a shared screen is read as two. Each item line carries the `Target` the
inline keys act on (the initiative, and the iteration when the line is one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

from improve.domain.standup import PersonStandup, Standup
from improve.domain.standup_moved import Moved
from improve.text.cells import cells, fit
from improve.text.standup import blocked_for, counts, day, quiet_line, when_due, when_next

PALETTE = ("heading", "name", "key", "muted", "warn", "bad", "good")
MOVED, DUE, NEXT, BLOCKED, OFF_TRACK = "moved", "due", "next", "blocked", "off track"
SLID_BACK = "slid back"
Palette = Mapping[str, Style]
SEPARATOR = " — "
QUIET = "Nothing to report: worth asking whether anything is stuck."


class OneLine:
    """A line drawn on one row whatever the width: cut with an ellipsis, never wrapped."""

    def __init__(self, text: Text) -> None:
        self.text = text

    @property
    def plain(self) -> str:
        """The whole line, uncut."""
        return self.text.plain

    def cut(self, width: int) -> Text:
        shown = self.text.copy()
        shown.truncate(max(width, 1), overflow="ellipsis")
        shown.no_wrap = True
        return shown

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.cut(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, self.text.cell_len)


class ItemLine(OneLine):
    """`key  title — detail tail`: where the row is short, the title gives way first (down
    to two fifths of the row), then the detail; the tail (when it is due) stays whole."""

    def __init__(self, key: str, title: str, detail: Text, p: Palette, tail: Text | None = None):
        self.key, self.title, self.palette = key, title, p
        self.detail, self.tail = detail, tail or Text()
        super().__init__(self._assemble(title, self.detail))

    def _assemble(self, title: str, detail: Text) -> Text:
        p = self.palette
        key, gap = (self.key, p["key"]), (SEPARATOR, p["muted"])
        return Text.assemble(key, "  ", title, gap, detail, self.tail)

    def cut(self, width: int) -> Text:
        if self.text.cell_len <= width:
            return super().cut(width)
        lead = cells(self.key) + 2
        rest = len(SEPARATOR) + self.detail.cell_len + self.tail.cell_len
        room = max(width * 2 // 5 - lead, width - lead - rest, 1)
        title = fit(self.title, room).rstrip() if cells(self.title) > room else self.title
        left = width - lead - cells(title) - len(SEPARATOR) - self.tail.cell_len
        detail = self.detail
        if detail.cell_len > left:  # what is due (the tail) is worth more than its name
            detail = OneLine(detail).cut(left) if left > 0 else Text()
        return OneLine(self._assemble(title, detail)).cut(width)


@dataclass(frozen=True)
class Target:
    """What `space`, `m`, `b` and `enter` act on from a line of the standup."""

    initiative_id: str
    iteration: int | None = None
    section: str = ""  # moved, due, blocked or off track: where the cursor stays after a change


@dataclass(frozen=True)
class Line:
    """One line of the list: its text, and its target (None for headings and notes)."""

    text: OneLine
    target: Target | None = None


def _line(text: Text) -> Line:
    return Line(OneLine(text))


def _heading(title: str, count: int | None, p: Palette) -> Line:
    shown = "" if count is None else f"({count})"
    return _line(Text.assemble((f"{title} ", p["heading"]), (shown, p["muted"])))


def _item(key: str, title: str, detail: Text, p: Palette, tail: Text | None = None) -> ItemLine:
    return ItemLine(key, title, detail, p, tail)


def _moved(turn: PersonStandup, keys: Mapping[str, str], p: Palette) -> list[Line]:
    return [
        Line(
            _item(keys.get(m.initiative_id, ""), m.title, _what_moved(m, p), p),
            Target(m.initiative_id, section=MOVED),
        )
        for m in turn.moved
    ]


def _what_moved(item: Moved, p: Palette) -> Text:
    """The phrases of what moved; the reading in the colour of the way it went."""
    said = item.reading.said() if item.reading else None
    better = item.reading.better if item.reading else None
    style = {True: p["good"], False: p["warn"], None: Style()}[better]
    dot = Text(" · ", p["muted"])
    return dot.join(Text(phrase, style if phrase == said else Style()) for phrase in item.changes)


def _due(turn: PersonStandup, keys: Mapping[str, str], today: date, p: Palette) -> list[Line]:
    lines = []
    for d in turn.due:
        style = p["warn"] if d.late(today) else p["muted"]
        tail = Text(f" · {when_due(d, today)}", style)
        key = keys.get(d.initiative_id, "")
        target = Target(d.initiative_id, d.iteration, DUE)
        lines.append(Line(_item(key, d.title, Text(d.what), p, tail), target))
    return lines


def _next(turn: PersonStandup, keys: Mapping[str, str], today: date, p: Palette) -> list[Line]:
    return [
        Line(
            _item(
                keys.get(n.initiative_id, ""),
                n.title,
                Text(n.what),
                p,
                Text(f" · {when_next(n, today)}", p["muted"]),
            ),
            Target(n.initiative_id, n.iteration, NEXT),
        )
        for n in turn.next
    ]


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
                keys.get(s.initiative_id, ""),
                s.title,
                Text(s.said, p["bad"]),
                p,
                Text(" · o reopens", p["muted"]),
            ),
            Target(s.initiative_id, section=SLID_BACK),
        )
        for s in turn.slid_back
    ]


def person_lines(
    turn: PersonStandup, keys: Mapping[str, str], today: date, p: Palette
) -> list[Line]:
    """The five sections with their counts; empty ones keep their heading, so zero is seen."""
    if turn.quiet:
        return [_line(Text(QUIET, p["muted"]))]
    sections = [
        ("Moved since the last working day", _moved(turn, keys, p)),
        ("Due today or overdue", _due(turn, keys, today, p)),
        ("Next", _next(turn, keys, today, p)),
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


def summary_lines(result: Standup, spent: Mapping[str, float], p: Palette) -> list[Line]:
    """The end of the standup: the totals, who had nothing, and each person's counts and
    the time their turn took (`spent`, in seconds, by person), with the total time."""
    s = result.summary
    totals = [
        (s.moved, "initiatives moved since the last working day", p["good"]),
        (s.blocked, "blocked", p["bad"] if s.blocked else Style()),
        (s.overdue, "overdue", p["warn"] if s.overdue else Style()),
        (s.due_today, "due today", Style()),
        (s.next, "next", Style()),
        (s.off_track, "off track", p["warn"] if s.off_track else Style()),
    ]
    if s.slid_back:
        totals.append((s.slid_back, "slid back", p["bad"]))
    lines = [_heading("Summary", None, p)]
    lines += [_line(Text.assemble((f"{n:4d} ", style), what)) for n, what, style in totals]
    lines += [_line(Text("     " + quiet_line(s.quiet), p["muted"])), _line(Text(""))]
    return lines + _people(result, spent, p)


def _people(result: Standup, spent: Mapping[str, float], p: Palette) -> list[Line]:
    """Person by person: the name, the time the turn took, the counts; then the total."""
    width = max((cells(t.person) for t in result.people), default=0)
    width = max(width, len("total"))
    lines = [_heading("Person by person", len(result.people), p)]
    for turn in result.people:
        style = p["muted"] if turn.quiet else Style()
        took = duration(spent.get(turn.person, 0.0))
        lines.append(
            _line(Text.assemble((fit(turn.person, width), style), f"  {took:>5}  ", counts(turn)))
        )
    total = duration(sum(spent.get(t.person, 0.0) for t in result.people))
    lines.append(_line(Text(f"{'total'.ljust(width)}  {total:>5}", p["heading"])))
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

    over = " over" if seconds > limit else ""
    return Text(f"timer {duration(seconds)} / {duration(limit)}{over}")


def duration(seconds: float) -> str:
    """m:ss, as a stopwatch shows it."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
