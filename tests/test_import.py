"""Imports from Taskwarrior and from a CSV sheet: by id, so a second import changes nothing."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from tests.conftest import NOW, Cli

DATA = Path(__file__).parent / "data"
TASKS = DATA / "task-export.json"


def rows(cli: Cli) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(cli("list", "--all", "--json").out)
    return found


LEFTOVERS = "no home here for: recurring template, skipped (1 task), wait (1 task)"


def shown(cli: Cli, key: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(cli("show", key, "--json").out)
    return found


def test_a_task_export_imported_twice_gives_no_duplicates(cli: Cli) -> None:
    first = cli("import", str(TASKS), "--format", "taskwarrior")
    assert first.code == 0, first.err
    assert first.out.splitlines() == ["imported: 4 added, 0 updated, 0 unchanged", LEFTOVERS]
    again = cli("import", str(TASKS), "--format", "taskwarrior")
    assert again.out.splitlines()[0] == "imported: 0 added, 0 updated, 4 unchanged"
    found = {row["title"]: row for row in rows(cli)}
    assert len(found) == len(rows(cli)) == 4
    assert "Weekly report" not in found
    deploy = found["Réduire le temps de déploiement — 30 min → 10 min"]
    assert deploy["id"] == "6f1c2d3e4b5a4c6d8e7f901a2b3c4d5e"
    assert (deploy["status"], deploy["principle"], deploy["value"]) == ("active", "automate", 5)
    assert deploy["tags"] == ["automate", "ci"]
    assert found["Self-service password reset for 社内 users"]["status"] == "done"
    assert found["Follow up on the noisy alerts"]["status"] == "proposed"


def test_dates_annotations_and_closing_come_across(cli: Cli) -> None:
    cli("import", str(TASKS), "--format", "taskwarrior")
    done = shown(cli, "0a1b")
    assert done["created"] == "2026-09-15T12:00:00+00:00"
    assert done["updated"] == "2026-10-20T16:30:00+00:00"
    assert done["team"] == "service-desk"
    closing = [c for c in done["history"] if c["field"] == "status"]
    assert [(c["at"], c["new"]) for c in closing] == [("2026-10-20T16:30:00+00:00", "done")]
    assert [n["text"] for n in shown(cli, "6f1c")["notes"]] == [
        "Baseline measured: 31 min median over 20 deploys",
        "Canary job ready ✓ — waiting on Søren's review",
    ]
    dropped = shown(cli, "1111")
    assert (dropped["status"], dropped["reason"]) == ("dropped", "deleted in Taskwarrior")


def test_a_newer_export_updates_but_never_undoes_a_later_edit_here(
    cli: Cli, tmp_path: Path
) -> None:
    cli("import", str(TASKS), "--format", "taskwarrior")
    assert cli("edit", "abcd", "--owner", "kim").code == 0
    tasks = json.loads(TASKS.read_bytes())
    tasks[0].update(description="Deploy in 10 minutes", modified="20261122T100000Z")
    tasks[0]["annotations"].append({"entry": "20261122T100000Z", "description": "Done in CI"})
    tasks[4].update(description="Alerts: follow up", modified="20261120T080000Z", priority="M")
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(tasks), encoding="utf-8")
    dry = cli("import", str(newer), "--format", "taskwarrior", "--dry-run")
    assert dry.out.splitlines() == [
        "update  Deploy in 10 minutes: title, 1 note added",
        "update  Alerts: follow up: title, value",
        "would import: 0 added, 2 updated, 2 unchanged",
        LEFTOVERS,
    ]
    assert cli("import", str(newer), "--format", "taskwarrior").code == 0
    assert shown(cli, "6f1c")["title"] == "Deploy in 10 minutes"
    assert shown(cli, "abcd")["owner"] == "kim"
    cli("edit", "abcd", "--title", "Noisy alerts")
    assert "4 unchanged\n" in cli("import", str(newer), "--format", "taskwarrior").out
    assert shown(cli, "abcd")["title"] == "Noisy alerts"


def test_a_dry_run_writes_nothing_and_undo_reverts_an_import(cli: Cli, store_path: Path) -> None:
    dry = cli("import", str(TASKS), "--format", "taskwarrior", "--dry-run")
    assert dry.code == 0
    assert dry.out.splitlines()[-2] == "would import: 4 added, 0 updated, 0 unchanged"
    assert not store_path.exists()
    cli("import", str(TASKS), "--format", "taskwarrior")
    assert cli("undo").out.strip() == "undone: import 4 initiatives"
    assert rows(cli) == []


def sheet(tmp_path: Path, text: str, minutes_ago: int = 60) -> Path:
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8")
    saved = (NOW - timedelta(minutes=minutes_ago)).timestamp()
    os.utime(path, (saved, saved))
    return path


SHEET = (
    "title,principle,owner,status,value,effort,tags\n"
    'Cut deploy time,automate,sam,active,4,2,"ci, ops"\n'
    "Faster onboarding,value,,,5,,\n"
)


def test_a_csv_sheet_imports_once_and_a_saved_change_updates(cli: Cli, tmp_path: Path) -> None:
    path = sheet(tmp_path, SHEET)
    assert cli("import", str(path), "--format", "csv").out.startswith("imported: 2 added")
    assert cli("import", str(path), "--format", "csv").out.endswith("2 unchanged\n")
    found = {row["title"]: row for row in rows(cli)}
    deploy = found["Cut deploy time"]
    assert (deploy["owner"], deploy["status"], deploy["value"], deploy["effort"]) == (
        "sam",
        "active",
        4,
        2,
    )
    assert deploy["tags"] == ["ci", "ops"]
    path = sheet(tmp_path, SHEET.replace("active,4", "blocked,4"), minutes_ago=10)
    result = cli("import", str(path), "--format", "csv", "--dry-run")
    assert result.out.splitlines()[0] == "update  Cut deploy time: status"
    cli("import", str(path), "--format", "csv")
    assert {row["title"]: row["status"] for row in rows(cli)}["Cut deploy time"] == "blocked"


def test_a_semicolon_sheet_with_an_id_column(cli: Cli, tmp_path: Path) -> None:
    text = "id;title;status\nOPS-1;Réduire les alertes;done\nOPS-2;Réduire les alertes;\n"
    assert cli("import", str(sheet(tmp_path, text)), "--format", "csv").code == 0
    assert sorted(row["status"] for row in rows(cli)) == ["done", "proposed"]


def test_bad_sheets_and_files_say_where(cli: Cli, tmp_path: Path) -> None:
    twice = cli("import", str(sheet(tmp_path, "title\nA\na\n")), "--format", "csv")
    assert (twice.code, twice.err.strip()) == (
        2,
        f"improve: {tmp_path / 'sheet.csv'}: line 3 is line 2 again: give each an id",
    )
    bad = cli("import", str(sheet(tmp_path, "title,value\nA,9\n")), "--format", "csv")
    assert bad.code == 2
    assert "line 2: value must be 1 to 5, not 9" in bad.err
    assert cli("import", str(tmp_path / "none.json"), "--format", "taskwarrior").code == 1
    assert cli("import", str(sheet(tmp_path, "{")), "--format", "taskwarrior").code == 2
    assert cli("import", str(TASKS), "--format", "jira").code == 2
    assert cli("import", str(TASKS), "--dry-run").code == 2


def test_an_import_backs_up_the_store_only_when_it_changes_something(
    cli: Cli, store_path: Path
) -> None:
    cli("add", "already here")  # so the first import has a store to back up
    backups = store_path.parent / "backups"

    def imports() -> list[str]:
        return sorted(p.name for p in backups.glob("*.import.*")) if backups.exists() else []

    cli("import", str(TASKS), "--format", "taskwarrior")
    assert len(imports()) == 1
    again = cli("import", str(TASKS), "--format", "taskwarrior")
    assert again.out.splitlines()[0] == "imported: 0 added, 0 updated, 4 unchanged"
    assert len(imports()) == 1
    export = store_path.parent / "all.json"
    cli("export", "-o", str(export))
    assert cli("import", str(export)).out.strip() == "imported: 0 added, 0 updated, 5 unchanged"
    assert len(imports()) == 1


def test_due_scheduled_and_every_field_with_a_home_are_kept(cli: Cli, tmp_path: Path) -> None:
    """The issue's case: a task's `due` was silently dropped."""
    task = {
        "uuid": "12345678-1234-4234-8234-123456789abc",
        "description": "Shorter change reviews",
        "entry": "20261101T090000Z",
        "modified": "20261120T090000Z",
        "status": "pending",
        "due": "20261210T000000Z",
        "scheduled": "20261201T000000Z",
        "project": "platform",
        "priority": "M",
        "tags": ["simple", "review"],
        "annotations": [{"entry": "20261102T090000Z", "description": "asked the CAB"}],
        "estimate": "3h",
        "depends": ["abcdefab-cdef-4abc-8def-abcdefabcdef"],
        "urgency": 7.2,
        "id": 4,
    }
    source = tmp_path / "tasks.json"
    source.write_text(json.dumps([task]), encoding="utf-8")
    result = cli("import", str(source), "--format", "taskwarrior")
    assert result.out.splitlines() == [
        "imported: 1 added, 0 updated, 0 unchanged",
        "no home here for: depends (1 task), estimate (1 task)",
    ]
    ini = shown(cli, "1234")
    assert (ini["team"], ini["value"], ini["tags"]) == ("platform", 3, ["simple", "review"])
    assert [n["text"] for n in ini["notes"]] == ["asked the CAB"]
    dates = {i["title"]: i["due"] for i in ini["iterations"]}
    assert dates == {"due in Taskwarrior": "2026-12-10", "scheduled in Taskwarrior": "2026-12-01"}
    assert ini["next_due"] == "2026-12-01"
    assert "Shorter change reviews" in cli("list", "--due-before", "2026-12-10").out
    assert "1 unchanged" in cli("import", str(source), "--format", "taskwarrior").out
    task.update(due="20261215T000000Z", modified="20261122T090000Z")
    source.write_text(json.dumps([task]), encoding="utf-8")
    assert "1 updated" in cli("import", str(source), "--format", "taskwarrior").out
    moved = {i["title"]: i["due"] for i in shown(cli, "1234")["iterations"]}
    assert moved["due in Taskwarrior"] == "2026-12-15"


def test_a_sheet_says_which_columns_had_no_home(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("title,owner,cost,notes\nFaster builds,sam,300,\nLess toil,ana,,later\n")
    result = cli("import", str(sheet), "--format", "csv")
    assert result.out.splitlines()[-1] == "no home here for: cost (1 row), notes (1 row)"
