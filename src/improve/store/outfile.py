"""Writing a file the user named: whole or not at all, and never over one by surprise."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from improve.domain.errors import InputError
from improve.store.atomic import atomic_write, public_mode


def write_new(
    path: Path,
    chunks: Iterable[bytes | memoryview],
    *,
    force: bool = False,
    protected: Callable[[Path], bool] = lambda _path: False,
    private: bool = False,
) -> Path:
    """Write the file whole or not at all; an existing file is kept unless `force`, and
    one that is `protected` (the store's own files, the config) always. The temp file is
    created exclusively in the target's folder (a planted symlink is never followed).
    A `private` file (one holding the whole store) is 0600 whatever the umask.

    Raises `InputError` when the file exists (the user can choose another name or
    --force) and `OSError` when it cannot be written.
    """
    path = path.expanduser()
    if path.is_dir():
        raise InputError(f"{path} is a directory: give a file name")
    if protected(path):
        raise InputError(f"{path} is one of improve's own files: choose another name")
    if (path.exists() or path.is_symlink()) and not force:
        raise InputError(
            f"{path} exists",
            shell="choose another name or use --force to overwrite it",
            app="choose another name, or tick overwrite to replace it",
        )
    if path.is_symlink():
        path.unlink()  # --force replaces the link itself, never the file it points to
    atomic_write(path, chunks, mode=0o600 if private else public_mode(), make_dir=False)
    return path
