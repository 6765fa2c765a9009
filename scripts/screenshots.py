"""Render every screen of the app on the demo store to screenshots/*.svg (and *.png).

    python scripts/screenshots.py [OUT_DIR]   (default: screenshots)

The clock is the app's own (`SystemClock`), pinned by `IMPROVE_NOW` to the Monday
morning the snapshot tests use unless the environment already pins it, so the pictures
are the screens the tests check. Each screen is shot at 80x24 and 120x40. When
`rsvg-convert` is installed (`apt-get install librsvg2-bin fonts-firacode`) a PNG is
written beside each SVG, as /work/shared/tools/svg2png would make it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from improve.clock import SystemClock
from improve.config import Config
from improve.demo.story import write_demo
from improve.service import Register
from improve.tui.app import ImproveApp, create_app

NOW = "2026-11-23T09:00:00+00:00"
SIZES = ((80, 24), (120, 40))
#: name -> the keys pressed on the Register, as a user would.
SHOTS: dict[str, tuple[str, ...]] = {
    "register": (),
    # o opens the sort menu: six down from "value first" is "by status"
    "register-filtered": ("slash", *"is:open #automate", "enter", "o", *["down"] * 6, "enter"),
    "initiative": ("down", "down", "down", "enter"),
    "capture": ("a", *"Cut deploy time #automate @sam +ci v4 e2"),
    "help": ("question_mark",),
    "palette": ("ctrl+p", *"deploy"),
    "standup": ("s",),
    "insights": ("i",),
    "retro": ("R",),
}


def shown(app: ImproveApp) -> bool:
    """Whether the register and the screen on top have read what they show."""
    screen = app.screen
    read = getattr(screen, "loaded", True) and getattr(screen, "retro", True) is not None
    return app.home.table.loaded and bool(read)


async def settle(app: ImproveApp, pilot: Pilot[None]) -> None:
    """Until every screen on show has read the store and every worker has finished:
    turns of the event loop, never a span of time."""
    for _ in range(100_000):
        await pilot.pause()
        with contextlib.suppress(WorkerFailed, WorkerCancelled):
            await app.workers.wait_for_complete()
        if shown(app):
            break
    await pilot.pause()


async def shoot(store: Path, keys: tuple[str, ...], size: tuple[int, int], out: Path) -> None:
    clock = SystemClock()
    app = create_app(store, clock, Config(writer="demo"), demo=True, state_path=out.parent / ".s")
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press(*keys)
        await settle(app, pilot)
        app.save_screenshot(out.name, str(out.parent))


def to_png(svg: Path) -> Path | None:
    """A PNG of the SVG, or None without rsvg-convert."""
    if shutil.which("rsvg-convert") is None:
        return None
    text = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
    png = svg.with_suffix(".png")
    subprocess.run(["rsvg-convert", "-z", "1.5", "-o", str(png)], input=text.encode(), check=True)
    return png


def main(argv: list[str]) -> int:
    os.environ.setdefault("IMPROVE_NOW", NOW)
    folder = Path(argv[0]) if argv else Path("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="improve-shots-") as tmp:
        store = Path(tmp) / "improve.json"
        write_demo(Register.open(store, SystemClock(), "demo"), SystemClock().now().date())
        for name, keys in SHOTS.items():
            for width, height in SIZES:
                out = folder / f"{name}-{width}x{height}.svg"
                asyncio.run(shoot(store, keys, (width, height), out))
                print(out, to_png(out) or "")
    (folder / ".s").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
