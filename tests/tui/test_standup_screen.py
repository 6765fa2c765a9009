"""The Standup screen with real keys, on the demo team, Monday 23 Nov 2026 at 09:00."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from improve.clock import FixedClock
from improve.demo.story import write_demo
from improve.domain.model import Status
from improve.service import Register
from improve.text.cells import cells
from improve.tui.screens.forms import FormScreen
from improve.tui.screens.standup import StandupScreen
from tests.conftest import NOW
from tests.tui.harness import Harness, widget_text
from tests.tui.improve_app import until

PEOPLE = ["ana", "ben", "chloe", "dev", "eli"]


@pytest.fixture
def app(register: Register, clock: FixedClock) -> Harness:
    write_demo(register, NOW.date())
    return Harness(register, clock, StandupScreen())


def screen(app: Harness) -> StandupScreen:
    assert isinstance(app.screen, StandupScreen)
    return app.screen


def lines(app: Harness) -> list[str]:
    listed = app.screen.query_one("#standup-items", OptionList)
    return [str(getattr(o.prompt, "plain", o.prompt)) for o in listed.options]


def text(app: Harness, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return str(getattr(content, "plain", content))


def highlight(app: Harness, words: str) -> int:
    """Put the cursor on the first line that contains `words`."""
    index = next(n for n, line in enumerate(lines(app)) if words in line)
    app.screen.query_one("#standup-items", OptionList).highlighted = index
    return index


async def ready(app: Harness, pilot: Pilot[None]) -> None:
    """Wait until the screen has read the register and drawn the first person."""
    await until(pilot, lambda: isinstance(app.screen, StandupScreen), "the standup")
    standup = app.screen
    assert isinstance(standup, StandupScreen)
    await until(pilot, lambda: standup.loaded and standup.roll is not None, "the first person")
    await pilot.pause()


async def test_walk_the_team_with_n_p_and_the_arrows(app: Harness) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert "1/5 people" in text(app, "#standup-where")
        assert "since Fri 20 Nov" in text(app, "#standup-where")
        seen = [screen(app).person]
        for _ in range(4):
            await pilot.press("n")
            seen.append(screen(app).person)
        assert seen == PEOPLE
        assert "5/5 people" in text(app, "#standup-where")
        await pilot.press("p", "left")
        assert screen(app).person == "chloe"
        await pilot.press("right")
        assert text(app, "#standup-person").strip().startswith("DEV")
        await pilot.press("n", "n", "n")
        assert "summary" in text(app, "#standup-where")
        assert "END OF STANDUP" in text(app, "#standup-person")
        summary = lines(app)[1:9]
        assert [line.split()[0] for line in summary[:7]] == ["11", "3", "13", "14", "10", "6", "1"]
        assert summary[6].strip() == "1 slid back"
        assert summary[7].strip() == "everyone had something to report"


async def test_a_person_shows_the_sections_with_counts(app: Harness) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("n")
        assert "2 moved · 8 due · 2 next · 1 blocked · 2 off track" in text(app, "#standup-person")
        headings = [line for line in lines(app) if line.endswith(")") and "  " not in line]
        assert headings == [
            "Moved since the last working day (2)",
            "Due today or overdue (8)",
            "Next (2)",
            "Blocked (1)",
            "Off track (2)",
            "Slid back (1)",
        ]


async def test_space_finishes_an_iteration_and_it_counts_as_moved(app: Harness) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("n")
        highlight(app, "iteration 1: Automate the weekly report")
        await pilot.press("space")
        await pilot.pause()
        assert "3 moved · 7 due" in text(app, "#standup-person")
        moved = [
            line for line in lines(app) if "iteration done: Automate the weekly report" in line
        ]
        assert len(moved) == 1
        assert moved[0].startswith("af6b  Canary releases for the API gateway")
        cursor = app.screen.query_one("#standup-items", OptionList).highlighted
        assert cursor is not None
        due = lines(app).index("Due today or overdue (7)")
        assert cursor == due + 1  # the next line to tick, not the new line under Moved
        assert app.changed
        canary = app.register.get(app.changed[-1])
        assert canary.live_iterations()[0].done


async def test_space_on_a_line_without_an_iteration_says_so_beside_the_list(
    app: Harness,
) -> None:
    """A "Moved" line tells what happened; ticking something from it would surprise. The
    walk goes on: no dialog to close, the line says what it is and which key fits it."""
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("n")
        before = text(app, "#standup-person")
        index = highlight(app, "26bb  Cut deploy lead time")
        assert index < lines(app).index("Due today or overdue (8)")  # the line under Moved
        await pilot.press("space")
        await pilot.pause()
        assert app.screen is screen(app)  # no modal on top
        assert text(app, "#standup-person") == before
        assert not app.changed
        said = [str(n.message) for n in app._notifications]
        assert said == ["Not an iteration: space ticks those under Due and Next"]
        highlight(app, "measurement: Release incidents")
        await pilot.press("space")
        await pilot.pause()
        assert app.screen is screen(app)
        assert str(list(app._notifications)[-1].message) == (
            "A reading, not an iteration: m records it"
        )
        assert not app.changed


async def test_b_unblocks_and_blocks_with_a_reason(app: Harness) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("n")
        highlight(app, "blocked 3 days")
        await pilot.press("b")
        await pilot.pause()
        assert "0 blocked" in text(app, "#standup-person")
        highlight(app, "Move CI to autoscaling runners")
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"security review", "enter")
        await pilot.pause()
        assert "1 blocked" in text(app, "#standup-person")
        assert any("blocked since today: security review" in line for line in lines(app))


async def test_m_records_a_measurement(app: Harness) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        highlight(app, "Publish the change calendar")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StandupScreen)
        due = next(n for n, line in enumerate(lines(app)) if line.startswith("Due today"))
        moved = lines(app)[1:due]
        (said,) = [line for line in moved if line.startswith("aa50  Publish the change")]
        assert "Clashing changes 4.2 → 3 (−1.2)" in said


async def test_the_timer_turns_the_warning_colour_past_its_limit(
    app: Harness, clock: FixedClock
) -> None:
    app.config = replace(app.config, standup_minutes=1.5)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        timer = app.screen.query_one("#standup-timer", Static)
        assert not timer.display
        await pilot.press("T")
        await pilot.pause()
        assert timer.display
        assert text(app, "#standup-timer").strip() == "timer 0:00 / 1:30"
        clock.advance(seconds=90)
        screen(app).timer.tick()
        assert not timer.has_class("-over")
        clock.advance(seconds=1)
        screen(app).timer.tick()
        await pilot.pause()
        assert text(app, "#standup-timer").strip() == "timer 1:31 / 1:30 over"
        assert timer.has_class("-over")
        assert timer.styles.background != app.screen.query_one("#standup-where").styles.background
        await pilot.press("n")
        await pilot.pause()
        assert text(app, "#standup-timer").strip() == "timer 0:00 / 1:30"
        assert not timer.has_class("-over")


async def test_t_narrows_to_one_team(app: Harness) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("t")
        assert "team platform" in text(app, "#standup-where")
        assert "1/3 people" in text(app, "#standup-where")
        await pilot.press("t", "t")
        assert "all teams" in text(app, "#standup-where")


async def test_user_text_is_shown_literally(register: Register, clock: FixedClock) -> None:
    ini = register.add("[bold]x[/] and [link=file:///etc]y[/]", owner="ana")
    register.set_status(ini.id, Status.ACTIVE)
    app = Harness(register, clock, StandupScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert any("[bold]x[/] and [link=file:///etc]y[/]" in line for line in lines(app))


async def test_enter_opens_the_initiative_and_escape_comes_back(app: Harness) -> None:
    from improve.tui.screens.initiative import InitiativeScreen

    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("n")
        highlight(app, "blocked 3 days")
        await pilot.press("enter")
        await pilot.pause()
        opened = app.screen
        assert isinstance(opened, InitiativeScreen)
        assert opened.initiative is not None
        assert opened.initiative.title == "Move CI to autoscaling runners"
        await pilot.press("escape")
        await ready(app, pilot)
        assert screen(app).person == "ben"


@pytest.mark.parametrize("keys", [(), ("n", "T"), tuple("nnnnnn")])
async def test_a_tiny_terminal_still_renders(app: Harness, keys: tuple[str, ...]) -> None:
    async with app.run_test(size=(40, 12)) as pilot:
        await ready(app, pilot)
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(app.screen, StandupScreen)
        assert "STANDUP" in app.export_screenshot() or "people" in text(app, "#standup-where")


async def test_after_space_the_cursor_is_on_the_next_line_to_tick(app: Harness) -> None:
    """Ticking several in a row needs no walking back to the Due section."""
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("n")
        listed = app.screen.query_one("#standup-items", OptionList)
        due = [n for n, t in enumerate(screen(app).targets) if t and t.iteration is not None]
        assert len(due) >= 3
        listed.highlighted = due[2]
        after = lines(app)[due[3]] if len(due) > 3 else None
        await pilot.press("space")
        await pilot.pause()
        assert listed.highlighted is not None
        target = screen(app).targets[listed.highlighted]
        assert target is not None
        assert target.section == "due"
        if after is not None:
            assert lines(app)[listed.highlighted] == after


async def test_at_80_columns_every_line_is_one_row_cut_with_an_ellipsis(app: Harness) -> None:
    """A line that wraps on a shared screen reads as two: each is cut to the width, the
    title giving way before what moved or is due."""
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("n")
        listed = app.screen.query_one("#standup-items", OptionList)
        assert listed.virtual_size.height == listed.option_count
        shown = widget_text(listed).splitlines()
        assert shown[2].strip() == (
            "8c7e  Move CI to autoscaling … — active → blocked · Build queue time 11.1 →…"
        )
        assert shown[4].strip() == (
            "af6b  Canary releases for the… — iteration 1: Automate the… · 8 days overdue"
        )
        assert all(cells(line.rstrip()) <= 80 for line in shown)


async def test_wide_titles_are_cut_in_terminal_cells_not_characters(
    register: Register, clock: FixedClock
) -> None:
    """A CJK or emoji title takes two cells a character: cut by characters it would wrap."""
    title = "デプロイ時間を半分にする 🚀 パイプラインを一本にまとめる計画"
    ini = register.add(title, owner="ana")
    register.set_status(ini.id, Status.ACTIVE)
    register.add_iteration(ini.id, "一つ目のチームで試す 👩‍💻", NOW.date())
    app = Harness(register, clock, StandupScreen())
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(app, pilot)
        listed = app.screen.query_one("#standup-items", OptionList)
        assert listed.virtual_size.height == listed.option_count
        rows = [r.rstrip() for r in widget_text(listed).splitlines() if "—" in r]
        assert len(rows) == 2
        assert all(cells(r) <= listed.size.width for r in rows)
        assert rows[1].endswith("· today")
        assert "…" in rows[0]
