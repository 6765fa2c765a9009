"""The register's plumbing: reading the store, resolving keys, and journalled writes.

Every write goes through `_update` or `_create`: one transaction that re-reads the store
under the lock, records the change in the initiative's history and in the writer's undo
journal, and files long-closed work in archives.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Self

from improve.clock import Clock
from improve.domain import progress, schedule
from improve.domain.changes import CREATED, Edit
from improve.domain.codec import initiative_from_dict, initiative_to_dict
from improve.domain.errors import InputError
from improve.domain.model import (
    Initiative,
)
from improve.domain.register import (
    Filter,
    keys_for,
    match_key,
    short_keys,
)
from improve.store.quiet_gc import paused_gc
from improve.store.storage import Session, Store, StoreError, archive_quarter
from improve.store.tables import StoreDB, drop, fetch, put, put_many, records_of
from improve.team.merge import merge_records
from improve.team.repair import repair_duplicates

ARCHIVE_AFTER = timedelta(days=7)
CLOSED = ("done", "dropped")
JOURNAL_KEEP = 200


def new_id() -> str:
    return uuid.uuid4().hex


def number(text: str | float, what: str) -> float:
    """A finite number, from what the user typed."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise InputError(f"bad number {text!r} for {what}: use digits like 42 or 3.5") from None
    if not math.isfinite(value):
        raise InputError(f"bad number {text!r} for {what}: it must be finite")
    return value


