"""`improve metric --kind` and `improve pulse`: CX readings from the command line."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Cli

#: 4 promoters (9 10 10 9), 2 passives (7 8), 4 detractors (6 5 0 3).
TEN = ("9", "10", "10", "9", "7", "8", "6", "5", "0", "3")


def nps_metric(cli: Cli, *extra: str) -> str:
    key = cli.key("add", "Answer tickets the same day", "-p", "value")
    result = cli(
        "metric", key, "Support NPS", "--kind", "nps", "--baseline", "10", "--target", "40",
        "--by", "2027-03-31", *extra,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Support NPS (NPS): baseline 10" in result.out
    assert f"improve pulse {key}" in result.out
    return key


def test_pulse_records_the_score_with_n_and_margin(cli: Cli) -> None:
    key = nps_metric(cli)
    result = cli("pulse", key, *TEN, "--note", "November survey")
    assert result.code == 0, result.err
    # NPS 0 of baseline 10 -> target 40: a regression, shown as such
    assert "latest 0 ±55.4 (n=10, thin)" in result.out
    assert result.out.rstrip().endswith("(on a thin reading: n=10)")
    shown = json.loads(cli("show", key, "--json").out)
    (reading,) = shown["measurements"]
    assert reading["value"] == 0
    assert reading["responses"] == {"0": 1, "3": 1, "5": 1, "6": 1, "7": 1, "8": 1, "9": 2, "10": 2}
    assert (reading["n"], reading["thin"]) == (10, True)
    assert reading["margin"] == pytest.approx(55.44, abs=0.01)
    assert shown["measure"]["kind"] == "nps"
    assert shown["measure"]["min_responses"] == 30
    assert shown["progress"] == pytest.approx(-10 / 30)


def test_progress_and_forecast_use_the_score(cli: Cli) -> None:
    key = nps_metric(cli, "--min-responses", "4")
    result = cli("pulse", key, "9", "10", "9", "7", "--at", "-2w")
    assert result.code == 0, result.err
    result = cli("pulse", key, "9", "10", "9", "7", "10")
    assert "latest 80 ±" in result.out
    assert "(n=5)" in result.out
    assert "target met" in result.out
    assert json.loads(cli("show", key, "--json").out)["progress"] == pytest.approx(70 / 30)
    text = cli("show", key).out
    assert "75 ±" in text
    assert "(n=4)" in text


def test_csat_and_ces(cli: Cli) -> None:
    key = cli.key("add", "Simpler sign-up")
    result = cli(
        "metric", key, "Sign-up CSAT", "--kind", "csat", "--baseline", "55", "--target", "80"
    )
    assert result.code == 0, result.err
    assert "baseline 55%" in result.out
    assert "latest 60% ±42.9% (n=5, thin)" in cli("pulse", key, "5", "4", "3", "4", "1").out
    other = cli.key("add", "Fewer steps to reset a password")
    cli("metric", other, "Reset effort", "--kind", "ces", "--baseline", "4", "--target", "6")
    assert "latest 6 ±1.3 (n=4, thin)" in cli("pulse", other, "7", "5", "6", "6").out


@pytest.mark.parametrize(
    ("kind", "responses", "message"),
    [
        ("nps", ("9", "11"), "response 11 is outside the NPS scale 0-10"),
        ("csat", ("0",), "response 0 is outside the CSAT scale 1-5"),
        ("ces", ("8",), "response 8 is outside the CES scale 1-7"),
        ("nps", ("great",), "bad response 'great'"),
    ],
)
def test_invalid_responses_exit_2_and_record_nothing(
    cli: Cli, kind: str, responses: tuple[str, ...], message: str
) -> None:
    key = cli.key("add", "Survey")
    cli("metric", key, "score", "--kind", kind, "--baseline", "2", "--target", "5")
    result = cli("pulse", key, *responses)
    assert result.code == 2
    assert result.err.strip() == f"improve: {message}" or message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert json.loads(cli("show", key, "--json").out)["measurements"] == []


def test_pulse_and_measure_keep_to_their_kinds(cli: Cli) -> None:
    plain = cli.key("add", "Cut deploy time")
    cli("metric", plain, "lead time", "--better", "down", "--baseline", "60", "--target", "20")
    refused = cli("pulse", plain, "9")
    assert refused.code == 2
    assert "plain number metric: record it with `improve measure`" in refused.err
    key = nps_metric(cli)
    refused = cli("measure", key, "30")
    assert refused.code == 2
    assert "record them with `improve pulse KEY RESPONSE...`" in refused.err
    assert cli("pulse", cli.key("add", "No metric"), "9").code == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--kind", "nps", "--baseline", "-120", "--target", "0"), "outside the NPS range"),
        (("--kind", "csat", "--baseline", "50", "--target", "101"), "outside the CSAT range"),
        (("--kind", "sat", "--baseline", "1", "--target", "2"), "unknown metric kind 'sat'"),
        (("--baseline", "1", "--target", "2"), "say which way is better"),
        (("--kind", "nps", "--baseline", "1", "--target", "2", "--min-responses", "0"), "least 1"),
    ],
)
def test_bad_metrics_exit_2(cli: Cli, args: tuple[str, ...], message: str) -> None:
    key = cli.key("add", "Survey")
    result = cli("metric", key, "score", *args)
    assert result.code == 2
    assert message in result.err


def test_a_new_kind_starts_a_new_series(cli: Cli) -> None:
    key = cli.key("add", "Survey")
    cli("metric", key, "score", "--better", "up", "--baseline", "1", "--target", "50")
    cli("measure", key, "20")
    cli("metric", key, "score", "--kind", "nps", "--baseline", "1", "--target", "50")
    shown = json.loads(cli("show", key, "--json").out)
    assert [m.get("removed") for m in shown["measurements"]] == [True]
