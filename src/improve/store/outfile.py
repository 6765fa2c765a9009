"""Writing a file the user named: whole or not at all, and never over one by surprise."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from improve.domain.errors import InputError


def write_new(
    path: Path,
    chunks: Iterable[bytes | memoryview],
    *,
    force: bool = False,
    protected: Callable[[Path], bool] = lambda _path: False,
) -> Path:
    """Write the file whole or not at all; an existing file is kept unless `force`, and
    one that is `protected` (the store's own files, the config) always.

    Raises `InputError` when the file exists (the user can choose another name or
    --force) and `OSError` when it cannot be written.
    """
    path = path.expanduser()
    if path.is_dir():
        raise InputError(f"{path} is a directory: give a file name")
    if protected(path):
        raise InputError(f"{path} is one of improve's own files: choose another name")
    if path.exists() and not force:
        raise InputError(f"{path} exists: choose another name or use --force to overwrite it")
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as out:
            out.writelines(chunks)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path
