"""`improve doctor` explains a broken store and restores a backup; real processes exit right."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from improve.service import Register
from tests.conftest import NOW, Cli


def test_doctor_on_a_healthy_store(cli: Cli, register: Register) -> None:
    register.add("fine")
    register.add("also fine")  # the first overwrite of the day keeps a daily backup
    result = cli("doctor")
    assert result.code == 0
    assert "ok   improve.json: 2 initiatives" in result.out
    assert "backups (1)" in result.out
    assert ".daily.json" in result.out


def test_doctor_names_the_problem_and_the_backup_then_restores_it(
    cli: Cli, register: Register, store_path: Path
) -> None:
    register.add("precious")
    backup = register.store.backup(store_path, "manual")
    assert backup is not None
    store_path.write_text('{"initiatives": ')
    report = cli("doctor")
    assert report.code == 1
    assert "BAD  improve.json: not valid JSON" in report.out
    assert f"improve doctor --restore {backup.name}" in report.out
    restored = cli("doctor", "--restore", backup.name)
    assert restored.code == 0, restored.err
    assert f"restored {store_path}" in restored.out
    assert [i.title for i in register.initiatives()] == ["precious"]
    (aside,) = store_path.parent.glob("backups/improve.*.before-restore.json")
    assert aside.read_text() == '{"initiatives": '
    assert f"kept as {aside.name}" in restored.out


def test_restoring_a_missing_backup_is_bad_input(cli: Cli) -> None:
    result = cli("doctor", "--restore", "nope.json")
    assert result.code == 2
    assert "no backup 'nope.json'" in result.err


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "IMPROVE_DB": str(tmp_path / "store" / "improve.json"),
        "IMPROVE_NOW": NOW.isoformat(),
        "IMPROVE_CONFIG": str(tmp_path / "none.toml"),
    }
    return subprocess.run(
        [sys.executable, "-m", "improve", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_a_real_process_exits_0_1_2(tmp_path: Path) -> None:
    added = _run(tmp_path, "add", "real", "process")
    assert added.returncode == 0
    assert added.stdout.split()[1:] == [
        "proposed:",
        "real",
        "process",
        "next:",
        "What",
        "is",
        "the",
        "vision?",
        "(improve",
        "edit",
        added.stdout.split()[0],
        "--vision",
        "...)",
    ]
    bad = _run(tmp_path, "show", "nothex")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.startswith("improve: bad id 'nothex'")
    (tmp_path / "store" / "improve.json").write_text("[]")
    broken = _run(tmp_path, "list")
    assert broken.returncode == 1
    assert "improve.json: not an improve store" in broken.stderr
    assert "Traceback" not in broken.stderr
