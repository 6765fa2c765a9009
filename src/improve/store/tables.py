"""The TinyDB side of the store: tables keyed by record UUID over one file's buffer, and
the only functions that change a table, which note what they changed so that a write
re-encodes only that (see `fileform`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from tinydb import Storage, TinyDB
from tinydb.table import Document, Table

from improve.store.fileform import Data, Kept


class UUIDTable(Table):
    """A table whose document ids are our record UUIDs, so ids are stable across clones."""

    document_id_class = str  # type: ignore[assignment]


class Buffered(Storage):
    """One transaction's in-memory view of a file: TinyDB reads and writes here.

    `kept` is the file as read and `changed` the records written or removed since, so
    the file is written back re-encoding only those (see `fileform`).
    """

    def __init__(self, data: Data) -> None:
        self.data = data
        self.dirty = False
        self.kept: Kept | None = None
        self.changed: set[tuple[str, str]] = set()

    def read(self) -> Data:
        return self.data

    def write(self, data: Data) -> None:
        self.data = data
        self.dirty = True


class StoreDB(TinyDB):
    """TinyDB over one file's buffered content, with UUID-keyed tables."""

    table_class = UUIDTable

    @property
    def buffer(self) -> Buffered:
        storage = self.storage
        assert isinstance(storage, Buffered)
        return storage


def _touch(table: Table, doc_ids: Iterable[str]) -> None:
    storage = table.storage
    if isinstance(storage, Buffered):
        storage.changed.update((table.name, doc_id) for doc_id in doc_ids)


def put(table: Table, doc_id: str, record: dict[str, Any]) -> None:
    """Insert or replace a record under its UUID."""
    _touch(table, [doc_id])
    table.upsert(Document(record, doc_id=doc_id))  # type: ignore[arg-type]


def put_many(table: Table, records: dict[str, dict[str, Any]]) -> None:
    """Insert or replace many records at once: one pass over the table, not one per record."""

    def updater(raw: dict[str, Any]) -> None:
        raw.update(records)

    _touch(table, records)
    table._update_table(updater)  # type: ignore[arg-type]


def records_of(table: Table) -> dict[str, dict[str, Any]]:
    """The raw records of a table by UUID, without building a Document for each."""
    raw: Any = table._read_table()
    return cast(dict[str, dict[str, Any]], raw)


def fetch(table: Table, doc_id: str) -> dict[str, Any] | None:
    """The record stored under a UUID, if any."""
    found = table.get(doc_id=doc_id)  # type: ignore[call-overload]
    return dict(found) if found is not None else None


def drop(table: Table, doc_ids: list[str]) -> None:
    """Remove records by UUID in one pass."""
    gone = set(doc_ids)
    _touch(table, gone)

    def updater(raw: dict[str, Any]) -> None:
        for doc_id in gone & raw.keys():
            del raw[doc_id]

    table._update_table(updater)  # type: ignore[arg-type]
