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
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from improve.clock import Clock, SystemClock
from improve.errors import StoreError
from improve.store import pending
from improve.store.atomic import atomic_write, ensure_dir, read_file
from improve.store.backups import backups_of, has_backup_of_day, write_backup
from improve.store.fileform import Data, Kept, decode, encode
from improve.store.locking import FamilyLock, LockTimeout
from improve.store.schema import SCHEMA, check_schema, migrate, schema_of
from improve.store.tables import Buffered, StoreDB, drop, records_of
from improve.store.writecheck import gate, writable

LOCK_TIMEOUT = 15.0
_ARCHIVE = re.compile(r"-archive-(\d{4}Q[1-4])$")

__all__ = ["StoreError", "atomic_write"]  # re-exported: every file problem is a StoreError


def archive_quarter(moment: datetime) -> str:
    return f"{moment.year}Q{(moment.month - 1) // 3 + 1}"


@dataclass
class _File:
    path: Path
    db: StoreDB
    storage: Buffered
    original: bytes | None


@dataclass
class Session:
    """The files of one transaction; archives open lazily, inside the same lock."""

    store: Store
    main: _File
    archives: dict[str, _File] = field(default_factory=dict)
    writable: bool = False

    @property
    def db(self) -> StoreDB:
        return self.main.db

    def archive(self, quarter: str) -> StoreDB:
        if quarter not in self.archives:
            path = self.store.archive_path(quarter)
            load = self.store.load_for_write if self.writable else self.store.load
            self.archives[quarter] = load(path)
        return self.archives[quarter].db

    def all_archives(self, since: date | None = None) -> list[StoreDB]:
        """Every archive, or those whose quarter ends on or after `since`."""
        return [self.archive(q) for q in self.archive_quarters(since)]

    def archive_quarters(self, since: date | None = None) -> list[str]:
        """The archives' quarters, or those ending on or after `since`, oldest first."""
        quarters = self.store.archive_quarters()
        if since is None:
            return quarters
        wanted = archive_quarter(datetime.combine(since, datetime.min.time()))
        return [q for q in quarters if q >= wanted]


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

    def owns(self, path: Path) -> bool:
        """Whether a path is, or could become, one of the store's own files: the main file,
        an archive (existing or not), the lock, or a backup. Never an export's target."""
        path = path.expanduser().resolve()
        here = self.path.resolve()
        if path in (here, Path(str(here) + ".lock")) or self.backups_dir.resolve() in path.parents:
            return True
        return path.parent == here.parent and bool(
            re.fullmatch(rf"{re.escape(here.stem)}-archive-.*{re.escape(here.suffix)}", path.name)
        )

    def signature(self) -> tuple[tuple[str, int, int], ...]:
        """Changes whenever another process replaces a store file: the app polls it."""
        result = []
        for path in [self.path, *(self.archive_path(q) for q in self.archive_quarters())]:
            with contextlib.suppress(FileNotFoundError):
                stat = path.stat()
                result.append((path.name, stat.st_mtime_ns, stat.st_ino))
        return tuple(result)

    def read(self, path: Path) -> bytes | None:
        """A store file's bytes as they are, None when it does not exist."""
        try:
            return read_file(path)
        except OSError as error:
            raise StoreError(
                path, f"cannot read ({error.strerror})", self.newest_backup()
            ) from None

    def load(self, path: Path) -> _File:
        raw = self.read(path)
        data: Data = {} if raw is None else self.checked(raw, path)
        db = StoreDB(data, storage=Buffered)
        return _File(path, db, db.buffer, raw)

    def load_for_write(self, path: Path) -> _File:
        """`load`, keeping the file's lines so that unchanged records are written as read."""
        loaded = self.load(path)
        if loaded.original is not None:
            kept = Kept.read(loaded.original)
            loaded.storage.kept = kept.knowing(loaded.storage.data) if kept else None
        return loaded

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
            session = Session(self, self._load_main(), writable=True)
            self._roll_back(session)
            if self.on_open:
                self.on_open(session)
            yield session
            # archives first, the main file (their index) last, under a mark that lets
            # the next open roll back what a crash in between left (see `pending`)
            dirty = [q for q, archive in session.archives.items() if archive.storage.dirty]
            if dirty:
                self._mark(dirty)
            for quarter in dirty:
                seal(session.main, quarter, self._write(session.archives[quarter]))
            if session.main.storage.dirty:
                self._write(session.main)
            pending.clear(self.path)

    def _mark(self, quarters: list[str]) -> None:
        try:
            pending.mark(self.path, quarters)
        except OSError as error:
            path = pending.mark_path(self.path)
            raise StoreError(path, f"cannot write ({error.strerror})") from None

    def _roll_back(self, session: Session) -> None:
        """Take out of the archives an interrupted write was replacing every record the
        main file's index does not file there (see `pending`)."""
        index = session.db.table("archived")
        for quarter in pending.marked(self.path):
            if quarter in self.archive_quarters():
                table = session.archive(quarter).table("initiatives")
                drop(table, pending.orphans(records_of(index), records_of(table), quarter))
                session.archives[quarter].storage.dirty = True

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the family lock, or fail naming the store after LOCK_TIMEOUT seconds."""
        ensure_dir(self.path.parent)
        try:
            self.lock.acquire()
        except LockTimeout:
            raise StoreError(self.path, "locked by another improve process for too long") from None
        except OSError as error:
            raise StoreError(Path(self.lock.path), f"cannot lock ({error.strerror})") from None
        try:
            yield
        finally:
            self.lock.release()

    def _load_main(self) -> _File:
        main = self.load_for_write(self.path)
        if main.original is not None and schema_of(main.storage.data) < SCHEMA:
            self.backup(self.path, "migration")
            migrate(main.storage.data)
            main.storage.dirty = True
            main.storage.kept = None
        return main

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only view: files are replaced atomically, so no lock is needed (but for
        rolling back a write a crash cut short, once: see `pending`)."""
        if pending.marked(self.path):
            with self.transaction():
                pass
        main = self.load(self.path)
        if main.original is not None and schema_of(main.storage.data) < SCHEMA:
            migrate(main.storage.data)
        session = Session(self, main)
        if self.on_open:
            self.on_open(session)
        yield session

    def _write(self, changed: _File) -> bytes:
        data = changed.storage.data
        data.setdefault("meta", {})["schema"] = {"schema": SCHEMA}
        changed.storage.changed.add(("meta", "schema"))
        gate(data, changed.storage.changed, changed.path)
        if changed.original is not None:
            writable(changed.path)
            self._daily_backup(changed.path)
        buffer = changed.storage
        content = encode(data, buffer.kept, buffer.changed)
        try:
            atomic_write(changed.path, content)
        except OSError as error:
            raise StoreError(changed.path, f"cannot write ({error.strerror})") from None
        return content

    def backups(self) -> list[Path]:
        """Backups of the main file, oldest first."""
        return backups_of(self.backups_dir, self.path)

    def newest_backup(self) -> Path | None:
        found = self.backups()
        return found[-1] if found else None

    def backup(self, path: Path, reason: str) -> Path | None:
        """Copy a store file under backups/, keeping the newest ten valid ones of that file."""
        return write_backup(self.backups_dir, path, reason, self.clock.now())

    def _daily_backup(self, path: Path) -> None:
        if not has_backup_of_day(self.backups_dir, path, self.clock.now().strftime("%Y%m%d")):
            self.backup(path, "daily")


def seal(main: _File, quarter: str, content: bytes) -> None:
    """Note in the main file what an archive was written as: a reader that finds the same
    bytes there (`is_sealed`) knows the file is one improve wrote, so valid, unread."""
    meta = main.storage.data.setdefault("meta", {})
    seals = dict(meta.get("seals") or {})
    seals[quarter] = {"crc32": zlib.crc32(content), "size": len(content)}
    meta["seals"] = seals
    main.storage.changed.add(("meta", "seals"))
    main.storage.dirty = True


def is_sealed(main: Data, quarter: str, content: bytes) -> bool:
    """Whether an archive holds exactly the bytes this store last wrote into it."""
    found = (main.get("meta", {}).get("seals") or {}).get(quarter)
    return (
        isinstance(found, dict)
        and found.get("size") == len(content)
        and found.get("crc32") == zlib.crc32(content)
    )
