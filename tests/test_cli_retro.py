"""`improve retro` from the shell: formats, files, refusals and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from improve.demo.story import write_demo
from improve.service import Register
from tests.conftest import NOW, Cli


@pytest.fixture
def demo(register: Register) -> Register:
    write_demo(register, NOW.date())
    return register


@pytest.mark.usefixtures("demo")
def test_markdown_to_stdout_by_default(cli: Cli) -> None:
    result = cli("retro")
    assert result.code == 0, result.err
    assert result.out.startswith("# Retrospective · 10 Nov – 23 Nov 2026\n")
    assert "Sprint, 10 Nov – 23 Nov 2026 (14 days)" in result.out
    assert "## Carries on" in result.out


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_every_format(cli: Cli, fmt: str) -> None:
    result = cli("retro", "--period", "quarter", "--format", fmt)
    assert result.code == 0, result.err
    if fmt == "json":
        assert json.loads(result.out)["period"]["kind"] == "quarter"
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.out)))
        assert len(rows) > 10
    elif fmt == "html":
        assert result.out.startswith("<!DOCTYPE html>")
    else:
        assert "## Summary" in result.out


@pytest.mark.usefixtures("demo")
def test_team_narrows_the_retro(cli: Cli) -> None:
    result = cli("retro", "--period", "quarter", "--team", "platform", "--format", "json")
    document = json.loads(result.out)
    assert document["team"] == "platform"
    assert {row["team"] for row in document["initiatives"]} == {"platform"}


@pytest.mark.usefixtures("demo")
def test_output_file_prints_its_path_and_takes_the_format_from_the_suffix(
    cli: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "retro.html"
    result = cli("retro", "-o", str(target))
    assert result.code == 0, result.err
    assert result.out == f"retro written to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.usefixtures("demo")
def test_an_existing_file_is_kept_unless_forced(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "retro.md"
    target.write_text("our notes", encoding="utf-8")
    refused = cli("retro", "-o", str(target))
    assert refused.code == 2
    assert (
        refused.err
        == f"improve: {target} exists: choose another name or use --force to overwrite it\n"
    )
    assert target.read_text(encoding="utf-8") == "our notes"
    forced = cli("retro", "-o", str(target), "--force")
    assert forced.code == 0, forced.err
    assert target.read_text(encoding="utf-8").startswith("# Retrospective")


@pytest.mark.usefixtures("demo")
def test_a_file_that_cannot_be_written_exits_1_naming_it(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "retro.md"
    result = cli("retro", "-o", str(target))
    assert result.code == 1
    assert result.err.startswith(f"improve: {target}: cannot write")
    assert result.err.count("\n") == 1


@pytest.mark.usefixtures("demo")
def test_csv_bom_for_spreadsheets(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "retro.csv"
    assert cli("retro", "-o", str(target), "--bom").code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfkey,id,title")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--period", "sprint", "--since", "-3d"), "not both"),
        (("--until", "today"), "--until needs --since"),
        (("--since", "-3d", "--until", "-10d"), "swap --since and --until"),
        (("--since", "someday"), "bad date"),
        (("--period", "week"), "'week' is not one of"),
    ],
)
def test_bad_periods_exit_2_in_one_line(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli("retro", *args)
    assert result.code == 2
    assert message in result.err
    assert result.err.count("\n") == 1


@pytest.mark.usefixtures("demo")
def test_explicit_days_and_the_sprint_length_from_config(cli: Cli, tmp_path: Path) -> None:
    days = json.loads(cli("retro", "--since", "2026-11-01", "--format", "json").out)["period"]
    assert (days["since"], days["until"], days["days"]) == ("2026-11-01", "2026-11-23", 23)
    (tmp_path / "config.toml").write_text("sprint_days = 7\n", encoding="utf-8")
    sprint = json.loads(cli("retro", "--format", "json").out)["period"]
    assert (sprint["since"], sprint["days"]) == ("2026-11-17", 7)


def test_the_heading_names_team_and_dates_and_titles_come_before_keys(cli: Cli) -> None:
    key = cli.key("add", "Cut lead time", "--team", "platform")
    cli("start", key)
    out = cli("retro", "--team", "platform", "--since", "-2w").out
    assert out.startswith("# Retrospective · platform · 9 Nov – 23 Nov 2026\n")
    assert "\n9 Nov – 23 Nov 2026 (15 days); compared with" in out
    assert "custom," not in out
    assert "| Initiative | Key | Status |" in out
    assert f"| Cut lead time | {key} | active |" in out
