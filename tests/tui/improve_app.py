"""The whole app on a store, for Pilot tests: build it, wait for the register, read it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList
from textual.worker import WorkerCancelled, WorkerFailed

from improve.clock import FixedClock
from improve.config import Config
from improve.demo.story import write_demo
from improve.service import Register
from improve.tui.app import ImproveApp, create_app
from improve.tui.screens.sort_menu import SortMenu
from improve.tui.widgets.register_table import RegisterTable


def demo_store(path: Path, clock: FixedClock) -> Path:
    write_demo(Register.open(path, clock, "demo"), clock.now().date())
    return path


def make_app(
    path: Path, clock: FixedClock, config: Config | None = None, *, demo: bool = False
) -> ImproveApp:
    """The app as `improve` opens it, with its remembered theme kept beside the store."""
    config = config or Config(writer="sam@laptop")
    return create_app(path, clock, config, demo=demo, state_path=path.parent / "state.json")


async def workers_done(app: App[Any]) -> None:
    """Wait for the workers running now. One that failed is the app's to say (tests check
    what it said); one cancelled was replaced by a newer one (a reload, a search)."""
    with contextlib.suppress(WorkerFailed, WorkerCancelled):
        await app.workers.wait_for_complete()


async def settle(app: ImproveApp, pilot: Pilot[None]) -> None:
    """Wait until the register has tried to read the store and drawn what it found.

    The first read starts only after the first frame, so on a busy machine there may
    be no worker yet to wait for: wait for a finished read (rows, or a store it could
    not read), turn after turn of the event loop, never for a span of time.
    """
    for _ in range(100_000):
        await pilot.pause()
        await workers_done(app)
        if app.home.reads_finished:
            break
    else:
        raise AssertionError("the register never finished reading the store")
    await pilot.pause()


def table_lines(app: ImproveApp) -> list[str]:
    """What the register table shows, line by line (the heading first)."""
    table = app.home.query_one(RegisterTable)
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


def row_lines(app: ImproveApp) -> list[str]:
    """The visible rows, without the heading and the blank lines under the last row."""
    return [line for line in table_lines(app)[1:] if line.strip()]


def column(app: ImproveApp, name: str) -> list[str]:
    """The text of one column in every visible row, found under its heading."""
    table = app.home.query_one(RegisterTable)
    layout = {c.name: (start, width) for c, start, width in table.columns_shown}
    start, width = layout[name]
    return [line[start : start + width].strip() for line in row_lines(app)]


async def palette_hits(app: App[None], pilot: Pilot[None], query: str) -> list[str]:
    """Open the command palette, type `query`, and wait until its search for the whole
    query has finished (the input holds it, no search runs, two turns in a row): the
    hits as the palette lists them (their first line), best first."""
    await pilot.press("ctrl+p", *query)
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    gathering = CommandPalette._GATHER_COMMANDS_GROUP
    quiet = 0
    for _ in range(100_000):
        await pilot.pause()
        await workers_done(app)
        typed = palette.query_one(Input).value == query
        busy = any(w.group == gathering and not w.is_finished for w in app.workers)
        quiet = quiet + 1 if typed and not busy and palette.has_class("-ready") else 0
        if quiet >= 2:
            break
    else:
        raise AssertionError(f"the palette never finished searching for {query!r}")
    listed = palette.query_one(CommandList)
    return [str(o.prompt).split("\n")[0] for o in listed.options]


async def sort_by_menu(pilot: Pilot[None], label: str) -> None:
    """Press `o`, move down the menu to the order called `label`, and choose it."""
    await pilot.press("o")
    for _ in range(100_000):
        if isinstance(pilot.app.screen, SortMenu):
            break
        await pilot.pause()
    listed = pilot.app.screen.query_one(OptionList)
    for _ in range(listed.option_count):
        highlighted = listed.highlighted
        option = listed.get_option_at_index(highlighted) if highlighted is not None else None
        if option is not None and str(option.prompt) == label:
            await pilot.press("enter")
            await pilot.pause()
            return
        await pilot.press("down")
    raise AssertionError(f"no order {label!r} in the sort menu")


async def until(pilot: Pilot[Any], ready: Callable[[], bool], what: str = "it") -> None:
    """Turn the event loop, letting workers finish, until `ready` holds: a bound on turns,
    never a span of time."""
    for _ in range(100_000):
        if ready():
            return
        await pilot.pause()
        await workers_done(pilot.app)
    raise AssertionError(f"the app never got to {what}")
