"""Files at the edges: planted symlinks, fifos, directories, read-only and full disks.

Every OS error is one line naming the file (exit 1) and leaves the store as it was.
Disk-full and read-only-filesystem cases mount a small tmpfs, so they run only as root
where `mount` works; the others run everywhere.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from improve.service import Register
from tests.conftest import NOW, Cli

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _one_line_naming(result: object, path: Path) -> None:
    err = result.err  # type: ignore[attr-defined]
    assert result.code == 1, result  # type: ignore[attr-defined]
    assert str(path) in err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err


# --- item 5: -o never follows a planted link, and exports are private -----------------


def test_a_symlink_planted_at_the_old_temp_name_is_never_followed(
    cli: Cli, register: Register, store_path: Path, tmp_path: Path
) -> None:
    register.add("precious")
    before = store_path.read_bytes()
    shared = tmp_path / "shared"
    shared.mkdir()
    for name in ("retro.md", "all.json"):
        (shared / f".{name}.{os.getpid()}.tmp").symlink_to(store_path)
    assert cli("retro", "-o", str(shared / "retro.md")).code == 0
    assert cli("export", "-o", str(shared / "all.json")).code == 0
    assert store_path.read_bytes() == before
    assert not (shared / "retro.md").is_symlink()


def test_an_export_is_private_and_a_retro_follows_the_umask(
    cli: Cli, register: Register, tmp_path: Path
) -> None:
    register.add("whole store")
    old = os.umask(0o022)
    try:
        assert cli("export", "-o", str(tmp_path / "all.json")).code == 0
        assert cli("retro", "-o", str(tmp_path / "retro.md")).code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "all.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "retro.md").stat().st_mode) == 0o644


def test_force_over_a_symlink_replaces_the_link_not_its_target(
    cli: Cli, register: Register, tmp_path: Path
) -> None:
    register.add("x")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "out.md").symlink_to(victim)
    assert cli("retro", "-o", str(tmp_path / "out.md"), "--force").code == 0
    assert victim.read_text() == "keep me"
    assert not (tmp_path / "out.md").is_symlink()


# --- item 8: what is at the store's path -----------------------------------------------


def _run(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "IMPROVE_DB": str(store),
        "IMPROVE_NOW": NOW.isoformat(),
        "IMPROVE_WRITER": "sam",
        "IMPROVE_CONFIG": str(store.parent / "none.toml"),
    }
    return subprocess.run(
        [sys.executable, "-m", "improve", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("command", [("list",), ("add", "x"), ("doctor",), ("export",)])
def test_a_fifo_at_the_store_path_is_refused_not_waited_on(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    store = tmp_path / "improve.json"
    os.mkfifo(store)
    done = _run(store, *command)
    assert done.returncode == 1, done
    assert str(store) in done.stderr or str(store) in done.stdout
    assert "not a regular file (a fifo)" in done.stderr + done.stdout


@pytest.mark.parametrize("command", [("list",), ("add", "x"), ("doctor",)])
def test_a_directory_at_the_store_path_is_one_line(
    cli: Cli, store_path: Path, command: tuple[str, ...]
) -> None:
    store_path.mkdir(parents=True)
    result = cli(*command)
    assert result.code == 1
    assert "not a regular file (a directory)" in result.err + result.out
    assert "Traceback" not in result.err


def test_a_read_only_store_file_is_not_replaced(
    cli: Cli, register: Register, store_path: Path
) -> None:
    register.add("frozen")
    store_path.chmod(0o444)
    before = store_path.read_bytes()
    result = cli("add", "more")
    _one_line_naming(result, store_path)
    assert "is read-only" in result.err
    assert store_path.read_bytes() == before


@pytest.mark.skipif(ROOT, reason="root reads a mode-000 file anyway")
def test_a_mode_000_store_is_one_line(cli: Cli, register: Register, store_path: Path) -> None:
    register.add("hidden")
    store_path.chmod(0)
    try:
        for command in (("list",), ("doctor",)):
            result = cli(*command)
            assert result.code == 1
            assert "Permission denied" in result.err + result.out
    finally:
        store_path.chmod(0o600)


def test_a_symlinked_store_is_written_through_to_its_target(
    cli: Cli, tmp_path: Path, store_path: Path
) -> None:
    real = tmp_path / "synced" / "improve.json"
    real.parent.mkdir()
    store_path.parent.mkdir(parents=True)
    store_path.symlink_to(real)
    for n in range(3):
        assert cli("add", f"idea {n}").code == 0
    assert store_path.is_symlink()
    assert b"idea 2" in real.read_bytes()
    assert [p.name for p in real.parent.iterdir()] == ["improve.json"]


# --- injected OS errors: every write path says one line --------------------------------


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO])
@pytest.mark.parametrize("command", ["add", "import", "merge", "restore", "first-backup"])
def test_every_os_error_on_write_is_one_line_naming_the_file(
    cli: Cli,
    register: Register,
    store_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    code: int,
    command: str,
) -> None:
    from improve.store import atomic

    key = register.key(register.add("kept").id)
    register.note(key, "a second write keeps the day's backup")
    export = tmp_path / "export.json"
    assert cli("export", "-o", str(export)).code == 0
    other = tmp_path / "other.json"
    shutil.copy(store_path, other)
    backup = register.store.newest_backup()
    assert backup is not None
    before = store_path.read_bytes()
    args = {
        "add": ["add", "more"],
        "import": ["import", str(export)],
        "merge": ["merge", str(other), str(store_path), str(other)],
        "restore": ["doctor", "--restore", backup.name, "--yes"],
        "first-backup": ["add", "the next day"],
    }[command]
    env = {"IMPROVE_NOW": "2026-11-30T09:00:00+00:00"} if command == "first-backup" else {}
    export.write_bytes(export.read_bytes().replace(b'"kept"', b'"kept, changed"'))
    export.write_bytes(export.read_bytes().replace(b'"updated":"2026', b'"updated":"2027'))

    def failing(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "replace", failing)
    result = cli(*args, env=env)
    assert result.code == 1, result
    assert os.strerror(code) in result.err
    assert str(store_path.parent) in result.err
    assert len(result.err.splitlines()) == 1
    assert "Traceback" not in result.err
    assert store_path.read_bytes() == before
    leftovers = list(tmp_path.rglob(".*.tmp"))
    assert leftovers == []


# --- real full and read-only filesystems (root, with mount) -----------------------------


@contextlib.contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[Path]:
    if not ROOT or shutil.which("mount") is None:
        pytest.skip("needs root and mount for a small tmpfs")
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def test_a_full_disk_is_one_line_and_loses_nothing(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "small", "256k") as folder:
        store = folder / "improve.json"
        added = _run(store, "add", "before the disk fills")
        assert added.returncode == 0
        key = added.stdout.split()[0]
        filler = folder / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as out:
            while True:
                out.write(b"\0" * 4096)
                out.flush()
        before = store.read_bytes()
        for args in (("add", "x" * 150), ("note", key, "y" * 5000), ("edit", key, "--title", "z")):
            done = _run(store, *args)
            assert done.returncode == 1, done
            assert "No space left on device" in done.stderr
            assert str(folder) in done.stderr
            assert len(done.stderr.splitlines()) == 1
        assert store.read_bytes() == before
        assert [p.name for p in folder.rglob(".*.tmp")] == []
        filler.unlink()
        assert "before the disk fills" in _run(store, "list").stdout


def test_a_read_only_filesystem_is_one_line(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "ro", "1m") as folder:
        store = folder / "improve.json"
        assert _run(store, "add", "written").returncode == 0
        remount = ["mount", "-o", "remount,ro", str(folder)]
        if subprocess.run(remount, capture_output=True, check=False).returncode != 0:
            pytest.skip("cannot remount read-only")
        done = _run(store, "add", "refused")
        assert done.returncode == 1
        assert "Read-only file system" in done.stderr
        assert len(done.stderr.splitlines()) == 1
        assert "written" in _run(store, "list").stdout
