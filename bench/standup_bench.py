"""How fast the standup is on a big register: 10,000 initiatives, 50 people.

    python bench/standup_bench.py [--initiatives 10000] [--runs 5] [--store PATH]

Prints, in milliseconds (median of the runs):
  read     the Register reading every initiative from the store (the store's cost);
  compute  the standup digest over them (domain only);
  open     the Standup screen opened on them: compute, mount and first frame at 80x24,
           the figure the 300 ms goal is about;
  app      the whole app's `s` on the store, until the first person is drawn
           (read + open, as a user waits for it).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from textual.app import App

sys.path.insert(0, str(Path(__file__).parent))
from make_store import make_store

from improve.clock import Clock, FixedClock
from improve.config import Config
from improve.domain.model import Initiative
from improve.domain.register import Filter
from improve.domain.standup import standup
from improve.service import Register
from improve.tui.app import create_app
from improve.tui.screens.standup import StandupScreen

TODAY = date(2026, 11, 23)
NOW = datetime.combine(TODAY, datetime.min.time(), UTC) + timedelta(hours=9)
GOAL_MS = 300


class Host(App[None]):
    """What the screen needs of the app, with the keys already read (as the app has them)."""

    def __init__(self, register: Register, clock: Clock, keys: dict[str, str]) -> None:
        super().__init__()
        self.register, self.clock, self.config = register, clock, Config(writer="bench")
        self._keys = keys

    def keys(self) -> dict[str, str]:
        return self._keys


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


async def open_screen(register: Register, found: list[Initiative], keys: dict[str, str]) -> float:
    app = Host(register, register.clock, keys)
    async with app.run_test(size=(80, 24)) as pilot:
        start = time.perf_counter()
        await app.push_screen(StandupScreen(found))
        await pilot.pause()
        took = (time.perf_counter() - start) * 1000
        assert isinstance(app.screen, StandupScreen)
        assert app.screen.roll, "the standup found nobody"
        return took


async def whole_app(path: Path, clock: FixedClock) -> float:
    app = create_app(path, clock, Config(writer="bench"), demo=True, state_path=path.parent / "s")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        start = time.perf_counter()
        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        took = (time.perf_counter() - start) * 1000
        assert isinstance(app.screen, StandupScreen)
        assert app.screen.roll
        return took


def median(samples: list[float]) -> str:
    return f"{statistics.median(samples):7.0f} ms  (min {min(samples):.0f}, max {max(samples):.0f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path, default=None, help="reuse a store made before")
    args = parser.parse_args(argv)
    path = args.store or Path(tempfile.mkdtemp(prefix="standup-bench-")) / "improve.json"
    if not path.exists():
        print(f"making a store of {args.initiatives} initiatives at {path}...", file=sys.stderr)
        make_store(args.initiatives, path, TODAY)
    clock = FixedClock(NOW)
    register = Register.open(path, clock, "bench")
    found: list[Initiative] = []
    reads = [timed(lambda: found.__setitem__(slice(None), register.initiatives(Filter())))]
    keys = register.keys()
    computes = [timed(lambda: standup(found, NOW)) for _ in range(args.runs)]
    opens = [asyncio.run(open_screen(register, found, keys)) for _ in range(args.runs)]
    apps = [asyncio.run(whole_app(path, clock)) for _ in range(max(1, args.runs // 2))]
    result = standup(found, NOW)
    print(f"{len(found)} initiatives, {len(result.people)} people, {path}")
    print(f"read     {median(reads)}")
    print(f"compute  {median(computes)}")
    print(f"open     {median(opens)}   goal < {GOAL_MS} ms")
    print(f"app      {median(apps)}   (s pressed until the first person is drawn)")
    return 0 if statistics.median(opens) < GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
