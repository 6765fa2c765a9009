"""Customer experience measures: CSAT, NPS and CES, scored from the answers people gave.

A reading of such a metric keeps the answers (as a tally: answer -> how many), so the
score, its sample size and its margin of error can always be worked out again, and a
reading on too few answers can be said to be thin. The score is what progress, trend
and forecast use, like the value of any other measurement.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from improve.domain.errors import InputError

#: (answer, how many), by answer ascending.
Tally = tuple[tuple[int, int], ...]

#: Fewer answers than this and a reading is thin: the usual floor for the normal
#: approximation behind the margins below. A metric can set its own.
DEFAULT_MIN_RESPONSES = 30
CONFIDENCE = 0.95
#: The normal quantile for CONFIDENCE (statistics.NormalDist().inv_cdf(0.975)), written out
#: so that every command does not pay for importing statistics.
Z = 1.959963984540054

#: Student's t, two-sided 95%, for 1..30 degrees of freedom.
_T95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


class MetricKind(StrEnum):
    """A plain number, or a CX measure scored from answers on a fixed scale."""

    NUMBER = "number"
    CSAT = "csat"
    NPS = "nps"
    CES = "ces"

    @property
    def label(self) -> str:
        return "number" if self is MetricKind.NUMBER else self.value.upper()

    @property
    def scale(self) -> tuple[int, int] | None:
        """The answers a person may give; None for a plain number."""
        return _SCALES.get(self)

    @property
    def score_range(self) -> tuple[float, float] | None:
        """Where the score lies: CSAT 0..100 %, NPS -100..100, CES the answer scale."""
        return _SCORE_RANGES.get(self)

    @property
    def unit(self) -> str:
        return "%" if self is MetricKind.CSAT else ""

    @property
    def surveyed(self) -> bool:
        return self is not MetricKind.NUMBER

    @classmethod
    def parse(cls, text: str) -> MetricKind:
        wanted = text.strip().lower()
        for kind in cls:
            if kind.value == wanted:
                return kind
        keys = "/".join(k.value for k in cls)
        raise InputError(f"unknown metric kind {text!r}: use one of {keys}")


_SCALES = {MetricKind.CSAT: (1, 5), MetricKind.NPS: (0, 10), MetricKind.CES: (1, 7)}
_SCORE_RANGES = {
    MetricKind.CSAT: (0.0, 100.0),
    MetricKind.NPS: (-100.0, 100.0),
    MetricKind.CES: (1.0, 7.0),
}


@dataclass(frozen=True)
class Score:
    """A CX score with its sample size and the half-width of its 95% interval.

    `margin` is None when one answer cannot say how far the score may be off.
    """

    value: float
    n: int
    margin: float | None

    def thin(self, minimum: int) -> bool:
        return self.n < minimum


def parse_responses(kind: MetricKind, words: Iterable[str]) -> Tally:
    """What was typed (`9 10 6`, or `9x12` for twelve 9s) as a tally; bad input says why."""
    scale = kind.scale
    if scale is None:
        raise InputError(
            "this metric is a plain number",
            shell="record it with `improve measure`",
            app="record it with m",
        )
    counts: Counter[int] = Counter()
    for word in words:
        answer, times = _answer(word, kind, scale)
        counts[answer] += times
    if not counts:
        raise InputError(f"no responses: give the answers, e.g. {_example(kind)}")
    return tuple(sorted(counts.items()))


def _answer(word: str, kind: MetricKind, scale: tuple[int, int]) -> tuple[int, int]:
    text, _, times = word.strip().lower().partition("x")
    low, high = scale
    if not text.isdigit() or (times and not times.isdigit()):
        raise InputError(f"bad response {word!r}: use whole numbers {low}-{high}, or 9x12")
    answer, count = int(text), int(times or 1)
    if not low <= answer <= high:
        raise InputError(f"response {answer} is outside the {kind.label} scale {low}-{high}")
    if count < 1:
        raise InputError(f"bad response {word!r}: a count must be at least 1")
    return answer, count


def _example(kind: MetricKind) -> str:
    return {MetricKind.CSAT: "4 5 3", MetricKind.NPS: "9 10 6", MetricKind.CES: "6 7 5"}.get(
        kind, "42"
    )


def size(tally: Tally) -> int:
    return sum(count for _, count in tally)


def score(kind: MetricKind, tally: Tally) -> Score:
    """The score of a tally, by the kind's own arithmetic (see each function)."""
    if size(tally) == 0:
        raise InputError("no responses to score")
    if kind is MetricKind.CSAT:
        return csat(tally)
    if kind is MetricKind.NPS:
        return nps(tally)
    if kind is MetricKind.CES:
        return ces(tally)
    raise InputError("a plain number has no responses to score")


