"""The user's settings from config.toml: who they are, how their team works."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from improve.paths import config_file

WRITER_MAX = 100

if TYPE_CHECKING:
    from improve.domain.outcomes import Hold


@dataclass(frozen=True)
class Config:
    """What config.toml may say; every field has a sensible default."""

    writer: str = ""
    sprint_days: int = 14
    holidays: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    standup_minutes: float = 2.0
    #: The Standup's timer runs from the first person, without pressing `T`.
    standup_auto_timer: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    keymap: dict[str, str] = field(default_factory=dict)
    #: Readings taken after done to see the gain hold (0: none), and the share of the
    #: gain a reading may give back before the initiative counts as slid back.
    hold_readings: int = 3
    slide_share: float = 1 / 3
    #: The retro's *didn't* names work blocked for more than this many working days.
    blocked_days: int = 3

    @property
    def hold(self) -> Hold:
        from improve.domain.outcomes import Hold

        return Hold(self.hold_readings, self.slide_share)

    @property
    def who(self) -> str:
        """The writer id recorded on every change: config, `IMPROVE_WRITER`, or user@host.

        It is stored on every change and shown by `show`: one line of plain text."""
        given = os.environ.get("IMPROVE_WRITER")
        if given:
            return _writer(given, "IMPROVE_WRITER")
        return _writer(self.writer, "writer (config.toml)") if self.writer else default_writer()


def _writer(name: str, setting: str) -> str:
    from improve.domain.text_rule import first_unsafe

    char = first_unsafe(name)
    if char is not None:
        raise ConfigError(f"{setting}: the writer name contains a control character ({char!r})")
    if len(name) > WRITER_MAX:
        raise ConfigError(f"{setting}: the writer name is longer than {WRITER_MAX} characters")
    return name


def default_writer() -> str:
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "someone"
    return f"{user}@{socket.gethostname()}"


class ConfigError(Exception):
    """config.toml exists but cannot be used: a file problem, exit code 1."""


def load_config(path: Path | None = None) -> Config:
    """Read config.toml; a missing file means defaults, a broken one is named."""
    path = path or config_file()
    from improve.store.atomic import read_file  # never waits on a fifo at the path

    try:
        found = read_file(path)
        if found is None:
            return Config()
        text = found.decode("utf-8")
    except (UnicodeDecodeError, OSError) as error:
        raise ConfigError(f"{path}: cannot read the config ({error})") from None
    import tomllib

    try:
        raw: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    try:
        return _config(raw)
    except ValueError as error:
        raise ConfigError(f"{path}: {error}") from None


def _config(raw: dict[str, Any]) -> Config:
    standup = _table(raw, "standup")
    return Config(
        writer=_text(raw.get("writer", ""), "writer"),
        sprint_days=_whole(raw.get("sprint_days", 14), "sprint_days", 1, SPRINT_MAX),
        holidays=tuple(_day(d) for d in _list(raw.get("holidays", []), "holidays")),
        people=tuple(
            _text(p, "standup.people")
            for p in _list(standup.get("people", raw.get("people", [])), "standup.people")
        ),
        standup_minutes=_minutes(standup.get("minutes", 2.0)),
        standup_auto_timer=_flag(standup.get("auto_timer", False), "standup.auto_timer"),
        labels={str(k): _text(v, f"labels.{k}") for k, v in _table(raw, "labels").items()},
        keymap={str(k): _text(v, f"keymap.{k}") for k, v in _table(raw, "keymap").items()},
        **_hold(_table(raw, "hold")),
        blocked_days=_whole(
            _table(raw, "retro").get("blocked_days", 3), "retro.blocked_days", 0, 365
        ),
    )


#: The longest sprint a setting may name: a year (longer periods are quarters, or --since).
SPRINT_MAX = 366


def _bad(setting: str, want: str, value: object) -> ValueError:
    return ValueError(f"{setting} must be {want}, not {ascii(value)[:40]}")


def _whole(value: object, setting: str, low: int, high: int) -> int:
    if type(value) is int and low <= value <= high:
        return value
    raise _bad(setting, f"a whole number {low} to {high}", value)


def _minutes(value: object) -> float:
    if type(value) in (int, float) and 0 < value <= 60:  # type: ignore[operator]
        return float(value)  # type: ignore[arg-type]
    raise _bad("standup.minutes", "a number of minutes above 0, at most 60", value)


def _flag(value: object, setting: str) -> bool:
    if isinstance(value, bool):
        return value
    raise _bad(setting, "true or false", value)


def _text(value: object, setting: str) -> str:
    if isinstance(value, str):
        return value
    raise _bad(setting, "text", value)


def _list(value: object, setting: str) -> list[Any]:
    if isinstance(value, list):
        return value
    raise _bad(setting, 'a list, e.g. ["a", "b"]', value)


def _table(raw: dict[str, Any], setting: str) -> dict[str, Any]:
    value = raw.get(setting, {})
    if isinstance(value, dict):
        return value
    raise _bad(setting, "a table", value)


def _day(value: object) -> str:
    import datetime

    if isinstance(value, str | datetime.date) and not isinstance(value, datetime.datetime):
        return str(value)
    raise _bad("holidays", "dates (YYYY-MM-DD)", value)


def _hold(raw: dict[str, Any]) -> dict[str, Any]:
    """`[hold] readings = 3, share = 0.33`: how long a gain is watched after done, and how
    much of it may slip before it counts as slid back."""
    readings = _whole(raw.get("readings", 3), "hold.readings", 0, 52)
    share = raw.get("share", 1 / 3)
    if type(share) not in (int, float) or not 0 < share <= 1:
        raise _bad("hold.share", "above 0 and at most 1", share)
    return {"hold_readings": readings, "slide_share": float(share)}
