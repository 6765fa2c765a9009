"""The user's settings from config.toml: who they are, how their team works."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from improve.paths import config_file


@dataclass(frozen=True)
class Config:
    """What config.toml may say; every field has a sensible default."""

    writer: str = ""
    sprint_days: int = 14
    holidays: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    standup_minutes: float = 2.0
    labels: dict[str, str] = field(default_factory=dict)
    keymap: dict[str, str] = field(default_factory=dict)

    @property
    def who(self) -> str:
        """The writer id recorded on every change: config, `IMPROVE_WRITER`, or user@host."""
        return os.environ.get("IMPROVE_WRITER") or self.writer or default_writer()


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
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (UnicodeDecodeError, OSError) as error:
        raise ConfigError(f"{path}: cannot read the config ({error})") from None
    import tomllib

    try:
        raw: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    try:
        return _config(raw)
    except (TypeError, ValueError, AttributeError) as error:
        raise ConfigError(f"{path}: a setting has the wrong type ({error})") from None


def _config(raw: dict[str, Any]) -> Config:
    standup = raw.get("standup", {})
    return Config(
        writer=str(raw.get("writer", "")),
        sprint_days=int(raw.get("sprint_days", 14)),
        holidays=tuple(str(d) for d in raw.get("holidays", ())),
        people=tuple(str(p) for p in standup.get("people", raw.get("people", ()))),
        standup_minutes=float(standup.get("minutes", 2.0)),
        labels={str(k): str(v) for k, v in raw.get("labels", {}).items()},
        keymap={str(k): str(v) for k, v in raw.get("keymap", {}).items()},
    )
