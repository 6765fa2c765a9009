"""A seeded random walk through the real app: what people press, and what other shells do.

Each step is one of: a key from some screen's bindings, a burst of printable text, a
navigation key (escape, enter, tab, arrows), a resize between 40x12 and 200x60, a theme,
or a change to the store by "another process" (a CLI write through the service on the
same file, a `git pull` merge that adds records, the file left unreadable for a few
steps and then put back). After every step the invariants hold: nothing escaped, the
app runs (or quit through `q`/ctrl+q, and is started again), no `DuplicateIds`, a sane
screen stack, and no acknowledged write lost.

`tests/tui/test_fuzz.py` runs a few short walks; `scripts/fuzz_app.py` runs long ones.
A failing walk names its seed and the steps that led there, so it can be replayed.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import string
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from improve.clock import FixedClock
from improve.config import Config
from improve.domain.register import Filter
from improve.errors import StoreError
from improve.service import Register
from improve.store.fileform import decode
from improve.team.merge_file import merge_files
from improve.tui.app import ImproveApp
from improve.tui.screens.capture import CaptureScreen
from improve.tui.screens.forms import FormScreen, ModalBase
from improve.tui.screens.help import HelpScreen
from improve.tui.screens.initiative import InitiativeScreen
from improve.tui.screens.insights import InsightsScreen
from improve.tui.screens.register import RegisterScreen
from improve.tui.screens.retro import RetroScreen
from improve.tui.screens.standup import StandupScreen
from improve.tui.widgets.register_table import RegisterTable
from tests.tui.improve_app import make_app, settle

THEMES = (
    "textual-dark",
    "textual-light",
    "nord",
    "gruvbox",
    "solarized-light",
    "dracula",
    "tokyo-night",
    "monokai",
    "catppuccin-latte",
    "flexoki",
)
MOVES = ("escape", "enter", "tab", "shift+tab", "up", "down", "left", "right", "space")
MOVES += ("backspace", "pageup", "pagedown", "home", "end", "ctrl+p")
KINDS = (StandupScreen, InsightsScreen, RetroScreen)
APP_WRITER = "sam@laptop"


def binding_keys() -> list[str]:
    """Every key some screen, dialog or widget binds (ctrl+q too: quitting is allowed)."""
    owners = (ImproveApp, RegisterScreen, RegisterTable, InitiativeScreen, StandupScreen)
    owners += (InsightsScreen, RetroScreen, ModalBase, FormScreen, CaptureScreen, HelpScreen)
    keys: set[str] = {"ctrl+q", "ctrl+z", "ctrl+y", "u", "U", "D"}
    for owner in owners:
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding):
                keys.update(k.strip() for k in binding.key.split(","))
    return sorted(keys)


@dataclass
class Walk:
    """One walk's world: the store, the other process, what was acknowledged, the trail."""

    path: Path
    clock: FixedClock
    rng: random.Random
    acknowledged: set[str] = field(default_factory=set)
    broken_for: int = 0
    good: bytes = b""
    trail: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=binding_keys)
    quits: int = 0

    def other(self) -> Register:
        return Register.open(self.path, self.clock, "other@shell")

    # --- what another process does ---------------------------------------------------

    def cli_write(self) -> None:
        """`improve add` (or a measure) from another shell, on the same file."""
        if self.broken_for:
            return
        register = self.other()
        if self.rng.random() < 0.6:
            title = f"From the shell {self.rng.randrange(10_000)}"
            self.acknowledged.add(register.add(title).id)
        else:
            with contextlib.suppress(Exception):
                found = register.initiatives(Filter())
                if found:
                    register.note(self.rng.choice(found).id, "said in the shell")

    def merge(self) -> None:
        """A `git pull` that brings a teammate's new records, merged record by record."""
        if self.broken_for:
            return
        base = self.path.with_name("merge-base.json")
        theirs = self.path.with_name("merge-theirs.json")
        shutil.copyfile(self.path, base)
        shutil.copyfile(self.path, theirs)
        mate = Register.open(theirs, self.clock, "mate@laptop")
        added = [mate.add(f"Teammate idea {self.rng.randrange(10_000)}").id for _ in range(2)]
        merged = merge_files(base, self.path, theirs)
        staged = self.path.with_name("merge-out.json")
        staged.write_bytes(merged.content)
        os.replace(staged, self.path)
        self.acknowledged.update(added)
        for leftover in (base, theirs):
            for stray in leftover.parent.glob(leftover.stem + "*"):
                stray.unlink()

    def break_store(self) -> None:
        """Conflict markers or a half-written file, left for a few steps."""
        if self.broken_for:
            return
        self.good = self.path.read_bytes()
        broken = (
            b"<<<<<<< HEAD\n" + self.good
            if self.rng.random() < 0.5
            else self.good[: len(self.good) // 2]
        )
        self.path.write_bytes(broken)
        self.broken_for = self.rng.randint(1, 6)

    def heal(self) -> bool:
        """Count down the broken steps; put the good file back at the end (then True)."""
        if not self.broken_for:
            return False
        self.broken_for -= 1
        if self.broken_for:
            return False
        self.path.write_bytes(self.good)
        return True

    # --- the invariants --------------------------------------------------------------

    def check(self, app: ImproveApp) -> None:
        stack = app.screen_stack
        assert stack, "no screen"
        assert isinstance(stack[0], RegisterScreen), stack
        assert not any(isinstance(s, RegisterScreen) for s in stack[1:]), stack
        assert len({id(s) for s in stack}) == len(stack), stack
        for kind in KINDS:
            assert sum(isinstance(s, kind) for s in stack) <= 1, stack
        if not self.broken_for:
            self.check_writes()

    def check_writes(self) -> None:
        """Every acknowledged record is still there, or was deleted by the app's writer."""
        try:
            live = {i.id for i in self.other().initiatives(Filter())}
        except StoreError as error:
            raise AssertionError(f"the store is unreadable after it was healed: {error}") from None
        missing = self.acknowledged - live - self.deleted_by_app()
        assert not missing, f"acknowledged records lost: {sorted(missing)}"

    def deleted_by_app(self) -> set[str]:
        """Ids whose `deleted` was set by the app's writer (a delete, an undone capture)."""
        store = self.other().store
        files = [self.path, *(store.archive_path(q) for q in store.archive_quarters())]
        found: set[str] = set()
        for path in files:
            for record in decode(path.read_bytes(), path).get("initiatives", {}).values():
                history = record.get("history", [])
                if record.get("deleted") and any(
                    c.get("field") == "deleted" and c.get("who") == APP_WRITER for c in history
                ):
                    found.add(str(record["id"]))
        return found

    def failure(self, seed: int) -> str:
        return f"seed {seed}, after {len(self.trail)} steps; the last ones: {self.trail[-25:]}"


def new_app(walk: Walk) -> ImproveApp:
    return make_app(walk.path, walk.clock, Config(writer=APP_WRITER))


async def settle_after(app: ImproveApp, pilot: Pilot[None]) -> None:
    """Let the keys' work finish: messages, then the workers they started, then a frame.

    A failed read is said by the app (checked); a cancelled worker was replaced by a newer
    one (the palette's search as letters are typed, a reload after a reload)."""
    await pilot.pause()
    with contextlib.suppress(WorkerFailed, WorkerCancelled):
        await app.workers.wait_for_complete()
    await pilot.pause()


async def one_step(walk: Walk, app: ImproveApp, pilot: Pilot[None]) -> str:
    """Do one random thing; return what it was, for the trail."""
    rng = walk.rng
    roll = rng.random()
    if roll < 0.45:
        key = rng.choice(walk.keys)
        await pilot.press(key)
        return f"key {key}"
    if roll < 0.62:
        key = rng.choice(MOVES)
        await pilot.press(key)
        return f"key {key}"
    if roll < 0.75:
        text = "".join(rng.choice(string.printable[:94] + " ") for _ in range(rng.randint(1, 12)))
        await pilot.press(*text)
        return f"type {text!r}"
    if roll < 0.80:
        size = (rng.randint(40, 200), rng.randint(12, 60))
        await pilot.resize_terminal(*size)
        return f"resize {size}"
    if roll < 0.83:
        theme = rng.choice(THEMES)
        app.theme = theme
        return f"theme {theme}"
    if roll < 0.90:
        walk.cli_write()
        app.poll_store()
        return "cli write"
    if roll < 0.94:
        walk.merge()
        app.poll_store()
        return "merge"
    walk.break_store()
    app.poll_store()
    return "break store"


async def run_walk(root: Path, seed: int, steps: int, clock: FixedClock) -> Walk:
    """Walk `steps` steps from a demo store in `root`; raise with the trail on a failure."""
    from tests.tui.improve_app import demo_store

    path = demo_store(root / "data" / "improve.json", clock)
    walk = Walk(path, clock, random.Random(seed))
    done = 0
    while done < steps:
        app = new_app(walk)
        size = (walk.rng.randint(40, 200), walk.rng.randint(12, 60))
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            while done < steps and app.is_running:
                try:
                    walk.trail.append(await one_step(walk, app, pilot))
                    done += 1
                    await settle_after(app, pilot)
                    if walk.heal():
                        app.poll_store()
                        await settle_after(app, pilot)
                except Exception as error:  # the pilot's own (a timeout): name the steps
                    raise AssertionError(f"{error!r}\n{walk.failure(seed)}") from error
                if app._exception is not None:
                    raise AssertionError(walk.failure(seed)) from app._exception
                if app.is_running:
                    try:
                        walk.check(app)
                    except AssertionError as error:
                        raise AssertionError(f"{error}\n{walk.failure(seed)}") from None
        if app._exception is not None:
            raise AssertionError(walk.failure(seed)) from app._exception
        walk.quits += 1
        walk.trail.append("(quit; started again)")
    return walk
