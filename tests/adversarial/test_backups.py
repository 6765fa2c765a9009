"""Backups are written like the store, pruned to the newest valid ones, checked by
`doctor`; a restore asks first, keeps what it replaces, and undo never crosses it."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

from improve.clock import FixedClock
from improve.service import Register
from improve.store.backups import KEEP, backups_of
from tests.conftest import NOW, Cli


def test_backups_are_private_and_whole(register: Register, store_path: Path) -> None:
    register.add("one")
    register.add("two")
    (backup,) = register.store.backups()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert backup.read_bytes().startswith(b"{\n")
    assert [p.name for p in backup.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_pruning_keeps_the_newest_valid_backups(
    register: Register, store_path: Path, clock: FixedClock
) -> None:
    register.add("one")
    folder = register.store.backups_dir
    folder.mkdir(parents=True, exist_ok=True)
    good = []
    for _ in range(KEEP):
        clock.advance(minutes=1)
        good.append(register.store.backup(store_path, "manual"))
    for n in range(5):  # newer, but empty or truncated: they must not push good ones out
        (folder / f"improve.29990101T00000{n}000000.daily.json").write_bytes(b"" if n % 2 else b"{")
    clock.advance(minutes=1)
    newest = register.store.backup(store_path, "manual")
    kept = backups_of(folder, store_path)
    assert kept == [*good[1:], newest]
    assert all(p.stat().st_size > 0 for p in kept)


def test_an_empty_backup_does_not_count_as_the_days_backup(
    register: Register, store_path: Path
) -> None:
    register.add("one")
    folder = register.store.backups_dir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"improve.{NOW:%Y%m%d}T000000000000.daily.json").write_bytes(b"")
    register.add("two")
    daily = [p for p in backups_of(folder, store_path) if p.stat().st_size > 0]
    assert len(daily) == 1


def test_doctor_checks_that_each_backup_parses(
    cli: Cli, register: Register, store_path: Path
) -> None:
    register.add("one")
    register.add("two")
    folder = register.store.backups_dir
    (folder / "improve.20261122T000000000000.daily.json").write_bytes(b'{"initiatives": ')
    report = cli("doctor")
    assert "BAD improve.20261122T000000000000.daily.json" in report.out
    assert "ok  improve." in report.out


def _two_writers(store_path: Path, clock: FixedClock) -> tuple[Register, Register]:
    from improve.store.storage import Store

    return (
        Register(Store(store_path, clock), clock, "sam@laptop"),
        Register(Store(store_path, clock), clock, "kim@desk"),
    )


def test_restore_asks_on_a_healthy_store_keeps_what_it_replaces_and_undo_stops_there(
    cli: Cli, store_path: Path, clock: FixedClock
) -> None:
    sam, kim = _two_writers(store_path, clock)
    sam.add("sam's old idea")
    sam.add("sam's second idea")  # keeps the day's backup: the store with one idea
    (backup,) = sam.store.backups()
    clock.advance(days=1)
    kim.add("kim's new idea")
    before = store_path.read_bytes()
    refused = cli("doctor", "--restore", backup.name)
    assert refused.code == 2
    assert "is healthy: add --yes" in refused.err
    assert store_path.read_bytes() == before
    first = cli("doctor", "--restore", backup.name, "--yes")
    assert first.code == 0, first.err
    second = cli("doctor", "--restore", backup.name, "--yes")
    assert second.code == 0, second.err
    kept = sorted(store_path.parent.glob("backups/improve.*.before-restore.json"))
    assert len(kept) == 2
    assert kept[0].read_bytes() == before  # two restores in a row lose nothing
    assert [i.title for i in sam.initiatives()] == ["sam's old idea"]
    undone = cli("undo")  # sam's "add" is in the restored journal: older than the restore
    assert undone.code == 2
    assert "since the store was restored" in undone.err
    assert "cannot be undone" in undone.err
    assert [i.title for i in sam.initiatives()] == ["sam's old idea"]
    back = cli("doctor", "--restore", kept[0].name, "--yes")
    assert back.code == 0, back.err
    titles = {i.title for i in sam.initiatives()}
    assert titles == {"sam's old idea", "sam's second idea", "kim's new idea"}


def test_a_change_after_a_restore_is_still_undoable(cli: Cli, store_path: Path) -> None:
    assert cli("add", "one").code == 0
    assert cli("add", "two").code == 0
    (backup,) = store_path.parent.glob("backups/*.daily.json")
    assert cli("doctor", "--restore", backup.name, "--yes").code == 0
    assert (
        cli("add", "three", env={"IMPROVE_NOW": (NOW + timedelta(hours=1)).isoformat()}).code == 0
    )
    undone = cli("undo")
    assert undone.code == 0, undone.err
    assert "three" in undone.out


def test_a_damaged_backup_is_not_restored(cli: Cli, register: Register, store_path: Path) -> None:
    register.add("one")
    folder = register.store.backups_dir
    folder.mkdir(parents=True, exist_ok=True)
    bad = folder / "improve.20261101T000000000000.manual.json"
    bad.write_text('{"initiatives": {"x": {"id": "x", "title": 5}}}')
    before = store_path.read_bytes()
    result = cli("doctor", "--restore", bad.name, "--yes")
    assert result.code == 2
    assert "cannot be restored" in result.err
    assert store_path.read_bytes() == before
