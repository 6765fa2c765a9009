"""Dates, moments and cadences as a user types them, on a fixed Monday."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improve.domain.cadence import (
    cadence_label,
    occurrence_after,
    occurrence_before,
    parse_cadence,
)
from improve.domain.dates import parse_date, parse_moment
from improve.domain.errors import InputError

TODAY = date(2026, 11, 23)  # a Monday
ZONE = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 23, 9, 15, tzinfo=ZONE)
DATE_HELP = "use YYYY-MM-DD, today, tomorrow, a weekday, +3d/-1w/+2m, eow or eom"
CADENCE_HELP = (
    "use daily, weekly, weekly on mon, monthly, every 2 weeks, fortnightly "
    "or an RRULE such as FREQ=WEEKLY;BYDAY=MO"
)


def test_today_is_a_monday() -> None:
    assert TODAY.weekday() == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 23)),
        ("yesterday", date(2026, 11, 22)),
        ("tomorrow", date(2026, 11, 24)),
        ("+3d", date(2026, 11, 26)),
        ("3d", date(2026, 11, 26)),
        ("-1w", date(2026, 11, 16)),
        ("+2w", date(2026, 12, 7)),
        ("+2m", date(2027, 1, 23)),
        ("-1m", date(2026, 10, 23)),
        ("+1y", date(2027, 11, 23)),
        ("eow", date(2026, 11, 29)),
        ("eom", date(2026, 11, 30)),
        ("2026-12-01", date(2026, 12, 1)),
        ("1 Dec 2026", date(2026, 12, 1)),
        ("Dec 1", date(2026, 12, 1)),
        ("13/2/2026", date(2026, 2, 13)),
        ("  ToDaY  ", date(2026, 11, 23)),
        (" EOM", date(2026, 11, 30)),
    ],
)
def test_keywords_and_written_dates(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("monday", date(2026, 11, 30)),
        ("mon", date(2026, 11, 30)),
        ("MON", date(2026, 11, 30)),
        ("tuesday", date(2026, 11, 24)),
        ("tue", date(2026, 11, 24)),
        ("wed", date(2026, 11, 25)),
        ("thurs", date(2026, 11, 26)),
        ("fri", date(2026, 11, 27)),
        ("sat", date(2026, 11, 28)),
        ("sunday", date(2026, 11, 29)),
    ],
)
def test_a_weekday_is_the_next_one_strictly_after_today(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def test_eow_on_a_sunday_is_that_sunday() -> None:
    sunday = date(2026, 11, 29)
    assert parse_date("eow", sunday) == sunday
    assert parse_date("sunday", sunday) == date(2026, 12, 6)


def test_eom_in_february_of_a_leap_year() -> None:
    assert parse_date("eom", date(2028, 2, 10)) == date(2028, 2, 29)
    assert parse_date("eom", date(2027, 2, 10)) == date(2027, 2, 28)


def test_month_offsets_clamp_to_the_end_of_a_short_month() -> None:
    assert parse_date("+1m", date(2028, 1, 31)) == date(2028, 2, 29)
    assert parse_date("+1m", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_date("+2m", date(2027, 12, 31)) == date(2028, 2, 29)
    assert parse_date("+2m", date(2026, 1, 31)) == date(2026, 3, 31)


@pytest.mark.parametrize("text", ["fribday", "+3x", "2026-13-01", "Dec", "5", "1/2/2026", "09:30"])
def test_bad_or_ambiguous_dates_say_what_is_accepted(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text, TODAY)
    assert str(caught.value) == f"bad date '{text}': {DATE_HELP}"


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_date_is_refused(text: str) -> None:
    with pytest.raises(InputError, match=r"^empty date: use YYYY-MM-DD"):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["1969-12-31", "2201-01-01", "+300y", "+999999y", "-999999d"])
def test_absurd_years_are_refused(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text, TODAY)
    assert str(caught.value) == f"bad date '{text}': the year must be within 1970..2200"


def test_a_long_bad_date_is_cut_short_in_the_message() -> None:
    with pytest.raises(InputError) as caught:
        parse_date("x" * 500, TODAY)
    assert str(caught.value) == f"bad date '{'x' * 60}…': {DATE_HELP}"


@given(st.integers(min_value=-1000, max_value=1000))
def test_a_day_offset_is_that_many_days(n: int) -> None:
    assert parse_date(f"{n:+d}d", TODAY) == TODAY + timedelta(days=n)


@given(st.dates(min_value=date(1971, 1, 1), max_value=date(2199, 12, 1)), st.integers(0, 6))
def test_a_weekday_is_always_one_to_seven_days_ahead(today: date, weekday: int) -> None:
    name = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[weekday]
    found = parse_date(name, today)
    assert found.weekday() == weekday
    assert 1 <= (found - today).days <= 7


@given(st.text())
def test_parse_date_raises_only_input_error(text: str) -> None:
    try:
        found = parse_date(text, TODAY)
    except InputError:
        return
    assert 1970 <= found.year <= 2200


@given(st.text())
def test_parse_moment_raises_only_input_error(text: str) -> None:
    try:
        found = parse_moment(text, NOW)
    except InputError:
        return
    assert found.tzinfo is not None


def test_now_and_today_are_now_itself() -> None:
    assert parse_moment("now", NOW) is NOW
    assert parse_moment(" Today ", NOW) is NOW


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", datetime(2026, 11, 22, 12, 0, tzinfo=ZONE)),
        ("fri", datetime(2026, 11, 27, 12, 0, tzinfo=ZONE)),
        ("+1w", datetime(2026, 11, 30, 12, 0, tzinfo=ZONE)),
        ("eom", datetime(2026, 11, 30, 12, 0, tzinfo=ZONE)),
        ("2026-11-20", datetime(2026, 11, 20, 12, 0, tzinfo=ZONE)),
        ("09:30", datetime(2026, 11, 23, 9, 30, tzinfo=ZONE)),
        ("2026-11-20T09:30", datetime(2026, 11, 20, 9, 30, tzinfo=ZONE)),
        ("2026-11-20 09:30", datetime(2026, 11, 20, 9, 30, tzinfo=ZONE)),
        ("1 Dec 2026 17:45", datetime(2026, 12, 1, 17, 45, tzinfo=ZONE)),
    ],
)
def test_moments_take_now_s_zone(text: str, expected: datetime) -> None:
    found = parse_moment(text, NOW)
    assert found == expected
    assert found.tzinfo is ZONE


def test_a_moment_with_its_own_offset_keeps_it() -> None:
    found = parse_moment("2026-11-20T09:30Z", NOW)
    assert found == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["25:00", "fribday", "9am"])
def test_bad_moments_say_what_is_accepted(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_moment(text, NOW)
    assert str(caught.value) == (
        f"bad time '{text}': use YYYY-MM-DD HH:MM, HH:MM, now, today, a weekday, "
        "+3d/-1w/+2m, eow or eom"
    )


def test_a_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_moment("today", datetime(2026, 11, 23, 9, 15))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("daily", "FREQ=DAILY"),
        ("weekly", "FREQ=WEEKLY"),
        ("weekly on mon", "FREQ=WEEKLY;BYDAY=MO"),
        ("Weekly on Monday", "FREQ=WEEKLY;BYDAY=MO"),
        ("weekly on mon,thu", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("weekly on thu, mon", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("monthly", "FREQ=MONTHLY"),
        ("every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
        ("every 3 days", "FREQ=DAILY;INTERVAL=3"),
        ("every month", "FREQ=MONTHLY"),
        ("every 1 week", "FREQ=WEEKLY"),
        ("fortnightly", "FREQ=WEEKLY;INTERVAL=2"),
        ("every 2 weeks on fri", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ],
)
def test_short_cadences_become_rrules(text: str, rule: str) -> None:
    assert parse_cadence(text) == rule


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        ("RRULE:FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        ("rrule:freq=weekly;byday=mo", "FREQ=WEEKLY;BYDAY=MO"),
        ("BYDAY=MO;FREQ=WEEKLY;INTERVAL=2", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
        ("FREQ=WEEKLY;INTERVAL=1", "FREQ=WEEKLY"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("FREQ=DAILY;UNTIL=20261231T000000Z", "FREQ=DAILY;UNTIL=20261231T000000Z"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
    ],
)
def test_raw_rrules_round_trip(text: str, rule: str) -> None:
    assert parse_cadence(text) == rule
    assert parse_cadence(rule) == rule


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FREQ=SOMETIMES", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=HOURLY", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be a whole number from 1 to 999"),
        ("FREQ=WEEKLY;BYDAY=XX", "invalid 'BYDAY': XX"),
        ("FREQ=WEEKLY;FOO=1", "unknown parameter 'FOO'"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20261231T000000Z", "use COUNT or UNTIL, not both"),
        (
            "FREQ=DAILY;UNTIL=20261231",
            "RRULE UNTIL values must be specified in UTC when DTSTART is timezone-aware",
        ),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "the rule never falls due"),
        ("DTSTART:20260101;FREQ=DAILY", "write KEY=VALUE parts joined by ';'"),
        ("fribdaily", CADENCE_HELP),
        ("monthly on mon", CADENCE_HELP),
        ("every 0 days", CADENCE_HELP),
        ("weekly on funday", CADENCE_HELP),
    ],
)
def test_bad_cadences_say_why(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_cadence(text)
    assert str(caught.value) == f"bad cadence '{text}': {message}"


def test_an_empty_cadence_is_refused() -> None:
    with pytest.raises(InputError, match=r"^empty cadence: use daily"):
        parse_cadence("  ")


@given(st.text())
def test_parse_cadence_raises_only_input_error(text: str) -> None:
    try:
        rule = parse_cadence(text)
    except InputError:
        return
    assert parse_cadence(rule) == rule


@pytest.mark.parametrize(
    ("rule", "label"),
    [
        ("FREQ=DAILY", "daily"),
        ("FREQ=WEEKLY", "weekly"),
        ("FREQ=MONTHLY", "monthly"),
        ("FREQ=WEEKLY;BYDAY=MO", "weekly on Mon"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "weekly on Mon, Thu"),
        ("FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("FREQ=DAILY;INTERVAL=3", "every 3 days"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "every 2 weeks on Fri"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=MONTHLY;BYMONTHDAY=1"),
        ("not a rule", "not a rule"),
    ],
)
def test_cadence_labels(rule: str, label: str) -> None:
    assert cadence_label(rule) == label


START = datetime(2026, 11, 2, 9, 0, tzinfo=ZONE)  # a Monday
WEEKLY = "FREQ=WEEKLY;BYDAY=MO,TH"


def test_occurrences_around_a_moment_on_a_weekly_rule() -> None:
    wednesday = datetime(2026, 11, 25, 10, 0, tzinfo=ZONE)
    assert occurrence_before(WEEKLY, START, wednesday) == datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)
    assert occurrence_after(WEEKLY, START, wednesday) == datetime(2026, 11, 26, 9, 0, tzinfo=ZONE)


def test_an_occurrence_counts_as_before_but_not_after_itself() -> None:
    due = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)
    assert occurrence_before(WEEKLY, START, due) == due
    assert occurrence_after(WEEKLY, START, due) == datetime(2026, 11, 26, 9, 0, tzinfo=ZONE)


def test_no_occurrence_before_the_start_or_after_the_count() -> None:
    assert occurrence_before(WEEKLY, START, START - timedelta(days=1)) is None
    assert occurrence_after("FREQ=WEEKLY;COUNT=2", START, NOW) is None


def test_a_broken_stored_rule_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^bad cadence 'FREQ=SOMETIMES': invalid 'FREQ'"):
        occurrence_after("FREQ=SOMETIMES", START, NOW)
