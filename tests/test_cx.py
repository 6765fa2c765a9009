"""CX scores against sums worked by hand: CSAT, NPS and CES with n and a 95% margin."""

from __future__ import annotations

import math

import pytest

from improve.domain import cx
from improve.domain.cx import MetricKind
from improve.domain.errors import InputError


def tally(kind: MetricKind, *answers: str) -> cx.Tally:
    return cx.parse_responses(kind, answers)


#: 4 promoters (9 10 10 9), 2 passives (7 8), 4 detractors (6 5 0 3).
TEN = ("9", "10", "10", "9", "7", "8", "6", "5", "0", "3")


def test_nps_by_hand() -> None:
    found = cx.score(MetricKind.NPS, tally(MetricKind.NPS, *TEN))
    assert found.value == pytest.approx(0.0)  # 40% - 40%
    assert found.n == 10
    # per-answer score +1/0/-1: mean 0, variance 0.4 + 0.4 - 0 = 0.8
    assert found.margin == pytest.approx(100 * 1.959964 * math.sqrt(0.8 / 10), rel=1e-5)
    assert found.margin == pytest.approx(55.44, abs=0.01)


def test_nps_bounds_are_decided_at_nine_and_six() -> None:
    # 9 is a promoter, 6 a detractor, 7 and 8 passives: ties at the bounds
    found = cx.score(MetricKind.NPS, tally(MetricKind.NPS, "9", "6", "7", "8"))
    assert found.value == pytest.approx(0.0)
    only_promoters = cx.score(MetricKind.NPS, tally(MetricKind.NPS, "9", "10", "9"))
    assert only_promoters.value == pytest.approx(100.0)
    assert only_promoters.margin == pytest.approx(0.0)
    one_of_each = cx.score(MetricKind.NPS, tally(MetricKind.NPS, "10", "0"))
    assert one_of_each.value == pytest.approx(0.0)
    # variance 0.5 + 0.5 - 0 = 1: margin 100 * 1.96 * sqrt(1/2)
    assert one_of_each.margin == pytest.approx(138.59, abs=0.01)


def test_csat_counts_four_and_five_as_satisfied() -> None:
    found = cx.score(MetricKind.CSAT, tally(MetricKind.CSAT, "5", "4", "3", "4", "1"))
    assert found.value == pytest.approx(60.0)  # 3 of 5
    assert found.margin == pytest.approx(100 * 1.959964 * math.sqrt(0.6 * 0.4 / 5), rel=1e-5)
    assert found.margin == pytest.approx(42.94, abs=0.01)
    three = cx.score(MetricKind.CSAT, tally(MetricKind.CSAT, "3", "3"))
    assert three.value == 0.0  # 3 is not satisfied: the bound is at 4


def test_ces_is_the_mean_with_a_t_margin() -> None:
    found = cx.score(MetricKind.CES, tally(MetricKind.CES, "7", "5", "6", "6"))
    assert found.value == pytest.approx(6.0)
    # s^2 = (1 + 1 + 0 + 0) / 3; t(0.975, 3) = 3.182
    assert found.margin == pytest.approx(3.182 * math.sqrt(2 / 3) / 2, rel=1e-6)
    assert found.margin == pytest.approx(1.299, abs=0.001)


def test_a_single_response_has_a_score_and_no_margin() -> None:
    for kind, answer, expected in (
        (MetricKind.NPS, "10", 100.0),
        (MetricKind.NPS, "7", 0.0),
        (MetricKind.NPS, "0", -100.0),
        (MetricKind.CSAT, "4", 100.0),
        (MetricKind.CES, "3", 3.0),
    ):
        found = cx.score(kind, tally(kind, answer))
        assert (found.value, found.n, found.margin) == (expected, 1, None)
        assert cx.spread_words(found, 30) == "(n=1, thin)"


def test_counts_written_as_answer_x_times() -> None:
    assert tally(MetricKind.NPS, "9x12", "6", "6x2") == ((6, 3), (9, 12))
    found = cx.score(MetricKind.NPS, tally(MetricKind.NPS, "9x12", "6x3"))
    assert found.value == pytest.approx(100 * (12 - 3) / 15)


@pytest.mark.parametrize(
    ("kind", "answer", "message"),
    [
        (MetricKind.NPS, "11", "response 11 is outside the NPS scale 0-10"),
        (MetricKind.CSAT, "0", "response 0 is outside the CSAT scale 1-5"),
        (MetricKind.CSAT, "6", "response 6 is outside the CSAT scale 1-5"),
        (MetricKind.CES, "8", "response 8 is outside the CES scale 1-7"),
        (MetricKind.NPS, "9.5", "bad response '9.5'"),
        (MetricKind.NPS, "-1", "bad response '-1'"),
        (MetricKind.NPS, "nine", "bad response 'nine'"),
        (MetricKind.NPS, "9x0", "a count must be at least 1"),
        (MetricKind.NUMBER, "9", "plain number"),
    ],
)
def test_invalid_responses_say_why(kind: MetricKind, answer: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(".", r"\.")):
        tally(kind, answer)


def test_thin_below_the_minimum() -> None:
    found = cx.score(MetricKind.CSAT, tally(MetricKind.CSAT, "4x29", "2"))
    assert found.thin(30) is False
    assert found.thin(31) is True
    assert cx.spread_words(found, 31).endswith("(n=30, thin)")


def test_t_quantiles_from_the_table_and_beyond() -> None:
    assert cx.t95(1) == 12.706
    assert cx.t95(30) == 2.042
    assert cx.t95(60) == pytest.approx(2.0003, abs=5e-4)
    assert cx.t95(120) == pytest.approx(1.9799, abs=5e-4)
    assert cx.t95(10_000) == pytest.approx(1.96, abs=1e-3)


def test_scores_must_lie_in_the_kinds_range() -> None:
    assert cx.check_score(MetricKind.NPS, -100, "baseline") == -100
    with pytest.raises(InputError, match="target 120 is outside the NPS range -100 to 100"):
        cx.check_score(MetricKind.NPS, 120, "target")
    with pytest.raises(InputError, match="outside the CES range 1 to 7"):
        cx.check_score(MetricKind.CES, 0.5, "baseline")
    assert cx.check_score(MetricKind.NUMBER, 1e9, "target") == 1e9
