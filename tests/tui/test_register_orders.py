"""The register's everyday choices: how done work ended, any order in one choice, and a
filter token it does not know said as such."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from improve.clock import FixedClock
from improve.domain.model import Direction, Status
from improve.service import Register
from improve.tui.app import ImproveApp
from improve.tui.screens.register import RegisterScreen
from improve.tui.screens.sort_menu import SortMenu
from improve.tui.widgets.register_table import RegisterTable
from tests.tui.improve_app import (
    column,
    make_app,
    palette_hits,
    settle,
    sort_by_menu,
    table_lines,
    until,
)


def metric(register: Register, title: str) -> str:
    ini = register.add(title, owner="ana")
    register.set_metric(ini.id, "pages", unit="", better=Direction.DOWN, baseline=30, target=6)
    return ini.id


def ended(register: Register, clock: FixedClock) -> None:
    """One done initiative that met its target, one accepted short, one missed."""
    met = metric(register, "Met the pages target")
    register.measure(met, 5)
    register.set_status(met, Status.DONE)
    short = metric(register, "Accepted short of target")
    register.measure(short, 12)
    register.set_status(short, Status.DONE, accept="good enough for now")
    missed = register.add("Missed with no reading", owner="ana").id
    register.set_status(missed, Status.DONE)  # the target came after: nothing met it
    register.set_metric(missed, "pages", unit="", better=Direction.DOWN, baseline=30, target=6)
    clock.advance(minutes=1)
    on = metric(register, "Still heading there")
    register.measure(on, 29)


async def filtered(app: ImproveApp, pilot: Pilot[None], text: str) -> None:
    await pilot.press("slash", *text, "enter")
    screen = app.home
    await until(pilot, lambda: screen.closed_loaded and screen.reads_finished > 1, "closed work")


async def test_a_done_row_says_met_accepted_short_or_missed(
    register: Register, store_path: Path, clock: FixedClock
) -> None:
    ended(register, clock)
    app = make_app(store_path, clock)
    async with app.run_test(size=(140, 24)) as pilot:
        await settle(app, pilot)
        await filtered(app, pilot, "is:done")
        track = dict(zip(column(app, "title"), column(app, "track"), strict=True))
    assert track == {
        "Met the pages target": "★ met",
        "Accepted short of target": "≈ short",
        "Missed with no reading": "✗ missed",
    }


async def test_o_offers_every_order_and_newest_first_is_one_choice(
    register: Register, store_path: Path, clock: FixedClock
) -> None:
    for n in range(4):
        register.add(f"Idea number {n}", value=5 - n)
        clock.advance(hours=1)
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(app, pilot)
        assert column(app, "title")[0] == "Idea number 0"  # value first
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, SortMenu), "the sort menu")
        menu = app.screen
        assert isinstance(menu, SortMenu)
        labels = [o.label for o in menu.choices]
        assert labels[:2] == ["value first", "newest first"]
        assert {"by due", "by title", "by status"} <= set(labels)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, RegisterScreen), "the register")
        await sort_by_menu(pilot, "newest first")
        assert column(app, "title") == [f"Idea number {n}" for n in (3, 2, 1, 0)]
        assert "newest first" in str(app.home.query_one("#register-filter").content)
        await sort_by_menu(pilot, "by title")
        assert column(app, "title") == [f"Idea number {n}" for n in (0, 1, 2, 3)]
        assert "title ▲" in table_lines(app)[0]


async def test_the_palette_sorts_newest_first(
    register: Register, store_path: Path, clock: FixedClock
) -> None:
    for n in range(3):
        register.add(f"Idea number {n}", value=5 - n)
        clock.advance(hours=1)
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(app, pilot)
        hits = await palette_hits(app, pilot, "newest")
        assert hits[0] == "Sort: newest first"
        await pilot.press("enter")
        await until(pilot, lambda: column(app, "title")[0] == "Idea number 2", "newest first")
        table = app.home.query_one(RegisterTable)
        assert (table.sort_column, table.sort_reverse) == ("created", True)


async def test_an_unknown_filter_token_names_the_known_ones(
    register: Register, store_path: Path, clock: FixedClock
) -> None:
    register.add("Created today, say the logs")
    app = make_app(store_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"created:today")
        await until(pilot, lambda: bool(app.home.table.problem), "the filter's problem")
        said = " ".join(" ".join(table_lines(app)[1:]).split())
        assert "No initiative matches" not in said
        assert "created: is not a filter" in said
        for token in ("is:open/all/closed/done", "#principle", "@owner", "+tag", "team:"):
            assert token in said
        await pilot.press("escape")
        await until(pilot, lambda: not app.home.table.problem, "the filter cleared")
        assert column(app, "title") == ["Created today, say the logs"]
