"""The checks a stored value passes as it is decoded: the gate every record goes through.

Each helper takes a raw record (a dict from JSON) and a key, and returns the value in
the form the model holds, or raises `Bad` naming the key and what is wrong. The common
case costs a type test and a C-level scan (`str.isprintable`); the reason is worked out
only when a value fails.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from improve.domain.errors import InputError
from improve.domain.text_rule import first_unsafe

#: The largest size of any number the register stores (a reading, a baseline, a target):
#: a quadrillion, far beyond any real measure, and far enough from float overflow that
#: every derived figure (differences, ratios, sums of a year of readings) stays finite.
NUMBER_LIMIT = 1e15
#: One-line text (a title, an owner, a tag) and free text (a note, a description).
LINE_MAX = 200
TEXT_MAX = 100_000
#: Times and dates are years 1900 to 2999: arithmetic on them never leaves datetime's range.
FIRST_YEAR, LAST_YEAR = 1900, 2999

_RECORD_ID = re.compile(r"[0-9a-f]{32}\Z")
ITEM_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z~_.-]{0,79}\Z")
_MISSING: Any = object()
E = TypeVar("E")


class Bad(InputError):
    """One field of a record is not what the register stores (the codec names the record;
    met anywhere else it is still bad input, said in one line)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"field {field}: {problem}")
        self.field = field
        self.problem = problem


