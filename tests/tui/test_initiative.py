"""The Initiative screen: real keys, and what the screen and the store then say."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import OptionList

from improve.clock import FixedClock
from improve.domain.model import Direction, NoteKind, Status, Step
from improve.service import Register
from improve.tui.messages import StoreReloaded
from improve.tui.screens.forms import FormScreen
from improve.tui.screens.help import HelpScreen
from improve.tui.screens.initiative import InitiativeScreen
from improve.tui.screens.register import RegisterScreen
from improve.tui.widgets.chart import MetricChart
from tests.tui.harness import Harness, widget_text
from tests.tui.improve_app import demo_store, make_app, row_lines, settle


def seeded(register: Register, clock: FixedClock, title: str = "Cut deploy lead time") -> str:
    """Baseline 30 h a month ago, target 6 h; one reading of 18 h (half way), two iterations."""
    now = clock.now()
    clock.advance(days=-30)
    ini = register.add(title, owner="ana", team="platform", value=4, effort=2, tags=["ci"])
    register.set_metric(
        ini.id,
        "Deploy lead time",
        unit="h",
        better=Direction.DOWN,
        baseline=30,
        target=6,
        by=date(2026, 12, 31),
    )
    register.add_iteration(ini.id, "One shared pipeline", date(2026, 11, 10))
    register.add_iteration(ini.id, "Drop the manual gate", date(2026, 11, 27))
    clock.moment = now - timedelta(days=7)
    register.measure(ini.id, 18)
    clock.moment = now
    return ini.id


def text(app: App[Any], selector: str) -> str:
    """What a section shows, with runs of spaces (alignment) read as one."""
    return " ".join(widget_text(app.screen.query_one(selector)).split())


def opened(register: Register, clock: FixedClock, ini_id: str) -> Harness:
    return Harness(register, clock, InitiativeScreen(ini_id))


async def test_it_shows_every_section(register: Register, clock: FixedClock) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id[:6])
    async with app.run_test(size=(120, 40)):
        summary = text(app, "#initiative-summary")
        assert register.keys()[ini_id] in summary
        assert "Cut deploy lead time" in summary
        assert "proposed" in summary
        assert "owner ana" in summary
        assert "+ci" in summary
        assert "not set yet" in text(app, "#initiative-vision")
        stepper = text(app, "#initiative-stepper")
        assert "● plan" in stepper or "● 4" in stepper
        assert "Step 4 of 7 · How do we get there?" in stepper
        assert "no vision yet" in stepper
        metric = text(app, "#initiative-metric")
        assert "baseline 30 h" in metric
        assert "latest 18 h" in metric
        assert "target 6 h by 31 Dec 2026" in metric
        assert "50%" in metric
        iterations = text(app, "#initiative-iterations")
        assert "1 [ ] One shared pipeline due 10 Nov overdue" in iterations
        assert "2 [ ] Drop the manual gate due 27 Nov" in iterations
        assert "measurement 18 added" in text(app, "#initiative-history")
        assert "no notes yet" in text(app, "#initiative-notes")


async def test_measure_changes_the_progress_and_the_chart(
    register: Register, clock: FixedClock
) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 50)) as pilot:
        assert "50%" in text(app, "#initiative-metric")
        chart_before = text(app, "#initiative-chart")
        await pilot.press("m")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("1", "2", "tab", "tab", *"new runners", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeScreen)
        metric = text(app, "#initiative-metric")
        assert "latest 12 h" in metric
        assert "75%" in metric
        assert "50%" not in metric
        assert text(app, "#initiative-chart") != chart_before
    latest = register.get(ini_id).live_measurements()[-1]
    assert (latest.value, latest.note, latest.at) == (12, "new runners", clock.now())
    assert app.changed == [ini_id]


async def test_a_bad_measurement_is_refused_inline_and_the_form_stays(
    register: Register, clock: FixedClock
) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("m", *"12x", "enter")
        assert isinstance(app.screen, FormScreen)
        assert "bad number '12x' for the value" in text(app, "#modal-error")
        await pilot.press("backspace", "tab", *"someday", "enter")
        assert "bad time 'someday'" in text(app, "#modal-error")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeScreen)
    assert len(register.get(ini_id).live_measurements()) == 1
    assert app.changed == []


async def test_measuring_without_a_metric_says_so(register: Register, clock: FixedClock) -> None:
    ini = register.add("No metric yet")
    app = opened(register, clock, ini.id)
    async with app.run_test(size=(100, 40)) as pilot:
        assert "no metric yet" in text(app, "#initiative-metric")
        assert not app.screen.query_one(MetricChart).display
        await pilot.press("m", "5", "enter")
        assert "'No metric yet' has no metric yet" in text(app, "#modal-error")


async def test_plan_and_tick_an_iteration(register: Register, clock: FixedClock) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("t", *"Cache the images", "tab", *"+3d", "enter")
        await pilot.pause()
        assert "3 [ ] Cache the images due 26 Nov" in text(app, "#initiative-iterations")
        await pilot.press("space")
        assert "1 [x] One shared pipeline done 23 Nov" in text(app, "#initiative-iterations")
        await pilot.press("down", "down", "space")
        assert "3 [x] Cache the images" in text(app, "#initiative-iterations")
        await pilot.press("space")
        assert "3 [ ] Cache the images" in text(app, "#initiative-iterations")
        assert app.screen.query_one(OptionList).highlighted == 2
    items = register.get(ini_id).live_iterations()
    assert [(i.title, i.done) for i in items] == [
        ("One shared pipeline", True),
        ("Drop the manual gate", False),
        ("Cache the images", False),
    ]
    assert items[2].due == date(2026, 11, 26)
    assert register.get(ini_id).step is Step.ACT


async def test_an_iteration_needs_a_title_and_a_real_date(
    register: Register, clock: FixedClock
) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("t", "enter")
        assert "empty iteration title" in text(app, "#modal-error")
        await pilot.press(*"Cache", "tab", *"someday", "enter")
        assert "bad date 'someday'" in text(app, "#modal-error")
    assert len(register.get(ini_id).live_iterations()) == 2


async def test_note_next_step_and_edit(register: Register, clock: FixedClock) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("n", *"Runners were the bottleneck", "tab")
        await pilot.press(*["backspace"] * 4, *"lesson", "enter")
        await pilot.pause()
        assert "lesson Runners were the bottleneck" in text(app, "#initiative-notes")
        await pilot.press("greater_than_sign")
        assert "Step 5 of 7 · Take action" in text(app, "#initiative-stepper")
        await pilot.press("e", "tab", "tab", *"Product teams ship the same day", "enter")
        await pilot.pause()
        assert "Product teams ship the same day" in text(app, "#initiative-vision")
    ini = register.get(ini_id)
    assert [(n.kind, n.text) for n in ini.live_notes()] == [
        (NoteKind.LESSON, "Runners were the bottleneck")
    ]
    assert ini.step is Step.ACT
    assert ini.vision == "Product teams ship the same day"
    assert (ini.title, ini.value, ini.tags) == ("Cut deploy lead time", 4, ("ci",))


async def test_edit_refuses_a_score_out_of_range(register: Register, clock: FixedClock) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("e", *["tab"] * 6, "backspace", "9", "enter")
        assert "value must be 1 to 5, not 9" in text(app, "#modal-error")
        await pilot.press("backspace", "x", "enter")
        assert "value must be 1 to 5, not 'x'" in text(app, "#modal-error")
    assert register.get(ini_id).value == 4


@pytest.mark.parametrize("key", ["e", "M"])
async def test_the_longest_forms_fit_80x24_with_an_error_shown(
    register: Register, clock: FixedClock, key: str
) -> None:
    app = opened(register, clock, seeded(register, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.show_error("a message long enough to be seen, on one line")
        await pilot.pause()
        box = form.query_one(".modal-box")
        assert box.max_scroll_y == 0
        for field in form.fields:
            region = form.query_one(f"#field-{field.name}").region
            assert 0 <= region.y < 24, field.name


async def test_block_then_unblock(register: Register, clock: FixedClock) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("b", *"waiting for the network team", "enter")
        await pilot.pause()
        summary = text(app, "#initiative-summary")
        assert "blocked" in summary
        assert "waiting for the network team" in summary
        assert register.get(ini_id).status is Status.BLOCKED
        shown = {a.binding.description for a in app.screen.active_bindings.values()}
        assert "Unblock" in shown
        assert "Block" not in shown
        await pilot.press("b")
        assert isinstance(app.screen, InitiativeScreen)
        assert "active" in text(app, "#initiative-summary")
    assert register.get(ini_id).status is Status.ACTIVE


async def test_done_asks_for_the_outcome(register: Register, clock: FixedClock) -> None:
    ini_id = seeded(register, clock)
    register.measure(ini_id, 5)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("d", *"Lead time down to 12 h", "enter")
        await pilot.pause()
        assert "done" in text(app, "#initiative-summary")
        assert "outcome Lead time down to 12 h" in text(app, "#initiative-notes")
    ini = register.get(ini_id)
    assert ini.status is Status.DONE
    assert [(n.kind, n.text) for n in ini.live_notes()] == [
        (NoteKind.OUTCOME, "Lead time down to 12 h")
    ]


async def test_done_short_of_the_target_asks_why_it_is_good_enough(
    register: Register, clock: FixedClock
) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("d", *"Lead time down to 18 h", "enter")
        assert "Short of the target: latest 18 h against the target 6 h" in text(app, ".form-intro")
        assert "say why in Accept short" in text(app, "#modal-error")
        assert register.get(ini_id).status is Status.PROPOSED
        assert register.get(ini_id).live_notes() == ()
        await pilot.press("tab", *"the rest needs a new vendor", "enter")
        await pilot.pause()
    ini = register.get(ini_id)
    assert (ini.status, ini.reason) == (Status.DONE, "the rest needs a new vendor")
    assert [n.text for n in ini.live_notes()] == ["Lead time down to 18 h"]


async def test_drop_needs_a_reason(register: Register, clock: FixedClock) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("x", "enter")
        assert "say why it is dropped" in text(app, "#modal-error")
        assert register.get(ini_id).status is Status.PROPOSED
        await pilot.press(*"the vendor fixed it", "enter")
        await pilot.pause()
        assert "dropped: the vendor fixed it" in text(app, "#initiative-summary")
    assert register.get(ini_id).status is Status.DROPPED


async def test_set_a_metric_from_the_screen(register: Register, clock: FixedClock) -> None:
    ini = register.add("Shorter standups")
    app = opened(register, clock, ini.id)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("M", *"Standup length", "tab", *"min", "tab")
        await pilot.press(*["backspace"] * 2, *"down", "tab", "2", "5", "tab", "1", "5")
        await pilot.press("tab", *"2026-12-18", "tab", *"weekly on mon", "tab", "tab")
        await pilot.press(*"2026-11-20", "enter")
        await pilot.pause()
        metric = text(app, "#initiative-metric")
        assert "Standup length" in metric
        assert "measured weekly on Mon" in metric
        assert "target 15 min by 18 Dec 2026" in metric
    m = register.get(ini.id).measure
    assert m is not None
    assert (m.baseline, m.target, m.direction, m.cadence) == (
        25,
        15,
        Direction.DOWN,
        "FREQ=WEEKLY;BYDAY=MO",
    )
    assert m.baseline_at is not None
    assert m.baseline_at.date().isoformat() == "2026-11-20"


@pytest.mark.parametrize("title", ["[bold]x[/]", "[link=file:///etc/passwd]y[/link]"])
async def test_user_text_is_shown_literally(
    register: Register, clock: FixedClock, title: str
) -> None:
    ini_id = seeded(register, clock, title=title)
    register.note(ini_id, "[red]careful[/red]")
    register.add_iteration(ini_id, "[i]step[/i]")
    register.edit(ini_id, owner="[b]ana", vision="[u]fast[/u]")
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(120, 50)):
        assert title in text(app, "#initiative-summary")
        assert "owner [b]ana" in text(app, "#initiative-summary")
        assert "[u]fast[/u]" in text(app, "#initiative-vision")
        assert "[red]careful[/red]" in text(app, "#initiative-notes")
        assert "[i]step[/i]" in text(app, "#initiative-iterations")
        assert "[u]fast[/u]" in text(app, "#initiative-history")


async def test_help_lists_this_screens_keys_and_escape_goes_back(
    register: Register, clock: FixedClock
) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = text(app, "#help-keys")
        for shown in ("Measure", "Plan", "Tick", "Step", "Block", "Done", "Drop", "Edit"):
            assert shown in keys
        assert "Focus on value" in text(app, "#help-principles")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, (HelpScreen, InitiativeScreen))
    assert app.results == [None]


async def test_an_unknown_id_closes_the_screen(register: Register, clock: FixedClock) -> None:
    app = opened(register, clock, "abcdef")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, InitiativeScreen)


async def test_it_still_renders_at_40x12(register: Register, clock: FixedClock) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("pagedown", "pagedown")
        assert "Cut deploy lead time" in text(app, "#initiative-summary")


async def test_a_write_by_another_process_shows_after_a_reload(
    register: Register, clock: FixedClock
) -> None:
    ini_id = seeded(register, clock)
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("down")
        other = Register.open(register.store.path, clock, "ana@desk")
        other.measure(ini_id, 12, note="from the CLI")
        other.finish_iteration(ini_id, 2)
        app.screen.post_message(StoreReloaded())
        await pilot.pause()
        assert "latest 12 h" in text(app, "#initiative-metric")
        assert "2 [x] Drop the manual gate" in text(app, "#initiative-iterations")
        assert app.screen.query_one(OptionList).highlighted == 1


async def test_enter_on_the_register_then_measure_in_the_real_app(
    tmp_path: Path, clock: FixedClock
) -> None:
    app = make_app(demo_store(tmp_path / "improve.json", clock), clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        register = app.screen
        assert isinstance(register, RegisterScreen)
        for _ in range(20):
            row = register.table.current
            if row is not None and row.title == "Halve the out-of-hours pages":
                break
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeScreen)
        assert "Halve the out-of-hours pages" in text(app, "#initiative-summary")
        assert "89%" in text(app, "#initiative-metric")
        await pilot.press("m", "9", "enter")
        await settle(app, pilot)
        assert "latest 9 pages/week" in text(app, "#initiative-metric")
        assert "94%" in text(app, "#initiative-metric")
        await pilot.press("escape")
        await settle(app, pilot)
        assert any("Halve the out-of-hours" in r and "94%" in r for r in row_lines(app))


async def test_o_reopens_a_slid_back_initiative(register: Register, clock: FixedClock) -> None:
    ini_id = seeded(register, clock)
    register.measure(ini_id, 6)
    register.set_status(ini_id, Status.DONE)
    clock.advance(days=7)
    register.measure(ini_id, 20)  # 24 h gained, 14 given back
    app = opened(register, clock, ini_id)
    async with app.run_test(size=(100, 40)) as pilot:
        metric = text(app, "#initiative-metric")
        assert "slid back: gave back 14 of a 24 h gain (58%) since 30 Nov 2026" in metric
        assert "o reopens" in metric
        await pilot.press("o")
        await pilot.pause()
        assert "active" in text(app, "#initiative-summary")
        assert "slid back" not in text(app, "#initiative-metric")
    assert register.get(ini_id).status is Status.ACTIVE
