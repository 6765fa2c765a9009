"""The store: TinyDB over orjson files that are never half-written and never lost.

Every write happens inside `Store.transaction()`: the family lock is taken, the
files are read fresh, TinyDB works on that in-memory copy, and each changed file is
written to a temp file in the same directory, fsynced, and `os.replace`d over the
old one. A crash leaves the old file or the new one, never a mix. Closed initiatives
live in quarterly archive files beside the main one, so everyday writes cost in
proportion to the open work.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import orjson
from tinydb import Storage, TinyDB
from tinydb.table import Document, Table

from improve.clock import Clock, SystemClock
from improve.errors import StoreError
from improve.locking import FamilyLock, LockTimeout

SCHEMA = 1
KEEP_BACKUPS = 10
LOCK_TIMEOUT = 15.0
TABLES = ("archived", "initiatives", "journal", "meta")
_ARCHIVE = re.compile(r"-archive-(\d{4}Q[1-4])$")

Data = dict[str, dict[str, Any]]

__all__ = ["StoreError"]  # re-exported: every file problem is a StoreError


class UUIDTable(Table):
    """A table whose document ids are our record UUIDs, so ids are stable across clones."""

    document_id_class = str  # type: ignore[assignment]


class _Buffered(Storage):
    """One transaction's in-memory view of a file: TinyDB reads and writes here."""

    def __init__(self, data: Data) -> None:
        self.data = data
        self.dirty = False

    def read(self) -> Data:
        return self.data

    def write(self, data: Data) -> None:
        self.data = data
        self.dirty = True


class StoreDB(TinyDB):
    """TinyDB over one file's buffered content, with UUID-keyed tables."""

    table_class = UUIDTable

    @property
    def buffer(self) -> _Buffered:
        storage = self.storage
        assert isinstance(storage, _Buffered)
        return storage


def put(table: Table, doc_id: str, record: dict[str, Any]) -> None:
    """Insert or replace a record under its UUID."""
    table.upsert(Document(record, doc_id=doc_id))  # type: ignore[arg-type]


def put_many(table: Table, records: dict[str, dict[str, Any]]) -> None:
    """Insert or replace many records at once: one pass over the table, not one per record."""

    def updater(raw: dict[str, Any]) -> None:
        raw.update(records)

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

    def updater(raw: dict[str, Any]) -> None:
        for doc_id in gone & raw.keys():
            del raw[doc_id]

    table._update_table(updater)  # type: ignore[arg-type]


def encode(data: Data) -> bytes:
    """Sorted keys, one record per line: a store whose git diffs read well."""
    parts = [b"{"]
    names = sorted(data)
    for t, name in enumerate(names):
        table = data[name]
        parts.append(orjson.dumps(name) + b": {")
        ids = sorted(table)
        for r, doc_id in enumerate(ids):
            line = orjson.dumps(str(doc_id)) + b": "
            line += orjson.dumps(table[doc_id], option=orjson.OPT_SORT_KEYS)
            parts.append(line + (b"," if r + 1 < len(ids) else b""))
        parts.append(b"}" + (b"," if t + 1 < len(names) else b""))
    parts.append(b"}")
    return b"\n".join(parts) + b"\n"


