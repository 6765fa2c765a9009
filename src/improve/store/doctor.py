"""`improve doctor`: say what is wrong with a store, and put a backup back."""

from __future__ import annotations

import shutil
from pathlib import Path

from improve.domain.errors import InputError
from improve.store.fileform import decode
from improve.store.schema import check_schema
from improve.store.storage import Store, StoreError, atomic_write


def check_store(store: Store) -> tuple[str, bool]:
    """A report on every file of the store and its backups; and whether all is well."""
    lines = [f"store: {store.path}"]
    healthy = True
    if not store.path.exists():
        lines.append("  not created yet (it is created on the first change)")
    for path in store.files():
        try:
            data = store.checked(path.read_bytes(), path)
            count = len(data.get("initiatives", {}))
            lines.append(f"  ok   {path.name}: {count} initiatives")
        except StoreError as error:
            healthy = False
            lines.append(f"  BAD  {path.name}: {error.problem}")
    backups = store.backups()
    lines.append(f"backups ({len(backups)}) in {store.backups_dir}:")
    lines += [f"  {b.name}  {b.stat().st_size} bytes" for b in reversed(backups)] or ["  none"]
    if not healthy and backups:
        lines.append(f"to restore the newest: improve doctor --restore {backups[-1].name}")
    return "\n".join(lines), healthy


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
