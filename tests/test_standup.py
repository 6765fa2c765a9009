"""The standup rules, on a fixed Monday morning (23 Nov 2026, 09:00 UTC)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from improve.domain.errors import InputError
from improve.domain.model import Direction, Initiative, NoteKind, Status, Step
from improve.domain.standup import (
    UNASSIGNED,
    PersonStandup,
    Roll,
    holiday_dates,
    last_working_day,
    order_people,
    standup,
)
from improve.domain.standup_moved import Reading, moved
from tests.conftest import NOW
from tests.team_builders import (
    at,
    finish,
    measure,
    metric,
    new,
    note,
    plan,
    set_status,
    set_step,
)

MONDAY = NOW.date()
FRIDAY = date(2026, 11, 20)
SUNDAY = date(2026, 11, 22)
WEEKLY_MONDAY = "FREQ=WEEKLY;BYDAY=MO"


def active(owner: str = "ana") -> Initiative:
    ini = new(created=at(date(2026, 11, 2)), owner=owner)
    return set_status(ini, Status.ACTIVE, at(date(2026, 11, 2), 11))


def turn(found: list[Initiative], now: datetime = NOW, since: date | None = None) -> PersonStandup:
    result = standup(found, now, since=since)
    assert len(result.people) == 1
    return result.people[0]


def test_monday_looks_back_to_friday() -> None:
    assert last_working_day(MONDAY) == FRIDAY
    assert last_working_day(date(2026, 11, 24)) == MONDAY


def test_a_holiday_is_skipped() -> None:
    assert last_working_day(MONDAY, {FRIDAY}) == date(2026, 11, 19)
    assert last_working_day(date(2026, 11, 24), {MONDAY}) == FRIDAY
    assert standup([], NOW, holidays={FRIDAY}).since == date(2026, 11, 19)


def test_holidays_come_from_config_as_iso_dates() -> None:
    assert holiday_dates([" 2026-12-25", "2026-12-26"]) == {date(2026, 12, 25), date(2026, 12, 26)}
    with pytest.raises(InputError, match="bad holiday 'xmas'"):
        holiday_dates(["xmas"])


def test_an_item_changed_on_sunday_counts_on_monday_but_not_on_tuesday() -> None:
    ini = metric(active(), baseline=30, target=10, when=at(date(2026, 11, 3)))
    ini = measure(ini, 24, at(date(2026, 11, 19)))  # Thursday: before the look-back
    ini = measure(ini, 21, at(SUNDAY, 20))
    monday = turn([ini])
    assert [m.changes for m in monday.moved] == [("m 24 → 21 (−3)",)]
    tuesday = turn([ini], NOW + timedelta(days=1))
    assert tuesday.moved == ()


def test_moved_says_what_moved_status_step_iterations_and_notes() -> None:
    ini = plan(active(), "Try it with one team", date(2026, 11, 25), at(date(2026, 11, 3)))
    ini = finish(ini, "Try it with one team", at(FRIDAY, 16))
    ini = note(ini, "Desk likes it\nsecond line", at(SUNDAY), NoteKind.FEEDBACK)
    ini = set_status(ini, Status.BLOCKED, at(MONDAY, 8))
    (moved,) = turn([ini]).moved
    assert moved.changes == (
        "active → blocked",
        "iteration done: Try it with one team",
        "feedback: Desk likes it",
    )
    assert moved.last == at(MONDAY, 8)


def test_moved_says_each_field_once_from_where_it_was_to_where_it_is() -> None:
    back = set_status(
        set_status(active(), Status.DROPPED, at(FRIDAY, 10)), Status.ACTIVE, at(FRIDAY, 11)
    )
    assert moved(back, FRIDAY, NOW) is None  # dropped, then undone: nothing moved
    ini = set_status(back, Status.BLOCKED, at(MONDAY, 8))
    ini = set_status(ini, Status.DONE, at(MONDAY, 9))
    (said,) = turn([ini]).moved
    assert said.changes == ("active → done",)
    assert said.last == at(MONDAY, 9)


def test_since_overrides_the_look_back_day() -> None:
    ini = note(active(), "kick-off", at(date(2026, 11, 16)))
    assert turn([ini]).moved == ()
    assert len(turn([ini], since=date(2026, 11, 16)).moved) == 1


def test_blocked_counts_from_the_last_time_it_was_blocked() -> None:
    ini = set_status(active(), Status.BLOCKED, at(date(2026, 11, 10)))
    ini = set_status(ini, Status.ACTIVE, at(date(2026, 11, 12)))
    ini = set_status(ini, Status.BLOCKED, at(date(2026, 11, 18)))
    ini = ini.with_changes(reason="waiting for security")
    (blocked,) = turn([ini]).blocked
    assert blocked.days == 5
    assert blocked.since == at(date(2026, 11, 18))
    assert blocked.reason == "waiting for security"


def test_a_weekly_cadence_makes_a_measurement_due_today_until_taken() -> None:
    ini = metric(
        active(), baseline=30, target=10, when=at(date(2026, 11, 9)), cadence=WEEKLY_MONDAY
    )
    ini = measure(ini, 25, at(date(2026, 11, 16)))
    (due,) = turn([ini]).due
    assert (due.what, due.due, due.late(MONDAY)) == ("measurement: m", MONDAY, 0)
    taken = measure(ini, 22, at(MONDAY, 8))
    assert turn([taken]).due == ()


def test_a_missed_reading_is_overdue_since_its_occurrence() -> None:
    cadence = "FREQ=WEEKLY;BYDAY=WE"
    ini = metric(active(), baseline=30, target=10, when=at(date(2026, 11, 4)), cadence=cadence)
    ini = measure(ini, 25, at(date(2026, 11, 12)))
    (due,) = turn([ini]).due
    assert due.due == date(2026, 11, 18)
    assert due.late(MONDAY) == 5


def test_iterations_and_target_dates_due_today_or_before() -> None:
    ini = active()
    for title, day in (
        ("late", date(2026, 11, 18)),
        ("today", MONDAY),
        ("later", date(2026, 12, 1)),
    ):
        ini = plan(ini, title, day, at(date(2026, 11, 3)))
    ini = metric(ini, baseline=0, target=10, when=at(date(2026, 11, 3)), by=date(2026, 11, 20))
    ini = measure(ini, 4, at(date(2026, 11, 10)))
    dues = turn([ini]).due
    assert [(d.what, d.late(MONDAY)) for d in dues] == [
        ("iteration 1: late", 5),
        ("target date: 10 min", 3),
        ("iteration 2: today", 0),
    ]
    assert dues[0].iteration == 1


def test_off_track_from_the_forecast() -> None:
    slow = metric(active(), baseline=0, target=10, when=at(date(2026, 11, 2)), by=date(2027, 1, 4))
    slow = measure(measure(slow, 1, at(date(2026, 11, 9))), 2, at(date(2026, 11, 16)))
    fast = metric(active(), baseline=0, target=10, when=at(date(2026, 11, 2)), by=date(2027, 1, 4))
    fast = measure(measure(fast, 4, at(date(2026, 11, 9))), 8, at(date(2026, 11, 16)))
    (drift,) = turn([slow, fast]).off_track
    assert drift.initiative_id == slow.id
    assert drift.forecast.startswith("off track: projected")


def test_people_in_the_teams_order_then_alphabetical_then_unassigned() -> None:
    found = [active(o) for o in ("zoe", "Ben", "ana", "eli", "")]
    found.append(note(active(""), "who owns this?", at(MONDAY, 8)))
    result = standup(found, NOW, people=("eli", "ana"))
    assert [p.person for p in result.people] == ["eli", "ana", "Ben", "zoe", UNASSIGNED]
    assert order_people(["b", "a"]) == ["a", "b"]


def test_the_summary_counts_and_names_who_had_nothing() -> None:
    moving = note(active("ana"), "shipped", at(FRIDAY, 15))
    stuck = set_status(active("ben"), Status.BLOCKED, at(date(2026, 11, 19)))
    late = plan(active("ben"), "overdue", date(2026, 11, 19), at(date(2026, 11, 3)))
    result = standup([moving, stuck, late, active("chloe")], NOW)
    summary = result.summary
    assert (summary.moved, summary.blocked, summary.overdue, summary.due_today) == (1, 1, 1, 0)
    assert summary.quiet == ("chloe",)


def test_one_person_only() -> None:
    found = [active("ana"), active("ben")]
    assert [p.person for p in standup(found, NOW, person="BEN").people] == ["ben"]
    assert standup(found, NOW, person="nobody").people[0].quiet


def test_closed_work_shows_only_what_moved() -> None:
    done = set_status(active("ana"), Status.DONE, at(FRIDAY))
    old = set_status(active("ben"), Status.DONE, at(date(2026, 11, 1)))
    result = standup([done, old], NOW)
    assert [p.person for p in result.people] == ["ana"]
    assert result.people[0].moved[0].changes == ("active → done",)


def test_the_roll_knows_the_order_first_and_works_out_each_turn_when_asked() -> None:
    found = [plan(active(o), "late", date(2026, 11, 19), at(date(2026, 11, 3))) for o in "cab"]
    roll = Roll(found, NOW, people=("c",))
    assert roll.names == ("c", "a", "b")
    assert roll.since == FRIDAY
    assert roll.turn(1).person == "a"
    assert roll.turn(1).due[0].what == "iteration 1: late"
    assert roll.standup() == standup(found, NOW, people=("c",))


def test_a_record_not_updated_since_the_look_back_day_has_not_moved() -> None:
    ini = note(active(), "old news", at(date(2026, 11, 18)))
    assert moved(ini, FRIDAY, NOW) is None
    assert moved(ini, date(2026, 11, 18), NOW) is not None


def test_moved_is_one_line_the_step_and_status_then_the_latest_reading_and_its_change() -> None:
    ini = set_step(active(), Step.PLAN, at(date(2026, 11, 3)))
    ini = metric(ini, baseline=15, target=6, when=at(date(2026, 11, 3)), better=Direction.DOWN)
    ini = measure(ini, 12, at(date(2026, 11, 16)))
    ini = note(ini, "rerun bot off", at(FRIDAY, 9))
    ini = measure(ini, 10, at(FRIDAY, 12))
    ini = set_step(ini, Step.ACT, at(FRIDAY, 15))
    ini = measure(ini, 9, at(MONDAY, 8))
    (said,) = turn([ini]).moved
    assert said.changes == ("plan → act", "m 12 → 9 (−3)", "note: rerun bot off")
    assert said.reading == Reading("m", "min", 9, 12, Direction.DOWN)
    assert said.reading.change == -3


def test_a_first_reading_is_compared_with_the_baseline_or_said_alone() -> None:
    ini = metric(active(), baseline=30, target=10, when=at(date(2026, 11, 3)))
    ini = measure(ini, 32.5, at(FRIDAY))
    assert turn([ini]).moved[0].changes == ("m 30 → 32.5 (+2.5)",)
    assert turn([ini]).moved[0].reading.better is True  # type: ignore[union-attr]
    down = Reading("lead time", "h", 12, 10, Direction.DOWN)
    assert (down.better, Reading("m", "", 5, 5).better, Reading("m", "", 7, 5).better) == (
        False,
        None,
        True,
    )
    assert Reading("NPS", "", 41, None).said() == "NPS 41"


def test_next_is_the_nearest_open_iteration_due_after_today_then_an_undated_one() -> None:
    ini = plan(active(), "overdue", date(2026, 11, 20), at(date(2026, 11, 3)))
    ini = plan(ini, "someday", None, at(date(2026, 11, 3)))
    ini = plan(ini, "later", date(2026, 12, 4), at(date(2026, 11, 3)))
    ini = plan(ini, "soon", date(2026, 11, 25), at(date(2026, 11, 3)))
    ini = plan(ini, "done early", date(2026, 11, 24), at(date(2026, 11, 3)))
    ini = finish(ini, "done early", at(FRIDAY))
    only_undated = plan(active("ben"), "someday", None, at(date(2026, 11, 3)))
    result = standup([ini, only_undated], NOW)
    (ana,), (ben,) = (p.next for p in result.people)
    assert (ana.what, ana.due, ana.iteration) == ("iteration 4: soon", date(2026, 11, 25), 4)
    assert (ben.what, ben.due) == ("iteration 1: someday", None)
    assert [d.what for d in result.people[0].due] == ["iteration 1: overdue"]
    assert result.summary.next == 2
    closed = set_status(ini, Status.DONE, at(MONDAY, 8))
    assert standup([closed], NOW).people[0].next == ()


def test_the_summary_says_who_had_nothing_to_report_in_words() -> None:
    """A trial read "nothing from: nobody" when everyone had something to say."""
    from improve.text.standup import quiet_line

    assert quiet_line(()) == "everyone had something to report"
    assert quiet_line(("chloe", "dev")) == "nothing to report: chloe, dev"
