"""A standup of four, from the first person to the summary, in the whole app: what each
person talks about, ideas captured during a turn, the timer, the time each turn took."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, Static

from improve.clock import FixedClock
from improve.config import Config
from improve.domain.register import Filter
from improve.tui.app import ImproveApp
from improve.tui.screens.capture import CaptureScreen
from improve.tui.screens.standup import StandupScreen
from improve.tui.widgets.standup_parts import ItemLine
from tests.conftest import Cli
from tests.tui.improve_app import demo_store, make_app, settle
from tests.tui.standup_team import PEOPLE, team_store


@pytest.fixture
def keys(store_path: Path, clock: FixedClock) -> dict[str, str]:
    return team_store(store_path, clock)


def standup(app: ImproveApp) -> StandupScreen:
    assert isinstance(app.screen, StandupScreen)
    return app.screen


def lines(app: ImproveApp) -> list[str]:
    listed = standup(app).query_one("#standup-items", OptionList)
    return [str(getattr(o.prompt, "plain", o.prompt)) for o in listed.options]


def shown(app: ImproveApp, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return str(getattr(content, "plain", content)).strip()


async def open_standup(app: ImproveApp, pilot: Pilot[None]) -> StandupScreen:
    """`s` once the register has read the store; then wait for the standup's own read."""
    await settle(app, pilot)
    await pilot.press("s")
    for _ in range(100_000):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if isinstance(app.screen, StandupScreen) and app.screen.roll is not None:
            return app.screen
    raise AssertionError("the standup never read the store")


def team_app(store_path: Path, clock: FixedClock, **settings: object) -> ImproveApp:
    config = Config(writer="lead@team", people=PEOPLE, **settings)  # type: ignore[arg-type]
    return make_app(store_path, clock, config)


async def test_each_person_says_what_moved_is_due_next_blocked_and_off_track(
    store_path: Path, clock: FixedClock, keys: dict[str, str], cli: Cli
) -> None:
    ana, ben, chloe = keys["ana"], keys["ben"], keys["chloe"]
    app = team_app(store_path, clock)
    turns = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_standup(app, pilot)
        moved = standup(app).query_one("#standup-items", OptionList).options[1].prompt
        assert isinstance(moved, ItemLine)
        (reading,) = [s for s in moved.detail.spans if s.start == len("plan → act · ")]
        assert moved.detail.plain[reading.start : reading.end] == "flaky reruns 12 → 9 (−3)"
        assert reading.style == standup(app).palette()["good"]  # down is better: good news
        for _ in PEOPLE:
            turns.append((shown(app, "#standup-person"), lines(app)))
            await pilot.press("n")
    assert turns[0] == (
        "ANA   1 moved · 1 due · 1 next · 0 blocked · 0 off track",
        [
            "Moved since the last working day (1)",
            f"{ana}  Halve flaky test reruns — plan → act · flaky reruns 12 → 9 (−3)",
            "Due today or overdue (1)",
            f"{ana}  Halve flaky test reruns — iteration 1: Quarantine the top ten · today",
            "Next (1)",
            f"{ana}  Halve flaky test reruns — iteration 2: A retry budget per job · in 4 days",
            "Blocked (0)",
            "Off track (0)",
        ],
    )
    assert turns[1][1] == [
        "Moved since the last working day (0)",
        "Due today or overdue (1)",
        f"{ben}  Cut deploy lead time — iteration 1: One pipeline for the API · 4 days overdue",
        "Next (0)",
        "Blocked (1)",
        f"{ben}  Cut deploy lead time — blocked 4 days: waiting for the infra budget",
        "Off track (0)",
    ]
    assert turns[2][1][-1] == (
        f"{chloe}  Shorter service request form — off track: projected 44.46% by the target date"
    )
    assert turns[3] == (
        "DEV   0 moved · 0 due · 0 next · 0 blocked · 0 off track",
        ["Nothing to report: worth asking whether anything is stuck."],
    )
    said = cli("standup", "--person", "ana").out  # the CLI says the same, in its own layout
    assert f"{ana}  Halve flaky test reruns — plan → act · flaky reruns 12 → 9 (−3)" in said
    assert "iteration 2: A retry budget per job (in 4 days)" in said


