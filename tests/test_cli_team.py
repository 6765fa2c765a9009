"""`improve standup` and `improve insights` on the demo store, as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from improve.demo.story import write_demo
from improve.service import Register
from tests.conftest import NOW, Cli

DEMO_PEOPLE = ["ana", "ben", "chloe", "dev", "eli"]


@pytest.fixture
def demo(register: Register, cli: Cli) -> Cli:
    write_demo(register, NOW.date())
    return cli


def config(tmp_path: Path, text: str) -> None:
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")


def test_standup_text_goes_person_by_person_and_ends_with_the_summary(demo: Cli) -> None:
    result = demo("standup")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Standup Mon 23 Nov 2026 · since Fri 20 Nov"
    heads = [line.split()[0] for line in lines if line and not line.startswith(" ")]
    assert heads[1:-1] == DEMO_PEOPLE
    assert lines[-1].startswith("Summary: ")
    assert "everyone had something to report" in lines[-1]
    assert "    8c7e  Move CI to autoscaling runners — blocked 3 days: " in result.out


def test_standup_json_matches_the_text(demo: Cli) -> None:
    data = json.loads(demo("standup", "--json").out)
    assert (data["day"], data["since"], data["team"]) == ("2026-11-23", "2026-11-20", None)
    assert [p["person"] for p in data["people"]] == DEMO_PEOPLE
    blocked = [b for p in data["people"] for b in p["blocked"]]
    assert data["summary"]["blocked"] == len(blocked) == 3
    moved = [m for p in data["people"] for m in p["moved"]]
    assert data["summary"]["moved"] == len(moved)
    first = data["people"][0]["due"][0]
    assert set(first) == {"id", "key", "title", "what", "due", "days_overdue", "iteration"}
    text = demo("standup").out
    assert f"{first['key']}  {first['title']} — {first['what']}" in text


def test_standup_for_one_person_and_one_team(demo: Cli) -> None:
    ben = demo("standup", "--person", "ben").out
    assert ben.splitlines()[2].startswith("ben  (")
    assert "\nana  (" not in ben
    desk = json.loads(demo("standup", "--team", "service-desk", "--json").out)
    assert [p["person"] for p in desk["people"]] == ["dev", "eli"]


def test_since_overrides_the_look_back_and_a_weekday_means_the_last_one(demo: Cli) -> None:
    assert json.loads(demo("standup", "--since", "wed", "--json").out)["since"] == "2026-11-18"
    assert json.loads(demo("standup", "--since", "2026-11-02", "--json").out)["since"] == (
        "2026-11-02"
    )
    late = demo("standup", "--since", "tomorrow")
    assert late.code == 2
    assert late.err.startswith(
        "improve: --since tomorrow means 2026-11-24, after today (2026-11-23)"
    )
    assert len(late.err.splitlines()) == 1


def test_the_teams_order_and_holidays_come_from_config(demo: Cli, tmp_path: Path) -> None:
    config(tmp_path, 'holidays = ["2026-11-20"]\n[standup]\npeople = ["eli", "ana"]\n')
    data = json.loads(demo("standup", "--json").out)
    assert data["since"] == "2026-11-19"
    assert [p["person"] for p in data["people"]] == ["eli", "ana", "ben", "chloe", "dev"]


def test_a_bad_holiday_is_bad_input_in_one_line(demo: Cli, tmp_path: Path) -> None:
    config(tmp_path, 'holidays = ["boxing day"]\n')
    result = demo("standup")
    assert result.code == 2
    assert result.err == "improve: bad holiday 'boxing day' in the config: use YYYY-MM-DD\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("standup", "--person", "bob"), "nobody called 'bob' at this standup; people: ana, "),
        (("standup", "--team", "nope"), "no initiative has team 'nope'; teams: platform, "),
        (("insights", "--team", "nope"), "no initiative has team 'nope'; teams: platform, "),
    ],
)
def test_an_unknown_person_or_team_is_bad_input_naming_the_known_ones(
    demo: Cli, args: tuple[str, ...], message: str
) -> None:
    result = demo(*args)
    assert result.code == 2
    assert result.err.startswith(f"improve: {message}")
    assert result.err.count("\n") == 1


def test_a_configured_person_without_work_is_not_a_typo(demo: Cli, tmp_path: Path) -> None:
    config(tmp_path, '[standup]\npeople = ["fay"]\n')
    result = demo("standup", "--person", "Fay")
    assert result.code == 0, result.err
    assert "fay" in result.out


def test_an_empty_store_has_nobody(cli: Cli) -> None:
    result = cli("standup")
    assert result.code == 0
    assert "nobody has open work here" in result.out


def test_insights_text_has_every_section(demo: Cli) -> None:
    result = demo("insights")
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("Insights · 24 Aug 2026 – 23 Nov 2026\n")
    for heading in ("Progress per guiding principle", "Value / effort (PICK)", "Week by week"):
        assert f"\n{heading}\n" in out
    assert "┌ IMPLEMENT" in out
    assert "├ POSSIBLE" in out
    flagged = "8eba  Leaver access review with HR (value 2, effort 2; ranks after 8 higher-value"
    assert f"{flagged} waiting)" in out
    assert "\ncapability   100%  ██████████  (on 7)\n" in out
    assert "    96 of 141 kept: 30/60 iterations done by their due date" in out


def test_insights_json_carries_the_three_cs_with_how(demo: Cli) -> None:
    data = json.loads(demo("insights", "--json").out)
    assert [t["name"] for t in data["trust"]] == ["capability", "commitment", "consistency"]
    capability = data["trust"][0]
    assert (capability["value"], capability["basis"]) == (1.0, 7)
    assert len(data["principles"]) == 8  # the seven, then the work with no principle
    assert data["principles"][-1]["principle"] is None
    assert "offer or agree stage" in " ".join(data["balance"]["nudges"])
    assert {p["quadrant"] for p in data["pick"]} == {"implement", "challenge", "possible", "kill"}
    assert len(data["weeks"]) == 14  # 24 Aug on its own, then 13 whole weeks


def test_insights_periods(demo: Cli) -> None:
    sprint = json.loads(demo("insights", "--period", "sprint", "--json").out)
    assert sprint["since"] == "2026-11-10T00:00:00+00:00"
    assert len(sprint["weeks"]) == 2
    days = json.loads(
        demo("insights", "--since", "2026-10-01", "--until", "2026-10-31", "--json").out
    )
    assert (days["since"], days["until"]) == (
        "2026-10-01T00:00:00+00:00",
        "2026-11-01T00:00:00+00:00",
    )
    both = demo("insights", "--period", "month", "--since", "2026-10-01")
    assert (both.code, both.err) == (2, "improve: give --period or --since/--until, not both\n")
    bad = demo("insights", "--period", "year")
    assert bad.code == 2