def csat(tally: Tally) -> Score:
    """Share of satisfied answers (4 or 5 on 1-5), in %.

    With p the share satisfied among n answers, the margin is the normal approximation
    for a proportion (Wald): 100 * z * sqrt(p * (1 - p) / n), z = 1.96 for 95%.
    It is 0 when every answer agrees, which is why a small sample is marked thin.
    """
    n = size(tally)
    p = sum(count for answer, count in tally if answer >= 4) / n
    margin = 100 * Z * math.sqrt(p * (1 - p) / n) if n > 1 else None
    return Score(100 * p, n, margin)


def nps(tally: Tally) -> Score:
    """Net Promoter Score: % promoters (9-10) minus % detractors (0-6), -100..100.

    Each answer counts +1 (promoter), 0 (passive) or -1 (detractor), and the NPS is 100
    times their mean. That mean's variance is (pP + pD - (pP - pD)^2) / n, so the margin
    is 100 * z * sqrt((pP + pD - (pP - pD)^2) / n), z = 1.96 for 95%.
    """
    n = size(tally)
    promoters = sum(count for answer, count in tally if answer >= 9) / n
    detractors = sum(count for answer, count in tally if answer <= 6) / n
    net = promoters - detractors
    variance = max(promoters + detractors - net**2, 0.0)
    margin = 100 * Z * math.sqrt(variance / n) if n > 1 else None
    return Score(100 * net, n, margin)


def ces(tally: Tally) -> Score:
    """Customer Effort Score: the mean answer on 1-7.

    The margin is Student's t for the mean: t(0.975, n - 1) * s / sqrt(n), with s the
    sample standard deviation (divisor n - 1); t comes from its table up to 30 degrees
    of freedom and from the Cornish-Fisher expansion beyond (`t95`).
    """
    n = size(tally)
    mean = sum(answer * count for answer, count in tally) / n
    if n < 2:
        return Score(mean, n, None)
    squares = sum(count * (answer - mean) ** 2 for answer, count in tally)
    return Score(mean, n, t95(n - 1) * math.sqrt(squares / (n - 1)) / math.sqrt(n))


def t95(df: int) -> float:
    """The two-sided 95% quantile of Student's t (Abramowitz & Stegun 26.7.5 past 30)."""
    if df <= len(_T95):
        return _T95[df - 1]
    z = Z
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    return z + g1 / df + g2 / df**2 + g3 / df**3


def check_score(kind: MetricKind, value: float, what: str) -> float:
    """A baseline or target must be a score the kind can have."""
    bounds = kind.score_range
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        low, high = (f"{b:g}" for b in bounds)
        raise InputError(f"{what} {value:g} is outside the {kind.label} range {low} to {high}")
    return value


def reading_score(kind: MetricKind, responses: Tally) -> Score | None:
    """The score of one reading with its n and margin; None for a plain number."""
    return score(kind, responses) if kind.surveyed and responses else None


def spread_words(found: Score, minimum: int, unit: str = "") -> str:
    """`±9.6 (n=42)`, `±21 (n=12, thin)`, `(n=1, thin)`: what a score rests on."""
    thin = ", thin" if found.thin(minimum) else ""
    if found.margin is None:
        return f"(n={found.n}{thin})"
    return f"±{_short(found.margin)}{unit} (n={found.n}{thin})"


def _short(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def thin_words(kind: MetricKind, responses: Tally, minimum: int) -> str:
    """` (on a thin reading: n=9)` after a forecast that rests on too few answers."""
    found = reading_score(kind, responses)
    return f" (on a thin reading: n={found.n})" if found and found.thin(minimum) else ""
