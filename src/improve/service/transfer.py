"""Moving many initiatives at once: the demo, exports, and imports from other tools."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from improve.domain.codec import initiative_from_dict, initiative_to_dict
from improve.domain.errors import BadRecord, InputError
from improve.domain.model import (
    Initiative,
)
from improve.domain.retro_record import retro_from_dict
from improve.service.base import RegisterBase
from improve.store.fileform import Record, scan
from improve.store.schema import SCHEMA, schema_of
from improve.store.storage import Session, is_sealed
from improve.store.tables import fetch, put, put_many, records_of
from improve.team.merge import merge_records

EXPORT_FORMAT = "improve-export"


@dataclass(frozen=True)
class ImportResult:
    """What an import did, counted by initiative."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


class Transfers(RegisterBase):
    """Bulk writes and whole-store exports and imports."""

    def save_all(self, initiatives: Iterable[Initiative]) -> int:
        """Write many initiatives in one transaction (the demo, generated stores)."""
        records = {ini.id: initiative_to_dict(ini) for ini in initiatives}
        count = len(records)
        with self.store.transaction() as session:
            archived = {str(r.doc_id) for r in session.db.table("archived").all()}
            for record_id in archived & records.keys():
                self._save(
                    session,
                    self._where(session, record_id),
                    self._decode(records.pop(record_id)),
                    sweep=False,
                )
            put_many(session.db.table("initiatives"), records)
            self._sweep(session)
        return count

    def export(self) -> list[bytes | memoryview]:
        """The whole store, live and archived, as the chunks of one JSON document.

        Records go out as stored, one per line, sorted by id. Files in the line form are
        streamed without parsing their records (only tombstones and the schema are
        read); anything else, or a record in two files, takes the decoding path.
        """
        streamed = self._export_streamed()
        if streamed is not None:
            return streamed
        with self.store.snapshot() as session:
            raws = self._raw_records(session, archived=True)
            retros = records_of(session.db.table("retros"))
        live = {str(r["id"]): r for r in raws if not r.get("deleted")}
        return self._document(
            (orjson.dumps(live[i], option=orjson.OPT_SORT_KEYS) for i in sorted(live)), retros
        )

    def _export_streamed(self) -> list[bytes | memoryview] | None:
        """The records as stored, or None when a file is not in the line form or a record
        is in two files. The main file is checked whole; an archive too, unless it holds
        exactly the bytes this store last wrote into it (its seal)."""
        store = self.store
        main_raw = store.read(store.path) or b""
        main = store.checked(main_raw, store.path) if main_raw.strip() else {}
        if main and schema_of(main) != SCHEMA:
            return None
        files = [main_raw]
        for quarter in store.archive_quarters():
            raw = store.read(store.archive_path(quarter)) or b""
            if not is_sealed(main, quarter, raw) and raw.strip():
                store.checked(raw, store.archive_path(quarter))
            files.append(raw)
        picked: dict[str, memoryview] = {}
        for raw in files:
            tables = scan(raw, {"initiatives"})
            if tables is None:
                return None
            view = memoryview(raw)
            for record in tables.get("initiatives", []):
                if record.id in picked:
                    return None
                if not _is_tombstone(raw, record):
                    picked[record.id] = view[record.start : record.stop]
        return self._document((picked[i] for i in sorted(picked)), main.get("retros", {}))

    def _document(
        self, records: Iterable[bytes | memoryview], retros: dict[str, Any]
    ) -> list[bytes | memoryview]:
        """The export: its head, the initiatives one a line, then the team's retros."""
        head = {"format": EXPORT_FORMAT, "schema": 1, "exported": self.clock.now().isoformat()}
        chunks: list[bytes | memoryview] = [orjson.dumps(head)[:-1] + b',"initiatives":[\n']
        for record in records:
            chunks += (record, b",\n")
        if len(chunks) > 1:
            chunks[-1] = b"\n"
        live = [retros[k] for k in sorted(retros) if not retros[k].get("deleted")]
        chunks.append(b'],"retros":' + orjson.dumps(live, option=orjson.OPT_SORT_KEYS) + b"}\n")
        return chunks

    def import_export(
        self,
        document: Any,
        on_progress: Callable[[int], None] | None = None,
        dry_run: bool = False,
    ) -> ImportResult:
        """Bring in an export; by id, so importing the same file twice changes nothing.
        With `dry_run`, count what would change and change nothing."""
        if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
            raise InputError("not an improve export (expected the JSON of `improve export`)")
        incoming = _exported_initiatives(document.get("initiatives", []))
        retros = _exported_retros(document.get("retros", []))
        added = updated = unchanged = 0
        with self.store.snapshot() if dry_run else self.store.transaction() as session:
            retros_changed = _join_retros(session, retros, dry_run)
            known = set(self._all_ids(session))
            for count, ini in enumerate(incoming, 1):
                if ini.id not in known:
                    if not dry_run:
                        self._save(session, session.db, ini, sweep=False)
                    added += 1
                else:
                    db = self._where(session, ini.id)
                    current = self._load(db, ini.id)
                    if ini.updated > current.updated:
                        if not dry_run:
                            self._save(session, db, ini, sweep=False)
                        updated += 1
                    else:
                        unchanged += 1
                if on_progress:
                    on_progress(count)
            if (added or updated or retros_changed) and not dry_run:
                self._backup_before_import()
                self._sweep(session)
        return ImportResult(added, updated, unchanged)

    def _backup_before_import(self) -> None:
        """Inside the transaction, so under the lock, before anything is written."""
        self.store.backup(self.store.path, "import")

    def import_initiatives(
        self,
        incoming: list[Initiative],
        dry_run: bool = False,
        on_change: Callable[[str], None] | None = None,
    ) -> ImportResult:
        """Initiatives from another tool (see `importers`): a re-import changes nothing."""
        from improve.team import importers  # only an import needs it (and csv with it)

        edit = self._edit(f"import {len(incoming)} initiatives")
        changed: dict[str, bool] = {}
        with self.store.snapshot() if dry_run else self.store.transaction() as session:
            for ini in incoming:
                db = self._where(session, ini.id)
                raw = fetch(db.table("initiatives"), ini.id)
                before = self._decode(raw) if raw else None
                after = importers.absorb(before, ini, edit)
                if after is not before:
                    changed[ini.id] = before is None
                    if on_change:
                        on_change(importers.describe(before, after))
                    if not dry_run:
                        self._save(session, db, after, sweep=False)
            if changed and not dry_run:
                self._backup_before_import()
                self._sweep(session)
                self._journal(session, edit, list(changed))
        added = sum(changed.values())
        return ImportResult(added, len(changed) - added, len(incoming) - len(changed))


