"""Walk the app at random for a long time: keys, sizes, themes, other shells, broken files.

    python scripts/fuzz_app.py [STEPS] [STEPS_PER_WALK] [FIRST_SEED]   (default 10000 200 1)

Runs seeded walks (tests/tui/walk.py) one after another until STEPS steps have run,
each walk from a fresh demo store in a temporary folder, and prints one line per walk
and a total: steps run clean, walks, restarts after a quit, and every failure with its
seed and the steps that led to it (replay one with the same seed and length).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.tui.walk import run_walk

from improve.clock import FixedClock

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MAX_FAILURES = 20


async def main(total: int, per_walk: int, seed: int) -> int:
    clean = walks = quits = 0
    failures: list[str] = []
    started = time.monotonic()
    while clean < total and len(failures) < MAX_FAILURES:
        steps = min(per_walk, total - clean)
        with tempfile.TemporaryDirectory() as folder:
            os.chdir(folder)  # the Retro's ctrl+s writes its file here
            try:
                walk = await run_walk(Path(folder), seed, steps, FixedClock(NOW))
            except Exception as error:  # a failure: keep it, walk on with the next seed
                cause = error.__cause__ or error
                where = "".join(traceback.format_exception(cause)[-3:])
                failures.append(f"seed {seed}: {error}\n{where}")
                print(f"walk seed {seed}: FAILED\n{failures[-1]}", flush=True)
            else:
                clean += steps
                quits += walk.quits
                print(f"walk seed {seed}: {steps} steps clean ({walk.quits} quits)", flush=True)
        walks += 1
        seed += 1
    minutes = (time.monotonic() - started) / 60
    print(
        f"\n{clean} steps ran clean in {walks} walks ({quits} restarts after a quit), "
        f"{len(failures)} failed walks, {minutes:.1f} min"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    total, per_walk, seed = (args + [10_000, 200, 1][len(args) :])[:3]
    sys.exit(asyncio.run(main(total, per_walk, seed)))
