"""Backups of a store file: written like the store (temp file, fsync, rename, 0600), and
pruned so that the newest *valid* ones stay.

A backup that cannot be written is a one-line store error naming it, never a 0-byte
file that counts as today's backup or pushes a good one out. Copies kept by a restore
(reason `before-restore`) hold what a user replaced, whatever it held, and are never
pruned.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from improve.errors import StoreError
from improve.store.atomic import atomic_write, ensure_dir, read_file
from improve.store.fileform import Kept, decode

KEEP = 10
NEVER_PRUNED = "before-restore"


def backups_of(folder: Path, path: Path) -> list[Path]:
    """The backups of one store file, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}.*{path.suffix}"))


def write_backup(folder: Path, path: Path, reason: str, now: datetime) -> Path | None:
    """Copy a store file under `folder`; None when there is no file to copy."""
    try:
        content = read_file(path)
    except OSError as error:
        raise StoreError(path, f"cannot read for a backup ({error.strerror})") from None
    if content is None:
        return None
    stamp = now.strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"{path.stem}.{stamp}.{reason}{path.suffix}"
    n = 1
    while target.exists():  # two backups in one microsecond (a fixed clock): never overwrite
        n += 1
        target = folder / f"{path.stem}.{stamp}{n:02d}.{reason}{path.suffix}"  # sorts after
    try:
        ensure_dir(folder)
        atomic_write(target, content)
    except OSError as error:
        raise StoreError(target, f"cannot write the backup ({error.strerror})") from None
    prune(backups_of(folder, path), is_valid)
    return target


def prune(found: list[Path], valid: Callable[[Path], bool]) -> None:
    """Keep the newest KEEP valid backups (and every restore's copy); drop the rest."""
    kept = 0
    for backup in reversed(found):
        if NEVER_PRUNED in backup.name:
            continue
        if kept < KEEP and valid(backup):
            kept += 1
            continue
        backup.unlink(missing_ok=True)


def is_valid(backup: Path) -> bool:
    """Whether a backup holds a store: in the line form by its shape, else parsed."""
    try:
        raw = read_file(backup)
    except OSError:
        return False
    if not raw or not raw.strip():
        return False
    if Kept.read(raw) is not None:
        return True
    try:
        decode(raw, backup)
    except StoreError:
        return False
    return True


def has_backup_of_day(folder: Path, path: Path, day: str) -> bool:
    """Whether a file already has a non-empty backup made on `day` (YYYYMMDD)."""
    return any(
        b.name.startswith(f"{path.stem}.{day}") and b.stat().st_size > 0
        for b in backups_of(folder, path)
    )
