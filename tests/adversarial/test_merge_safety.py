"""The merge driver never deletes by accident.

A side that is not a store (empty, blank, `{}`, not JSON) fails the merge and leaves
OURS as it was; a side that merely lacks records (an older copy committed over the
store) loses none of them; a side carrying a bad record is refused as bad input. And
through real git: a clone that commits an empty store makes the other's pull stop on a
conflict, with every record still there.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from improve.clock import FixedClock
from improve.service import Register
from improve.store.storage import Store
from tests.conftest import Cli
from tests.test_git_merge import Clone, team

__all__ = ["team"]

NOT_A_STORE = ["", "   \n", "{}", "{\n}\n", "[]", "null", "not json", '{"initiatives": {}}']


@pytest.fixture
def three(register: Register, store_path: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """Three initiatives in the base; ours adds a fourth; theirs is a copy of the base."""
    for n in (1, 2, 3):
        register.add(f"r{n}")
    base, theirs = tmp_path / "base.json", tmp_path / "theirs.json"
    shutil.copy(store_path, base)
    shutil.copy(store_path, theirs)
    register.add("ours only")
    return base, store_path, theirs


def titles(path: Path) -> set[str]:
    return {r["title"] for r in json.loads(path.read_bytes())["initiatives"].values()}


@pytest.mark.parametrize("content", NOT_A_STORE)
@pytest.mark.parametrize("side", [1, 2])
def test_a_side_that_is_not_a_store_fails_the_merge_and_leaves_ours(
    cli: Cli, three: tuple[Path, Path, Path], content: str, side: int
) -> None:
    three[side].write_text(content)
    before = three[1].read_bytes()
    result = cli("merge", *(str(p) for p in three))
    assert result.code != 0
    assert str(three[side]) in result.err
    assert "nothing was written" in result.err
    assert len(result.err.splitlines()) == 1
    assert three[1].read_bytes() == before


def test_a_side_that_lost_records_loses_nothing(
    cli: Cli, three: tuple[Path, Path, Path], clock: FixedClock
) -> None:
    base, ours, theirs = three
    older = Store(theirs, clock)
    with older.transaction() as session:  # an older copy: r2 and r3 are not in it
        session.db.table("initiatives").remove(lambda r: r["title"] in ("r2", "r3"))
    assert titles(theirs) == {"r1"}
    result = cli("merge", str(base), str(ours), str(theirs))
    assert result.code == 0, result.err
    assert titles(ours) == {"r1", "r2", "r3", "ours only"}


def test_a_side_with_a_bad_record_is_refused_as_bad_input(
    cli: Cli, three: tuple[Path, Path, Path]
) -> None:
    base, ours, theirs = three
    data = json.loads(theirs.read_text())
    record_id = next(iter(data["initiatives"]))
    data["initiatives"][record_id]["title"] = "\x1b]0;pwned\x07"
    theirs.write_text(json.dumps(data))
    before = ours.read_bytes()
    result = cli("merge", str(base), str(ours), str(theirs))
    assert result.code == 2
    assert f"initiative {record_id}, field title: contains a control character" in result.err
    assert "\x1b" not in result.err
    assert ours.read_bytes() == before


def test_a_record_moved_to_an_archive_still_leaves_the_main_file(
    cli: Cli, register: Register, store_path: Path, tmp_path: Path, clock: FixedClock
) -> None:
    from improve.domain.model import Status

    key = register.key(register.add("finished work").id)
    register.add("stays")
    register.set_status(key, Status.DROPPED, "no longer needed")
    base, theirs = tmp_path / "base.json", tmp_path / "theirs.json"
    shutil.copy(store_path, base)
    clock.advance(days=30)
    register.add("sweeps the dropped one into an archive")
    shutil.copy(store_path, theirs)
    shutil.copy(base, store_path)
    register.add("ours, meanwhile")
    result = cli("merge", str(base), str(store_path), str(theirs))
    assert result.code == 0, result.err
    assert "finished work" not in titles(store_path)
    assert {"stays", "ours, meanwhile"} <= titles(store_path)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("content", ["", "  \n", "{}"])
def test_through_git_an_empty_store_pulled_is_a_conflict_and_nothing_is_lost(
    team: tuple[Clone, Clone], content: str
) -> None:
    alex, sam = team
    (alex.path / "improve.json").write_text(content)
    alex.commit("oops: an empty store")
    alex.git("push", "-q")
    sam.improve("add", "Sam's idea")
    sam.commit("sam's idea")
    pulled = subprocess.run(
        ["git", "pull", "-q", "--no-rebase", "--no-edit"],
        cwd=sam.path,
        env=sam.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert pulled.returncode != 0
    assert "CONFLICT" in pulled.stdout + pulled.stderr
    assert "improve.json" in sam.git("diff", "--name-only", "--diff-filter=U")
    rows = json.loads(sam.improve("list", "--all", "--json"))
    assert {"Cut deploy time", "Faster onboarding", "Sam's idea"} <= {r["title"] for r in rows}