@dataclass
class RegisterBase:
    """Reading, resolving keys, and the one way to write: a journalled transaction."""

    store: Store
    clock: Clock
    who: str
    _known_ids: list[str] | None = field(default=None, init=False, repr=False, compare=False)
    _cache: tuple[object, list[Initiative]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Whatever reads the store through a register sees each record once (see repair)."""
        self.store.on_open = repair_duplicates

    @classmethod
    def open(cls, path: Path, clock: Clock, who: str) -> Self:
        """The register of the store at `path`, for callers that must not touch storage."""
        return cls(Store(path, clock), clock, who)

    # --- reading -------------------------------------------------------------

    def initiatives(self, wanted: Filter | None = None) -> list[Initiative]:
        """Initiatives matching the filter, value-first; archives read only when needed."""
        wanted = wanted or Filter()
        now = self.clock.now()
        found = []
        for ini in self._read(wanted):
            due = schedule.next_due(ini, now) if wanted.due_before else None
            if ini.deleted is None and wanted.matches(ini, due):
                found.append(ini)
        return sorted(found, key=progress.value_order_key)

    def _read(self, wanted: Filter) -> list[Initiative]:
        """The decoded records a filter may match.

        A read of everything is kept until a store file changes (its signature), so the
        app's screens share one decode of a large register instead of one each.
        """
        if wanted.statuses:
            return self._read_fresh(wanted)
        key = (self.store.signature(), wanted.closed_wanted, wanted.closed_since)
        cached = self._cache
        if cached is not None and cached[0] == key:
            return cached[1]
        decoded = self._read_fresh(wanted)
        self._cache = (key, decoded)
        return decoded

    def _read_fresh(self, wanted: Filter) -> list[Initiative]:
        with paused_gc(), self.store.snapshot() as session:
            raws = self._raw_records(session, wanted.closed_wanted, wanted.closed_since)
            self._all_ids(session)
            statuses = {s.value for s in wanted.statuses}
            return [
                self._decode(raw)
                for raw in raws
                if not raw.get("deleted") and (not statuses or raw.get("status") in statuses)
            ]

    def get(self, key: str) -> Initiative:
        with self.store.snapshot() as session:
            db, record_id = self._resolve(session, key)
            return self._load(db, record_id)

    def key(self, record_id: str) -> str:
        """The short key of one record, from the ids this register last read."""
        return self.keys([record_id])[record_id]

    def keys(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Short display keys, unique among every record live and archived.

        Given `ids` (say, the rows just listed), only those are computed, against the
        ids this register last read, without reading the store again.
        """
        if ids is None or self._known_ids is None:
            with self.store.snapshot() as session:
                self._all_ids(session)
        known = self._known_ids or []
        if ids is None:
            return short_keys(known)
        return keys_for(ids, sorted(known))

    def _raw_records(
        self, session: Session, archived: bool, closed_since: date | None = None
    ) -> list[dict[str, Any]]:
        records = list(records_of(session.db.table("initiatives")).values())
        if archived:
            for db in session.all_archives(closed_since):
                records.extend(records_of(db.table("initiatives")).values())
            records = _once_each(records)
        if closed_since is None:
            return records
        cutoff = closed_since.isoformat()
        return [r for r in records if r.get("status") not in CLOSED or r["updated"] >= cutoff]

    def _load(self, db: StoreDB, record_id: str) -> Initiative:
        raw = fetch(db.table("initiatives"), record_id)
        if raw is None:
            problem = f"the index names {record_id} but no file holds it"
            raise StoreError(self.store.path, problem, self.store.newest_backup(), damaged=True)
        return self._decode(raw)

    def _decode(self, raw: Any) -> Initiative:
        try:
            return initiative_from_dict(raw)
        except (KeyError, ValueError, TypeError) as error:
            problem = f"a record is damaged ({error!r})"
            raise StoreError(
                self.store.path, problem, self.store.newest_backup(), damaged=True
            ) from None

    def _all_ids(self, session: Session) -> list[str]:
        """Every live id, main and archived; remembered so `key()` needs no second read."""
        live = [
            i
            for i, r in records_of(session.db.table("initiatives")).items()
            if not r.get("deleted")
        ]
        self._known_ids = live + list(records_of(session.db.table("archived")))
        return self._known_ids

    def _resolve(self, session: Session, key: str) -> tuple[StoreDB, str]:
        record_id = match_key(key, self._all_ids(session))
        return self._where(session, record_id), record_id

    def _where(self, session: Session, record_id: str) -> StoreDB:
        """The file that holds a record: its archive, or the main file."""
        quarter = fetch(session.db.table("archived"), record_id)
        return session.archive(quarter["quarter"]) if quarter else session.db

    # --- writing -------------------------------------------------------------

    def _edit(self, summary: str) -> Edit:
        return Edit(new_id(), self.clock.now(), self.who, summary)

    def _update(
        self, key: str, summary: str, change: Callable[[Initiative, Edit], Initiative]
    ) -> Initiative:
        with self.store.transaction() as session:
            db, record_id = self._resolve(session, key)
            before = self._load(db, record_id)
            edit = self._edit(summary.format(title=before.title))
            after = change(before, edit)
            if after is not before:
                self._save(session, db, after)
                self._journal(session, edit, [after.id])
        return after

    def _save(self, session: Session, db: StoreDB, ini: Initiative, sweep: bool = True) -> None:
        """Write a record where it belongs: open work in the main file."""
        if db is not session.db and not ini.status.closed:
            drop(db.table("initiatives"), [ini.id])
            drop(session.db.table("archived"), [ini.id])
            db = session.db
        put(db.table("initiatives"), ini.id, initiative_to_dict(ini))
        if sweep:
            self._sweep(session)

    def _sweep(self, session: Session) -> None:
        """Move long-closed initiatives out of the main file into quarterly archives."""
        table = session.db.table("initiatives")
        cutoff = (self.clock.now() - ARCHIVE_AFTER).isoformat()
        moving: dict[str, dict[str, dict[str, Any]]] = {}
        for raw in table.all():
            closed = raw.get("status") in CLOSED or raw.get("deleted")
            if closed and raw.get("updated", "") < cutoff:
                quarter = archive_quarter(datetime.fromisoformat(raw["updated"]))
                moving.setdefault(quarter, {})[raw["id"]] = dict(raw)
        for quarter, records in moving.items():
            put_many(session.archive(quarter).table("initiatives"), records)
            put_many(session.db.table("archived"), {k: {"quarter": quarter} for k in records})
            drop(table, list(records))

    def _journal(self, session: Session, edit: Edit, ids: list[str], kind: str = "change") -> None:
        journal = session.db.table("journal")
        entry = {
            "id": edit.change_id,
            "at": edit.at.isoformat(),
            "who": edit.who,
            "summary": edit.summary,
            "records": ids,
            "kind": kind,
            "undone": False,
        }
        entry["seq"] = 1 + max((e.get("seq", 0) for e in journal.all()), default=0)
        put(journal, edit.change_id, entry)
        entries = sorted(journal.all(), key=lambda e: e["at"])
        if len(entries) > JOURNAL_KEEP:
            drop(journal, [str(e.doc_id) for e in entries[:-JOURNAL_KEEP]])

    # --- the use cases ---------------------------------------------------------

    def _create(self, ini: Initiative, summary: str) -> Initiative:
        edit = self._edit(summary)
        ini = edit.record(ini, CREATED, None, ini.id)
        with self.store.transaction() as session:
            self._save(session, session.db, ini)
            self._journal(session, edit, [ini.id])
            self._all_ids(session)
        return ini

    def undo(self) -> str:
        """Revert this writer's last change that is not yet undone; say what it was."""
        with self.store.transaction() as session:
            journal = session.db.table("journal")
            mine = [
                e
                for e in journal.all()
                if e["who"] == self.who and e["kind"] == "change" and not e["undone"]
            ]
            if not mine:
                raise InputError(f"nothing to undo for {self.who}")
            entry = max(mine, key=lambda e: (e.get("seq", 0), e["at"]))
            edit = self._edit(f"undo {entry['summary']}")
            for record_id in entry["records"]:
                self._revert(session, record_id, entry["id"], edit)
            put(journal, entry["id"], {**entry, "undone": True})
            self._journal(session, edit, list(entry["records"]), kind="undo")
        return str(entry["summary"])

    def _revert(self, session: Session, record_id: str, change_id: str, edit: Edit) -> None:
        try:
            db, _ = self._resolve(session, record_id)
        except InputError:
            return
        ini = self._load(db, record_id)
        reverted, _ = edit.revert(ini, change_id)
        self._save(session, db, reverted)


def _once_each(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One copy per id: two clones can archive one record into two quarters, and a git
    merge keeps both files; the copies are joined as the merge driver joins records."""
    seen: dict[str, dict[str, Any]] = {}
    for record in records:
        record_id = str(record["id"])
        other = seen.get(record_id)
        seen[record_id] = record if other is None else merge_records(other, dict(record))
    return list(seen.values()) if len(seen) < len(records) else records
