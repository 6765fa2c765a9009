"""Write a large, realistic store for speed work.

    python bench/make_store.py --initiatives N --measurements M --active K -o PATH

K open initiatives, the rest done or dropped over the past year, M measurements in all
spread over them. The records come from the demo's stories (the same plots, trends and
command-by-command histories) told for fifty people. Telling a story through `Edit`
costs about half a millisecond, so a pool of stories is told and the rest of the store
copies them under new ids and numbered titles; the store is written through
`Register.save_all`, which files long-closed work in quarterly archives as any write does.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from improve.clock import FixedClock, SystemClock
from improve.clock import today as clock_today
from improve.demo.story import IDEAS, PLOTS, Scene, tell
from improve.domain.codec import initiative_from_dict, initiative_to_dict
from improve.service import Register
from improve.store.storage import Store

SEED = 2024
POOL = 1000
#: A register kept for a year or more is mostly history.
CLOSED_SHARE = 0.6
TEAMS = ("platform", "service-desk", "network", "security", "data")
# fmt: off
NAMES = (
    "ana", "ben", "chloe", "dev", "eli", "fay", "gus", "hana", "ivan", "jo",
    "kai", "lea", "mo", "nia", "omar", "pia", "quinn", "raj", "sam", "tia",
    "uma", "vic", "wen", "xia", "yan", "zoe", "abe", "bea", "cal", "dina",
    "emil", "faye", "gil", "hugo", "ines", "jay", "kira", "liam", "mei", "noor",
    "otto", "pax", "rosa", "saul", "tomas", "ursa", "vera", "wade", "yara", "zack",
)
# fmt: on

Record = dict[str, Any]


def people() -> dict[str, str]:
    """Fifty people in five teams of ten."""
    return {name: TEAMS[n // 10] for n, name in enumerate(NAMES)}


def _story(scene: Scene, today: date, index: int, measurements: int, closed: bool) -> Record:
    """One demo idea, owned by anyone; closed work spread over the past year."""
    rng = scene.rng
    idea = rng.choice([i for i in IDEAS if (PLOTS[i.plot].span is not None) == closed])
    idea = idea._replace(owner=rng.choice(NAMES))
    shift = timedelta(days=rng.randint(0, 300)) if closed else timedelta()
    return initiative_to_dict(tell(scene, idea, today - shift, index, measurements))


def _copy(template: Record, new_id: str, number: int) -> Record:
    """A told story under a new id; the record's own creation entry names the new id."""
    created, *rest = template["history"]
    return {
        **template,
        "id": new_id,
        "title": f"{template['title']} #{number}",
        "history": [{**created, "new": new_id}, *rest],
    }


def records(n: int, today: date, measurements: int = 10, active: int | None = None) -> list[Record]:
    """N records (the first `active` open): up to `POOL` told, the rest copies of those."""
    scene = Scene(random.Random(SEED), UTC, people())

    def closed(k: int) -> bool:
        return k >= active if active is not None else scene.rng.random() < CLOSED_SHARE

    flags = [closed(k) for k in range(n)]
    pool = [_story(scene, today, k, measurements, flags[k]) for k in range(min(n, POOL))]
    by_kind = {c: [r for r, f in zip(pool, flags, strict=False) if f == c] for c in (True, False)}
    copies = []
    for k in range(len(pool), n):
        templates = by_kind[flags[k]] or pool
        copies.append(_copy(templates[k % len(templates)], scene.uid(), k + 1))
    return pool + copies


def make_store(
    n: int, path: Path, today: date, measurements: int = 10, active: int | None = None
) -> None:
    """Write a new store of `n` initiatives at `path`; an existing store is left alone."""
    store = Store(path)
    if store.files():
        raise FileExistsError(f"{path}: a store is already there; choose a new path")
    now = datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=9)
    clock = FixedClock(now)
    found = [initiative_from_dict(r) for r in records(n, today, measurements, active)]
    Register(Store(path, clock), clock, "make_store").save_all(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--initiatives", type=int, required=True, help="how many initiatives")
    parser.add_argument(
        "--measurements",
        type=int,
        default=None,
        help="measurements in all (default 10 per initiative)",
    )
    parser.add_argument("--active", type=int, default=None, help="how many are open")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the store to create")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="ISO date")
    args = parser.parse_args(argv)
    n = args.initiatives
    per = 10 if args.measurements is None else max(1, round(args.measurements / max(n, 1)))
    start = time.perf_counter()
    try:
        today = args.today or clock_today(SystemClock())
        make_store(n, args.output, today, per, args.active)
    except FileExistsError as error:
        print(error, file=sys.stderr)
        return 1
    took = time.perf_counter() - start
    print(f"wrote {n} initiatives to {args.output} in {took:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
