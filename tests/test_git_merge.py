"""Two clones of a store repository diverge, pull each other through the real driver, and agree.

Real `git` and the real `improve` command in subprocesses: what a team does every day.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NOW

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


class Clone:
    """One team member: a git clone holding the store, and their writer id."""

    def __init__(self, path: Path, who: str) -> None:
        self.path = path
        self.env = {
            **os.environ,
            "IMPROVE_DB": str(path / "improve.json"),
            "IMPROVE_WRITER": who,
            "IMPROVE_CONFIG": str(path.parent / f"{who}.toml"),
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": who,
            "GIT_AUTHOR_EMAIL": f"{who}@example.org",
            "GIT_COMMITTER_NAME": who,
            "GIT_COMMITTER_EMAIL": f"{who}@example.org",
        }

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, f"git {args}: {done.stdout}{done.stderr}"
        return done.stdout + done.stderr

    def improve(self, *args: str, day: int = 0) -> str:
        env = {**self.env, "IMPROVE_NOW": (NOW + timedelta(days=day)).isoformat()}
        done = subprocess.run(
            [sys.executable, "-m", "improve", *args],
            cwd=self.path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, f"improve {args}: {done.stderr}"
        return done.stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def show(self, key: str, day: int = 0) -> dict[str, Any]:
        found: dict[str, Any] = json.loads(self.improve("show", key, "--json", day=day))
        return found

    def store_files(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(self.path.glob("improve*.json"))}


@pytest.fixture
def team(tmp_path: Path) -> tuple[Clone, Clone]:
    """Alex starts the store repository and pushes it; Sam clones it. Both set up the driver."""
    origin = tmp_path / "origin.git"
    alex = Clone(tmp_path / "alex", "alex")
    alex.path.mkdir()
    alex.git("init", "-q", "-b", "main")
    said = alex.improve("git-setup")
    assert ".gitattributes: added" in said
    alex.improve("add", "Cut deploy time", "--owner", "alex")
    alex.improve("add", "Faster onboarding")
    alex.commit("a store")
    bare = ["git", "init", "-q", "--bare", "-b", "main", str(origin)]
    subprocess.run(bare, check=True, env=alex.env)
    alex.git("remote", "add", "origin", str(origin))
    alex.git("push", "-q", "-u", "origin", "main")
    sam = Clone(tmp_path / "sam", "sam")
    subprocess.run(["git", "clone", "-q", str(origin), str(sam.path)], check=True, env=sam.env)
    assert "already set" in sam.improve("git-setup")
    return alex, sam


def key_of(clone: Clone, title: str) -> str:
    rows = json.loads(clone.improve("list", "--all", "--json"))
    return str(next(row["key"] for row in rows if row["title"] == title))


def test_two_clones_diverge_merge_without_conflict_and_converge(team: tuple[Clone, Clone]) -> None:
    alex, sam = team
    key = key_of(alex, "Cut deploy time")
    alex.improve("metric", key, "lead", "--better", "down", "--baseline", "60", "--target", "20")
    alex.commit("metric")
    alex.git("push", "-q")
    sam.git("pull", "-q")
    alex.improve("edit", key, "--title", "Deploys under 20 min", day=1)
    alex.improve("measure", key, "50", day=1)
    alex.improve("add", "Alex's idea", day=1)
    alex.commit("alex's day")
    sam.improve("edit", key, "--title", "Deploys in ten minutes", day=2)
    sam.improve("measure", key, "45", day=2)
    sam.improve("add", "Sam's idea", day=2)
    sam.commit("sam's day")
    alex.git("push", "-q")
    sam.git("pull", "-q", "--no-rebase", "--no-edit")
    alex.git("pull", "-q", "--no-rebase", "--no-edit", str(sam.path), "main")
    assert "CONFLICT" not in sam.git("status")
    assert sam.store_files() == alex.store_files()
    shown = sam.show(key, day=2)
    assert shown["title"] == "Deploys in ten minutes"
    assert sorted(m["value"] for m in shown["measurements"]) == [45.0, 50.0]
    lost = [c for c in shown["history"] if c["change"].startswith("merge: lost to sam")]
    assert [(c["old"], c["new"]) for c in lost] == [("Deploys under 20 min", shown["title"])]
    titles = {row["title"] for row in json.loads(alex.improve("list", "--json", day=2))}
    assert {"Alex's idea", "Sam's idea", "Faster onboarding"} <= titles


def test_a_record_archived_in_one_clone_and_edited_in_the_other_ends_up_once(
    team: tuple[Clone, Clone],
) -> None:
    alex, sam = team
    key = key_of(alex, "Faster onboarding")
    alex.improve("done", key, day=1)
    alex.commit("done")
    alex.git("push", "-q")
    sam.git("pull", "-q")
    alex.improve("add", "A later idea", day=40)
    assert (alex.path / "improve-archive-2026Q4.json").exists()
    alex.commit("archived")
    sam.improve("note", key, "lesson: ask new starters first", "--lesson", day=2)
    sam.commit("lesson")
    alex.git("push", "-q")
    sam.git("pull", "-q", "--no-rebase", "--no-edit")
    rows = json.loads(sam.improve("list", "--all", "--json", day=40))
    assert [r["title"] for r in rows].count("Faster onboarding") == 1
    sam.improve("add", "Any write mends the files", day=40)
    main = json.loads((sam.path / "improve.json").read_bytes())
    archive = json.loads((sam.path / "improve-archive-2026Q4.json").read_bytes())
    records = archive["initiatives"]
    (record_id,) = [i for i, r in records.items() if r["title"] == "Faster onboarding"]
    assert record_id not in main["initiatives"]
    kept = archive["initiatives"][record_id]
    assert kept["status"] == "done"
    assert [n["text"] for n in kept["notes"]] == ["lesson: ask new starters first"]
    sam.commit("mended")
    sam.git("push", "-q")
    alex.git("pull", "-q", "--no-rebase", "--no-edit")
    assert alex.store_files() == sam.store_files()
