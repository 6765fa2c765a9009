"""The register's reading: decoding the store's records, the archives only when needed,
and the short keys people type.

A read of everything is kept until a store file changes, so the app's screens share one
decode of a large register; a long read says how far it has come.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Self

from improve.clock import Clock
from improve.domain import progress, schedule
from improve.domain.codec import initiative_from_dict
from improve.domain.errors import BadRecord
from improve.domain.model import Initiative, Status
from improve.domain.register import Filter, keys_for, match_key, short_keys
from improve.store.quiet_gc import paused_gc
from improve.store.storage import Session, Store, StoreError
from improve.store.tables import StoreDB, fetch, records_of
from improve.team.repair import repair_duplicates

CLOSED = ("done", "dropped")

#: Hears how far a long read has come, from 0 to 1: the files read, then the records decoded.
Progress = Callable[[float], None]
#: The share of a long read that goes to reading files; decoding records takes the rest.
_FILES_SHARE = 0.3

_STATUSES = frozenset(s.value for s in Status)


@dataclass
class RegisterReader:
    """Reading the store and resolving the keys people type."""

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

    def initiatives(
        self,
        wanted: Filter | None = None,
        on_progress: Progress | None = None,
        *,
        history: bool = True,
    ) -> list[Initiative]:
        """Initiatives matching the filter, value-first; archives read only when needed.

        `on_progress(fraction)` hears how far a read of the archives has come. A listing
        that shows no history asks for none (`history=False`): decoding every change of
        every initiative is most of a list's work, and such a copy is never written back.
        """
        wanted = wanted or Filter()
        now = self.clock.now()
        found = []
        read = self._read(wanted, on_progress) if history else self._read_fresh(wanted, None, False)
        for ini in read:
            due = schedule.next_due(ini, now)
            if ini.deleted is None and wanted.matches(ini, due):
                found.append((progress.value_order_key(ini, due), ini))
        found.sort(key=lambda pair: pair[0])
        return [ini for _, ini in found]

    def _read(self, wanted: Filter, on_progress: Progress | None = None) -> list[Initiative]:
        """The decoded records a filter may match.

        A read of everything is kept until a store file changes (its signature), so the
        app's screens share one decode of a large register instead of one each.
        """
        if wanted.statuses:
            return self._read_fresh(wanted, on_progress)
        key = (self.store.signature(), wanted.closed_wanted, wanted.closed_since)
        cached = self._cache
        if cached is not None and cached[0] == key:
            return cached[1]
        decoded = self._read_fresh(wanted, on_progress)
        self._cache = (key, decoded)
        return decoded

    def _read_fresh(
        self, wanted: Filter, on_progress: Progress | None = None, history: bool = True
    ) -> list[Initiative]:
        with paused_gc(), self.store.snapshot() as session:
            archived = wanted.closed_wanted
            raws = self._raw_records(session, archived, wanted.closed_since, on_progress)
            self._all_ids(session)
            statuses = {s.value for s in wanted.statuses}
            wanted_raws = [
                raw
                for raw in raws
                if not raw.get("deleted")
                and (not statuses or raw.get("status") in statuses or not _known(raw))
            ]
            if not history:
                wanted_raws = [{**raw, "history": []} for raw in wanted_raws]
            if on_progress is None:
                return [self._decode(raw) for raw in wanted_raws]
            return self._decode_telling(wanted_raws, on_progress)

    def _decode_telling(
        self, raws: list[dict[str, Any]], on_progress: Progress
    ) -> list[Initiative]:
        decoded = []
        for index, raw in enumerate(raws, 1):
            decoded.append(self._decode(raw))
            if index % 500 == 0:
                on_progress(_FILES_SHARE + (1 - _FILES_SHARE) * index / len(raws))
        return decoded

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
        self,
        session: Session,
        archived: bool,
        closed_since: date | None = None,
        on_progress: Progress | None = None,
    ) -> list[dict[str, Any]]:
        records = list(records_of(session.db.table("initiatives")).values())
        if archived:
            quarters = session.archive_quarters(closed_since)
            for done, quarter in enumerate(quarters, 1):
                records.extend(records_of(session.archive(quarter).table("initiatives")).values())
                if on_progress is not None:
                    on_progress(_FILES_SHARE * done / len(quarters))
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
        """A stored record through the gate; one that fails names its file and field."""
        try:
            return initiative_from_dict(raw)
        except BadRecord as bad:
            path = self._file_of(bad.record)
            problem = f"initiative {bad.record}, field {bad.field}: {bad.problem}"
            raise StoreError(path, problem, self.store.newest_backup(), damaged=True) from None

    def _file_of(self, record_id: str) -> Path:
        """The file that holds a record, by the archive index (the main file if unsure)."""
        with self.store.snapshot() as session:
            quarter = fetch(session.db.table("archived"), record_id)
        found = quarter.get("quarter") if quarter else None
        return self.store.archive_path(found) if isinstance(found, str) else self.store.path

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


def _known(raw: dict[str, Any]) -> bool:
    """Whether a record's status is one of ours (one that is not must meet the gate)."""
    return raw.get("status", "proposed") in _STATUSES


def _once_each(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One copy per id: two clones can archive one record into two quarters, and a git
    merge keeps both files; the copies are joined as the merge driver joins records."""
    from improve.team.merge import merge_records  # only a read of the archives joins copies

    seen: dict[str, dict[str, Any]] = {}
    for record in records:
        record_id = str(record["id"])
        other = seen.get(record_id)
        seen[record_id] = record if other is None else merge_records(other, dict(record))
    return list(seen.values()) if len(seen) < len(records) else records