def decode(raw: bytes, path: Path) -> Data:
    """Parse and check the shape of one store file; raise StoreError otherwise."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise StoreError(path, f"not valid JSON ({error})") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreError(path, "not an improve store (expected a JSON object of tables)")
    return data


def atomic_write(path: Path, content: bytes) -> None:
    """Temp file in the same dir, fsync, replace: the old file or the new, never half."""
    ensure_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def ensure_dir(directory: Path) -> None:
    if not directory.exists():
        directory.mkdir(parents=True, mode=0o700, exist_ok=True)


def archive_quarter(moment: datetime) -> str:
    return f"{moment.year}Q{(moment.month - 1) // 3 + 1}"


@dataclass
class _File:
    path: Path
    db: StoreDB
    storage: _Buffered
    original: bytes | None


@dataclass
class Session:
    """The files of one transaction; archives open lazily, inside the same lock."""

    store: Store
    main: _File
    archives: dict[str, _File] = field(default_factory=dict)

    @property
    def db(self) -> StoreDB:
        return self.main.db

    def archive(self, quarter: str) -> StoreDB:
        if quarter not in self.archives:
            self.archives[quarter] = self.store.load(self.store.archive_path(quarter))
        return self.archives[quarter].db

    def all_archives(self, since: date | None = None) -> list[StoreDB]:
        """Every archive, or those whose quarter ends on or after `since`."""
        quarters = self.store.archive_quarters()
        if since is not None:
            wanted = archive_quarter(datetime.combine(since, datetime.min.time()))
            quarters = [q for q in quarters if q >= wanted]
        return [self.archive(q) for q in quarters]

    def changed(self) -> list[_File]:
        """Archives first: a crash between files leaves a duplicate, never a loss."""
        files = [*self.archives.values(), self.main]
        return [f for f in files if f.storage.dirty]


class Store:
    """A family of store files: the main one, its archives, its lock and its backups."""

    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self.path = path
        self.clock: Clock = clock or SystemClock()
        self._lock: FamilyLock | None = None
        #: Run on every freshly read session, before its caller sees it (the service repairs
        #: a record that a plain git merge left both in the main file and in an archive).
        self.on_open: Callable[[Session], None] | None = None

    @property
    def lock(self) -> FamilyLock:
        """The family lock, taken around every read-modify-write."""
        if self._lock is None:
            self._lock = FamilyLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)
        return self._lock

    @property
    def backups_dir(self) -> Path:
        return self.path.parent / "backups"

    def archive_path(self, quarter: str) -> Path:
        return self.path.with_name(f"{self.path.stem}-archive-{quarter}{self.path.suffix}")

    def archive_quarters(self) -> list[str]:
        if not self.path.parent.exists():
            return []
        quarters = []
        for candidate in self.path.parent.glob(f"{self.path.stem}-archive-*{self.path.suffix}"):
            match = _ARCHIVE.search(candidate.stem)
            if match and candidate.stem == f"{self.path.stem}-archive-{match.group(1)}":
                quarters.append(match.group(1))
        return sorted(quarters)

    def files(self) -> list[Path]:
        """Every file of the store that exists, main first."""
        paths = [self.archive_path(q) for q in self.archive_quarters()]
        return [p for p in [self.path, *paths] if p.exists()]

    def signature(self) -> tuple[tuple[str, int, int], ...]:
        """Changes whenever another process replaces a store file: the app polls it."""
        result = []
        for path in [self.path, *(self.archive_path(q) for q in self.archive_quarters())]:
            with contextlib.suppress(FileNotFoundError):
                stat = path.stat()
                result.append((path.name, stat.st_mtime_ns, stat.st_ino))
        return tuple(result)

    def load(self, path: Path) -> _File:
        try:
            raw: bytes | None = path.read_bytes()
        except FileNotFoundError:
            raw = None
        except OSError as error:
            raise StoreError(
                path, f"cannot read ({error.strerror})", self.newest_backup()
            ) from None
        data: Data = {} if raw is None else self.checked(raw, path)
        db = StoreDB(data, storage=_Buffered)
        return _File(path, db, db.buffer, raw)

    def checked(self, raw: bytes, path: Path) -> Data:
        """The file's content, decoded and checked, or an error naming the newest backup."""
        try:
            return check_schema(decode(raw, path), path)
        except StoreError as error:
            raise StoreError(path, error.problem, self.newest_backup(), damaged=True) from None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """Read fresh under the lock, let the caller change it, write what changed."""
        with self.locked():
            session = Session(self, self._load_main())
            if self.on_open:
                self.on_open(session)
            yield session
            for changed in session.changed():
                self._write(changed)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the family lock, or fail naming the store after LOCK_TIMEOUT seconds."""
        ensure_dir(self.path.parent)
        try:
            self.lock.acquire()
        except LockTimeout:
            raise StoreError(self.path, "locked by another improve process for too long") from None
        try:
            yield
        finally:
            self.lock.release()

    def _load_main(self) -> _File:
        main = self.load(self.path)
        if main.original is not None and _schema_of(main.storage.data) < SCHEMA:
            self.backup(self.path, "migration")
            migrate(main.storage.data)
            main.storage.dirty = True
        return main

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only view: files are replaced atomically, so no lock is needed."""
        main = self.load(self.path)
        if main.original is not None and _schema_of(main.storage.data) < SCHEMA:
            migrate(main.storage.data)
        session = Session(self, main)
        if self.on_open:
            self.on_open(session)
        yield session

    def _write(self, changed: _File) -> None:
        data = changed.storage.data
        data.setdefault("meta", {})["schema"] = {"schema": SCHEMA}
        if changed.original is not None:
            self._daily_backup(changed.path)
        try:
            atomic_write(changed.path, encode(data))
        except OSError as error:
            raise StoreError(changed.path, f"cannot write ({error.strerror})") from None

    def backups(self) -> list[Path]:
        """Backups of the main file, oldest first."""
        if not self.backups_dir.exists():
            return []
        return sorted(self.backups_dir.glob(f"{self.path.stem}.*{self.path.suffix}"))

    def newest_backup(self) -> Path | None:
        found = self.backups()
        return found[-1] if found else None

    def backup(self, path: Path, reason: str) -> Path | None:
        """Copy a store file under backups/, keeping the last ten of that file."""
        if not path.exists():
            return None
        ensure_dir(self.backups_dir)
        stamp = self.clock.now().strftime("%Y%m%dT%H%M%S%f")
        target = self.backups_dir / f"{path.stem}.{stamp}.{reason}{path.suffix}"
        shutil.copy2(path, target)
        os.chmod(target, 0o600)
        mine = sorted(self.backups_dir.glob(f"{path.stem}.*{path.suffix}"))
        for old in mine[:-KEEP_BACKUPS]:
            old.unlink(missing_ok=True)
        return target

    def _daily_backup(self, path: Path) -> None:
        day = self.clock.now().strftime("%Y%m%d")
        mine = sorted(self.backups_dir.glob(f"{path.stem}.*{path.suffix}"))
        if not any(p.name.startswith(f"{path.stem}.{day}") for p in mine):
            self.backup(path, "daily")


