"""How fast `improve retro` is on a big register: 10,000 initiatives, 100,000 measurements.

    python bench/retro_bench.py [--initiatives 10000] [--per 40] [--period quarter]
                                [--runs 3] [--store PATH]

Prints, for the store and then for each format:
  read      the Register reading every initiative, archives included (with the
            collector paused, as `improve retro` does);
  build     the retro model over them (domain only);
  render    the writer alone;
  total     read + build + render: what a user waits for, the figure the 2 s goal is about;
  peak      the peak memory of build + render, and of the read on its own (tracemalloc,
            in separate runs, because tracing slows Python down several times).
Times are the median of the runs, in seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).parent))
from make_store import make_store

from improve import export
from improve.clock import FixedClock
from improve.domain.model import Initiative
from improve.domain.period import Period
from improve.domain.register import Filter
from improve.domain.retro import build_retro
from improve.domain.retro_model import Retro
from improve.service import Register
from improve.store.quiet_gc import paused_gc
from improve.store.storage import Store

TODAY = date(2026, 11, 23)
NOW = datetime.combine(TODAY, datetime.min.time(), UTC) + timedelta(hours=9)
GOAL_S = 2.0
T = TypeVar("T")


def timed(work: Callable[[], T], runs: int) -> tuple[float, T]:
    """The median time of `runs` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    assert result is not None
    return statistics.median(times), result


def peak_mib(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def store_at(path: Path | None, n: int, per: int) -> Path:
    if path is not None and path.exists():
        return path
    target = path or Path(tempfile.mkdtemp(prefix="retro-bench-")) / "improve.json"
    start = time.perf_counter()
    make_store(n, target, TODAY, per)
    print(f"made {n} initiatives in {time.perf_counter() - start:.1f} s: {target}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument(
        "--per", type=int, default=40, help="readings per measured story (40: ~100k in all)"
    )
    parser.add_argument("--period", default="quarter", help="sprint, month or quarter")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", type=Path, default=None, help="reuse (or create) this store")
    args = parser.parse_args(argv)
    clock = FixedClock(NOW)
    path = store_at(args.store, args.initiatives, args.per)
    period = Period.last(args.period, TODAY, tz=UTC)
    wanted = Filter(closed_since=period.previous().since)  # what `improve retro` reads

    def read() -> list[Initiative]:
        """A cold read, as a new process makes it (a register reuses its last read)."""
        return Register(Store(path, clock), clock, "b").initiatives(wanted)

    with paused_gc():
        read_s, found = timed(read, args.runs)
        readings = sum(len(i.measurements) for i in found)
        build_s, retro = timed(lambda: build_retro(found, period, today=TODAY), args.runs)
    print(f"{len(found)} initiatives, {readings} measurements; {period.label}")
    with paused_gc():
        read_peak = peak_mib(read)
    print(
        f"{len(retro.entries)} in the retro; read {read_s:.2f} s (peak {read_peak:.0f} MiB), "
        f"build {build_s:.2f} s"
    )
    print(f"{'format':<7}{'render':>9}{'total':>9}{'peak':>11}{'size':>10}")
    slow = 0
    for fmt in export.FORMATS:
        slow += report(fmt, found, retro, period, before=read_s + build_s, runs=args.runs)
    return 1 if slow else 0


def report(
    fmt: str, found: list[Initiative], retro: Retro, period: Period, *, before: float, runs: int
) -> int:
    """One format's line; 1 when it misses the goal."""
    render_s, text = timed(lambda: export.render(retro, fmt), runs)
    peak = peak_mib(lambda: export.render(build_retro(found, period, today=TODAY), fmt))
    total = before + render_s
    mark = "" if total < GOAL_S else f"  over the {GOAL_S:g} s goal"
    size = len(text.encode("utf-8")) / 2**20
    print(f"{fmt:<7}{render_s:>8.2f}s{total:>8.2f}s{peak:>8.1f} MiB{size:>6.1f} MiB{mark}")
    return 0 if total < GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
