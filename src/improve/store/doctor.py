"""`improve doctor`: say what is wrong with a store, and put a backup back."""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path

from improve.domain.checks import shown
from improve.domain.codec import initiative_from_dict
from improve.domain.errors import BadRecord, InputError
from improve.domain.retro_record import retro_from_dict
from improve.store.atomic import read_file
from improve.store.backups import NEVER_PRUNED, is_valid
from improve.store.fileform import Data, decode, encode, scan
from improve.store.schema import SCHEMA, check_schema
from improve.store.storage import Store, StoreError, atomic_write

#: Problems said per file; a store damaged throughout is not a screenful per record.
MAX_SAID = 20


def check_store(store: Store) -> tuple[str, bool]:
    """A report on every file of the store and its backups; and whether all is well."""
    lines = [f"store: {store.path}"]
    healthy = True
    if not store.path.exists():
        lines.append("  not created yet (it is created on the first change)")
    seen: dict[str, str] = {}
    for path in store.files():
        try:
            raw = store.read(path) or b""
            data = store.checked(raw, path)
            count = len(data.get("initiatives", {}))
            retros = len(data.get("retros", {}))
            problems = _repeated(raw) + record_problems(data) + _twice(data, path.name, seen)
        except StoreError as error:
            problems, count, retros = [error.problem], -1, 0
        healthy = healthy and not problems
        if not problems:
            held = f", {retros} retro{'s' if retros != 1 else ''}" if retros else ""
            lines.append(f"  ok   {path.name}: {count} initiatives{held}")
        lines += [f"  BAD  {path.name}: {problem}" for problem in problems[:MAX_SAID]]
        if len(problems) > MAX_SAID:
            lines.append(f"  BAD  {path.name}: and {len(problems) - MAX_SAID} more")
    lines += _backup_lines(store)
    leftovers = leftover_temp_files(store)
    if leftovers:
        names = ", ".join(p.name for p in leftovers[:5]) + (", ..." if len(leftovers) > 5 else "")
        lines.append(f"leftover temp files ({len(leftovers)}): {names}")
        lines.append("  (left by a write that was killed; `improve doctor --clean` removes them)")
    backups = [b for b in store.backups() if is_valid(b)]
    if not healthy and backups:
        lines.append(f"to restore the newest: improve doctor --restore {backups[-1].name}")
    return "\n".join(lines), healthy


def _backup_lines(store: Store) -> list[str]:
    """Each backup, newest first, and whether it holds a store."""
    found = store.backups()
    lines = [f"backups ({len(found)}) in {store.backups_dir}:"]
    for backup in reversed(found):
        try:
            size = backup.stat().st_size
        except OSError:
            size = -1
        state = "ok " if is_valid(backup) else "BAD"
        lines.append(f"  {state} {backup.name}  {size} bytes")
    return lines if found else [*lines, "  none"]


def leftover_temp_files(store: Store) -> list[Path]:
    """Temp files of store writes that never finished (`.improve.json.XXXX.tmp`)."""
    found: list[Path] = []
    for folder in (store.path.parent, store.backups_dir):
        if folder.is_dir():
            found += sorted(p for p in folder.glob(".*.tmp") if p.is_file())
    return found


def clean(store: Store) -> str:
    """Remove leftover temp files, under the lock (so never one a writer is writing)."""
    with store.locked():
        leftovers = leftover_temp_files(store)
        for path in leftovers:
            path.unlink(missing_ok=True)
    return f"removed {len(leftovers)} leftover temp file{'s' if len(leftovers) != 1 else ''}"


def record_problems(data: Data) -> list[str]:
    """Every initiative and retro of a decoded file that the gate refuses: which one,
    which field."""
    found = []
    for record_id, raw in data.get("initiatives", {}).items():
        try:
            ini = initiative_from_dict(raw)
        except BadRecord as bad:
            found.append(str(bad))
            continue
        if ini.id != record_id:
            found.append(f"initiative {ini.id} is filed under the id {shown(record_id)}")
    for record_id, raw in data.get("retros", {}).items():
        try:
            retro = retro_from_dict(raw)
        except BadRecord as bad:
            found.append(str(bad))
            continue
        if retro.id != record_id:
            found.append(f"retro {retro.id} is filed under the id {shown(record_id)}")
    return found


def _repeated(raw: bytes) -> list[str]:
    """Ids written twice in one file: JSON keeps the last, so the first is silently lost."""
    tables = scan(raw, {"initiatives"}) or {}
    ids = [record.id for record in tables.get("initiatives", [])]
    twice = sorted(i for i, n in Counter(ids).items() if n > 1)
    return [f"initiative {shown(i)} is written twice in this file" for i in twice]


def _twice(data: Data, name: str, seen: dict[str, str]) -> list[str]:
    """Ids already found in another file (an archive and the main file both holding one)."""
    found = []
    for record_id in data.get("initiatives", {}):
        if record_id in seen:
            found.append(f"initiative {shown(record_id)} is also in {seen[record_id]}")
        seen.setdefault(record_id, name)
    return found


def restore_backup(store: Store, name: str, who: str) -> str:
    """Put a backup back over the main file. What it replaces is kept first as a backup of
    its own (never pruned); the journal gets a `restore` entry, which `undo` does not
    cross: no change older than the restore can be taken back by mistake."""
    backup = backup_named(store, name)
    try:
        content = read_file(backup) or b""
    except OSError as error:
        raise StoreError(backup, f"cannot read ({error.strerror})") from None
    try:
        data = check_schema(decode(content, backup), backup)
    except StoreError as error:
        raise InputError(f"{backup.name} cannot be restored: {error.problem}") from None
    problems = record_problems(data)
    if problems:
        raise InputError(f"{backup.name} cannot be restored: {problems[0]}")
    with store.locked():
        aside = store.backup(store.path, NEVER_PRUNED)
        kept = f"; the store it replaced is kept as {aside.name}" if aside else ""
        _journal_restore(data, store, who, f"restore {backup.name}{kept}")
        try:
            atomic_write(store.path, encode(data))
        except OSError as error:
            raise StoreError(store.path, f"cannot write ({error.strerror})") from None
    back = f" (to go back: improve doctor --restore {aside.name})" if aside else ""
    return f"restored {store.path} from {backup.name}{kept}{back}"


def backup_named(store: Store, name: str) -> Path:
    candidate = Path(name)
    backup = (
        candidate if candidate.is_absolute() or candidate.exists() else store.backups_dir / name
    )
    if not backup.is_file():
        raise InputError(f"no backup {shown(name)}: see `improve doctor` for the list")
    return backup


def _journal_restore(data: Data, store: Store, who: str, summary: str) -> None:
    journal = data.setdefault("journal", {})
    seq = 1 + max((e.get("seq", 0) for e in journal.values()), default=0)
    entry_id = uuid.uuid4().hex
    journal[entry_id] = {
        "id": entry_id,
        "at": store.clock.now().isoformat(),
        "who": who,
        "summary": summary,
        "records": [],
        "kind": "restore",
        "undone": False,
        "seq": seq,
    }
    data.setdefault("meta", {})["schema"] = {"schema": SCHEMA}
