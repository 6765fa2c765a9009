"""Measurement cadences: the short forms people type, turned into canonical RRULEs.

dateutil reads the rules (RFC 5545); this module keeps one spelling per cadence, says
it back in words, and refuses rules that would stall dateutil or never fall due.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from improve.domain.dates import WEEKDAY_CODES, WEEKDAYS, normalise, shown, weekday_index
from improve.domain.errors import InputError

if TYPE_CHECKING:
    from dateutil.rrule import rrule

_CADENCE_HELP = (
    "use daily, weekly, weekly on mon, monthly, every 2 weeks, fortnightly "
    "or an RRULE such as FREQ=WEEKLY;BYDAY=MO"
)


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


def parse_cadence(text: str) -> str:
    """A canonical RRULE (no `RRULE:` prefix) for a short form or a raw rule, so the store
    keeps one spelling per cadence and dateutil can always read it back."""
    key = normalise(text)
    if not key:
        raise InputError(f"empty cadence: {_CADENCE_HELP}")
    if "=" in key:
        return _canonical_rule(key, text)
    rule = _short_rule(key)
    if rule is None:
        raise InputError(f"bad cadence {shown(text)}: {_CADENCE_HELP}")
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
    if freq != "WEEKLY" or not set(codes) <= set(WEEKDAY_CODES):
        return rule
    return (
        f"{label} on {', '.join(WEEKDAYS[WEEKDAY_CODES.index(code)][:3].title() for code in codes)}"
    )


def occurrence_before(rule: str, start: datetime, moment: datetime) -> datetime | None:
    """The last time the rule (counted from `start`) fell due at or before `moment`."""
    return _recurrence(rule, start).before(moment, inc=True)


def occurrence_after(rule: str, start: datetime, moment: datetime) -> datetime | None:
    """The next time the rule (counted from `start`) falls due strictly after `moment`."""
    return _recurrence(rule, start).after(moment, inc=False)


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
    indexes = [weekday_index(word) for word in words]
    if not indexes or None in indexes:
        return None
    return [WEEKDAY_CODES[i] for i in sorted({i for i in indexes if i is not None})]


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
        raise InputError(f"bad cadence {shown(text)}: write KEY=VALUE parts joined by ';'")
    if parts.get("INTERVAL") == "1":
        del parts["INTERVAL"]
    problem = _rule_problem(parts)
    if problem:
        raise InputError(f"bad cadence {shown(text)}: {problem}")
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
        raise InputError(f"bad cadence {shown(text)}: the rule never falls due")


def _recurrence(rule: str, start: datetime) -> rrule:
    from dateutil.rrule import rrule, rrulestr

    try:
        parsed = rrulestr(rule, dtstart=start)
    except (ValueError, OverflowError) as exc:
        raise _dateutil_error(rule, exc) from exc
    if not isinstance(parsed, rrule):
        raise InputError(f"bad cadence {shown(rule)}: {_CADENCE_HELP}")
    return parsed


def _dateutil_error(text: str, exc: Exception) -> InputError:
    """dateutil's own reason, kept to one line."""
    return InputError(f"bad cadence {shown(text)}: {' '.join(str(exc).split())}")
