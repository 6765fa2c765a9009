"""kill -9 at each step of a write of several files: the next open rolls back or completes.

An import of closed work files it straight into two quarterly archives: the writes are
the import's backup, the mark, each archive, then the main file. The writer is killed
right after each of them in turn; whatever step it died at, every record `list` shows
can be shown, the import is all there or not there at all, and `doctor` finds nothing
wrong.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from improve.clock import FixedClock
from improve.domain.model import Status
from improve.domain.register import Filter
from improve.service import Register
from improve.store import atomic
from improve.store.doctor import check_store
from improve.store.storage import Store
from tests.conftest import NOW

FORK = multiprocessing.get_context("fork")


def _document(tmp: Path) -> dict[str, Any]:
    """An export of six closed initiatives, last touched in two past quarters."""
    clock = FixedClock(NOW - timedelta(days=200))
    source = Register(Store(tmp / "source.json", clock), clock, "kim")
    for n in range(6):
        clock.moment = NOW - timedelta(days=100 + 60 * (n % 2))
        key = source.key(source.add(f"old work {n}").id)
        source.set_status(key, Status.DROPPED, "done with")
    return orjson.loads(b"".join(bytes(c) for c in source.export()))


def _import_killed_after(store: Path, document: dict[str, Any], step: int | None) -> int:
    """Import in a child killed right after its `step`-th file write; the writes counted."""
    receiver, sender = FORK.Pipe(duplex=False)

    def run() -> None:
        replace, done = os.replace, [0]

        def counting(src: Any, dst: Any) -> None:
            replace(src, dst)
            done[0] += 1
            sender.send(done[0])
            if done[0] == step:
                os.kill(os.getpid(), signal.SIGKILL)

        atomic.os.replace = counting  # type: ignore[assignment]
        clock = FixedClock(NOW)
        Register(Store(store, clock), clock, "sam").import_export(document)

    child = FORK.Process(target=run)
    child.start()
    child.join(60)
    sender.close()
    writes = 0
    while receiver.poll():
        try:
            writes = receiver.recv()
        except EOFError:
            break
    if step is not None:
        assert child.exitcode == -signal.SIGKILL
    return writes


def _state(store: Path) -> tuple[set[str], Register]:
    clock = FixedClock(NOW)
    register = Register(Store(store, clock), clock, "sam")
    listed = {i.title for i in register.initiatives(Filter())}
    return listed, register


def test_a_write_of_several_files_killed_at_each_step_is_rolled_back_or_complete(
    tmp_path: Path,
) -> None:
    document = _document(tmp_path / "source")
    imported = {r["title"] for r in document["initiatives"]}
    dry = tmp_path / "dry" / "improve.json"
    Register(Store(dry, FixedClock(NOW)), FixedClock(NOW), "sam").add("already here")
    steps = _import_killed_after(dry, document, None)
    assert steps >= 4  # backup, mark, two archives, main
    assert len(list(dry.parent.glob("improve-archive-*.json"))) == 2
    for step in range(1, steps + 1):
        store = tmp_path / f"step{step}" / "improve.json"
        Register(Store(store, FixedClock(NOW)), FixedClock(NOW), "sam").add("already here")
        _import_killed_after(store, document, step)
        listed, register = _state(store)
        assert listed in ({"already here"}, {"already here"} | imported), (step, listed)
        for ini in register.initiatives(Filter()):
            assert register.get(ini.id).title == ini.title
        report, healthy = check_store(register.store)
        assert healthy, (step, report)
        assert not store.with_name("improve.json.pending").exists()


@pytest.mark.parametrize("step", [2, 3])
def test_a_cut_short_write_is_rolled_back_by_a_read_too(tmp_path: Path, step: int) -> None:
    document = _document(tmp_path / "source")
    store = tmp_path / "s" / "improve.json"
    Register(Store(store, FixedClock(NOW)), FixedClock(NOW), "sam").add("already here")
    _import_killed_after(store, document, step)
    assert store.with_name("improve.json.pending").exists()
    clock = FixedClock(NOW)
    register = Register(Store(store, clock), clock, "sam")
    every = register.initiatives(Filter())
    assert {i.title for i in every} == {"already here"}
    assert not store.with_name("improve.json.pending").exists()
