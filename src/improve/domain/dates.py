"""Date and cadence parsing: a small keyword layer over python-dateutil.

`today` and `now` are always passed in, so the same text means the same day in a test
with a fixed clock as it does for the user at the terminal.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from itertools import product
from typing import TYPE_CHECKING

from improve.domain.errors import InputError

if TYPE_CHECKING:
    from dateutil.rrule import rrule

# dateutil is imported where it is used: it costs ~40 ms, and `improve add` needs none of it.

MIN_YEAR, MAX_YEAR = 1970, 2200

_DATE_HELP = "use YYYY-MM-DD, today, tomorrow, a weekday, +3d/-1w/+2m, eow or eom"
_MOMENT_HELP = "use YYYY-MM-DD HH:MM, HH:MM, now, today, a weekday, +3d/-1w/+2m, eow or eom"
_CADENCE_HELP = (
    "use daily, weekly, weekly on mon, monthly, every 2 weeks, fortnightly "
    "or an RRULE such as FREQ=WEEKLY;BYDAY=MO"
)

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_SHIFTS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_OFFSET_STEPS = {"d": (1, 0), "w": (7, 0), "m": (0, 1), "y": (0, 12)}  # (days, months)
_OFFSET = re.compile(r"([+-]?)([0-9]{1,6})\s*([dwmy])", re.ASCII)
_ISO_SHAPE = re.compile(r"[0-9]{4}-|[0-9]{8}(?:$|t)", re.ASCII)
_TIME_ONLY = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?", re.ASCII)

_SHORT_CADENCE = re.compile(
    r"(?:(?P<word>[a-z]+)|every\s+(?:(?P<n>[0-9]{1,3})\s+)?(?P<unit>day|week|month|year)s?)"
    r"(?:\s+on\s+(?P<days>.+))?",
    re.ASCII,
)
_CADENCE_WORDS = {
    "daily": ("DAILY", 1), "weekly": ("WEEKLY", 1), "fortnightly": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1), "yearly": ("YEARLY", 1),
}  # fmt: skip
_UNIT_FREQS = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_FREQ_WORDS = {freq: word for word, (freq, n) in _CADENCE_WORDS.items() if n == 1}
_FREQ_UNITS = {freq: unit for unit, freq in _UNIT_FREQS.items()}
_PART_ORDER = (
    "FREQ", "INTERVAL", "WKST", "COUNT", "UNTIL", "BYSETPOS", "BYMONTH", "BYMONTHDAY",
    "BYYEARDAY", "BYWEEKNO", "BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND", "BYEASTER",
)  # fmt: skip
_CHECK_START = datetime(2000, 1, 1, tzinfo=UTC)
_PROBE_START = datetime(9970, 1, 1, tzinfo=UTC)


def parse_date(text: str, today: date) -> date:
    """The day a user means by `text`, counted from `today`; raises InputError otherwise."""
    key = _normalise(text)
    if not key:
        raise InputError(f"empty date: {_DATE_HELP}")
    try:
        found = _keyword_date(key, today) or _written_date(key, today.year)
    except InputError:
        raise
    except (ValueError, OverflowError):
        found = None
    if found is None:
        raise InputError(f"bad date {_shown(text)}: {_DATE_HELP}")
    return _in_range(found, text)


def parse_moment(text: str, now: datetime) -> datetime:
    """The instant a user means by `text`: a keyword day is taken at noon, which sits
    safely inside the day in every zone; `now` and `today` are `now` itself."""
    if now.tzinfo is None:
        raise ValueError("parse_moment needs an aware `now`")
    key = _normalise(text)
    if not key:
        raise InputError(f"empty time: {_MOMENT_HELP}")
    try:
        found = _resolve_moment(key, now)
    except InputError:
        raise
    except (ValueError, OverflowError):
        found = None
    if found is None:
        raise InputError(f"bad time {_shown(text)}: {_MOMENT_HELP}")
    _in_range(found.date(), text)
    return found if found.tzinfo else found.replace(tzinfo=now.tzinfo)


def parse_cadence(text: str) -> str:
    """A canonical RRULE (no `RRULE:` prefix) for a short form or a raw rule, so the store
    keeps one spelling per cadence and dateutil can always read it back."""
    key = _normalise(text)
    if not key:
        raise InputError(f"empty cadence: {_CADENCE_HELP}")
    if "=" in key:
        return _canonical_rule(key, text)
    rule = _short_rule(key)
    if rule is None:
        raise InputError(f"bad cadence {_shown(text)}: {_CADENCE_HELP}")
    return _canonical_rule(rule, text)


def cadence_label(rule: str) -> str:
    """A short human form of a canonical rule for lists and the standup; the rule itself
    when it says more than a label can."""
    parts = _rule_parts(rule)
    if parts is None or not set(parts) <= {"FREQ", "INTERVAL", "BYDAY"}:
        return rule
    freq, interval, days = parts.get("FREQ", ""), parts.get("INTERVAL", "1"), parts.get("BYDAY")
    if freq not in _FREQ_WORDS or not interval.isascii() or not interval.isdigit():
        return rule
    if int(interval) > 1:
        label = f"every {int(interval)} {_FREQ_UNITS[freq]}s"
    else:
        label = _FREQ_WORDS[freq]
    if days is None:
        return label
    codes = days.split(",")
    if freq != "WEEKLY" or not set(codes) <= set(_CODES):
        return rule
    return f"{label} on {', '.join(_WEEKDAYS[_CODES.index(code)][:3].title() for code in codes)}"


def occurrence_before(rule: str, start: datetime, moment: datetime) -> datetime | None:
    """The last time the rule (counted from `start`) fell due at or before `moment`."""
    return _recurrence(rule, start).before(moment, inc=True)


def occurrence_after(rule: str, start: datetime, moment: datetime) -> datetime | None:
    """The next time the rule (counted from `start`) falls due strictly after `moment`."""
    return _recurrence(rule, start).after(moment, inc=False)


def _normalise(text: str) -> str:
    return " ".join(text.split()).lower()


def _shown(text: str) -> str:
    """The user's text quoted for an error line, cut short so the line stays one line."""
    stripped = text.strip()
    return repr(stripped if len(stripped) <= 60 else stripped[:60] + "…")


