"""Writing a file so that a crash leaves the old one or the new one, never half of one;
and reading one only when it is a plain file."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path


class NotAFile(OSError):
    """The path holds something other than a regular file (a fifo, a directory, a device)."""

    def __init__(self, path: Path, mode: int) -> None:
        kind = "a directory" if stat.S_ISDIR(mode) else "a fifo" if stat.S_ISFIFO(mode) else None
        super().__init__(errno.EINVAL, f"not a regular file ({kind or 'a special file'})")
        self.path = path


def target_of(path: Path) -> Path:
    """Where a write to `path` lands: through a symlink to its target, so the link stays
    a link; a path holding anything but a regular file is refused (`NotAFile`)."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return path
    if stat.S_ISLNK(found.st_mode):
        path = Path(os.path.realpath(path))
        try:
            found = os.stat(path)
        except FileNotFoundError:
            return path  # a link to a file yet to be made: make it there
    if not stat.S_ISREG(found.st_mode):
        raise NotAFile(path, found.st_mode)
    return path


def read_file(path: Path) -> bytes | None:
    """A file's bytes, None when there is none; never waits on a fifo (`NotAFile`)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(path, mode)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def atomic_write(
    path: Path,
    content: bytes | Iterable[bytes | memoryview],
    mode: int = 0o600,
    *,
    make_dir: bool = True,
) -> None:
    """Temp file in the same dir (made exclusively: never one an attacker planted), fsync,
    replace: the old file or the new, never half. A symlink is written through."""
    path = target_of(path)
    if make_dir:
        ensure_dir(path.parent)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(content, bytes):
                handle.write(content)
            else:
                handle.writelines(content)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


#: Created afresh, never through a link: a name planted in the directory makes us retry.
_NEW = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _temp_beside(path: Path) -> tuple[int, Path]:
    """A new temp file in the target's directory, mode 0600, as `tempfile.mkstemp` makes
    one, without its import (which brings shutil, random and more into every write)."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, _NEW, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temp name beside {path}")


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


def public_mode() -> int:
    """The mode a new shared file gets under the user's umask (0644 under the usual 022)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644
