"""The app driven by seeded random walks: keys people press, other shells, broken files.

A few short walks in CI (each seed a different path); `scripts/fuzz_app.py` walks long.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from improve.clock import FixedClock
from tests.tui.walk import run_walk

STEPS = 40


@pytest.mark.parametrize("seed", [1, 2])
async def test_a_random_walk_never_breaks_the_app(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    monkeypatch.chdir(tmp_path)  # the Retro's ctrl+s writes its file here, not in the repo
    walk = await run_walk(tmp_path, seed, STEPS, clock)
    assert len(walk.trail) >= STEPS
