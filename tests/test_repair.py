"""A record that a plain git merge left in the main file and in an archive is kept once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson

from improve.clock import FixedClock
from improve.domain.changes import Edit
from improve.domain.codec import initiative_from_dict, initiative_to_dict
from improve.domain.model import Initiative, Note, Status
from improve.domain.register import Filter
from improve.service import Register
from improve.store.fileform import encode
from tests.conftest import Cli

ARCHIVE = "improve-archive-2026Q4.json"


def archived_one(register: Register, clock: FixedClock) -> Initiative:
    """A done initiative, swept into the 2026Q4 archive by a later write; as first pulled."""
    old = register.add("Finished long ago")
    register.set_status(old.id, Status.DONE)
    clock.advance(days=40)
    register.add("Fresh")
    return old


def files(store_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    main = orjson.loads(store_path.read_bytes())
    archive = orjson.loads(store_path.with_name(ARCHIVE).read_bytes())
    return main, archive


def edited_elsewhere(store_path: Path, ini: Initiative, clock: FixedClock, reopen: bool) -> str:
    """What a plain merge leaves: a copy another clone edited, back in the main file.

    That clone pulled the record before it was done, so only the archive knows it is.
    """
    main, _ = files(store_path)
    edit = Edit("c-kim", clock.now() - timedelta(days=35), "kim@desk", "note")
    ini = edit.add(ini, "notes", Note("n-kim", edit.at, "lesson from kim", "kim@desk"))
    if reopen:
        ini = edit.set(ini, "status", Status.ACTIVE)
    main["initiatives"][ini.id] = initiative_to_dict(ini)
    store_path.write_bytes(encode(main))
    return ini.id


def test_reading_sees_one_merged_copy_and_writes_nothing(
    register: Register, clock: FixedClock, store_path: Path
) -> None:
    record_id = edited_elsewhere(store_path, archived_one(register, clock), clock, False)
    before = store_path.read_bytes()
    found = [i for i in register.initiatives(Filter()) if i.id == record_id]
    assert len(found) == 1
    assert [n.text for n in found[0].live_notes()] == ["lesson from kim"]
    assert found[0].status is Status.DONE
    assert register.get(record_id[:6]).id == record_id
    assert store_path.read_bytes() == before


def test_a_closed_duplicate_goes_back_to_its_archive_with_both_changes(
    register: Register, clock: FixedClock, store_path: Path
) -> None:
    record_id = edited_elsewhere(store_path, archived_one(register, clock), clock, False)
    register.add("Any write repairs the files")
    main, archive = files(store_path)
    assert record_id not in main["initiatives"]
    assert main["archived"][record_id] == {"quarter": "2026Q4"}
    kept = initiative_from_dict(archive["initiatives"][record_id])
    assert kept.status is Status.DONE
    assert [n.text for n in kept.live_notes()] == ["lesson from kim"]
    assert {c.who for c in kept.history} == {"sam@laptop", "kim@desk"}


def test_a_reopened_duplicate_stays_in_the_main_file_only(
    register: Register, clock: FixedClock, store_path: Path
) -> None:
    record_id = edited_elsewhere(store_path, archived_one(register, clock), clock, True)
    register.add("Any write repairs the files")
    main, archive = files(store_path)
    assert record_id not in archive["initiatives"]
    assert record_id not in main.get("archived", {})
    kept = initiative_from_dict(main["initiatives"][record_id])
    assert kept.status is Status.ACTIVE
    assert [n.text for n in kept.live_notes()] == ["lesson from kim"]


def test_the_cli_shows_and_edits_a_duplicate_once(
    register: Register, clock: FixedClock, store_path: Path, cli: Cli
) -> None:
    record_id = edited_elsewhere(store_path, archived_one(register, clock), clock, False)
    later = {"IMPROVE_NOW": clock.now().isoformat()}
    listed = orjson.loads(cli("list", "--all", "--json", env=later).out)
    assert [row["id"] for row in listed].count(record_id) == 1
    assert cli("note", record_id[:8], "after the merge", env=later).code == 0
    main, archive = files(store_path)
    assert record_id not in main["initiatives"]
    notes = [n["text"] for n in archive["initiatives"][record_id]["notes"]]
    assert notes == ["lesson from kim", "after the merge"]


def test_a_record_archived_into_two_quarters_by_two_clones_is_read_once(
    register: Register, clock: FixedClock, store_path: Path
) -> None:
    """Clone B reopened and closed it again a quarter later; the git merge kept both files."""
    old = archived_one(register, clock)
    _, archive = files(store_path)
    copy = initiative_from_dict(archive["initiatives"][old.id])
    edit = Edit("c-kim", clock.now(), "kim@desk", "note")
    copy = edit.add(copy, "notes", Note("n-kim", edit.at, "closed again in Q1", "kim@desk"))
    later = store_path.with_name("improve-archive-2027Q1.json")
    later.write_bytes(encode({"initiatives": {old.id: initiative_to_dict(copy)}}))
    found = [i for i in register.initiatives(Filter()) if i.id == old.id]
    assert len(found) == 1
    assert [n.text for n in found[0].live_notes()] == ["closed again in Q1"]
    assert found[0].status is Status.DONE
