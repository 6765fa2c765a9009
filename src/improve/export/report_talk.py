"""The retro's conversation in its document: the actions from the last retro and where
they stand, then went well, didn't and try (the team's words, or the data's prefill)."""

from __future__ import annotations

from improve.domain.retro_model import LastActions, Retro
from improve.export.report_parts import Item, Section, Table
from improve.export.words import NONE, percent, short_day

__all__ = ["actions_said", "didnt", "last_actions", "tries", "went_well"]

#: What a section says when the data had nothing for it and the team wrote nothing.
_PREFILLED = "Prefilled from the data: the team has not edited it."


def actions_said(last: LastActions) -> str:
    """`2 of 4 done (50%)`: the share the next retro opens with."""
    return f"{last.done} of {len(last.actions)} done ({percent(last.share_done)})"


def last_actions(retro: Retro) -> Section:
    """What the last retro agreed to try, and whether it happened."""
    last = retro.last_actions
    assert last is not None
    rows = tuple(
        (a.title, a.key, a.owner or NONE, a.state.label, a.status.value if a.status else "deleted")
        for a in last.actions
    )
    when = f"{short_day(last.since)} – {short_day(last.until)}"
    text = f"The retro of {when} turned {len(last.actions)} try lines into initiatives"
    text = f"{text}: {actions_said(last)}." if last.actions else f"{text}."
    headers = ("Action", "Key", "Owner", "Where it stands", "Status")
    table = Table(headers, rows)
    return Section("last-actions", "Actions from the last retro", text, table, empty="None.")


def _points(retro: Retro, name: str, title: str, lines: tuple[str, ...]) -> Section:
    edited = name in retro.talk.edited
    text = "" if edited else _PREFILLED
    items = tuple(Item("", line) for line in lines)
    empty = "Nothing said." if edited else "Nothing in the data for this period."
    return Section(name.replace("_", "-"), title, text, items=items, empty=empty)


def went_well(retro: Retro) -> Section:
    return _points(retro, "went_well", "Went well", retro.talk.went_well)


def didnt(retro: Retro) -> Section:
    return _points(retro, "didnt", "Didn't go well", retro.talk.didnt)


def tries(retro: Retro) -> Section:
    """The team's *try* lines; those already turned into initiatives say so."""
    made = {a.line: a for a in retro.talk.actions}
    items = tuple(
        Item("", f"{made[line].title} → {made[line].key} ({made[line].owner or NONE})")
        if line in made
        else Item("", line)
        for line in retro.talk.tries
    )
    text = "" if "try" in retro.talk.edited else "The team's own lines: what it will try next."
    return Section("try", "Try next", text, items=items, empty="Nothing to try yet.")
