"""How long git's merge of two big diverged stores takes, and how much memory.

    python bench/merge_bench.py [--initiatives 10000] [--changes 1000] [--runs 3]

A store of N open initiatives with 10 measurements each (one file: 10,000 initiatives,
100,000 measurements), then two clones that each make C changes through `Edit`: new
measurements, notes, title and status edits, a tenth of them on the same records as
the other side (so the same field is often edited on both). Timed: `merge_stores`
alone, and the whole `improve merge BASE OURS THEIRS` process as git runs it (read
three files, merge, back up, write), with that process's peak memory. Goal: under 2 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).parent))
from make_store import make_store

from improve.domain.changes import Edit
from improve.domain.codec import initiative_from_dict, initiative_to_dict
from improve.domain.model import Measurement, Note, Status
from improve.store.fileform import encode
from improve.team.merge import merge_stores

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def diverge(data: dict[str, Any], who: str, ids: list[str], seed: int) -> dict[str, Any]:
    """A clone of `data` after `len(ids)` commands by `who`, one per record."""
    rng = random.Random(seed)
    records = dict(data["initiatives"])
    for n, record_id in enumerate(ids):
        at = NOW + timedelta(minutes=n, seconds=seed)
        edit = Edit(f"{who}-{n:06d}", at, who, "bench")
        ini = initiative_from_dict(records[record_id])
        kind = rng.randrange(4)
        if kind == 0:
            item = Measurement(f"{who}-m{n:06d}", at, rng.uniform(0, 100), who)
            ini = edit.add(ini, "measurements", item)
        elif kind == 1:
            ini = edit.add(ini, "notes", Note(f"{who}-n{n:06d}", at, f"note {n}", who))
        elif kind == 2:
            ini = edit.set(ini, "title", f"{ini.title} ({who})")
        else:
            ini = edit.set(ini, "status", rng.choice([Status.ACTIVE, Status.BLOCKED]))
        records[record_id] = initiative_to_dict(ini)
    return {**data, "initiatives": records}


def sides(n: int, changes: int, folder: Path) -> tuple[Path, Path, Path]:
    store = folder / "store" / "improve.json"
    start = time.perf_counter()
    make_store(n, store, TODAY, measurements=10, active=n)
    base = orjson.loads(store.read_bytes())
    ids = sorted(base["initiatives"])
    rng = random.Random(7)
    ours_ids = rng.sample(ids, changes)
    overlap = ours_ids[: changes // 10]
    theirs_ids = overlap + rng.sample(sorted(set(ids) - set(ours_ids)), changes - len(overlap))
    paths = []
    for name, data in (
        ("base", base),
        ("ours", diverge(base, "alex", ours_ids, 1)),
        ("theirs", diverge(base, "sam", theirs_ids, 2)),
    ):
        path = folder / f"{name}.json"
        path.write_bytes(encode(data))
        paths.append(path)
    took = time.perf_counter() - start
    size = paths[0].stat().st_size / 1e6
    print(f"stores: {n} initiatives, {size:.0f} MB a side, built in {took:.0f} s", file=sys.stderr)
    return paths[0], paths[1], paths[2]


def time_join(base: Path, ours: Path, theirs: Path) -> float:
    data = [orjson.loads(p.read_bytes()) for p in (base, ours, theirs)]
    start = time.perf_counter()
    merged = merge_stores(*data)
    took = time.perf_counter() - start
    titles = sum(1 for r in merged["initiatives"].values() if "(alex)" in r["title"])
    assert titles, "the merge kept no edit of ours"
    return took


#: A small launcher, so the peak memory measured is the driver's, not a fork of this bench.
LAUNCH = (
    "import resource, subprocess, sys, time; start = time.perf_counter();"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
    "took = time.perf_counter() - start;"
    "print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def time_driver(base: Path, ours: Path, theirs: Path) -> tuple[float, float]:
    """The whole `improve merge` process: seconds, and its peak resident memory in MB."""
    copy = ours.with_name("ours-run.json")
    copy.write_bytes(ours.read_bytes())
    driver = [sys.executable, "-m", "improve", "merge", str(base), str(copy), str(theirs)]
    done = subprocess.run(
        [sys.executable, "-c", LAUNCH, *driver], check=True, capture_output=True, text=True
    )
    took, peak_kb = done.stdout.split()
    return float(took), int(peak_kb) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="improve-merge-bench-") as folder:
        paths = sides(args.initiatives, args.changes, Path(folder))
        joins = [time_join(*paths) for _ in range(args.runs)]
        drivers = [time_driver(*paths) for _ in range(args.runs)]
    join = statistics.median(joins)
    driver = statistics.median(d[0] for d in drivers)
    peak = max(d[1] for d in drivers)
    print(f"merge_stores alone, decoded stores: {join:.2f} s (median of {args.runs})")
    print(f"improve merge, the whole process:  {driver:.2f} s, peak memory {peak:.0f} MB")
    verdict = "met" if driver < 2.0 else "missed"
    print(f"goal under 2 s: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