def _in_range(day: date, text: str) -> date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InputError(f"bad date {_shown(text)}: the year must be within {MIN_YEAR}..{MAX_YEAR}")
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
    weekday = _weekday_index(key)
    if weekday is not None:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    offset = _OFFSET.fullmatch(key)
    return _shifted(today, offset) if offset else None


def _weekday_index(word: str) -> int | None:
    """Monday is 0; any prefix of three letters or more names a day (`wed`, `thurs`)."""
    if len(word) < 3:
        return None
    return next((i for i, name in enumerate(_WEEKDAYS) if name.startswith(word)), None)


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


def _short_rule(key: str) -> str | None:
    """The RRULE for `weekly on mon,thu`, `every 2 weeks`, `fortnightly`..., or None."""
    match = _SHORT_CADENCE.fullmatch(key)
    if match is None:
        return None
    word, n, unit, days = match.group("word", "n", "unit", "days")
    if word is not None and word not in _CADENCE_WORDS:
        return None
    freq, interval = _CADENCE_WORDS[word] if word else (_UNIT_FREQS[unit], int(n or 1))
    if interval < 1:
        return None
    parts = [f"FREQ={freq}"] + ([f"INTERVAL={interval}"] if interval > 1 else [])
    if days is not None:
        codes = _weekday_codes(days)
        if freq != "WEEKLY" or codes is None:
            return None
        parts.append(f"BYDAY={','.join(codes)}")
    return ";".join(parts)


def _weekday_codes(text: str) -> list[str] | None:
    words = [word for word in re.split(r"[\s,]+", text) if word and word != "and"]
    indexes = [_weekday_index(word) for word in words]
    if not indexes or None in indexes:
        return None
    return [_CODES[i] for i in sorted({i for i in indexes if i is not None})]


def _rule_parts(rule: str) -> dict[str, str] | None:
    """KEY=VALUE parts of a one-line rule, or None when it is not that shape."""
    body = re.sub(r"\s+", "", rule.upper()).removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for part in filter(None, body.split(";")):
        key, sep, value = part.partition("=")
        if not sep or not value or key in parts or ":" in part:
            return None
        parts[key] = value
    return parts


def _canonical_rule(rule: str, text: str) -> str:
    """One spelling per rule: upper case, parts in dateutil's order, no INTERVAL=1; and
    only rules that dateutil reads and that cannot stall `before`/`after`."""
    parts = _rule_parts(rule)
    if parts is None:
        raise InputError(f"bad cadence {_shown(text)}: write KEY=VALUE parts joined by ';'")
    if parts.get("INTERVAL") == "1":
        del parts["INTERVAL"]
    problem = _rule_problem(parts)
    if problem:
        raise InputError(f"bad cadence {_shown(text)}: {problem}")
    order = sorted(parts, key=lambda k: _PART_ORDER.index(k) if k in _PART_ORDER else 99)
    canonical = ";".join(f"{key}={parts[key]}" for key in order)
    _check_rule(canonical, text)
    return canonical


def _rule_problem(parts: dict[str, str]) -> str | None:
    """What dateutil would accept but a cadence should not: sub-daily, a zero interval."""
    if parts.get("FREQ") not in _FREQ_WORDS:
        return "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"
    interval = parts.get("INTERVAL", "1")
    if not (interval.isascii() and interval.isdigit() and 0 < int(interval) <= 999):
        return "INTERVAL must be a whole number from 1 to 999"
    if "COUNT" in parts and "UNTIL" in parts:
        return "use COUNT or UNTIL, not both"
    return None


def _check_rule(rule: str, text: str) -> None:
    """Let dateutil read the rule, then probe for one occurrence.

    A rule that never occurs (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) makes `before`/`after`
    scan every day up to year 9999, seconds per call; probing from 9970 keeps the scan
    short. COUNT and UNTIL are left out of the probe: they only end a rule early.
    """
    from dateutil.rrule import rrulestr

    pattern = ";".join(p for p in rule.split(";") if not p.startswith(("COUNT=", "UNTIL=")))
    try:
        rrulestr(rule, dtstart=_CHECK_START)
        found = rrulestr(pattern, dtstart=_PROBE_START).after(_PROBE_START, inc=True)
    except (ValueError, OverflowError) as exc:
        raise _dateutil_error(text, exc) from exc
    if found is None:
        raise InputError(f"bad cadence {_shown(text)}: the rule never falls due")


def _recurrence(rule: str, start: datetime) -> rrule:
    from dateutil.rrule import rrule, rrulestr

    try:
        parsed = rrulestr(rule, dtstart=start)
    except (ValueError, OverflowError) as exc:
        raise _dateutil_error(rule, exc) from exc
    if not isinstance(parsed, rrule):
        raise InputError(f"bad cadence {_shown(rule)}: {_CADENCE_HELP}")
    return parsed


def _dateutil_error(text: str, exc: Exception) -> InputError:
    """dateutil's own reason, kept to one line."""
    return InputError(f"bad cadence {_shown(text)}: {' '.join(str(exc).split())}")
