"""Shared fixtures: a fixed clock, a temp store, and a way to run the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from improve.clock import FixedClock
from improve.service import Register
from improve.store.storage import Store

# In CI the examples are derived from each test (the same every run, so a red CI is
# reproducible) and no example is timed (a loaded machine is not a failure); locally
# hypothesis explores afresh, and every failure it finds becomes a named test.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("local", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "local")

#: A Monday morning: the standup looks back to Friday.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "improve.json"


@pytest.fixture
def register(store_path: Path, clock: FixedClock) -> Register:
    return Register(Store(store_path, clock), clock, "sam@laptop")


@dataclass
class Outcome:
    code: int
    out: str
    err: str


class Cli:
    """Runs `improve` in-process, through `main`, with its exit code and both streams."""

    def __init__(self, store_path: Path, tmp_path: Path) -> None:
        self.env = {
            "IMPROVE_DB": str(store_path),
            "IMPROVE_NOW": NOW.isoformat(),
            "IMPROVE_WRITER": "sam@laptop",
            "IMPROVE_CONFIG": str(tmp_path / "config.toml"),
        }

    def __call__(self, *args: str, env: dict[str, str] | None = None) -> Outcome:
        from improve.cli import main

        runner = CliRunner()
        with runner.isolation(env={**self.env, **(env or {})}) as (out, err, _):
            try:
                main(list(args))
                code = 0
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 1
        return Outcome(code, out.getvalue().decode(), err.getvalue().decode())

    def key(self, *args: str) -> str:
        """Run a command that prints a key first, and return that key."""
        result = self(*args)
        assert result.code == 0, result.err
        return result.out.split()[0]


@pytest.fixture
def cli(store_path: Path, tmp_path: Path) -> Cli:
    return Cli(store_path, tmp_path)
