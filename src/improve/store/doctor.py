"""`improve doctor`: say what is wrong with a store, and put a backup back."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from improve.domain.checks import shown
from improve.domain.codec import initiative_from_dict
from improve.domain.errors import BadRecord, InputError
from improve.store.fileform import Data, decode, scan
from improve.store.schema import check_schema
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
            problems = _repeated(raw) + record_problems(data) + _twice(data, path.name, seen)
        except StoreError as error:
            problems, count = [error.problem], -1
        healthy = healthy and not problems
        if not problems:
            lines.append(f"  ok   {path.name}: {count} initiatives")
        lines += [f"  BAD  {path.name}: {problem}" for problem in problems[:MAX_SAID]]
        if len(problems) > MAX_SAID:
            lines.append(f"  BAD  {path.name}: and {len(problems) - MAX_SAID} more")
    backups = store.backups()
    lines.append(f"backups ({len(backups)}) in {store.backups_dir}:")
    lines += [f"  {b.name}  {b.stat().st_size} bytes" for b in reversed(backups)] or ["  none"]
    if not healthy and backups:
        lines.append(f"to restore the newest: improve doctor --restore {backups[-1].name}")
    return "\n".join(lines), healthy


def record_problems(data: Data) -> list[str]:
    """Every initiative of a decoded file that the gate refuses: which one, which field."""
    found = []
    for record_id, raw in data.get("initiatives", {}).items():
        try:
            ini = initiative_from_dict(raw)
        except BadRecord as bad:
            found.append(str(bad))
            continue
        if ini.id != record_id:
            found.append(f"initiative {ini.id} is filed under the id {shown(record_id)}")
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


def restore_backup(store: Store, name: str) -> str:
    """Put a backup back over the main file, after saving the current one aside."""
    candidate = Path(name)
    backup = (
        candidate if candidate.is_absolute() or candidate.exists() else store.backups_dir / name
    )
    if not backup.is_file():
        raise InputError(f"no backup {name!r}: see `improve doctor` for the list")
    content = backup.read_bytes()
    check_schema(decode(content, backup), backup)
    with store.locked():
        if store.path.exists():
            aside = store.path.with_name(store.path.name + ".before-restore")
            shutil.copy2(store.path, aside)
        atomic_write(store.path, content)
    return f"restored {store.path} from {backup.name}"
