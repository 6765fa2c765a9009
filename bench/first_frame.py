"""Whole-process time to the Register's first frame, and filter and sort times at 10,000.

    python bench/first_frame.py [--sizes 0,1000,10000] [--runs 5]

For each store size (made by `make_store.py`: ten measurements per initiative, most
closed over past quarters) it starts `improve`'s app headless in a fresh process and
times, from before the process starts: the first frame (Textual's `Ready`: the Register
laid out and painted, header, headings and footer) and the moment the rows are drawn
(read in a thread worker after the first frame). At the largest size it then times a
filter keystroke and a sort: the work itself, and a real key press through Pilot until
the screen is idle again. Medians, so a busy machine disturbs the figures less.
Goals: first frame at 10,000 <= 1.3x the empty store; filter and sort < 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).parent))
from make_store import make_store

TODAY = date(2026, 11, 23)
NOW = "2026-11-23T09:00:00+00:00"


def child(path: Path) -> None:
    """Run the app on `path`, print when the frame and the rows appeared, then exit."""
    from textual.pilot import Pilot

    from improve.clock import SystemClock
    from improve.config import Config
    from improve.service import Register
    from improve.tui.app import ImproveApp

    marks: dict[str, float] = {}
    rows_drawn = asyncio.Event()

    class Timed(ImproveApp):
        def on_ready(self) -> None:
            marks["frame"] = time.time()

        def on_store_reloaded(self) -> None:
            self.call_after_refresh(self._drawn)

        def _drawn(self) -> None:
            marks["rows"] = time.time()
            rows_drawn.set()

    clock = SystemClock()
    app = Timed(Register.open(path, clock, "bench"), Config(), store_name="bench", state_path=None)

    async def drive(pilot: Pilot[None]) -> None:
        await rows_drawn.wait()
        if app.home.table.total >= 10_000:
            marks.update(await interactions(pilot, app))
        app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=drive)
    print(orjson.dumps(marks).decode())


async def interactions(pilot: object, app: object) -> dict[str, float]:
    """Milliseconds for a filter keystroke and a sort at this size.

    `*_work_ms` is the register's own part: narrowing or sorting every row, then drawing
    the visible lines as the compositor asks for them. `*_key_ms` is a real key press
    through Pilot until the app is idle, which also holds Textual's own round trip:
    `noop_key_ms`, a key bound to nothing, shows how much of it that is.
    """
    from textual.geometry import Region
    from textual.pilot import Pilot

    from improve.tui.app import ImproveApp
    from improve.tui.widgets.register_rows import parse_query

    assert isinstance(pilot, Pilot)
    assert isinstance(app, ImproveApp)
    table = app.home.table
    region = Region(0, 0, table.size.width, table.size.height)

    def timed(change: Callable[[], None]) -> float:
        start = time.perf_counter()
        change()
        table.render_lines(region)
        return _ms(start)

    found = {
        "filter_work_ms": timed(lambda: table.set_query(parse_query("deploy"))),
        "unfilter_work_ms": timed(lambda: table.set_query(parse_query(""))),
        "sort_work_ms": timed(lambda: table.sort_by("title")),
    }
    table.sort_by(None)
    found["noop_key_ms"] = await _key(pilot, "x")
    await pilot.press("slash")
    await pilot.pause()
    found["filter_key_ms"] = await _key(pilot, "d")
    found["filter_shown"] = len(table.shown)
    await pilot.press("escape")
    await pilot.pause()
    found["sort_key_ms"] = await _key(pilot, "o")
    assert table.sort_column == "key"
    return found


async def _key(pilot: object, key: str) -> float:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    return _ms(start)


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def run_once(path: Path) -> dict[str, float]:
    env = {**os.environ, "IMPROVE_NOW": NOW, "IMPROVE_WRITER": "bench"}
    start = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        check=True,
        capture_output=True,
        env=env,
        text=True,
    ).stdout
    marks = orjson.loads(out.strip().splitlines()[-1])
    result = {"frame": marks["frame"] - start, "rows": marks["rows"] - start}
    result.update({k: v for k, v in marks.items() if k.endswith(("_ms", "_shown"))})
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="improve-bench-") as tmp:
        stores = {n: Path(tmp) / f"s{n}" / "improve.json" for n in sizes}
        for n, path in stores.items():
            make_store(n, path, TODAY, 10, None)
        runs: dict[int, list[dict[str, float]]] = {n: [] for n in sizes}
        for _ in range(args.runs):  # round robin, so a drift in load hits every size alike
            for n in sizes:
                runs[n].append(run_once(stores[n]))
        report(sizes, runs)
    return 0


def report(sizes: list[int], runs: dict[int, list[dict[str, float]]]) -> None:
    def median(n: int, key: str) -> float:
        return statistics.median(r[key] for r in runs[n] if key in r)

    print(f"{'initiatives':>12} {'first frame':>12} {'rows drawn':>11}")
    for n in sizes:
        print(f"{n:>12,} {median(n, 'frame'):>10.3f} s {median(n, 'rows'):>9.3f} s")
    low, high = min(sizes), max(sizes)
    ratio = median(high, "frame") / median(low, "frame")
    print(f"first frame {high:,} / {low:,}: {ratio:.2f}x (goal <= 1.3x)")
    if not any("filter_key_ms" in r for r in runs[high]):
        return
    shown = int(median(high, "filter_shown"))
    print(f"at {high:,} (goal < 100 ms):")
    print(
        f"  filter 'deploy': {median(high, 'filter_work_ms'):.1f} ms narrow + redraw; "
        f"clearing it {median(high, 'unfilter_work_ms'):.1f} ms"
    )
    print(f"  sort by title:   {median(high, 'sort_work_ms'):.1f} ms sort + redraw")
    print(
        f"  key press to idle through Pilot: filter 'd' {median(high, 'filter_key_ms'):.0f} ms "
        f"({shown:,} rows match), sort 'o' {median(high, 'sort_key_ms'):.0f} ms, "
        f"a key bound to nothing {median(high, 'noop_key_ms'):.0f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
