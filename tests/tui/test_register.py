"""The Register screen driven by real keys: what it lists, filters, sorts and reloads."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from rich.cells import cell_len
from textual.widgets import Input

from improve.clock import FixedClock
from improve.domain.model import Direction, Principle, Status
from improve.domain.register import Filter
from improve.service import Register
from improve.tui.widgets.register_rows import parse_query
from improve.tui.widgets.register_table import RegisterTable
from tests.tui.improve_app import (
    column,
    demo_store,
    make_app,
    row_lines,
    settle,
    sort_by_menu,
    table_lines,
    until,
)

OPEN = Filter(statuses=(Status.PROPOSED, Status.ACTIVE, Status.BLOCKED))


def open_count(store_path: Path, clock: FixedClock) -> int:
    return len(Register.open(store_path, clock, "t").initiatives(OPEN))


def count_text(app: object) -> str:
    from improve.tui.app import ImproveApp

    assert isinstance(app, ImproveApp)
    return str(app.home.query_one("#register-count").content)


def filter_text(app: object) -> str:
    from improve.tui.app import ImproveApp

    assert isinstance(app, ImproveApp)
    return str(app.home.query_one("#register-filter").content)


async def test_lists_the_open_register_value_first(store_path: Path, clock: FixedClock) -> None:
    demo_store(store_path, clock)
    expected = Register.open(store_path, clock, "t").initiatives(OPEN)
    assert 0 < len(expected) < len(Register.open(store_path, clock, "t").initiatives())
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        heading = table_lines(app)[0].split()
        assert heading[:3] == ["key", "title", "principle"]
        assert "due" in heading
        assert "progress" in heading
        assert column(app, "title")[:5] == [i.title for i in expected[:5]]
        assert column(app, "principle")[0] == expected[0].principle.short
        assert count_text(app) == f"{len(expected)} open initiatives"
        assert set(column(app, "status")) <= {"proposed", "active", "blocked"}
        assert len(row_lines(app)) == min(
            len(expected), 40 - 4
        )  # header, filter bar, headings, footer


async def test_filter_by_principle_shows_only_those_rows(
    store_path: Path, clock: FixedClock
) -> None:
    demo_store(store_path, clock)
    register = Register.open(store_path, clock, "t")
    wanted = register.initiatives(replace(OPEN, principle=Principle.AUTOMATE))
    open_count = len(register.initiatives(OPEN))
    assert 0 < len(wanted) < open_count
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"#automate", "enter")
        await pilot.pause()
        shown = app.home.query_one(RegisterTable).shown
        assert sorted(r.title for r in shown) == sorted(i.title for i in wanted)
        assert len(row_lines(app)) == len(wanted)
        primary = [i for i in wanted if i.principle is Principle.AUTOMATE]
        assert column(app, "principle").count("automate") == len(primary)
        assert all(Principle.AUTOMATE in i.principles for i in wanted if i not in primary)
        assert count_text(app) == f"{len(wanted)} of {open_count}"
        assert "#automate" in filter_text(app)
        assert app.focused is app.home.query_one(RegisterTable)
        await pilot.press("escape")
        await pilot.pause()
        assert count_text(app) == f"{open_count} open initiatives"
        assert len(set(column(app, "principle"))) > 1


async def test_free_text_filter_matches_as_you_type(store_path: Path, clock: FixedClock) -> None:
    demo_store(store_path, clock)
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"deploy")
        await pilot.pause()
        titles = column(app, "title")
        assert titles
        assert all("deploy" in t.lower() for t in titles)
        await pilot.press("escape")
        await pilot.pause()
        assert app.home.query_one("#register-filter-input", Input).value == ""
        assert count_text(app) == f"{open_count(store_path, clock)} open initiatives"


async def test_filter_by_status_owner_and_words_together(
    store_path: Path, clock: FixedClock
) -> None:
    demo_store(store_path, clock)
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"is:open @ben", "enter")
        await pilot.pause()
        assert set(column(app, "owner")) == {"ben"}
        assert set(column(app, "status")) <= {"proposed", "active", "blocked"}
        await pilot.press("slash", *" nosuchword")
        await pilot.pause()
        assert "No initiative matches the filter" in "\n".join(table_lines(app))


async def test_a_bad_filter_token_is_named_and_keeps_the_rows(
    store_path: Path, clock: FixedClock
) -> None:
    demo_store(store_path, clock)
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"#nope")
        await pilot.pause()
        assert "unknown principle 'nope'" in count_text(app)
        assert len(app.home.query_one(RegisterTable).shown) == open_count(store_path, clock)
        await pilot.press("enter")
        assert count_text(app) == f"{open_count(store_path, clock)} open initiatives"


async def test_sort_by_keys_and_by_clicking_a_heading(store_path: Path, clock: FixedClock) -> None:
    demo_store(store_path, clock)
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await sort_by_menu(pilot, "by title")
        titles = [r.title for r in app.home.query_one(RegisterTable).shown]
        assert titles == sorted(titles, key=str.lower)
        assert "title ▲" in table_lines(app)[0]
        assert "title" in filter_text(app)
        await pilot.press("O")
        await pilot.pause()
        titles = [r.title for r in app.home.query_one(RegisterTable).shown]
        assert titles == sorted(titles, key=str.lower, reverse=True)

        table = app.home.query_one(RegisterTable)
        start = next(s for c, s, _ in table.columns_shown if c.name == "due")
        await pilot.click(RegisterTable, offset=(start + 1, 0))
        await pilot.pause()
        dues = [r.due for r in table.shown if r.due is not None]
        assert dues == sorted(dues)
        assert table.shown[-1].due is None
        assert "due ▲" in table_lines(app)[0]
        await pilot.click(RegisterTable, offset=(start + 1, 0))
        await pilot.pause()
        dues = [r.due for r in table.shown if r.due is not None]
        assert dues == sorted(dues, reverse=True)
        assert "due ▼" in table_lines(app)[0]


async def test_cursor_stays_on_its_initiative_through_filter_and_sort(
    store_path: Path, clock: FixedClock
) -> None:
    demo_store(store_path, clock)
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.home.query_one(RegisterTable)
        await pilot.press("down", "down", "down")
        chosen = table.current
        assert chosen is not None
        assert table.cursor == 3
        await sort_by_menu(pilot, "by title")
        assert table.current == chosen
        await pilot.press("slash", *chosen.title.split()[0].lower(), "enter")
        await pilot.pause()
        assert table.current == chosen


async def test_titles_with_markup_are_shown_literally(store_path: Path, clock: FixedClock) -> None:
    register = Register.open(store_path, clock, "t")
    register.add("[bold]x[/]", value=5, effort=1)
    register.add("[link=file:///etc/passwd]y[/link]", value=5, effort=2)
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(app, pilot)
        assert column(app, "title")[:2] == ["[bold]x[/]", "[link=file:///etc/passwd]y[/link]"]
        table = app.home.query_one(RegisterTable)
        await pilot.press("down")  # the cursor row is bold; the first row is not under it
        for y in (1, 2):
            segments = list(table.render_line(y))
            assert all(s.style is None or not s.style.link for s in segments)
        title_style = next(s.style for s in table.render_line(1) if "[bold]" in s.text)
        assert title_style is not None
        assert not title_style.bold


async def test_blocked_and_overdue_rows_stand_out(store_path: Path, clock: FixedClock) -> None:
    register = Register.open(store_path, clock, "t")
    plain = register.add("Plain", value=5, effort=1)
    blocked = register.add("Stuck", value=4, effort=1)
    register.set_status(blocked.id, Status.BLOCKED)
    late = register.add("Late", value=3, effort=1)
    register.add_iteration(late.id, "first step", due=date(2026, 11, 20))
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(app, pilot)
        await pilot.press("end")  # the cursor's colours would hide the row's own
        assert column(app, "title")[:3] == ["Plain", "Stuck", "Late"]
        assert column(app, "due")[2] == "!20 Nov"
        table = app.home.query_one(RegisterTable)

        def title_colour(y: int) -> object:
            style = next(
                s.style for s in table.render_line(y) if s.text.startswith(("P", "S", "L"))
            )
            assert style is not None
            return style.color

        assert len({title_colour(1), title_colour(2), title_colour(3)}) == 3
        assert plain.id != blocked.id


async def test_reloads_after_an_external_write_and_keeps_the_cursor(
    store_path: Path, clock: FixedClock
) -> None:
    demo_store(store_path, clock)
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down")
        table = app.home.query_one(RegisterTable)
        chosen = table.current
        assert chosen is not None
        other = Register.open(store_path, clock, "cli@elsewhere")
        added = other.add("Written by the CLI meanwhile", value=5, effort=1)
        other.set_metric(
            chosen.id,
            "lead time",
            unit="h",
            better=Direction.DOWN,
            baseline=10,
            target=5,
            by=date(2026, 12, 31),
        )
        other.measure(chosen.id, 7.5)
        app.poll_store()
        await settle(app, pilot)
        assert "Written by the CLI meanwhile" in column(app, "title")
        assert table.total == open_count(store_path, clock)
        assert table.current is not None
        assert table.current.id == chosen.id
        assert table.current.progress == 0.5
        keys = app.keys()
        assert keys[added.id] == added.id[: len(keys[added.id])]


async def test_no_reload_when_nothing_changed(store_path: Path, clock: FixedClock) -> None:
    Register.open(store_path, clock, "t").add("Only one")
    app = make_app(store_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.home.query_one(RegisterTable)
        rows = table.rows
        app.poll_store()
        await settle(app, pilot)
        assert table.rows is rows


async def test_empty_store_says_how_to_start(tmp_path: Path, clock: FixedClock) -> None:
    app = make_app(tmp_path / "none" / "improve.json", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "press a to capture your first improvement" in "\n".join(table_lines(app))
        assert count_text(app) == "0 open initiatives"


async def test_narrow_screens_keep_key_title_and_status(
    store_path: Path, clock: FixedClock
) -> None:
    demo_store(store_path, clock)
    app = make_app(store_path, clock)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(app, pilot)
        shown = [c.name for c, _, _ in app.home.query_one(RegisterTable).columns_shown]
        assert shown[:2] == ["key", "title"]
        assert "status" in shown
        assert all(len(line) <= 40 for line in table_lines(app))


def test_query_reads_every_kind_of_token() -> None:
    query = parse_query("Deploy #auto @Sam +CI team:Platform is:open time")
    assert query.principle is Principle.AUTOMATE
    assert (query.owner, query.tag, query.team) == ("sam", "ci", "platform")
    assert query.statuses == ()  # is:open is the register's own scope
    assert query.words == ("deploy", "time")
    assert parse_query(query.describe()) == query
    assert parse_query("is:all").statuses == tuple(Status)
    assert parse_query("is:closed").statuses == (Status.DONE, Status.DROPPED)
    for text in ("is:all +ci", "is:closed @sam", "is:done,blocked"):
        assert parse_query(parse_query(text).describe()) == parse_query(text)


def test_overdue_is_judged_on_the_clock_date(clock: FixedClock, store_path: Path) -> None:
    from improve.tui.widgets.register_rows import build_rows

    register = Register.open(store_path, clock, "t")
    ini = register.add_iteration(register.add("x").id, "step", due=clock.now().date())
    (row,) = build_rows([ini], {ini.id: "abcd"}, clock.now())
    assert not row.overdue
    (row,) = build_rows([ini], {ini.id: "abcd"}, clock.now() + timedelta(days=1))
    assert row.overdue


async def test_an_unreadable_store_is_said_and_read_again_once_mended(
    store_path: Path, clock: FixedClock
) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_text("{not json")
    app = make_app(store_path, clock)
    async with app.run_test(size=(100, 24)) as pilot:
        await until(pilot, lambda: "Cannot read" in "\n".join(table_lines(app)), "the problem")
        assert "not valid JSON" in "\n".join(table_lines(app))
        store_path.unlink()
        Register.open(store_path, clock, "t").add("Mended")
        app.poll_store()
        await settle(app, pilot)
        assert column(app, "title") == ["Mended"]


async def test_the_open_register_comes_from_the_main_file_alone(
    store_path: Path, clock: FixedClock
) -> None:
    """Closed work waits in the archives until a filter asks for it: a damaged archive
    does not stop the open register from showing, and is said once it is needed."""
    demo_store(store_path, clock)
    archive = next(store_path.parent.glob("improve-archive-*.json"))
    archive.write_text("<<<<<<< ours\n{}\n=======\n{}\n>>>>>>> theirs\n")
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert count_text(app) == f"{open_count(store_path, clock)} open initiatives"
        assert not app._notifications
        assert not app.home.closed_loaded
        await pilot.press("slash", *"is:all", "enter")
        await settle(app, pilot)
        said = [str(n.message) for n in app._notifications]
        assert any(archive.name in m for m in said), said
        assert app.is_running


async def test_is_all_reads_closed_work_and_is_done_shows_it(
    store_path: Path, clock: FixedClock
) -> None:
    demo_store(store_path, clock)
    register = Register.open(store_path, clock, "t")
    everything = register.initiatives()
    done = [i for i in everything if i.status is Status.DONE]
    assert done
    app = make_app(store_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.home.query_one(RegisterTable)
        assert table.total == open_count(store_path, clock)
        await pilot.press("slash", *"is:done", "enter")
        while not app.home.closed_loaded:
            await settle(app, pilot)
        assert table.total == len(everything)
        assert sorted(r.title for r in table.shown) == sorted(i.title for i in done)
        assert count_text(app) == f"{len(done)} of {len(everything)}"
        await pilot.press("escape")
        await pilot.pause()
        assert set(column(app, "status")) <= {"proposed", "active", "blocked"}
        assert count_text(app) == f"{open_count(store_path, clock)} open initiatives"


async def test_wide_characters_keep_the_columns_in_line_at_80(
    store_path: Path, clock: FixedClock
) -> None:
    """Emoji and CJK titles are measured in cells: the status column does not move."""
    register = Register.open(store_path, clock, "sam@laptop")
    for title in (
        "Ship 👍🏽 flag 🇩🇪 and ❤️ café",
        "Dev 👩‍💻 corner",
        "改善のための小さな一歩",
        "plain",
    ):
        register.add(title, owner="sam")
    app = make_app(store_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        lines = row_lines(app)
        assert len(lines) == 4
        starts = {cell_len(line[: line.index("proposed")]) for line in lines}
        assert len(starts) == 1
        assert all(cell_len(line) <= 80 for line in lines)
        assert any("👩‍💻" in line for line in lines)
