"""The retro's sections on how the work went and what was learned: iterations on time,
small improvements logged, lessons, and the three C's."""

from __future__ import annotations

from improve.domain.retro_model import Entry, Group, Retro
from improve.export import words
from improve.export.report_parts import Item, Section, Table
from improve.export.words import NONE, percent, short_day

__all__ = ["iterations", "lessons", "logged", "trust"]


def iterations(retro: Retro) -> Section:
    t = retro.figures.iterations
    rows = ((str(t.planned), str(t.on_time), str(t.late), str(t.open), percent(t.rate)),)
    headers = ("Due in the period", "Done on time", "Done late", "Still open", "On-time rate")
    text = "Iterations planned to fall due in the period, and whether they were done by then."
    return Section("iterations", "Iterations", text, Table(headers, rows, frozenset(range(5))))


def _before_after(entry: Entry) -> str:
    o = entry.outcome
    if o is None:
        return NONE
    return f"{words.amount(o.baseline, o.unit)} → {words.amount(o.latest, o.unit)}"


def logged(retro: Retro) -> Section:
    rows = []
    for e in retro.group(Group.LOGGED):
        rows.append((e.title, e.key, e.owner or NONE, short_day(e.closed), _before_after(e)))
    headers = ("Improvement", "Key", "Owner", "Logged", "Before → after")
    return Section("logged", "Small improvements logged", table=Table(headers, tuple(rows)))


def lessons(retro: Retro) -> Section:
    items = tuple(
        Item(f"{lesson.title} ({lesson.who or NONE}, {short_day(lesson.at)})", lesson.text)
        for lesson in retro.lessons
    )
    return Section("lessons", "Lessons learned", items=items, empty="No lessons recorded.")


def trust(retro: Retro) -> Section:
    rows = tuple((t.name.capitalize(), percent(t.value), str(t.basis), t.how) for t in retro.trust)
    headers = ("", "Score", "Basis", "How it was computed")
    text = "Capability, commitment and consistency: the three C's of a trusted service."
    return Section("trust", "The three C's", text, Table(headers, rows, frozenset({1, 2})))
