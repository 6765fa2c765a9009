"""Record-by-record merge of two store files, so a team can share a store through git.

The merge is a join: every part of a record merges by a rule that is commutative,
associative and idempotent, so clones that pull from each other in any order end up
with the same store. Records match by UUID; each last-writer-wins field is decided by
its own stamp (`time|writer`, compared as an instant, then writer, so two time zones or
a tie never decide by accident); measurements, notes and iterations are grow-only sets
whose `removed` flag only ever turns on; history is a grow-only set; a deleted record
stays deleted. A value that lost a concurrent edit is written into the history as a
change from the losing value to the one that beat it, so `show` tells the story.

The loss entries are derived from the joined history (and rebuilt at every merge), not
from the order in which clones happened to meet: that is what keeps them associative.
A change counts as lost when no other change built on its value and the field does not
hold it; one that was overwritten later by its own writer is not a loss.

Everything here works on the decoded JSON of store files: no TinyDB, no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Container, Mapping
from datetime import UTC, datetime
from functools import lru_cache, partial
from typing import Any

import orjson

Record = dict[str, Any]
Table = dict[str, Any]
Data = dict[str, Table]

#: Grow-only sets of items: an initiative's readings, iterations and notes; a retro's actions.
COLLECTIONS = ("measurements", "iterations", "notes", "actions")
LOST = "merge: lost to "
_OWN = frozenset({"id", "created", "updated", "stamps", "history", "deleted", *COLLECTIONS})
_VOLATILE = frozenset({"removed", "done_at", "stamp"})
_MISSING = object()
_EARLIEST = datetime.min.replace(tzinfo=UTC)


def merge_stores(base: Data, ours: Data, theirs: Data) -> Data:
    """One store file merged: the join of both sides, plus moves seen against `base`.

    A record leaves a file only when it moves to another one (archived, or reopened out
    of an archive). When one side moved it and the other did not touch it, the move
    wins; otherwise the join keeps it, and the store repairs the duplicate on open.
    With an empty `base` this is the plain two-way join.
    """
    merged: Data = {}
    for name in sorted(ours.keys() | theirs.keys()):
        a, b = ours.get(name, {}), theirs.get(name, {})
        table = join_tables(a, b, partial(join_entry, name))
        moves = (moved_away(name, ours), moved_away(name, theirs))
        merged[name] = drop_moved(table, base.get(name, {}), a, b, moves)
    return merged


class _Everything:
    """Every key: a table whose entries may simply go (the journal is pruned)."""

    def __contains__(self, key: object) -> bool:
        return True


EVERYTHING = _Everything()


def moved_away(name: str, side: Mapping[str, Any]) -> Container[str]:
    """The keys of table `name` that a side may have left out because it moved them where
    the merge can see: an initiative into an archive (the side's archive index names it),
    an archive index entry back into the main file (the side holds the initiative again).
    An archive file has no index, so nothing leaves it by a merge (a record reopened out of
    it stays, and the store keeps one copy on open). A retro never leaves. Other tables
    may drop entries."""
    if name == "initiatives":
        return side.get("archived", {}).keys()  # type: ignore[no-any-return]
    if name == "archived":
        return side.get("initiatives", {}).keys()  # type: ignore[no-any-return]
    if name == "retros":
        return ()  # a retro never moves: it goes only by its tombstone
    return EVERYTHING


def join_tables(a: Table, b: Table, join: Callable[[Any, Any], Any]) -> Table:
    """Union by key; a key on both sides is joined (cheaply, when both are equal)."""
    out = dict(a)
    for key, theirs in b.items():
        ours = out.get(key, _MISSING)
        out[key] = theirs if ours is _MISSING else ours if ours == theirs else join(ours, theirs)
    return out


def drop_moved(
    table: Table,
    base: Table,
    a: Table,
    b: Table,
    moves: tuple[Container[str], Container[str]] = (EVERYTHING, EVERYTHING),
) -> Table:
    """Take out of the joined table what one side visibly moved away (see `moved_away`)
    and the other left as it was. A record a side merely lost (an empty or an older
    file committed over the store) is kept: nothing disappears but by a move or a
    tombstone."""
    for key in base.keys() - (a.keys() & b.keys()):
        kept, moved = (b, moves[0]) if key not in a else (a, moves[1])
        if key in moved and kept.get(key, _MISSING) == base[key]:
            table.pop(key, None)
    return table


def merge_records(a: Record, b: Record) -> Record:
    """Two copies of one initiative (or of one retro) as one, keeping every change either
    side made."""
    if a == b:
        return a
    out: Record = {"id": a["id"]}
    out["created"] = min(a["created"], b["created"], key=_moment_key)
    out["updated"] = max(a["updated"], b["updated"], key=_moment_key)
    stamps: dict[str, str] = {}
    _pick_fields(a, b, out, stamps)
    _tombstone(a, b, out, stamps)
    for kind in COLLECTIONS:
        if kind in a or kind in b:
            out[kind] = _items(a.get(kind, []), b.get(kind, []))
    out["stamps"] = stamps
    history = _history(a.get("history", []), b.get("history", []))
    out["history"] = sorted([*history, *_losses(out, history)], key=_entry_order)
    return out


def _pick_fields(a: Record, b: Record, out: Record, stamps: dict[str, str]) -> None:
    """Each last-writer-wins field from the side whose stamp for it is the greater."""
    stamps_a, stamps_b = a.get("stamps", {}), b.get("stamps", {})
    names = (a.keys() | b.keys() | stamps_a.keys() | stamps_b.keys()) - _OWN
    for name in sorted(names):
        pair_a = (stamps_a.get(name, ""), a.get(name, _MISSING))
        pair_b = (stamps_b.get(name, ""), b.get(name, _MISSING))
        stamp, value = pair_a if pair_a == pair_b else max(pair_a, pair_b, key=_stamped_order)
        if value is not _MISSING:
            out[name] = value
        if stamp:
            stamps[name] = stamp


def _tombstone(a: Record, b: Record, out: Record, stamps: dict[str, str]) -> None:
    """Deleted on either side stays deleted: a deletion is never undone by a merge."""
    sides = [r for r in (a, b) if r.get("deleted")]
    if not sides:
        return
    pairs = [(r.get("stamps", {}).get("deleted", ""), r["deleted"]) for r in sides]
    stamp, value = max(pairs, key=_stamped_order)
    out["deleted"] = value
    if stamp:
        stamps["deleted"] = stamp


def _items(xs: list[Record], ys: list[Record]) -> list[Record]:
    """A grow-only set by item id, in time order."""
    if xs == ys:
        return xs
    found = {x["id"]: x for x in xs}
    for y in ys:
        x = found.get(y["id"])
        found[y["id"]] = y if x is None else x if x == y else _item(x, y)
    return sorted(found.values(), key=_item_order)


def _item(x: Record, y: Record) -> Record:
    """One item seen twice: undone on either side stays undone; done_at by its stamp."""
    fixed = max(x, y, key=lambda i: _canon({k: v for k, v in i.items() if k not in _VOLATILE}))
    out = {k: v for k, v in fixed.items() if k not in _VOLATILE}
    if "stamp" in x or "stamp" in y:
        pairs = [(i.get("stamp", ""), i.get("done_at")) for i in (x, y)]
        out["stamp"], out["done_at"] = max(pairs, key=_stamped_order)
    if x.get("removed") or y.get("removed"):
        out["removed"] = True
    return out


def _history(xs: list[Record], ys: list[Record]) -> list[Record]:
    """Every change either side recorded, once; derived loss entries are left out."""
    seen: dict[bytes, Record] = {}
    for entry in (*xs, *ys):
        if not str(entry.get("change", "")).startswith(LOST):
            seen.setdefault(_canon(entry), entry)
    return list(seen.values())


def _losses(record: Record, history: list[Record]) -> list[Record]:
    """A history entry for each value that a concurrent edit of its field beat."""
    by_field: dict[str, list[Record]] = defaultdict(list)
    for entry in history:
        if entry.get("field") in record and entry["field"] not in _OWN:
            by_field[entry["field"]].append(entry)
    found: list[Record] = []
    for name, changes in by_field.items():
        found += _field_losses(name, record, changes)
    return found


def _field_losses(name: str, record: Record, changes: list[Record]) -> list[Record]:
    current = _canon(record[name])
    built_on = {_canon(c.get("old")) for c in changes}
    found = []
    beaten_by = _current_change(name, record)
    for change in sorted(changes, key=_change_order, reverse=True):
        value = _canon(change.get("new"))
        if value in built_on or value == current:
            beaten_by = change
        else:
            found.append(_loss(name, change, beaten_by))
    return found


def _current_change(name: str, record: Record) -> Record:
    """The field's value as a change, for a loser with no later change to name."""
    when, _, who = record.get("stamps", {}).get(name, "").partition("|")
    return {"id": "", "at": when or record["updated"], "who": who, "new": record[name]}


def _loss(name: str, loser: Record, winner: Record) -> Record:
    return {
        "id": f"{loser.get('id', '')}~lost",
        "at": winner["at"],
        "who": winner["who"],
        "field": name,
        "old": loser.get("new"),
        "new": winner.get("new"),
        "change": f"{LOST}{winner['who']} (concurrent edit by {loser.get('who', '')})",
    }


def _join_journal(a: Record, b: Record) -> Record:
    """Journal entries never change but for `undone`, which only ever turns on."""
    chosen: Record = max(a, b, key=lambda e: _canon({k: v for k, v in e.items() if k != "undone"}))
    out = dict(chosen)
    out["undone"] = bool(a.get("undone")) or bool(b.get("undone"))
    return out


def _join_plain(a: Any, b: Any) -> Any:
    """Any other entry (the archive index, meta): the same choice from either side."""
    return max(a, b, key=_canon)


_JOINS: dict[str, Callable[[Any, Any], Any]] = {
    "initiatives": merge_records,
    "retros": merge_records,
    "journal": _join_journal,
}


def join_entry(table: str, a: Any, b: Any) -> Any:
    """One entry of a table found on both sides, joined by that table's rule."""
    return _JOINS.get(table, _join_plain)(a, b)


def _canon(value: Any) -> bytes:
    """A total order on JSON values, so every tie has one answer."""
    if value is _MISSING:
        return b""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


@lru_cache(maxsize=1 << 16)
def _moment(text: str) -> datetime:
    """An ISO time as an instant; naive times are read as UTC, junk as the earliest."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return _EARLIEST
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _moment_key(text: str) -> tuple[datetime, str]:
    return _moment(text), text


def _stamp_key(stamp: str) -> tuple[datetime, str, str]:
    when, _, who = stamp.partition("|")
    return (_moment(when) if when else _EARLIEST), who, stamp


def _stamped_order(pair: tuple[str, Any]) -> tuple[tuple[datetime, str, str], bytes]:
    return _stamp_key(pair[0]), _canon(pair[1])


def _change_order(change: Record) -> tuple[tuple[datetime, str, str], bytes]:
    stamp = f"{change.get('at', '')}|{change.get('who', '')}"
    return _stamp_key(stamp), _canon(change)


def _item_order(item: Record) -> tuple[datetime, str, str]:
    when = str(item.get("at") or item.get("created") or "")
    return _moment(when), when, str(item["id"])


def _entry_order(entry: Record) -> tuple[datetime, str, bytes]:
    return _moment(str(entry.get("at", ""))), str(entry.get("id", "")), _canon(entry)
