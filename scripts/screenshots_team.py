"""Regenerate the README's screenshots of the Standup and Insights screens.

    python scripts/screenshots_team.py [OUT_DIR]   (default docs/screenshots)

The demo store on the same fixed Monday morning as the snapshot tests, so the pictures
in the README are the screens the tests check.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from improve.clock import FixedClock
from improve.config import Config
from improve.demo import write_demo
from improve.service import Register
from improve.tui.app import create_app

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SHOTS = {
    "standup": ("s", "n"),
    "standup-summary": ("s", *"nnnnn"),
    "insights": ("i",),
}
SIZES = ((80, 24), (120, 40))


async def shoot(keys: tuple[str, ...], size: tuple[int, int], out: Path) -> None:
    clock = FixedClock(NOW)
    path = Path(tempfile.mkdtemp(prefix="improve-shot-")) / "improve.json"
    write_demo(Register.open(path, clock, "demo"), NOW.date())
    app = create_app(path, clock, Config(writer="demo"), demo=True, state_path=path.parent / "s")
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*keys)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(out.name, str(out.parent))


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("docs/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    for name, keys in SHOTS.items():
        for width, height in SIZES:
            out = folder / f"{name}-{width}x{height}.svg"
            asyncio.run(shoot(keys, (width, height), out))
            print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