async def test_a_during_a_turn_captures_an_idea_owned_by_that_person(
    store_path: Path, clock: FixedClock, keys: dict[str, str]
) -> None:
    app = team_app(store_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_standup(app, pilot)
        await pilot.press("n", "a")
        capture = app.screen
        assert isinstance(capture, CaptureScreen)
        assert str(capture.query_one(".modal-title", Label).content) == (
            "Capture an improvement for ben"
        )
        assert "for ben" in capture.query_one(Input).placeholder
        await pilot.press(*"Cache the base image #automate")
        assert "owner      ben" in shown(app, "#capture-preview")
        await pilot.press("enter")
        for _ in range(100_000):
            await pilot.pause()
            await app.workers.wait_for_complete()
            if any("Cache the base image — added" in line for line in lines(app)):
                break
        assert standup(app).person == "ben"
        await pilot.press("a", *"Ask the desk first @chloe", "enter")
        await app.workers.wait_for_complete()
    owners = {i.title: i.owner for i in app.register.initiatives(Filter())}
    assert owners["Cache the base image"] == "ben"
    assert owners["Ask the desk first"] == "chloe"  # the line names someone else: theirs


async def test_the_timer_can_start_itself_on_each_person(
    store_path: Path, clock: FixedClock, keys: dict[str, str]
) -> None:
    app = team_app(store_path, clock, standup_auto_timer=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_standup(app, pilot)
        assert screen.timer.display
        assert shown(app, "#standup-timer") == "timer 0:00 / 2:00"
        clock.advance(seconds=75)
        screen.timer.tick()
        assert shown(app, "#standup-timer") == "timer 1:15 / 2:00"
        await pilot.press("n")
        assert shown(app, "#standup-timer") == "timer 0:00 / 2:00"
        await pilot.press("T")  # off for the rest of this standup, even after leaving it
        assert not screen.timer.display
        await pilot.press("escape", "s", "n")
        await app.workers.wait_for_complete()
        assert app.screen is screen
        assert not screen.timer.display
        await pilot.press("T", "n")
        assert screen.timer.display
        assert shown(app, "#standup-timer") == "timer 0:00 / 2:00"


async def test_without_the_setting_the_timer_waits_for_t(
    store_path: Path, clock: FixedClock, keys: dict[str, str]
) -> None:
    app = team_app(store_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_standup(app, pilot)
        await pilot.press("n")
        assert not screen.timer.display
        await pilot.press("T")
        assert shown(app, "#standup-timer") == "timer 0:00 / 2:00"


async def test_the_summary_shows_the_time_each_person_took_and_the_total(
    store_path: Path, clock: FixedClock, keys: dict[str, str]
) -> None:
    app = team_app(store_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_standup(app, pilot)
        for seconds in (65, 30, 125, 10):  # ana, ben, chloe, dev
            clock.advance(seconds=seconds)
            await pilot.press("n")
        clock.advance(seconds=20)
        await pilot.press("p")  # back to dev for a word more, then the summary again
        clock.advance(seconds=20)
        await pilot.press("n")
        assert "summary" in shown(app, "#standup-where")
        people = lines(app)[lines(app).index("Person by person (4)") + 1 :]
    assert people == [
        "ana     1:05  1 moved · 1 due · 1 next · 0 blocked · 0 off track",
        "ben     0:30  0 moved · 1 due · 0 next · 1 blocked · 0 off track",
        "chloe   2:05  0 moved · 0 due · 0 next · 0 blocked · 1 off track",
        "dev     0:30  0 moved · 0 due · 0 next · 0 blocked · 0 off track",
        "total   4:10",
    ]


async def test_done_work_still_watched_shows_its_key(tmp_path: Path, clock: FixedClock) -> None:
    """The Register reads open work only; the standup also speaks of done work that slid
    back, and names it by its key like the rest."""
    app = make_app(demo_store(tmp_path / "improve.json", clock), clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_standup(app, pilot)
        await pilot.press("n")
        slid = lines(app)[lines(app).index("Slid back (1)") + 1]
    assert slid.startswith("2225  Quarantine the flaky tests we already know — slid back")
