"""The store's family lock: an exclusive `flock` on `<store>.lock`.

It is the lock `filelock` takes on POSIX, without the ~10 ms its import costs every
write (it loads logging, asyncio helpers and secrets); elsewhere `filelock` itself is
used. Re-entrant for its holder. One lock object serves one thread: the app writes from
its main thread, and its worker threads only read, through snapshots that need no lock.
"""

from __future__ import annotations

import os
import time
from types import TracebackType

POLL = 0.02


class LockTimeout(Exception):
    """Another process held the lock for longer than the timeout."""


class FamilyLock:
    """An exclusive, re-entrant lock on one file, waited for up to `timeout` seconds."""

    def __init__(self, path: str, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0
        self._fallback: object | None = None

    @property
    def is_locked(self) -> bool:
        return self._depth > 0

    def acquire(self) -> None:
        if self._depth == 0:
            self._take()
        self._depth += 1

    def release(self) -> None:
        if self._depth == 0:
            return
        self._depth -= 1
        if self._depth == 0:
            self._give_back()

    def __enter__(self) -> FamilyLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()

    def _take(self) -> None:
        try:
            import fcntl
        except ImportError:  # not POSIX: let filelock do it
            self._take_with_filelock()
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + self.timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(self.path) from None
                time.sleep(POLL)
        except BaseException:  # the timeout, or ^C while waiting: never leak the fd
            os.close(fd)
            raise
        self._fd = fd

    def _give_back(self) -> None:
        if self._fd is not None:
            import fcntl

            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        elif self._fallback is not None:
            self._fallback.release()  # type: ignore[attr-defined]
            self._fallback = None

    def _take_with_filelock(self) -> None:
        from filelock import FileLock, Timeout

        lock = FileLock(self.path, timeout=self.timeout, mode=0o600)
        try:
            lock.acquire()
        except Timeout:
            raise LockTimeout(self.path) from None
        self._fallback = lock
