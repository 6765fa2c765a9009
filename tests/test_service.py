"""The service's use cases: history, undo, archives and keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from improve.clock import FixedClock
from improve.domain import progress
from improve.domain.errors import InputError
from improve.domain.model import Direction, Principle, Status, Step
from improve.domain.register import Filter, clean_line, keys_for, short_keys
from improve.service import Register
from improve.store.storage import Store


def test_every_change_is_in_the_history_with_who_and_when(register: Register) -> None:
    ini = register.add("Cut deploy time", principle=Principle.AUTOMATE)
    ini = register.edit(ini.id, owner="kim", value=4)
    fields = [(c.field, c.old, c.new, c.who) for c in ini.history]
    assert fields[0][0] == "created"
    assert ("owner", "", "kim", "sam@laptop") in fields
    assert ("value", None, 4, "sam@laptop") in fields
    assert set(ini.stamps) == {"owner", "value"}


def test_an_edit_that_changes_nothing_leaves_no_trace(register: Register) -> None:
    ini = register.add("Same")
    again = register.edit(ini.id, title="Same")
    assert len(again.history) == 1


def test_undo_a_metric_restores_the_step_and_removes_the_measure(register: Register) -> None:
    ini = register.add("Measured")
    register.set_metric(ini.id, "csat", unit="", better=Direction.UP, baseline=3, target=4)
    assert register.undo() == "metric on 'Measured'"
    back = register.get(ini.id)
    assert back.measure is None
    assert back.step is Step.VISION


def test_undo_a_measurement_keeps_it_as_removed(register: Register) -> None:
    ini = register.add("Measured")
    register.set_metric(ini.id, "csat", unit="", better=Direction.UP, baseline=3, target=4)
    register.measure(ini.id, 3.5)
    assert progress.progress(register.get(ini.id)) == pytest.approx(0.5)
    register.undo()
    back = register.get(ini.id)
    assert progress.progress(back) is None
    assert [m.removed for m in back.measurements] == [True]


def test_undo_an_iteration_done(register: Register) -> None:
    ini = register.add("Plan")
    register.add_iteration(ini.id, "first", date(2026, 11, 27))
    register.finish_iteration(ini.id, 1)
    register.undo()
    assert not register.get(ini.id).live_iterations()[0].done


def test_undo_of_undo_goes_further_back_not_forward(register: Register) -> None:
    ini = register.add("Story")
    register.edit(ini.id, title="Story 2")
    register.edit(ini.id, title="Story 3")
    register.undo()
    register.undo()
    assert register.get(ini.id).title == "Story"


def test_closed_work_moves_to_a_quarterly_archive(
    register: Register, clock: FixedClock, store_path: Path
) -> None:
    old = register.add("Finished long ago")
    register.set_status(old.id, Status.DONE)
    clock.advance(days=40)
    register.add("Fresh")
    archive = store_path.with_name("improve-archive-2026Q4.json")
    assert archive.exists()
    main = orjson.loads(store_path.read_bytes())
    assert old.id not in main["initiatives"]
    assert main["archived"][old.id] == {"quarter": "2026Q4"}
    assert {i.title for i in register.initiatives(Filter())} == {"Finished long ago", "Fresh"}
    assert register.get(old.id[:6]).title == "Finished long ago"
    register.set_status(old.id, Status.ACTIVE)
    main = orjson.loads(store_path.read_bytes())
    assert old.id in main["initiatives"]
    assert old.id not in main.get("archived", {})


def test_open_list_does_not_read_archives(register: Register, clock: FixedClock) -> None:
    old = register.add("Old")
    register.set_status(old.id, Status.DROPPED, "superseded")
    clock.advance(days=40)
    register.add("New")
    register.store.archive_path("2026Q4").write_text("broken, but not needed for open work")
    assert [i.title for i in register.initiatives(Filter(statuses=(Status.PROPOSED,)))] == ["New"]


def test_log_with_before_and_after_is_a_met_outcome(register: Register) -> None:
    ini = register.log("Removed a manual step", before=10, after=2, unit="min")
    assert ini.status is Status.DONE
    assert ini.measure is not None
    assert ini.measure.direction is Direction.DOWN
    assert progress.progress(ini) == pytest.approx(1.0)
    with pytest.raises(InputError, match="both --before and --after"):
        register.log("half", before=1)


def test_drop_needs_a_reason(register: Register) -> None:
    ini = register.add("Maybe")
    with pytest.raises(InputError, match="say why"):
        register.set_status(ini.id, Status.DROPPED)
    dropped = register.set_status(ini.id, Status.DROPPED, "no longer needed")
    assert dropped.reason == "no longer needed"


def test_step_past_momentum_is_refused(register: Register) -> None:
    ini = register.add("Cycle")
    register.step(ini.id, Step.MOMENTUM)
    with pytest.raises(InputError, match="last step"):
        register.step(ini.id)


def test_another_process_sees_every_write(store_path: Path, clock: FixedClock) -> None:
    first = Register(Store(store_path, clock), clock, "a")
    second = Register(Store(store_path, clock), clock, "b")
    ini = first.add("shared")
    second.edit(ini.id, owner="b")
    first.edit(ini.id, value=5)
    both = first.get(ini.id)
    assert (both.owner, both.value) == ("b", 5)


@given(st.sets(st.text("0123456789abcdef", min_size=32, max_size=32), max_size=60))
def test_short_keys_are_unique_prefixes_of_at_least_four(ids: set[str]) -> None:
    keys = short_keys(ids)
    assert set(keys) == ids
    assert len(set(keys.values())) == len(ids)
    for full, key in keys.items():
        assert full.startswith(key)
        assert len(key) >= 4
        assert [i for i in ids if i.startswith(key)] == [full]


@pytest.mark.parametrize("bad", ["", "   ", "a\x00b", "tab\there", "line\nbreak", "\u202eevil"])
def test_titles_refuse_empty_and_control_characters(bad: str) -> None:
    with pytest.raises(InputError):
        clean_line(bad)


def test_markup_in_titles_is_kept_as_typed(register: Register) -> None:
    ini = register.add("[bold]x[/] [link=file:///etc/passwd]y[/link]")
    assert register.get(ini.id).title == "[bold]x[/] [link=file:///etc/passwd]y[/link]"


def test_finishing_an_iteration_starts_a_proposed_initiative(register: Register) -> None:
    ini = register.add("Started by doing")
    register.add_iteration(ini.id, "first")
    assert register.finish_iteration(ini.id, 1).status is Status.ACTIVE
    register.undo()
    assert register.get(ini.id).status is Status.PROPOSED


def test_undo_follows_the_order_of_writes_not_the_clock(
    register: Register, clock: FixedClock
) -> None:
    ini = register.add("Written first, dated later")
    clock.advance(days=-3)
    register.edit(ini.id, title="Written second, dated earlier")
    assert register.undo() == "edit 'Written first, dated later'"


@given(st.sets(st.text("0123456789abcdef", min_size=32, max_size=32), min_size=1, max_size=60))
def test_keys_of_a_few_agree_with_the_keys_of_all(ids: set[str]) -> None:
    every = short_keys(ids)
    few = sorted(ids)[::3]
    assert keys_for(few, sorted(ids)) == {i: every[i] for i in few}


def test_changing_the_target_keeps_the_baseline_date(register: Register, clock: FixedClock) -> None:
    ini = register.add("Retargeted")
    register.set_metric(ini.id, "csat", unit="", better=Direction.UP, baseline=3, target=4)
    clock.advance(days=10)
    again = register.set_metric(ini.id, "csat", unit="", better=Direction.UP, baseline=3, target=5)
    assert again.measure is not None
    assert again.measure.baseline_at == ini.created
    moved = register.set_metric(ini.id, "csat", unit="", better=Direction.UP, baseline=2, target=5)
    assert moved.measure is not None
    assert moved.measure.baseline_at == clock.now()


def test_closed_since_leaves_old_archives_shut(register: Register, clock: FixedClock) -> None:
    old = register.add("Closed long ago")
    register.set_status(old.id, Status.DONE)
    clock.advance(days=200)
    recent = register.add("Closed lately")
    register.set_status(recent.id, Status.DONE)
    clock.advance(days=40)
    register.add("Open")
    register.store.archive_path("2026Q4").write_text("broken: must not be read")
    since = (clock.now() - timedelta(days=60)).date()
    titles = {i.title for i in register.initiatives(Filter(closed_since=since))}
    assert titles == {"Closed lately", "Open"}


def test_a_full_read_is_reused_until_a_store_file_changes(
    register: Register, store_path: Path, clock: FixedClock
) -> None:
    register.add("first")
    first = register.initiatives()
    assert register.initiatives()[0] is first[0]  # same objects: nothing was decoded again
    other = Register(Store(store_path, clock), clock, "kim@desk")
    other.add("second, from another process")
    assert {i.title for i in register.initiatives()} == {"first", "second, from another process"}


def test_a_listing_without_history_lists_the_same_initiatives_in_the_same_order(
    register: Register,
) -> None:
    """`improve list` reads no history; everything it shows and sorts by is the same."""
    for n in range(6):
        ini = register.add(f"idea {n}", value=n % 5 + 1, effort=(n * 2) % 5 + 1)
        register.note(ini.id, f"note {n}")
        if n % 2:
            register.set_status(ini.id, Status.ACTIVE)
    full = register.initiatives()
    light = register.initiatives(history=False)
    assert [i.id for i in light] == [i.id for i in full]
    assert all(i.history for i in full)
    assert not any(i.history for i in light)
    assert [replace(i, history=()) for i in light] == [replace(i, history=()) for i in full]
    assert register.initiatives()[0].history  # the full read is not spoiled by the light one
