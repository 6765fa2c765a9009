"""The command line: each command's happy path, and each bad input with its exit code."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from improve.service import Register
from improve.text.cells import cells
from tests.conftest import Cli


def test_add_prints_a_short_key_and_the_next_question(cli: Cli) -> None:
    result = cli("add", "Cut", "deploy", "time", "-p", "automate", "--owner", "sam", "--value", "4")
    assert result.code == 0, result.err
    key, _, rest = result.out.partition("  ")
    assert len(key) == 4
    assert int(key, 16) >= 0
    assert rest.startswith("proposed: Cut deploy time")
    assert "What is the vision?" in result.out


def test_list_shows_value_first(cli: Cli) -> None:
    cli("add", "low value", "--value", "1", "--effort", "5")
    cli("add", "quick win", "--value", "5", "--effort", "1")
    result = cli("list")
    lines = result.out.splitlines()
    assert "quick win" in lines[1]
    assert "low value" in lines[2]
    assert lines[-1] == "2 initiatives"


def test_value_decides_and_the_insights_agree_with_the_order(cli: Cli) -> None:
    """The issue's case: value 2, effort 1 ranked above value 5, effort 3, and Insights
    then warned about it; now it ranks below, and the warning says it ranks below."""
    cli("add", "small chore", "--value", "2", "--effort", "1")
    later = cli.key("add", "worth more", "--value", "5", "--effort", "3")
    sooner = cli.key("add", "worth more sooner", "--value", "5", "--effort", "3")
    assert cli("iter", later, "first cut", "--due", "+9d").code == 0
    assert cli("iter", sooner, "first cut", "--due", "+2d").code == 0
    titles = [row["title"] for row in json.loads(cli("list", "--json").out)]
    assert titles == ["worth more sooner", "worth more", "small chore"]
    insights = cli("insights").out
    assert "Quick wins, ranked after higher-value work" in insights
    assert "small chore (value 2, effort 1; ranks after 2 higher-value waiting)" in insights
    usage = " ".join(cli("list", "--help").out.split())
    assert "value first: value high to low, then effort low to high, then the next due" in usage


def test_list_json_has_documented_fields(cli: Cli) -> None:
    key = cli.key("add", "Faster onboarding", "-p", "value", "--tag", "people")
    rows = json.loads(cli("list", "--json").out)
    assert len(rows) == 1
    row = rows[0]
    assert row["key"] == key
    for name in (
        "id",
        "title",
        "principle",
        "step",
        "status",
        "owner",
        "value",
        "effort",
        "tags",
        "measure",
        "measurements",
        "iterations",
        "progress",
        "forecast",
        "next_due",
        "missing",
    ):
        assert name in row
    assert row["tags"] == ["people"]
    assert row["forecast"] == "unknown"


def test_metric_measure_and_progress(cli: Cli) -> None:
    key = cli.key("add", "Cut deploy time")
    result = cli(
        "metric",
        key,
        "lead time",
        "--unit",
        "min",
        "--better",
        "down",
        "--baseline",
        "60",
        "--target",
        "20",
        "--by",
        "2026-12-31",
        "--every",
        "weekly on mon",
    )
    assert result.code == 0, result.err
    result = cli("measure", key, "40", "--note", "cached deps")
    assert result.code == 0, result.err
    assert "50%" in result.out
    shown = json.loads(cli("show", key, "--json").out)
    assert shown["progress"] == pytest.approx(0.5)
    assert shown["measure"]["cadence"] == "FREQ=WEEKLY;BYDAY=MO"
    assert shown["step"] == "target"


def test_log_records_a_done_improvement(cli: Cli) -> None:
    result = cli(
        "log",
        "Removed a flaky test",
        "-p",
        "simple",
        "--before",
        "12",
        "--after",
        "3",
        "--unit",
        "min",
    )
    assert result.code == 0, result.err
    assert "logged: Removed a flaky test" in result.out
    row = json.loads(cli("list", "--all", "--json").out)[0]
    assert row["status"] == "done"
    assert row["logged"] is True
    assert row["progress"] == pytest.approx(1.0)


def test_iterations_plan_and_finish(cli: Cli) -> None:
    key = cli.key("add", "Runbook for pages")
    assert cli("iter", key, "draft", "runbook", "--due", "fri").code == 0
    result = cli("iter-done", key, "1")
    assert result.code == 0, result.err
    assert "1. [x] draft runbook  due 2026-11-27" in result.out
    assert json.loads(cli("show", key, "--json").out)["step"] == "act"


def test_step_and_status_commands(cli: Cli) -> None:
    key = cli.key("add", "Shorter standups")
    result = cli("step", key)
    assert "step 2/7 baseline" in result.out
    assert "Where are we now?" in result.out
    assert cli("step", key, "plan").code == 0
    assert (
        "blocked: Shorter standups (waiting on ops)"
        in cli("block", key, "--reason", "waiting on ops").out
    )
    assert cli("start", key).code == 0
    assert cli("done", key).code == 0
    assert json.loads(cli("show", key, "--json").out)["status"] == "done"


def test_note_and_edit(cli: Cli) -> None:
    key = cli.key("add", "Old title")
    assert cli("note", key, "users", "loved", "it", "--lesson").code == 0
    result = cli("edit", key, "--title", "New title", "--value", "5", "--tag", "ux")
    assert result.code == 0, result.err
    shown = json.loads(cli("show", key, "--json").out)
    assert shown["title"] == "New title"
    assert shown["notes"][0]["kind"] == "lesson"
    fields = {c["field"] for c in shown["history"]}
    assert {"created", "title", "value", "tags", "notes+"} <= fields


def test_show_text_lists_history(cli: Cli) -> None:
    key = cli.key("add", "Visible history")
    cli("edit", key, "--owner", "kim")
    out = cli("show", key).out
    assert "history" in out
    assert "sam@laptop: owner: - → kim" in out
    assert "sam@laptop: created" in out


def test_undo_reverts_the_last_change_and_says_so(cli: Cli) -> None:
    key = cli.key("add", "Keep me")
    cli("edit", key, "--title", "Renamed by mistake")
    result = cli("undo")
    assert result.code == 0
    assert "edit 'Keep me'" in result.out
    assert json.loads(cli("show", key, "--json").out)["title"] == "Keep me"
    assert cli("undo").out.strip() == "undone: add 'Keep me'"
    assert cli("list", "--json").out.strip() == "[]"
    assert cli("undo").code == 2


def test_undo_is_per_writer(cli: Cli) -> None:
    cli("add", "mine")
    cli("add", "theirs", env={"IMPROVE_WRITER": "kim@desk"})
    cli("undo")
    titles = [r["title"] for r in json.loads(cli("list", "--json").out)]
    assert titles == ["theirs"]


def test_prefix_of_an_id_works(cli: Cli) -> None:
    key = cli.key("add", "Prefix")
    full = json.loads(cli("show", key, "--json").out)["id"]
    assert cli("show", full[:6]).code == 0
    assert cli("show", full.upper()).code == 0


def test_export_import_is_idempotent(cli: Cli, tmp_path: Path) -> None:
    cli("add", "one")
    cli("add", "two")
    out = tmp_path / "all.json"
    assert cli("export", "-o", str(out)).code == 0
    other = {"IMPROVE_DB": str(tmp_path / "other" / "improve.json")}
    first = cli("import", str(out), env=other)
    assert first.out.strip() == "imported: 2 added, 0 updated, 0 unchanged"
    second = cli("import", str(out), env=other)
    assert second.out.strip() == "imported: 0 added, 0 updated, 2 unchanged"
    assert len(json.loads(cli("list", "--json", env=other).out)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "ffff"), "no initiative with id 'ffff'"),
        (("show", "zz"), "bad id 'zz'"),
        (("add", "   "), "empty title"),
        (("add", "bell\x07"), "control character"),
        (("add", "x", "--value", "9"), "value must be 1 to 5, not 9"),
        (("add", "x", "--value", "lots"), "'lots' is not a valid integer"),
        (("add", "x", "-p", "speed"), "unknown principle 'speed'"),
        (("list", "--status", "maybe"), "unknown status 'maybe'"),
        (("list", "--due-before", "fribday"), "bad date 'fribday'"),
        (("frobnicate",), "No such command 'frobnicate'"),
        (("import", "/nonexistent/x.json", "--format", "ical"), "unknown import format"),
    ],
)
def test_bad_input_is_one_line_and_exit_two(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli(*args)
    assert result.code == 2, (result.out, result.err)
    assert message in result.err
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err


def test_bad_numbers_and_dates_on_existing_initiative(cli: Cli) -> None:
    key = cli.key("add", "Measured")
    cli("metric", key, "csat", "--better", "up", "--baseline", "3", "--target", "4")
    assert "bad number 'abc'" in cli("measure", key, "abc").err
    assert "bad number 'nan'" in cli("measure", key, "nan").err
    assert "bad date" in cli("iter", key, "x", "--due", "someday").err
    assert (
        "not better than baseline"
        in cli("metric", key, "csat", "--better", "up", "--baseline", "4", "--target", "3").err
    )
    assert "say why it is dropped" in cli("drop", key).err
    assert "no iteration 3" in cli("iter-done", key, "3").err


def test_ambiguous_prefix(cli: Cli, register: Register) -> None:
    ids = [register.add(f"idea {n}").id for n in range(17)]
    first = Counter(i[0] for i in ids).most_common(1)[0][0]  # 17 ids, 16 digits: one repeats
    result = cli("show", first)
    assert result.code == 2
    assert f"ambiguous id '{first}' matches" in result.err


def test_the_trial_findings_stay_fixed(cli: Cli, tmp_path: Path) -> None:
    assert "--before equals --after" in cli("log", "same", "--before", "4", "--after", "4").err
    key = cli.key("add", "Measured")
    cli(
        "metric",
        key,
        "lead time",
        "--unit",
        "min",
        "--better",
        "down",
        "--baseline",
        "60",
        "--target",
        "20",
    )
    assert cli("measure", key, "-5").code == 0  # a negative value is a value, not an option
    future = cli("measure", key, "44", "--at", "2099-01-01")
    assert future.code == 2
    assert "2099-01-01 12:00 is in the future" in future.err
    assert (
        "is in the past"
        in cli(
            "metric",
            key,
            "m",
            "--better",
            "up",
            "--baseline",
            "1",
            "--target",
            "2",
            "--by",
            "2020-01-01",
        ).err
    )
    assert (
        cli("metric", key, "csat", "--better", "up", "--baseline", "1", "--target", "2").code == 0
    )
    shown = json.loads(cli("show", key, "--json").out)
    assert shown["progress"] is None  # another metric starts a new series
    assert cli("note", key, "one").out.endswith("(1 note)\n")
    out = tmp_path / "e.json"
    assert cli("export", "-o", str(out)).code == 0
    assert "exists" in cli("export", "-o", str(out)).err
    assert cli("export", "-o", str(out), "--force").code == 0


def test_a_broken_config_is_a_file_problem(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("writer = [")
    result = cli("list")
    assert result.code == 1
    assert "config.toml: not valid TOML" in result.err


def test_list_aligns_wide_characters(cli: Cli) -> None:
    cli("add", "Ünïcödé 改善 🚀 emoji", "--owner", "李", "-p", "value")
    cli("add", "plain title", "--owner", "sam", "-p", "value")
    rows = cli("list").out.splitlines()[1:3]
    starts = [cells(row[: row.index(p)]) for row, p in zip(rows, ("value", "value"), strict=True)]
    assert starts[0] == starts[1]


@pytest.mark.parametrize(
    "target",
    [
        "{store}",
        "{store}.lock",
        "{dir}/improve-archive-2031Q1.json",  # an archive that does not exist yet
        "{dir}/backups/improve.20261123T090000000000.daily.json",
        "{config}",
    ],
)
@pytest.mark.parametrize("command", ["export", "retro"])
def test_nothing_is_ever_written_over_improves_own_files(
    cli: Cli, store_path: Path, tmp_path: Path, command: str, target: str
) -> None:
    cli("add", "precious")
    before = store_path.read_bytes()
    path = target.format(store=store_path, dir=store_path.parent, config=tmp_path / "config.toml")
    result = cli(command, "-o", path, "--force")
    assert (result.code, "is one of improve's own files" in result.err) == (2, True), result.err
    assert store_path.read_bytes() == before
    if not target.startswith("{store}"):
        assert not Path(path).exists()


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"format": "improve-export", "initiatives": "x"}, "`initiatives` is not a list"),
        ({"format": "improve-export", "initiatives": [{"id": "a1"}]}, "initiative 1 of the export"),
        ({"format": "improve-export", "initiatives": [3]}, "initiative 1 of the export (id ?)"),
    ],
)
def test_a_damaged_export_is_bad_input_not_a_damaged_store(
    cli: Cli, tmp_path: Path, document: object, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    result = cli("import", str(path))
    assert result.code == 2
    assert message in result.err
    assert result.err.count("\n") == 1


def test_a_lock_file_that_cannot_be_opened_is_named(cli: Cli, store_path: Path) -> None:
    cli("add", "first")
    lock = Path(str(store_path) + ".lock")
    lock.unlink(missing_ok=True)
    lock.mkdir()  # cannot be opened as a file, even by root
    result = cli("add", "second")
    assert result.code == 1
    assert result.err.startswith(f"improve: {lock}: cannot lock")


def test_an_export_can_be_tried_with_dry_run_first(cli: Cli, tmp_path: Path) -> None:
    cli("add", "one")
    cli("add", "two")
    out = tmp_path / "all.json"
    cli("export", "-o", str(out))
    other = {"IMPROVE_DB": str(tmp_path / "other" / "improve.json")}
    tried = cli("import", str(out), "--dry-run", env=other)
    assert tried.out.strip() == "would import: 2 added, 0 updated, 0 unchanged"
    assert not (tmp_path / "other" / "improve.json").exists()
    assert cli("import", str(out), env=other).out.startswith("imported: 2 added")


def test_a_note_of_several_lines_shows_indented_under_its_date(cli: Cli) -> None:
    key = cli.key("add", "Noted")
    cli("note", key, "first line\nsecond\tline")
    shown = cli("show", key).out.splitlines()
    at = next(n for n, line in enumerate(shown) if "[note] first line" in line)
    assert shown[at + 1] == " " * 14 + "second  line"


def test_done_short_of_the_target_needs_accept_with_a_reason(cli: Cli) -> None:
    key = cli.key("add", "Cut lead time")
    cli("metric", key, "lead", "--unit", "min", "--better", "down", "--baseline", "30",
        "--target", "10")  # fmt: skip
    cli("measure", key, "18")
    refused = cli("done", key)
    assert refused.code == 2
    assert refused.err.count("\n") == 1
    assert "short of its target (latest 18 min against the target 10 min)" in refused.err
    assert '--accept "why it is good enough"' in refused.err
    assert json.loads(cli("show", key, "--json").out)["status"] == "proposed"
    accepted = cli("done", key, "--accept", "good enough: the rest is the vendor's")
    assert accepted.code == 0
    assert "accepted short, latest 18 min against the target 10 min" in accepted.out
    shown = json.loads(cli("show", key, "--json").out)
    assert (shown["status"], shown["reason"]) == ("done", "good enough: the rest is the vendor's")


@pytest.mark.parametrize(
    ("command", "said"),
    [("start", "optional"), ("block", "optional"), ("drop", "required")],
)
def test_only_drop_says_its_reason_is_required(cli: Cli, command: str, said: str) -> None:
    """`block --help` once said "--reason  Why (required to drop)"."""
    result = cli(command, "--help")
    [line] = [line for line in result.out.splitlines() if "--reason" in line]
    assert said in line
    assert "to drop" not in line
