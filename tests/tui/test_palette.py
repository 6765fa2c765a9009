"""The command palette's order: what was typed exactly first, loose fuzzy matches last."""

from __future__ import annotations

from pathlib import Path

from textual.fuzzy import Matcher

from improve.clock import FixedClock
from improve.domain.model import Principle
from improve.service import Register
from improve.tui import palette_rank as rank
from tests.tui.improve_app import make_app, palette_hits, settle


def index_of(hits: list[str], words: str) -> int:
    return next(n for n, hit in enumerate(hits) if words in hit)


async def test_an_exact_title_word_comes_before_a_loose_filter(
    register: Register, store_path: Path, clock: FixedClock
) -> None:
    ini = register.add("Halve flaky test reruns", principle=Principle.HOLISTIC)
    register.add("Name an owner for the backups")
    key = register.keys()[ini.id]
    app = make_app(store_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        hits = await palette_hits(app, pilot, "flaky")
    assert hits[0] == f"{key}  Halve flaky test reruns"
    assert index_of(hits, "Filter: Think and work holistically") > 0


async def test_a_key_typed_whole_comes_before_a_title_that_holds_it(
    register: Register, store_path: Path, clock: FixedClock
) -> None:
    first = register.add("Cut deploy lead time")
    key = register.keys()[first.id]
    register.add(f"Rename job {key} in the pipeline")
    app = make_app(store_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        hits = await palette_hits(app, pilot, key)
    assert hits[0] == f"{key}  Cut deploy lead time"
    assert "Rename job" in hits[1]


async def test_a_title_with_the_word_comes_before_a_command_with_it(
    register: Register, store_path: Path, clock: FixedClock
) -> None:
    register.add("Name an owner for the backups")
    app = make_app(store_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        hits = await palette_hits(app, pilot, "owner")
    assert "Name an owner for the backups" in hits[0]
    assert index_of(hits, "Sort by owner") > 0


def test_the_tiers_hold_whatever_the_fuzzy_score() -> None:
    """Key whole > key start > title words > command words > text inside > fuzzy."""
    matcher = Matcher("flaky")
    loose = rank.command_score(matcher, "Filter: Think and work holistically")
    assert 0 < loose < rank.LOOSE
    assert rank.initiative_score("flaky", "3f2a", "3f2a99", "Halve flaky test reruns") > loose
    assert rank.initiative_score("3f2a", "3f2a", "3f2a99", "x") == rank.KEY_WHOLE
    assert rank.initiative_score("3f2", "3f2a", "3f2a99", "x") == rank.KEY_START
    words = rank.initiative_score("test", "3f2a", "3f2a99", "Halve flaky test reruns")
    inside = rank.initiative_score("aky", "3f2a", "3f2a99", "Halve flaky test reruns")
    command = rank.command_score(Matcher("owner"), "Sort by owner")
    assert rank.KEY_START > words > command > inside > loose
    assert rank.command_score(Matcher("done"), "Done") == rank.COMMAND_WHOLE
    assert rank.initiative_score("zzz", "3f2a", "3f2a99", "Halve flaky test reruns") == 0
