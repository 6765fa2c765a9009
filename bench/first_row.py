"""What a user waits for when opening the app: the first row of the register on screen.

    python bench/first_row.py [--sizes 1,10000] [--runs 5] [--keys-runs 3]

Black-box, as a user sees it: each run starts the installed `improve` command in a real
terminal (tmux, 120x40) on a store made by `make_store.py` (ten measurements per
initiative, 200 open, the rest closed over past quarters and mostly archived), and polls
the screen until a row of the register is drawn. The time is from just before the
process starts to the first capture that shows a row. Then it reads the process's
resident memory (VmRSS), and once more after `/` `is:all` has read every archive.

In process, at the largest size, with closed work loaded: a filter keystroke and a sort,
the register's own work and a real key press through Pilot until the app is idle again.

Medians; the sizes run round robin so a drift in load hits each alike. The ratio is
against the smallest store, measured in the same run. Goals (issue 14): first row at
10,000 within 1.3x of one initiative; a filter or sort keystroke under 100 ms.
Needs tmux (`apt-get install tmux`); without it the black-box part is skipped.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
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
_SCRIPT = Path(sys.executable).with_name("improve")
IMPROVE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "improve"]
#: A register row: the short key (4+ hex digits) at the left edge, then a title.
ROW = re.compile(r"^[ !▶]?[0-9a-f]{4,12} +\S")
POLL = 0.005
TIMEOUT = 60.0


#: A tmux server of our own, so other tmux users neither see nor disturb the runs.
SOCKET = f"improve-bench-{os.getpid()}"


def _tmux(*args: str) -> str:
    done = subprocess.run(
        ["tmux", "-L", SOCKET, *args], check=False, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"tmux {' '.join(args[:2])}: {done.stderr.strip()}")
    return done.stdout


def _tmux_quietly(*args: str) -> None:
    subprocess.run(["tmux", "-L", SOCKET, *args], check=False, capture_output=True)


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _wait_for(session: str, seen: Callable[[list[str]], bool]) -> float:
    deadline = time.perf_counter() + TIMEOUT
    while time.perf_counter() < deadline:
        if seen(_tmux("capture-pane", "-p", "-t", session).splitlines()):
            return time.perf_counter()
        time.sleep(POLL)
    raise TimeoutError(_tmux("capture-pane", "-p", "-t", session))


def _has_row(lines: list[str]) -> bool:
    return any(ROW.match(line) for line in lines[2:])


def _typed(session: str, key: str, wanted: str, lines: list[str], pressed: list[float]) -> bool:
    """Press `key` until the screen shows `wanted`: a key sent before the app has focus
    is lost, and a user would press it again after a moment."""
    if any(wanted in line for line in lines):
        return True
    if not pressed or time.perf_counter() - pressed[-1] > 1.0:
        _tmux("send-keys", "-t", session, key)
        pressed.append(time.perf_counter())
    return False


def _all_read(lines: list[str]) -> bool:
    top = " ".join(lines[:2])
    return "filter is:all" in top and "reading" not in top


def black_box(path: Path, config: Path, name: str) -> dict[str, float]:
    """One launch: seconds to the first row, and resident memory before and after is:all."""
    session = f"bench-{os.getpid()}-{name}"
    env = [
        f"IMPROVE_DB={path}", f"IMPROVE_CONFIG={config}", f"IMPROVE_NOW={NOW}",
        "IMPROVE_WRITER=bench", "TERM=xterm-256color", "NO_COLOR=",
    ]  # fmt: skip
    command = " ".join(["exec", "env", *env, *IMPROVE])
    start = time.perf_counter()
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    try:
        shown = _wait_for(session, _has_row)
        pid = int(_tmux("display", "-p", "-t", session, "#{pane_pid}").strip())
        result = {"row": shown - start, "rss_open": _rss_kib(pid) / 1024}
        pressed: list[float] = []
        _wait_for(session, lambda lines: _typed(session, "/", "enter keeps", lines, pressed))
        _tmux("send-keys", "-t", session, "-l", "is:all")
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, _all_read)
        result["rss_all"] = _rss_kib(pid) / 1024
        return result
    finally:
        _tmux_quietly("kill-session", "-t", session)


# --- keystrokes, in process ------------------------------------------------------------


def child(path: Path) -> None:
    """Run the app on `path`, load closed work, time keystrokes, print them, exit."""
    from textual.pilot import Pilot

    from improve.clock import SystemClock
    from improve.config import Config
    from improve.service import Register
    from improve.tui.app import ImproveApp
    from improve.tui.widgets.register_rows import parse_query

    app = ImproveApp(
        Register.open(path, SystemClock(), "bench"), Config(), store_name="bench", state_path=None
    )

    async def drive(pilot: Pilot[None]) -> None:
        table = app.home.table
        while not table.loaded:
            await pilot.pause()
            await app.workers.wait_for_complete()
        app.home.apply_query(parse_query("is:all"))
        while not app.home.closed_loaded:
            await pilot.pause()
            await app.workers.wait_for_complete()
        found = await interactions(pilot, app)
        found["rows"] = table.total
        print(orjson.dumps(found).decode())
        app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=drive)


async def interactions(pilot: object, app: object) -> dict[str, float]:
    """Milliseconds for a filter keystroke and a sort with every initiative loaded.

    `*_work_ms` is the register's own part: narrowing or sorting every row, then drawing
    the visible lines. `*_key_ms` is a real key press through Pilot until the app is idle,
    which also holds Textual's own round trip: `noop_key_ms`, a key bound to nothing.
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
        "filter_work_ms": timed(lambda: table.set_query(parse_query("is:all deploy"))),
        "unfilter_work_ms": timed(lambda: table.set_query(parse_query("is:all"))),
        "sort_work_ms": timed(lambda: table.sort_by("title")),
    }
    table.sort_by(None)
    found["noop_key_ms"] = await _key(pilot, "x")
    await pilot.press("slash", "end", "space")
    await pilot.pause()
    found["filter_key_ms"] = await _key(pilot, "d")
    found["filter_shown"] = len(table.shown)
    await pilot.press("enter")
    await pilot.pause()
    found["sort_key_ms"] = await _key(pilot, "o")
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


