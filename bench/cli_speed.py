"""Whole-process speed of the `improve` CLI, side by side with Taskwarrior and the floor.

    python bench/cli_speed.py [--sizes 100,1000,10000] [--runs 7]

For each store size (10 measurements per initiative, 200 open, the rest closed over
past quarters) it times `improve add`, `improve measure`, `improve list --json` and
`improve export`, next to `task add`, `task list`, `task export` on as many pending
tasks, `python -c pass` and `python -c "import click, orjson"` (what any command of
this stack pays before it does anything). Medians of whole processes, in one run, so
the ratios hold even when the machine drifts. Both exports go to stdout. Bytecode is
cached, as after `pip install`. Taskwarrior is optional (`apt-get install taskwarrior`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).parent))
from make_store import make_store

TODAY = date(2026, 11, 23)
#: The console script a user runs (beside this Python), else `python -m improve`.
_SCRIPT = Path(sys.executable).with_name("improve")
IMPROVE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "improve"]
#: What any command of a click + orjson CLI pays before doing anything.
IMPORT_FLOOR = [sys.executable, "-c", "import click, orjson"]


def clean_env() -> dict[str, str]:
    """The user's environment: bytecode is cached, as it is after `pip install`."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_ms(command: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def improve_env(path: Path) -> dict[str, str]:
    return {
        **clean_env(),
        "IMPROVE_DB": str(path),
        "IMPROVE_WRITER": "bench",
        "IMPROVE_CONFIG": "/nonexistent",
    }


def open_key(path: Path) -> str:
    out = subprocess.run(
        [*IMPROVE, "list", "--json"], env=improve_env(path), capture_output=True, check=True
    )
    return str(orjson.loads(out.stdout)[0]["key"])


def taskwarrior(root: Path, pending: int) -> dict[str, str] | None:
    """A Taskwarrior data dir with `pending` tasks, or None when `task` is absent."""
    if shutil.which("task") is None:
        return None
    data = root / "task"
    data.mkdir()
    rc = root / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nhooks=off\n")
    env = {**clean_env(), "TASKRC": str(rc), "TASKDATA": str(data)}
    tasks = [
        {
            "uuid": str(uuid.UUID(int=n + 1)),
            "description": f"task {n}",
            "status": "pending",
            "entry": "20260901T090000Z",
        }
        for n in range(pending)
    ]
    (root / "tasks.json").write_bytes(orjson.dumps(tasks))
    subprocess.run(
        ["task", "import", str(root / "tasks.json")], env=env, capture_output=True, check=True
    )
    return env


def bench_size(n: int, runs: int, root: Path) -> dict[str, float]:
    path = root / f"s{n}" / "improve.json"
    make_store(n, path, TODAY, measurements=10, active=200)
    env = improve_env(path)
    key = open_key(path)  # also the warm-up run that caches the bytecode
    figures = {
        "improve add": median_ms([*IMPROVE, "add", "bench idea"], env, runs),
        "improve measure": median_ms([*IMPROVE, "measure", key, "42"], env, runs),
        "improve list --json": median_ms([*IMPROVE, "list", "--json"], env, runs),
        # to stdout, like `task export`
        "improve export": median_ms([*IMPROVE, "export"], env, runs),
    }
    (root / f"t{n}").mkdir()
    task_env = taskwarrior(root / f"t{n}", n)
    if task_env is not None:
        figures["task add"] = median_ms(["task", "add", "bench idea"], task_env, runs)
        figures["task list"] = median_ms(["task", "list"], task_env, runs)
        figures["task export"] = median_ms(["task", "export"], task_env, runs)
    return figures


def report(results: dict[int, dict[str, float]], floor: float, imports: float) -> None:
    names = sorted({name for figures in results.values() for name in figures})
    sizes = sorted(results)
    print(f"{'median ms':<22}" + "".join(f"{n:>10,}" for n in sizes))
    for name in names:
        print(
            f"{name:<22}" + "".join(f"{results[n].get(name, float('nan')):>10.0f}" for n in sizes)
        )
    print(f"{'python -c pass':<22}{floor:>10.0f}")
    print(f"{'import click, orjson':<22}{imports:>10.0f}  (the floor of any command)")
    big, small = results[sizes[-1]], results[sizes[0]]
    print("\nratios at the largest size (goal in brackets):")
    for ours, theirs, goal in (
        ("improve add", "task add", 1.0),
        ("improve measure", "task add", 1.0),
        ("improve list --json", "task list", 0.5),
        ("improve export", "task export", 2.0),
    ):
        if theirs in big:
            print(f"  {ours} / {theirs}: {big[ours] / big[theirs]:.2f}x  [<= {goal}x]")
    for name in ("improve add", "improve measure"):
        print(f"  {name} {sizes[-1]:,} / {sizes[0]:,}: {big[name] / small[name]:.2f}x  [<= 1.2x]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="improve-bench-") as tmp:
        root = Path(tmp)
        floor = median_ms([sys.executable, "-c", "pass"], clean_env(), args.runs)
        imports = median_ms(IMPORT_FLOOR, clean_env(), args.runs)
        results = {n: bench_size(n, args.runs, root) for n in map(int, args.sizes.split(","))}
        report(results, floor, imports)


if __name__ == "__main__":
    main()
