"""The family lock: exclusive across processes, re-entrant within one, bounded wait."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from improve.clock import FixedClock
from improve.errors import StoreError
from improve.store import locking
from improve.store.locking import FamilyLock, LockTimeout
from improve.store.storage import Store

#: Holds the lock until told (a line on its stdin), so no test depends on how long a
#: loaded machine takes to get from one line to the next.
HOLD = """
import sys
from {module} import {name}
lock = {name}(sys.argv[1], timeout=60)
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


def hold_in_another_process(path: Path, module: str, name: str) -> subprocess.Popen[str]:
    code = HOLD.format(module=module, name=name)
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    return holder


def release(holder: subprocess.Popen[str]) -> None:
    """Tell the holder to let go, and wait until it has."""
    assert holder.stdin is not None
    assert holder.stdout is not None
    holder.stdin.write("go\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "released"


def test_a_held_lock_times_out_naming_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "s.json.lock"
    holder = hold_in_another_process(path, "improve.store.locking", "FamilyLock")
    try:
        start = time.monotonic()
        with pytest.raises(LockTimeout):
            FamilyLock(str(path), timeout=0.2).acquire()
        assert time.monotonic() - start < 30  # bounded: it gave up, it did not wait forever
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize(
    ("module", "name"), [("improve.store.locking", "FamilyLock"), ("filelock", "FileLock")]
)
def test_it_waits_for_the_holder_then_takes_the_lock(
    tmp_path: Path, module: str, name: str
) -> None:
    """It excludes our own processes and also an older improve that used filelock."""
    path = tmp_path / "s.json.lock"
    holder = hold_in_another_process(path, module, name)
    taken = threading.Event()
    lock = FamilyLock(str(path), timeout=60)

    def take() -> None:
        lock.acquire()
        taken.set()

    waiter = threading.Thread(target=take)
    try:
        waiter.start()
        assert not taken.is_set()  # the holder still has it
        with pytest.raises(LockTimeout):
            FamilyLock(str(path), timeout=0).acquire()
        release(holder)
        waiter.join(60)
        assert taken.is_set()
        lock.release()
    finally:
        holder.kill()
        holder.wait()


def test_it_is_reentrant_and_private(tmp_path: Path) -> None:
    path = tmp_path / "s.json.lock"
    lock = FamilyLock(str(path), timeout=0.1)
    with lock:
        with lock:
            assert lock.is_locked
        assert lock.is_locked
    assert not lock.is_locked
    assert path.stat().st_mode & 0o777 == 0o600
    other = FamilyLock(str(path), timeout=0.1)
    with other:  # released for real: another holder gets it at once
        assert other.is_locked


def test_a_store_locked_too_long_is_a_store_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.json", FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC)))
    store.lock.timeout = 0.2
    holder = hold_in_another_process(
        tmp_path / "s.json.lock", "improve.store.locking", "FamilyLock"
    )
    try:
        with (
            pytest.raises(StoreError, match=r"s\.json: locked by another improve process"),
            store.transaction(),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()


def test_an_interrupted_wait_leaves_no_file_descriptor_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json.lock"
    holder = hold_in_another_process(path, "improve.store.locking", "FamilyLock")
    open_before = len(os.listdir("/proc/self/fd"))

    def interrupted(_seconds: float) -> None:
        raise KeyboardInterrupt

    # only the lock's own clock: patching time.sleep itself would interrupt whatever
    # else in this process sleeps meanwhile (the test runner's threads)
    monkeypatch.setattr(
        locking, "time", SimpleNamespace(monotonic=time.monotonic, sleep=interrupted)
    )
    try:
        with pytest.raises(KeyboardInterrupt):
            FamilyLock(str(path), timeout=5).acquire()
        assert len(os.listdir("/proc/self/fd")) == open_before
    finally:
        holder.kill()
        holder.wait()