def _schema_of(data: Data) -> int:
    meta = data.get("meta", {}).get("schema")
    if isinstance(meta, dict) and isinstance(meta.get("schema"), int):
        return int(meta["schema"])
    return 0


def check_schema(data: Data, path: Path) -> Data:
    """Refuse a file from a newer improve, or one that is not ours at all."""
    version = _schema_of(data)
    if version > SCHEMA:
        raise StoreError(
            path, f"written by a newer improve (schema {version}; this one reads {SCHEMA})"
        )
    unknown = set(data) - {*TABLES, "_default"}
    if unknown:
        raise StoreError(path, f"not an improve store (unexpected tables: {sorted(unknown)})")
    for doc in data.get("initiatives", {}).values():
        if not isinstance(doc, dict) or "id" not in doc or "title" not in doc:
            raise StoreError(path, "not an improve store (an initiative has no id or title)")
    return data


def migrate(data: Data) -> None:
    """Schema 0 (plain TinyDB, integer doc ids) to 1: records keyed by their UUID."""
    if _schema_of(data) == 0:
        records = data.get("initiatives", {})
        data["initiatives"] = {doc["id"]: doc for doc in records.values()}
        data.pop("_default", None)
    data.setdefault("meta", {})["schema"] = {"schema": SCHEMA}
