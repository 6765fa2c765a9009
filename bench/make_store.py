"""Write a large, realistic store for speed work: `python bench/make_store.py N PATH`.

The records come from the demo's stories (the same plots, trends and command-by-command
histories) told for fifty people over the past year. Telling a story through `Edit`
costs about half a millisecond, so a pool of stories is told and the rest of the store
copies them under new ids and numbered titles; and the files are written directly,
split as the service's sweep would split them, because TinyDB's per-record upsert is
quadratic in the size of a table.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from improve.clock import SystemClock
from improve.clock import today as clock_today
from improve.demo import IDEAS, PLOTS, Scene, tell
from improve.domain.codec import initiative_to_dict
from improve.service import ARCHIVE_AFTER
from improve.storage import SCHEMA, Store, archive_quarter, atomic_write, encode

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
Data = dict[str, dict[str, Any]]


def people() -> dict[str, str]:
    """Fifty people in five teams of ten."""
    return {name: TEAMS[n // 10] for n, name in enumerate(NAMES)}


def _story(scene: Scene, today: date, index: int, measurements: int) -> Record:
    """One demo idea, owned by anyone; closed work spread over the past year."""
    rng = scene.rng
    closed = rng.random() < CLOSED_SHARE
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


def records(n: int, today: date, measurements: int = 10) -> list[Record]:
    """N records: the first (up to `POOL`) told, the rest copies of those."""
    scene = Scene(random.Random(SEED), UTC, people())
    pool = [_story(scene, today, k, measurements) for k in range(min(n, POOL))]
    copies = [_copy(pool[k % len(pool)], scene.uid(), k + 1) for k in range(len(pool), n)]
    return pool + copies


def _layout(found: list[Record], now: datetime) -> tuple[Data, dict[str, Data]]:
    """Open and recent work in the main file; long-closed work in quarterly archives."""
    meta = {"schema": {"schema": SCHEMA}}
    main: Data = {"initiatives": {}, "archived": {}, "meta": meta}
    archives: dict[str, Data] = {}
    cutoff = now - ARCHIVE_AFTER
    for raw in found:
        updated = datetime.fromisoformat(raw["updated"])
        if raw["status"] in ("done", "dropped") and updated < cutoff:
            quarter = archive_quarter(updated)
            archive = archives.setdefault(quarter, {"initiatives": {}, "meta": meta})
            archive["initiatives"][raw["id"]] = raw
            main["archived"][raw["id"]] = {"quarter": quarter}
        else:
            main["initiatives"][raw["id"]] = raw
    return main, archives


def make_store(n: int, path: Path, today: date, measurements: int = 10) -> None:
    """Write a new store of `n` initiatives at `path`; an existing store is left alone."""
    store = Store(path)
    if store.files():
        raise FileExistsError(f"{path}: a store is already there; choose a new path")
    now = datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=9)
    main, archives = _layout(records(n, today, measurements), now)
    with store.lock:
        for quarter, data in archives.items():
            atomic_write(store.archive_path(quarter), encode(data))
        atomic_write(path, encode(main))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, help="how many initiatives")
    parser.add_argument("path", type=Path, help="the store file to create")
    parser.add_argument("--measurements", type=int, default=10, help="readings per measure")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="ISO date")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        make_store(args.n, args.path, args.today or clock_today(SystemClock()), args.measurements)
    except FileExistsError as error:
        print(error, file=sys.stderr)
        return 1
    took = time.perf_counter() - start
    print(f"wrote {args.n} initiatives to {args.path} in {took:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