def shown(value: object, width: int = 40) -> str:
    """A value as an error may print it: ASCII only, no control character, short."""
    text = ascii(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{value!r}".lower()
    if isinstance(value, str):
        return f"the text {shown(value)}"
    if isinstance(value, int | float):
        return f"the number {shown(value)}"
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else "?"


def record_id(value: object) -> str:
    """An initiative's id: 32 lower-case hex digits (a UUID)."""
    if type(value) is str and _RECORD_ID.match(value):
        return value
    raise Bad("id", f"must be 32 hex digits, not {_kind(value)}")


def item_id(raw: Mapping[str, Any]) -> str:
    value = raw.get("id", _MISSING)
    if type(value) is str and ITEM_ID.match(value):
        return value
    raise Bad("id", f"must be letters, digits and - ~ _ . (at most 80), not {_kind(value)}")


def line(raw: Mapping[str, Any], key: str, default: Any = "", *, required: bool = False) -> str:
    """One line of text: no control character, at most LINE_MAX characters."""
    value = raw.get(key, _MISSING if required else default)
    if type(value) is str and len(value) <= LINE_MAX and value.isprintable():
        return value
    return _text(key, value, LINE_MAX, "")


def text(raw: Mapping[str, Any], key: str, default: Any = "", *, required: bool = False) -> str:
    """Free text: newlines and tabs allowed, no other control character."""
    value = raw.get(key, _MISSING if required else default)
    if type(value) is str and len(value) <= TEXT_MAX and value.isprintable():
        return value
    return _text(key, value, TEXT_MAX, "\n\t")


def _text(key: str, value: object, limit: int, allowed: str) -> str:
    if value is _MISSING:
        raise Bad(key, "is missing")
    if type(value) is not str:
        raise Bad(key, f"must be text, not {_kind(value)}")
    if len(value) > limit:
        raise Bad(key, f"is too long ({len(value)} characters; at most {limit})")
    char = first_unsafe(value, allowed)
    if char is not None:
        raise Bad(key, f"contains a control character ({char!r})")
    return value


def title(raw: Mapping[str, Any], key: str = "title") -> str:
    found = line(raw, key, required=True)
    if not found.strip():
        raise Bad(key, "is empty")
    return found


def optional_line(raw: Mapping[str, Any], key: str) -> str | None:
    return None if raw.get(key) is None else line(raw, key)


def lines(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """A list of one-line texts (tags, stakeholders)."""
    value = raw.get(key, ())
    if type(value) is list or type(value) is tuple:
        return tuple(line({key: v}, key) for v in value)
    raise Bad(key, f"must be a list of text, not {_kind(value)}")


def items(raw: Mapping[str, Any], key: str) -> list[Any]:
    value = raw.get(key, [])
    if type(value) is list:
        return value
    raise Bad(key, f"must be a list, not {_kind(value)}")


def number(raw: Mapping[str, Any], key: str, *, required: bool = False) -> float | None:
    """A finite number of at most NUMBER_LIMIT in size (None when it may be left out)."""
    value = raw.get(key, _MISSING if required else None)
    kind = type(value)
    if (kind is float or kind is int) and -NUMBER_LIMIT <= value <= NUMBER_LIMIT:
        return value  # type: ignore[no-any-return]
    if value is None and not required:
        return None
    if value is _MISSING:
        raise Bad(key, "is missing")
    if (kind is float or kind is int) and math.isfinite(value):
        raise Bad(key, f"is out of range ({shown(value)}; at most {NUMBER_LIMIT:g} in size)")
    raise Bad(key, f"must be a number, not {_kind(value)}")


def score(raw: Mapping[str, Any], key: str) -> int | None:
    """Value and effort: a whole number 1 to 5, or left out."""
    value = raw.get(key)
    if value is None or (type(value) is int and 1 <= value <= 5):
        return value
    raise Bad(key, f"must be a whole number 1 to 5, not {_kind(value)}")


def flag(raw: Mapping[str, Any], key: str) -> bool:
    value = raw.get(key, False)
    if type(value) is bool:
        return value
    raise Bad(key, f"must be true or false, not {_kind(value)}")


def moment(raw: Mapping[str, Any], key: str, *, required: bool = False) -> datetime | None:
    """An ISO time with its zone (None when empty and it may be left out)."""
    value = raw.get(key)
    if (value is None or value == "") and not required:
        return None
    try:
        found = datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Bad(key, f"must be an ISO time, not {_kind(value)}") from None
    if found.tzinfo is None:
        raise Bad(key, f"has no time zone ({shown(value)})")
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise Bad(key, f"is out of range (years {FIRST_YEAR} to {LAST_YEAR})")
    return found


def day(raw: Mapping[str, Any], key: str) -> date | None:
    """An ISO date, or None when left out."""
    value = raw.get(key)
    if value is None or value == "":
        return None
    try:
        found = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Bad(key, f"must be an ISO date, not {_kind(value)}") from None
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise Bad(key, f"is out of range (years {FIRST_YEAR} to {LAST_YEAR})")
    return found


def member(lookup: Callable[[Any], E], raw: Mapping[str, Any], key: str, default: str) -> E:
    """A member of an enum (through its cached lookup) by its stored value."""
    value = raw.get(key, default)
    try:
        if type(value) is str:
            return lookup(value)
    except ValueError:
        pass
    raise Bad(key, f"is not a known value ({_kind(value)})")


def mapping(raw: Any, what: str) -> Mapping[str, Any]:
    if type(raw) is dict:
        return raw
    raise Bad(what, f"must be an object, not {_kind(raw)}")


def stamps(raw: Mapping[str, Any]) -> dict[str, str]:
    """Each field's merge stamp (`time|writer`): one-line texts by field name."""
    value = raw.get("stamps", {})
    if type(value) is not dict:
        raise Bad("stamps", f"must be an object, not {_kind(value)}")
    for key, stamp in value.items():
        if type(stamp) is not str or not stamp.isprintable() or len(stamp) > LINE_MAX:
            name = f"stamps.{shown(key, 20)}"
            line({name: stamp}, name, required=True)
    return dict(value)


def any_value(value: Any, key: str) -> Any:
    """A stored field value as history keeps it: any JSON whose texts pass the text rule."""
    kind = type(value)
    if kind is str:
        if len(value) > TEXT_MAX or not value.isprintable():
            _text(key, value, TEXT_MAX, "\n\t")
    elif kind is list:
        for v in value:
            any_value(v, key)
    elif kind is dict:
        for k, v in value.items():
            any_value(k, key)
            any_value(v, key)
    return value


def whole(raw: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    """A whole number within bounds (a count, a minimum)."""
    value = raw.get(key, default)
    if type(value) is int and low <= value <= high:
        return value
    raise Bad(key, f"must be a whole number {low} to {high}, not {_kind(value)}")


#: A survey reading's answers: answer -> how many gave it.
ANSWER_LIMIT, COUNT_LIMIT = 1000, 1_000_000_000


def tally(raw: Mapping[str, Any], key: str) -> tuple[tuple[int, int], ...]:
    """Answers and their counts (`{"9": 12}`): whole numbers, counts not negative."""
    value = raw.get(key) or {}
    if type(value) is not dict:
        raise Bad(key, f"must be an object of answers and counts, not {_kind(value)}")
    found = []
    for answer, count in value.items():
        try:
            number = int(answer)
        except ValueError:
            raise Bad(key, f"answer {shown(answer)} is not a whole number") from None
        if not -ANSWER_LIMIT <= number <= ANSWER_LIMIT:
            raise Bad(key, f"answer {shown(answer)} is out of range")
        if type(count) is not int or not 0 <= count <= COUNT_LIMIT:
            raise Bad(key, f"the count of answer {shown(answer)} must be a whole number >= 0")
        found.append((number, count))
    return tuple(sorted(found))
