"""Date parsing: a small keyword layer over python-dateutil.

`today` and `now` are always passed in, so the same text means the same day in a test
with a fixed clock as it does for the user at the terminal.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from itertools import product

from improve.domain.errors import InputError

# dateutil is imported where it is used: it costs ~40 ms, and `improve add` needs none of it.

MIN_YEAR, MAX_YEAR = 1970, 2200

_DATE_HELP = "use YYYY-MM-DD, today, tomorrow, a weekday, +3d/-1w/+2m, eow or eom"
_MOMENT_HELP = "use YYYY-MM-DD HH:MM, HH:MM, now, today, a weekday, +3d/-1w/+2m, eow or eom"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_SHIFTS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_OFFSET_STEPS = {"d": (1, 0), "w": (7, 0), "m": (0, 1), "y": (0, 12)}  # (days, months)
_OFFSET = re.compile(r"([+-]?)([0-9]{1,6})\s*([dwmy])", re.ASCII)
_ISO_SHAPE = re.compile(r"[0-9]{4}-|[0-9]{8}(?:$|t)", re.ASCII)
_TIME_ONLY = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?", re.ASCII)


def parse_date(text: str, today: date) -> date:
    """The day a user means by `text`, counted from `today`; raises InputError otherwise."""
    key = normalise(text)
    if not key:
        raise InputError(f"empty date: {_DATE_HELP}")
    try:
        found = _keyword_date(key, today) or _written_date(key, today.year)
    except InputError:
        raise
    except (ValueError, OverflowError):
        found = None
    if found is None:
        raise InputError(f"bad date {shown(text)}: {_DATE_HELP}")
    return _in_range(found, text)


def parse_moment(text: str, now: datetime) -> datetime:
    """The instant a user means by `text`: a keyword day is taken at noon, which sits
    safely inside the day in every zone; `now` and `today` are `now` itself."""
    if now.tzinfo is None:
        raise ValueError("parse_moment needs an aware `now`")
    key = normalise(text)
    if not key:
        raise InputError(f"empty time: {_MOMENT_HELP}")
    try:
        found = _resolve_moment(key, now)
    except InputError:
        raise
    except (ValueError, OverflowError):
        found = None
    if found is None:
        raise InputError(f"bad time {shown(text)}: {_MOMENT_HELP}")
    _in_range(found.date(), text)
    return found if found.tzinfo else found.replace(tzinfo=now.tzinfo)


def normalise(text: str) -> str:
    return " ".join(text.split()).lower()


def shown(text: str) -> str:
    """The user's text quoted for an error line, cut short so the line stays one line."""
    stripped = text.strip()
    return repr(stripped if len(stripped) <= 60 else stripped[:60] + "…")


def _in_range(day: date, text: str) -> date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InputError(f"bad date {shown(text)}: the year must be within {MIN_YEAR}..{MAX_YEAR}")
    return day


def _keyword_date(key: str, today: date) -> date | None:
    """The keyword layer; None when `key` is not a keyword, so dateutil gets a turn."""
    from dateutil.relativedelta import relativedelta

    if key in _DAY_SHIFTS:
        return today + timedelta(days=_DAY_SHIFTS[key])
    if key == "eow":
        return today + timedelta(days=6 - today.weekday())
    if key == "eom":
        return today + relativedelta(day=31)
    weekday = weekday_index(key)
    if weekday is not None:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    offset = _OFFSET.fullmatch(key)
    return _shifted(today, offset) if offset else None


def weekday_index(word: str) -> int | None:
    """Monday is 0; any prefix of three letters or more names a day (`wed`, `thurs`)."""
    if len(word) < 3:
        return None
    return next((i for i, name in enumerate(WEEKDAYS) if name.startswith(word)), None)


def _shifted(today: date, offset: re.Match[str]) -> date:
    """`+2m` through relativedelta, so Jan 31 + 1m is the last day of February. Past the
    calendar's ends it gives the end itself, which the year check then refuses."""
    from dateutil.relativedelta import relativedelta

    sign, amount, unit = offset.groups()
    n = -int(amount) if sign == "-" else int(amount)
    days, months = _OFFSET_STEPS[unit]
    try:
        return today + relativedelta(days=n * days, months=n * months)
    except (ValueError, OverflowError):
        return date.max if n > 0 else date.min


def _written_date(key: str, year: int) -> date | None:
    if _ISO_SHAPE.match(key):
        return datetime.fromisoformat(key.upper()).date()
    written = _dateutil_reading(key, year)
    return written.date() if written else None


def _dateutil_reading(key: str, year: int) -> datetime | None:
    """dateutil's one reading of `key`, or None when it can read it more than one way.

    Two defaults expose a missing day or month (`Dec`, `5`); the four day-first and
    year-first settings expose an ambiguous order (`1/2/2026`). The time defaults to noon.
    """
    from dateutil import parser

    defaults = (datetime(year, 1, 1, 12), datetime(year, 2, 2, 12))
    readings = {
        parser.parse(key, default=default, dayfirst=dayfirst, yearfirst=yearfirst)
        for default, dayfirst, yearfirst in product(defaults, (False, True), (False, True))
    }
    return readings.pop() if len(readings) == 1 else None


def _resolve_moment(key: str, now: datetime) -> datetime | None:
    if key in ("now", "today"):
        return now
    day = _keyword_date(key, now.date())
    if day is not None:
        return datetime.combine(day, time(12), tzinfo=now.tzinfo)
    clock = _TIME_ONLY.fullmatch(key)
    if clock:
        hour, minute, second = (int(part or 0) for part in clock.groups())
        return datetime.combine(now.date(), time(hour, minute, second), tzinfo=now.tzinfo)
    if _ISO_SHAPE.match(key):
        return _iso_moment(key.upper(), now)
    return _dateutil_reading(key, now.year)


def _iso_moment(key: str, now: datetime) -> datetime:
    """An ISO date alone means noon that day, as the keywords do."""
    try:
        return datetime.combine(date.fromisoformat(key), time(12), tzinfo=now.tzinfo)
    except ValueError:
        return datetime.fromisoformat(key)
