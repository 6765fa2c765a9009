"""The retrospective's figures, on a hand-made history whose answers are known."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest

from improve.domain.errors import InputError
from improve.domain.model import Principle, Status
from improve.domain.period import Period
from improve.domain.retro import build_retro
from improve.domain.retro_model import Group, Retro
from improve.domain.timeline import status_at
from tests.retro_history import SPRINT, TODAY, at, history


@pytest.fixture(scope="module")
def retro() -> Retro:
    return build_retro(list(history().values()), SPRINT, "platform", today=TODAY)


def titles(entries: tuple[object, ...]) -> list[str]:
    return sorted(e.title for e in entries)  # type: ignore[attr-defined]


def test_sprint_is_the_last_fourteen_days_and_the_previous_one_touches_it() -> None:
    sprint = Period.last("sprint", TODAY, 14)
    assert (sprint.since, sprint.until, sprint.days) == (date(2026, 11, 10), TODAY, 14)
    before = sprint.previous()
    assert (before.since, before.until) == (date(2026, 10, 27), date(2026, 11, 9))
    assert before.end == sprint.start


def test_month_is_the_calendar_month_and_quarter_ends_today() -> None:
    month = Period.last("month", TODAY)
    assert (month.since, month.until) == (date(2026, 11, 1), TODAY)
    assert (month.previous().since, month.previous().until) == (
        date(2026, 10, 1),
        date(2026, 10, 31),
    )
    last = Period.last("last-month", TODAY)
    assert (last.since, last.until) == (date(2026, 10, 1), date(2026, 10, 31))
    assert last.label == "last month, 1 Oct – 31 Oct 2026 (31 days)"
    rolling = Period.last("30-days", TODAY)
    assert (rolling.since, rolling.days) == (date(2026, 10, 25), 30)
    assert Period.last("quarter", TODAY).since == date(2026, 8, 24)
    assert Period.last("sprint", TODAY, 7).since == date(2026, 11, 17)


def test_days_given_by_hand_are_said_by_their_dates() -> None:
    period = Period(date(2026, 11, 10), TODAY)
    assert period.label == "10 Nov – 23 Nov 2026 (14 days)"
    assert "custom" not in period.label


@pytest.mark.parametrize(
    ("kind", "days", "message"),
    [("week", 14, "unknown period"), ("sprint", 0, "sprint_days")],
)
def test_bad_periods_are_bad_input(kind: str, days: int, message: str) -> None:
    with pytest.raises(InputError, match=message):
        Period.last(kind, TODAY, days)


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(InputError, match="swap --since and --until"):
        Period(TODAY, TODAY - timedelta(days=1))


def test_label_names_kind_days_and_dates() -> None:
    assert SPRINT.label == "sprint, 10 Nov – 23 Nov 2026 (14 days)"


def test_finished_dropped_logged_and_carried(retro: Retro) -> None:
    assert titles(retro.group(Group.FINISHED)) == [
        "Cut deploy time",
        "Raise CSAT",
        "Raise first-contact fixes",
    ]
    dropped = retro.group(Group.DROPPED)
    assert [(e.title, e.reason) for e in dropped] == [
        ("Move the old wiki", "superseded by the | portal")
    ]
    assert titles(retro.group(Group.LOGGED)) == ["Removed a dead cron job"]
    assert titles(retro.group(Group.CARRIED)) == ["Onboarding checklist", "Tidy runbooks"]
    assert titles(retro.started) == ["Onboarding checklist"]
    counts = retro.figures
    assert (counts.finished, counts.dropped, counts.logged, counts.carried) == (3, 1, 1, 2)


def test_outcomes_are_raw_percent_of_target_at_the_end_of_the_period(retro: Retro) -> None:
    shown = {e.title: e.outcome for e in retro.outcomes}
    got = {
        title: (o.latest, round(o.progress, 6) if o.progress is not None else None, o.met)
        for title, o in shown.items()
        if o
    }
    assert got == {
        "Cut deploy time": (6, 1.0, True),
        "Raise CSAT": (95, 1.25, True),
        "Raise first-contact fixes": (15, 0.5, False),
        "Tidy runbooks": (40, -0.2, False),
    }


def test_iterations_planned_versus_done_on_time(retro: Retro) -> None:
    tally = retro.figures.iterations
    assert (tally.planned, tally.on_time, tally.late, tally.open) == (5, 3, 1, 1)
    assert tally.rate == pytest.approx(0.6)


def test_comparison_with_the_previous_sprint(retro: Retro) -> None:
    before = retro.previous
    assert before.finished == 1
    assert before.iterations.rate == pytest.approx(2 / 3)
    assert retro.finished_delta == 2
    assert retro.on_time_delta == pytest.approx(0.6 - 2 / 3)


def test_progress_per_principle_averages_clamped_progress(retro: Retro) -> None:
    rows = {row.principle: row for row in retro.principles}
    assert list(rows) == list(Principle)
    value = rows[Principle.VALUE]
    assert (value.finished, value.carried, value.logged, value.measured) == (3, 2, 1, 4)
    assert value.progress == pytest.approx((1 + 1 + 0.5 + 0) / 4)
    assert rows[Principle.AUTOMATE].progress is None


def test_lessons_are_lesson_notes_and_momentum_notes_of_the_period(retro: Retro) -> None:
    assert [lesson.text for lesson in retro.lessons] == [
        "Check who owns a tool before moving it",
        "Small pipelines beat big bangs",
        "Embedded in the release checklist",
    ]


def test_the_three_cs_for_the_sprint(retro: Retro) -> None:
    capability, commitment, consistency = retro.trust
    # the logged small improvement is finished and met its target too
    assert capability.basis == 4
    assert capability.value == pytest.approx(3 / 4)
    assert commitment.basis == 5
    assert commitment.value == pytest.approx(0.6)
    assert consistency.value is None


def test_carried_work_says_what_comes_next(retro: Retro) -> None:
    runbooks = next(e for e in retro.entries if e.title == "Tidy runbooks")
    assert runbooks.next_iteration is not None
    assert runbooks.next_iteration.due == date(2026, 11, 20)
    assert runbooks.forecast == "unknown"


def test_without_a_team_every_team_counts() -> None:
    everyone = build_retro(list(history().values()), SPRINT, today=TODAY)
    assert everyone.figures.finished == 4
    assert everyone.team == ""


def test_a_past_period_reads_the_history_as_it_stood() -> None:
    found = history()
    before = build_retro(list(found.values()), SPRINT.previous(), "platform", today=TODAY)
    assert titles(before.group(Group.FINISHED)) == ["Shorter change board"]
    wiki = next(e for e in before.entries if e.title == "Move the old wiki")
    assert (wiki.group, wiki.status, wiki.reason) == (Group.CARRIED, Status.ACTIVE, "")
    deploy = next(e for e in before.entries if e.title == "Cut deploy time")
    assert deploy.outcome is not None
    assert deploy.outcome.latest is None


def test_status_at_reads_the_history() -> None:
    wiki = history()["wiki"]
    assert status_at(wiki, at(10, 1, 9)) is None
    assert status_at(wiki, at(10, 1, 11)) is Status.PROPOSED
    assert status_at(wiki, at(11, 1)) is Status.ACTIVE
    assert status_at(wiki, at(11, 14)) is Status.DROPPED


def test_period_holds_is_half_open() -> None:
    period = Period(date(2026, 11, 10), date(2026, 11, 10), tz=UTC)
    assert period.holds(at(11, 10, 0))
    assert not period.holds(at(11, 11, 0))
