"""Settings from the environment and config.toml: a bad one is one line naming it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import Cli


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("sprint_days = 1e400\n", "sprint_days must be a whole number 1 to 366"),
        ("sprint_days = 10000000\n", "sprint_days must be a whole number 1 to 366"),
        ("sprint_days = true\n", "sprint_days must be a whole number 1 to 366"),
        ('holidays = "2026-12-25"\n', "holidays must be a list"),
        ("holidays = [3]\n", "holidays must be dates"),
        ("[standup]\nminutes = -1\n", "standup.minutes must be a number of minutes"),
        ('[standup]\npeople = "ana"\n', "standup.people must be a list"),
        ('[standup]\nauto_timer = "yes"\n', "standup.auto_timer must be true or false"),
        ('labels = "x"\n', "labels must be a table"),
        ("writer = 7\n", "writer must be text"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it(
    cli: Cli, tmp_path: Path, setting: str, said: str
) -> None:
    (tmp_path / "config.toml").write_text(setting, encoding="utf-8")
    for command in (("list",), ("retro",), ("standup",)):
        result = cli(*command)
        assert result.code == 1, (command, result)
        assert said in result.err
        assert str(tmp_path / "config.toml") in result.err
        assert len(result.err.splitlines()) == 1


def test_a_holiday_given_as_a_toml_date_still_works(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("holidays = [2026-11-20]\n", encoding="utf-8")
    assert cli("standup").code == 0


def test_the_standup_timer_starts_itself_when_the_config_says_so(tmp_path: Path) -> None:
    from improve.config import load_config

    path = tmp_path / "config.toml"
    path.write_text("[standup]\nminutes = 3\n", encoding="utf-8")
    assert load_config(path).standup_auto_timer is False
    path.write_text("[standup]\nauto_timer = true\n", encoding="utf-8")
    assert load_config(path).standup_auto_timer is True


@pytest.mark.parametrize("pinned", ["garbage", "2026-13-45", "\x1b[2J"])
def test_a_pinned_time_that_is_not_one_is_a_one_line_error(cli: Cli, pinned: str) -> None:
    result = cli("list", env={"IMPROVE_NOW": pinned})
    assert result.code == 1
    assert result.err.startswith("improve: IMPROVE_NOW: ")
    assert "\x1b" not in result.err
    assert len(result.err.splitlines()) == 1


@pytest.mark.parametrize("writer", ["eve\x1b]0;pwn\x07", "eve\u202eevil", "x" * 101])
def test_a_writer_name_with_control_characters_is_refused(cli: Cli, writer: str) -> None:
    result = cli("add", "by eve", env={"IMPROVE_WRITER": writer})
    assert result.code == 1
    assert "IMPROVE_WRITER: the writer name" in result.err
    assert "\x1b" not in result.err
    assert cli("list").out.count("by eve") == 0


def test_a_writer_in_the_config_with_a_control_character_is_refused(
    cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "config.toml").write_text('writer = "eve\\u001b[2J"\n', encoding="utf-8")
    result = cli("add", "by eve", env={"IMPROVE_WRITER": ""})
    assert result.code == 1
    assert "writer (config.toml): the writer name contains a control character" in result.err


def test_a_fifo_at_the_config_path_is_one_line_not_a_hang(cli: Cli, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "config.toml")
    result = cli("list")
    assert result.code == 1
    assert "not a regular file (a fifo)" in result.err
    assert len(result.err.splitlines()) == 1
