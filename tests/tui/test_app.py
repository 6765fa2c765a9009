"""The app shell: header, keymap, themes, palette, navigation, capture, NO_COLOR, tiny screens."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from textual.widgets import Header, Input

from improve.clock import FixedClock
from improve.config import Config
from improve.domain.model import Principle, Status
from improve.domain.register import Filter
from improve.service import Register
from improve.tui.app import ImproveApp
from improve.tui.messages import InitiativeChanged
from improve.tui.screens.capture import CaptureScreen
from improve.tui.screens.help import HelpScreen
from improve.tui.screens.initiative import InitiativeScreen
from improve.tui.screens.register import RegisterScreen
from improve.tui.widgets.register_table import RegisterTable
from tests.tui.harness import widget_text
from tests.tui.improve_app import column, demo_store, make_app, palette_hits, settle, until

#: The coloured dots of the window frame that Textual draws around every SVG screenshot.
WINDOW_BUTTONS = {"ff5f57", "febc2e", "28c840"}


@pytest.fixture
def demo(store_path: Path, clock: FixedClock) -> Path:
    return demo_store(store_path, clock)


def current_id(app: ImproveApp) -> str | None:
    row = app.home.query_one(RegisterTable).current
    return row.id if row else None


async def test_header_names_the_store_and_the_clock_date(demo: Path, clock: FixedClock) -> None:
    app = make_app(demo, clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        header = widget_text(app.screen.query_one(Header))
        assert "demo store · Mon 23 Nov 2026" in header
    other = make_app(demo, clock)
    assert other.store_name == "data/improve.json"


async def test_keys_follow_the_users_keymap(demo: Path, clock: FixedClock) -> None:
    config = Config(writer="sam@laptop", keymap={"register.filter": "f"})
    app = make_app(demo, clock, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        box = app.home.query_one("#register-filter-input", Input)
        await pilot.press("slash")
        assert app.focused is not box
        await pilot.press("f", *"ben")
        await pilot.pause()
        assert app.focused is box
        assert set(column(app, "owner")) == {"ben"}


async def test_the_chosen_theme_is_remembered(demo: Path, clock: FixedClock) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.theme = "nord"
        await pilot.pause()
    state = demo.parent / "state.json"
    assert json.loads(state.read_text())["theme"] == "nord"
    again = make_app(demo, clock)
    async with again.run_test(size=(80, 24)) as pilot:
        assert again.theme == "nord"
    state.write_text("not json")
    assert make_app(demo, clock).theme == "textual-dark"


async def test_palette_jumps_to_an_initiative_by_key(demo: Path, clock: FixedClock) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        target = app.home.query_one(RegisterTable).rows[17]
        hits = await palette_hits(app, pilot, target.key)
        assert hits[0] == f"{target.key}  {target.title}"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeScreen)
        assert app.screen.initiative_id == target.id
        assert target.title in widget_text(app.screen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)
        assert current_id(app) == target.id


async def test_palette_jumps_by_title_words(demo: Path, clock: FixedClock) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        hits = await palette_hits(app, pilot, "restore month")
        assert "Test a restore every month" in hits[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeScreen)
        assert app.screen.initiative.title == "Test a restore every month"


async def test_palette_sorts_and_filters_the_register(demo: Path, clock: FixedClock) -> None:
    open_work = (Status.PROPOSED, Status.ACTIVE, Status.BLOCKED)
    wanted = Register.open(demo, clock, "t").initiatives(
        Filter(statuses=open_work, principle=Principle.SIMPLE)
    )
    assert wanted
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        hits = await palette_hits(app, pilot, "Filter: Keep it simple")
        assert hits[0] == "Filter: Keep it simple and practical"
        await pilot.press("enter")
        await pilot.pause()
        table = app.home.query_one(RegisterTable)
        assert {r.id for r in table.shown} == {i.id for i in wanted}
        assert app.home.query_one("#register-filter-input", Input).value == "#simple"
        hits = await palette_hits(app, pilot, "Sort by owner")
        assert hits[0] == "Sort by owner"
        await pilot.press("enter")
        await pilot.pause()
        assert table.sort_column == "owner"
        owners = [o for o in column(app, "owner") if o]
        assert owners == sorted(owners)


async def test_palette_offers_the_screens_actions(demo: Path, clock: FixedClock) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        hits = await palette_hits(app, pilot, "capture")
        assert hits[0] == "Capture"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)


async def test_capture_adds_a_row_and_selects_it(demo: Path, clock: FixedClock) -> None:
    open_work = (Status.PROPOSED, Status.ACTIVE, Status.BLOCKED)
    before = len(Register.open(demo, clock, "t").initiatives(Filter(statuses=open_work)))
    app = make_app(demo, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        assert isinstance(app.screen, CaptureScreen)
        await pilot.press(*"Cut deploy time #automate @sam +ci v4 e2", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RegisterScreen)
        table = app.home.query_one(RegisterTable)
        assert table.total == before + 1
        row = table.current
        assert row is not None
        assert (row.title, row.principle, row.owner, row.tags) == (
            "Cut deploy time",
            Principle.AUTOMATE,
            "sam",
            ("ci",),
        )
        assert row.key == app.keys()[row.id]


async def test_a_write_elsewhere_in_the_app_reselects_its_row(
    demo: Path, clock: FixedClock
) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"#simple", "enter")
        added = app.register.add("Written by a form", principle=Principle.VALUE)
        app.post_message(InitiativeChanged(added.id))
        await settle(app, pilot)
        assert current_id(app) == added.id
        assert app.home.query_one("#register-filter-input", Input).value == ""


async def test_enter_opens_and_help_lists_the_register_keys(demo: Path, clock: FixedClock) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = widget_text(app.screen.query_one("#help-keys"))
        for description in ("Open", "Filter", "Sort", "Capture", "Help"):
            assert description in keys
        await pilot.press("escape", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeScreen)
        assert app.screen.initiative_id == app.home.query_one(RegisterTable).rows[1].id


async def test_no_color_is_respected(
    demo: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.no_color
        svg = app.export_screenshot()
        assert "Test&#160;a&#160;restore" in svg
        colours = set(re.findall(r"fill: #([0-9a-f]{6})", svg)) - WINDOW_BUTTONS
        channels = [[int(c[i : i + 2], 16) for i in (0, 2, 4)] for c in colours]
        assert all(max(rgb) - min(rgb) <= 8 for rgb in channels), colours


async def test_every_screen_survives_forty_by_twelve(demo: Path, clock: FixedClock) -> None:
    app = make_app(demo, clock)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(app, pilot)
        for keys in (["enter"], ["r", "question_mark"], ["escape", "a"], ["escape", "slash"]):
            await pilot.press(*keys)
            await pilot.pause()
            app.export_screenshot()
        await pilot.press("escape", "escape", "r")
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)


@pytest.mark.parametrize("key", ["i", "s", "R"])
async def test_an_unreadable_archive_is_said_on_every_screen_that_reads_it(
    demo: Path, clock: FixedClock, key: str
) -> None:
    """A text merge left conflict markers in an archive: the app says so and stays up."""
    archive = next(demo.parent.glob("improve-archive-*.json"))
    archive.write_text("<<<<<<< ours\n{}\n=======\n{}\n>>>>>>> theirs\n")
    app = make_app(demo, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press(key)

        def said() -> list[str]:
            return [str(n.message) for n in app._notifications]

        def told() -> bool:
            return any("Cannot read the store" in m and archive.name in m for m in said())

        await until(pilot, told, "the toast naming the archive")
        assert app._exception is None
        assert app.is_running
