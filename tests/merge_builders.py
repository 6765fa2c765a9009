"""Store histories for the merge tests: clones that change records through `Edit`.

Each clone has its own writer and time zone, edits a shared set of records (so the
same field is often changed on both sides at the same minute), adds and undoes items,
deletes records, and now and then pulls another clone's store through the merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from improve.domain.changes import CREATED, Edit
from improve.domain.codec import initiative_from_dict, initiative_to_dict
from improve.domain.model import Initiative, Iteration, Measurement, Note, Status, Step
from improve.team.merge import Data, merge_stores

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ZONES = (UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5)))
WRITERS = ("alex@a", "sam@b", "kim@c")
VALUES: dict[str, tuple[Any, ...]] = {
    "title": ("Cut deploy time", "Faster deploys", "Déploiement rapide ✓"),
    "owner": ("alex", "sam", ""),
    "status": (Status.ACTIVE, Status.BLOCKED, Status.DONE),
    "step": (Step.BASELINE, Step.PLAN, Step.ACT),
    "value": (1, 3, 5),
    "tags": ((), ("ci",), ("ci", "ops")),
}

#: One operation: (kind, clone, a number that picks a record/item/value, minutes to wait).
Op = tuple[str, int, int, int]
KINDS = (
    "add",
    "set",
    "set",
    "measure",
    "note",
    "iter",
    "finish",
    "remove",
    "remove",
    "delete",
    "pull",
    "pull",
)


def ops() -> st.SearchStrategy[list[Op]]:
    one = st.tuples(
        st.sampled_from(KINDS),
        st.integers(0, len(WRITERS) - 1),
        st.integers(0, 10_000),
        st.integers(0, 2),
    )
    return st.lists(one, min_size=20, max_size=80)


def merge2(a: Data, b: Data) -> Data:
    return merge_stores({}, a, b)


@dataclass
class Clone:
    """One team member's store, and the clock and name they write with."""

    who: str
    zone: timezone
    data: Data = field(default_factory=lambda: {"initiatives": {}, "journal": {}, "meta": {}})

    def records(self) -> list[str]:
        return sorted(self.data["initiatives"])

    def load(self, record_id: str) -> Initiative:
        return initiative_from_dict(self.data["initiatives"][record_id])

    def save(self, ini: Initiative, edit: Edit) -> None:
        self.data["initiatives"][ini.id] = initiative_to_dict(ini)
        self.data["journal"][edit.change_id] = {
            "id": edit.change_id,
            "at": edit.at.isoformat(),
            "who": edit.who,
            "summary": edit.summary,
            "records": [ini.id],
            "kind": "change",
            "undone": False,
        }


@dataclass
class History:
    """Several clones acting one operation at a time on a shared clock."""

    clones: list[Clone]
    now: datetime = START
    counter: int = 0

    @classmethod
    def start(cls, shared: int = 3) -> History:
        """Clones of one store that already holds `shared` records."""
        history = cls([Clone(w, z) for w, z in zip(WRITERS, ZONES, strict=True)])
        first = history.clones[0]
        for n in range(shared):
            history._add(first, n)
        for clone in history.clones[1:]:
            clone.data = merge2(clone.data, first.data)
        return history

    def uid(self) -> str:
        self.counter += 1
        return f"{self.counter:032x}"

    def run(self, steps: list[Op]) -> list[Data]:
        for kind, clone, pick, wait in steps:
            self.now += timedelta(minutes=wait)
            getattr(self, f"_{kind}")(self.clones[clone], pick)
        return [c.data for c in self.clones]

    def _edit(self, clone: Clone) -> Edit:
        return Edit(self.uid(), self.now.astimezone(clone.zone), clone.who, "test")

    def _target(self, clone: Clone, pick: int) -> Initiative | None:
        ids = clone.records()
        return clone.load(ids[pick % len(ids)]) if ids else None

    def _add(self, clone: Clone, pick: int) -> None:
        edit = self._edit(clone)
        ini = Initiative(self.uid(), f"Initiative {pick}", edit.at, edit.at)
        clone.save(edit.record(ini, CREATED, None, ini.id), edit)

    def _change(self, clone: Clone, pick: int, how: Any) -> None:
        ini = self._target(clone, pick)
        if ini is not None:
            edit = self._edit(clone)
            clone.save(how(ini, edit), edit)

    def _set(self, clone: Clone, pick: int) -> None:
        name = sorted(VALUES)[pick % len(VALUES)]
        value = VALUES[name][(pick // 7) % len(VALUES[name])]
        self._change(clone, pick // 3, lambda ini, e: e.set(ini, name, value))

    def _measure(self, clone: Clone, pick: int) -> None:
        def how(ini: Initiative, e: Edit) -> Initiative:
            return e.add(ini, "measurements", Measurement(self.uid(), e.at, pick % 50, e.who))

        self._change(clone, pick, how)

    def _note(self, clone: Clone, pick: int) -> None:
        def how(ini: Initiative, e: Edit) -> Initiative:
            return e.add(ini, "notes", Note(self.uid(), e.at, f"note {pick}", e.who))

        self._change(clone, pick, how)

    def _iter(self, clone: Clone, pick: int) -> None:
        def how(ini: Initiative, e: Edit) -> Initiative:
            return e.add(ini, "iterations", Iteration(self.uid(), f"step {pick}", e.at))

        self._change(clone, pick, how)

    def _finish(self, clone: Clone, pick: int) -> None:
        def how(ini: Initiative, e: Edit) -> Initiative:
            if not ini.iterations:
                return ini
            item = ini.iterations[pick % len(ini.iterations)]
            return e.finish(ini, item.id, not item.done)

        self._change(clone, pick, how)

    def _remove(self, clone: Clone, pick: int) -> None:
        def how(ini: Initiative, e: Edit) -> Initiative:
            kind = ("measurements", "notes", "iterations")[pick % 3]
            items = getattr(ini, kind)
            return e.remove(ini, kind, items[pick % len(items)].id) if items else ini

        self._change(clone, pick, how)

    def _delete(self, clone: Clone, pick: int) -> None:
        self._change(clone, pick, lambda ini, e: e.set(ini, "deleted", e.at))

    def _pull(self, clone: Clone, pick: int) -> None:
        other = self.clones[pick % len(self.clones)]
        clone.data = merge2(clone.data, other.data)


def item_ids(data: Data) -> dict[str, set[str]]:
    """Every item id of every record, and the ones marked removed, by record."""
    found: dict[str, set[str]] = {}
    for record_id, raw in data.get("initiatives", {}).items():
        for kind in ("measurements", "notes", "iterations"):
            for item in raw.get(kind, []):
                mark = "-" if item.get("removed") else "+"
                found.setdefault(record_id, set()).add(f"{kind}:{item['id']}{mark}")
    return found