def _is_tombstone(raw: bytes, record: Record) -> bool:
    """Whether a stored record is deleted, parsing it only when it may be.

    Keys are sorted and those before "deleted" hold plain strings, so a top-level
    "deleted" comes before the first `,"description":` of the line.
    """
    head = raw.find(b',"description":', record.start, record.stop)
    if raw.find(b'"deleted":', record.start, head if head >= 0 else record.stop) < 0:
        return False
    return bool(orjson.loads(raw[record.start : record.stop]).get("deleted"))


def _exported_retros(records: Any) -> dict[str, dict[str, Any]]:
    """The retros of an export, through the gate; a damaged one is bad input."""
    if not isinstance(records, list):
        raise InputError("not an improve export: `retros` is not a list")
    found: dict[str, dict[str, Any]] = {}
    for number, raw in enumerate(records, 1):
        try:
            retro = retro_from_dict(raw)
        except BadRecord as bad:
            raise InputError(
                f"retro {number} of the export (id {bad.record}): field {bad.field}: "
                f"{bad.problem}; nothing was imported"
            ) from None
        found[retro.id] = raw
    return found


def _join_retros(session: Session, retros: dict[str, dict[str, Any]], dry_run: bool) -> int:
    """Each retro joined with the store's copy as a merge joins them: nothing the team
    wrote on either side is lost. How many changed."""
    table = session.db.table("retros")
    changed = 0
    for record_id, raw in retros.items():
        here = fetch(table, record_id)
        joined = raw if here is None else merge_records(here, raw)
        if joined != here:
            changed += 1
            if not dry_run:
                put(table, record_id, joined)
    return changed


def _exported_initiatives(records: Any) -> list[Initiative]:
    """The initiatives of an export; a damaged one is bad input, naming which it is."""
    if not isinstance(records, list):
        raise InputError("not an improve export: `initiatives` is not a list")
    found: dict[str, Initiative] = {}
    for number, raw in enumerate(records, 1):
        try:
            ini = initiative_from_dict(raw)
        except BadRecord as bad:
            raise InputError(
                f"initiative {number} of the export (id {bad.record}): field {bad.field}: "
                f"{bad.problem}; nothing was imported"
            ) from None
        if ini.id in found:
            raise InputError(
                f"initiative {number} of the export repeats the id {ini.id}; nothing was imported"
            )
        found[ini.id] = ini
    return list(found.values())
