"""The store never loses an acknowledged write and never leaves a broken file."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import stat
import time
from multiprocessing.connection import Connection
from pathlib import Path

import orjson
import pytest

from improve.clock import FixedClock, SystemClock
from improve.service import Register
from improve.store.fileform import encode
from improve.store.schema import SCHEMA
from improve.store.storage import Store, StoreError
from tests.conftest import NOW

FORK = multiprocessing.get_context("fork")


def _adder(path: str, worker: int, count: int) -> None:
    register = Register(Store(Path(path)), SystemClock(), f"w{worker}")
    for n in range(count):
        register.add(f"worker {worker} idea {n}")


def test_eight_processes_adding_at_once_lose_nothing(store_path: Path) -> None:
    workers = [FORK.Process(target=_adder, args=(str(store_path), w, 25)) for w in range(8)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
        assert process.exitcode == 0
    titles = {i.title for i in Register(Store(store_path), SystemClock(), "x").initiatives()}
    assert len(titles) == 200
    assert "worker 7 idea 24" in titles


def _writer(path: str, pipe: Connection) -> None:
    register = Register(Store(Path(path)), SystemClock(), "victim")
    n = 0
    while True:
        ini = register.add(f"acknowledged {n}")
        pipe.send(ini.id)
        n += 1


def test_a_writer_killed_at_random_never_breaks_the_store(store_path: Path) -> None:
    rng = random.Random(20261123)
    acknowledged: set[str] = set()
    for _round in range(30):
        receiver, sender = FORK.Pipe(duplex=False)
        process = FORK.Process(target=_writer, args=(str(store_path), sender))
        process.start()
        # Killed after its first acknowledged write, at a random point of a later one: on a
        # loaded machine a fixed delay could kill every writer before it wrote anything.
        assert receiver.poll(60), "the writer never acknowledged a write"
        time.sleep(rng.uniform(0.0, 0.05))
        assert process.pid is not None
        os.kill(process.pid, signal.SIGKILL)
        process.join()
        sender.close()
        while receiver.poll():
            try:
                acknowledged.add(receiver.recv())
            except EOFError:
                break
        stored = {i.id for i in Register(Store(store_path), SystemClock(), "x").initiatives()}
        assert acknowledged <= stored
    assert len(acknowledged) >= 30  # at least one a round
    leftovers = [p for p in store_path.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 30  # a killed writer may leave its temp file, never a half store


def test_invalid_json_is_left_byte_identical_and_named(store_path: Path, cli: object) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b'{"initiatives": {"a": {"id": "a", "title"')
    before = store_path.read_bytes()
    result = cli("add", "anything")  # type: ignore[operator]
    assert result.code == 1
    assert str(store_path) in result.err
    assert "not valid JSON" in result.err
    assert "\n" not in result.err.strip()
    assert store_path.read_bytes() == before


def test_invalid_store_names_the_newest_backup(register: Register, store_path: Path) -> None:
    register.add("first")
    register.store.backup(store_path, "manual")
    store_path.write_text("not json")
    with pytest.raises(StoreError) as caught:
        register.add("second")
    assert "newest backup" in str(caught.value)
    assert ".manual.json" in str(caught.value)
    assert store_path.read_text() == "not json"


def test_a_store_from_the_future_is_refused(store_path: Path, cli: object) -> None:
    store_path.parent.mkdir(parents=True)
    future = {"meta": {"schema": {"schema": SCHEMA + 1}}, "initiatives": {}}
    store_path.write_bytes(orjson.dumps(future))
    before = store_path.read_bytes()
    result = cli("list")  # type: ignore[operator]
    assert result.code == 1
    assert "newer improve" in result.err
    assert store_path.read_bytes() == before


def test_a_foreign_json_file_is_not_ours(store_path: Path, register: Register) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_text('{"users": {"1": {"name": "x"}}}')
    with pytest.raises(StoreError, match="not an improve store"):
        register.initiatives()


def test_schema_zero_is_migrated_after_a_backup(store_path: Path, register: Register) -> None:
    store_path.parent.mkdir(parents=True)
    record = {
        "id": "ab" * 16,
        "title": "old",
        "created": NOW.isoformat(),
        "updated": NOW.isoformat(),
    }
    store_path.write_bytes(orjson.dumps({"initiatives": {"1": record}}))
    register.add("new")
    data = orjson.loads(store_path.read_bytes())
    assert data["meta"]["schema"]["schema"] == SCHEMA
    assert "ab" * 16 in data["initiatives"]
    assert any(".migration." in b.name for b in register.store.backups())
    assert {i.title for i in register.initiatives()} == {"old", "new"}


def test_files_are_private(register: Register, store_path: Path) -> None:
    register.add("private")
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store_path.parent.stat().st_mode) == 0o700


def test_one_record_per_line_with_sorted_keys(register: Register, store_path: Path) -> None:
    register.add("b title", owner="zed", value=3)
    register.add("a title")
    lines = store_path.read_text().splitlines()
    records = [line for line in lines if line.startswith('"') and '"title"' in line]
    assert len(records) == 2
    body = orjson.loads(records[0].split(": ", 1)[1].rstrip(","))
    assert list(body) == sorted(body)
    assert orjson.loads(store_path.read_bytes())  # still one valid JSON document


def test_encode_is_valid_json_for_empty_tables() -> None:
    data = {"initiatives": {}, "meta": {"schema": {"schema": 1}}}
    assert orjson.loads(encode(data)) == data


def test_backups_keep_the_last_ten(register: Register, store_path: Path, clock: FixedClock) -> None:
    register.add("seed")
    for day in range(14):
        clock.advance(days=1)
        register.add(f"day {day}")
    backups = register.store.backups()
    assert len(backups) == 10
    assert all(".daily." in b.name for b in backups)