def keystrokes(path: Path) -> dict[str, float]:
    env = {**os.environ, "IMPROVE_NOW": NOW, "IMPROVE_WRITER": "bench"}
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        check=True, capture_output=True, env=env, text=True,
    ).stdout  # fmt: skip
    return dict(orjson.loads(out.strip().splitlines()[-1]))


# --- the run ---------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys-runs", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="improve-bench-") as tmp:
        stores = {n: Path(tmp) / f"s{n}" / "improve.json" for n in sizes}
        for n, path in stores.items():
            make_store(n, path, TODAY, 10, min(n, 200))
        config = Path(tmp) / "config.toml"
        if shutil.which("tmux") is None:
            print("tmux not found: the first-row part is skipped (apt-get install tmux)")
        else:
            runs: dict[int, list[dict[str, float]]] = {n: [] for n in sizes}
            _tmux("new-session", "-d", "-s", "keeper", "sleep 3600")  # the server stays up
            try:
                for i in range(args.runs):
                    for n in sizes:
                        runs[n].append(black_box(stores[n], config, f"{n}-{i}"))
            finally:
                _tmux_quietly("kill-server")
            report(sizes, runs)
        big = max(sizes)
        keys = [keystrokes(stores[big]) for _ in range(args.keys_runs)]
        report_keys(big, keys)
    return 0


def report(sizes: list[int], runs: dict[int, list[dict[str, float]]]) -> None:
    def median(n: int, key: str) -> float:
        return statistics.median(r[key] for r in runs[n])

    print(f"{'initiatives':>12} {'first row':>10} {'RSS open':>10} {'RSS is:all':>11}")
    for n in sizes:
        print(
            f"{n:>12,} {median(n, 'row'):>8.3f} s {median(n, 'rss_open'):>7.0f} MB"
            f" {median(n, 'rss_all'):>8.0f} MB"
        )
    low, high = min(sizes), max(sizes)
    ratio = median(high, "row") / median(low, "row")
    print(f"first row {high:,} / {low:,}: {ratio:.2f}x (goal <= 1.3x)")
    open_ratio = median(high, "rss_open") / median(low, "rss_open")
    all_ratio = median(high, "rss_all") / median(low, "rss_all")
    print(
        f"resident memory {high:,} / {low:,}: {open_ratio:.2f}x open,"
        f" {all_ratio:.2f}x with closed work"
    )


def report_keys(size: int, keys: list[dict[str, float]]) -> None:
    def median(key: str) -> float:
        return statistics.median(k[key] for k in keys)

    print(f"at {size:,} with closed work loaded ({int(median('rows')):,} rows; goal < 100 ms):")
    print(
        f"  filter 'deploy': {median('filter_work_ms'):.1f} ms narrow + redraw; "
        f"clearing it {median('unfilter_work_ms'):.1f} ms; sort by title "
        f"{median('sort_work_ms'):.1f} ms"
    )
    print(
        f"  key press to idle through Pilot: filter 'd' {median('filter_key_ms'):.0f} ms "
        f"({int(median('filter_shown')):,} rows match), sort 'o' {median('sort_key_ms'):.0f} ms,"
        f" a key bound to nothing {median('noop_key_ms'):.0f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
