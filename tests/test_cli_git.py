"""`improve merge` as git calls it, and `improve git-setup`: exit codes, files, idempotence."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from improve.service import Register
from tests.conftest import Cli


@pytest.fixture
def sides(register: Register, store_path: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A base, then ours and theirs each with one more initiative."""
    register.add("Shared")
    base = tmp_path / "base.json"
    shutil.copy(store_path, base)
    theirs_store = tmp_path / "theirs" / "improve.json"
    theirs_store.parent.mkdir()
    shutil.copy(store_path, theirs_store)
    register.add("Ours")
    Register(type(register.store)(theirs_store, register.clock), register.clock, "kim").add(
        "Theirs"
    )
    return base, store_path, theirs_store


def titles(path: Path) -> set[str]:
    return {r["title"] for r in json.loads(path.read_bytes())["initiatives"].values()}


def test_merge_writes_the_join_into_ours_after_a_backup(
    cli: Cli, sides: tuple[Path, Path, Path]
) -> None:
    base, ours, theirs = sides
    result = cli("merge", str(base), str(ours), str(theirs), str(ours))
    assert result.code == 0, result.err
    assert (
        result.out.strip() == "improve: merged improve.json: 3 initiatives, 1 from theirs, 0 joined"
    )
    assert titles(ours) == {"Shared", "Ours", "Theirs"}
    assert any(p.name.endswith(".merge.json") for p in (ours.parent / "backups").iterdir())
    lines = ours.read_bytes().splitlines()
    assert len(lines) > 6
    again = cli("merge", str(base), str(ours), str(theirs), str(ours))
    assert again.out.strip().endswith("3 initiatives, 0 from theirs, 0 joined")


def test_an_unreadable_side_leaves_ours_untouched(
    cli: Cli, sides: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    base, ours, theirs = sides
    before = ours.read_bytes()
    assert cli("merge", str(tmp_path / "no-base.json"), str(ours), str(theirs)).code == 1
    broken = tmp_path / "broken.json"
    broken.write_text('{"initiatives": {"x": ', encoding="utf-8")
    newer = tmp_path / "newer.json"
    newer.write_text('{"meta": {"schema": {"schema": 99}}}', encoding="utf-8")
    for other in (broken, newer, tmp_path / "missing.json"):
        result = cli("merge", str(base), str(ours), str(other))
        assert result.code == 1
        assert result.err.startswith(f"improve: cannot merge: {other}: ")
        assert result.err.strip().endswith("nothing was written")
        assert ours.read_bytes() == before


def test_an_empty_base_is_a_two_way_merge(cli: Cli, sides: tuple[Path, Path, Path]) -> None:
    base, ours, theirs = sides
    base.write_bytes(b"")
    assert cli("merge", str(base), str(ours), str(theirs)).code == 0
    assert titles(ours) == {"Shared", "Ours", "Theirs"}


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_setup_is_idempotent_and_needs_a_repository(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    monkeypatch.chdir(repo)
    assert cli("git-setup").code == 2
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    store = {"IMPROVE_DB": str(repo / "team.json")}
    first = cli("git-setup", env=store)
    assert first.code == 0, first.err
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert attributes == ["team.json merge=improve", "team-archive-*.json merge=improve"]
    assert "team.json.lock" in (repo / ".gitignore").read_text(encoding="utf-8")
    again = cli("git-setup", env=store)
    assert again.out.count("already set") == 4
    assert (repo / ".gitattributes").read_text(encoding="utf-8").splitlines() == attributes
    driver = subprocess.run(
        ["git", "config", "--get", "merge.improve.driver"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    assert driver.stdout.strip().endswith("merge %O %A %B %P")
