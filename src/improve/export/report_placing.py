"""The retrospective's sections on whom the work was for and where it sits: stakeholders,
the value chain and the journey, and the portfolio's balance with its nudges."""

from __future__ import annotations

from improve.domain.balance import Balance, activity_name, stage_name
from improve.domain.retro_model import Entry, Group, Retro
from improve.domain.terms import principle_label
from improve.export.report_parts import Section, Table
from improve.export.words import NONE, percent


def _whom(entry: Entry) -> str:
    return "; ".join(str(s) for s in entry.stakeholders) or NONE


def placing(retro: Retro) -> Section:
    """Who each piece of work was for, where it sits in the value chain and the journey."""
    worked = (Group.FINISHED, Group.CARRIED, Group.LOGGED)
    rows = tuple(
        (
            e.title,
            e.key,
            _whom(e),
            e.activity.value if e.activity else NONE,
            e.journey.value if e.journey else NONE,
            e.source.value if e.source else NONE,
        )
        for e in retro.entries
        if e.group in worked
    )
    headers = ("Initiative", "Key", "For whom", "Value chain", "Journey", "Idea from")
    text = "Who the work was for (role: what value means to them) and where it sits."
    return Section("placing", "For whom, and where", text, Table(headers, rows))


def portfolio(retro: Retro) -> Section:
    """Principle × value chain: how many initiatives, and their mean progress."""
    b = retro.balance
    if b is None or not b.total:
        return Section("balance", "Portfolio balance", empty="No initiative in play.")
    heads = ("Principle", *(activity_name(a) for a in b.columns), "All")
    rows = tuple(
        (principle_label(r), *(c.words() for c in row), total.words())
        for r, row, total in zip(b.rows, b.grid, b.by_principle, strict=True)
    )
    rows += (("All", *(c.words() for c in b.by_activity), str(b.total)),)
    table = Table(heads, rows, frozenset(range(1, len(heads))))
    return Section("balance", "Portfolio balance", _nudges(b), table)


def _nudges(b: Balance) -> str:
    said = "; ".join(b.nudges) if b.nudges else "no gap or lean to point at"
    return f"Each cell: initiatives in play and their mean progress. Where it leans: {said}."


def journey(retro: Retro) -> Section:
    b = retro.balance
    rows = (
        tuple((stage_name(s), str(c.count), percent(c.progress)) for s, c in b.journey) if b else ()
    )
    table = Table(("Journey stage", "Initiatives", "Progress"), rows, frozenset({1, 2}))
    return Section("journey", "By customer journey stage", table=table)
