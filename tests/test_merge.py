"""The merge of two stores: a join (commutative, associative, idempotent) that loses nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings

from improve.domain.changes import CREATED, Edit, describe
from improve.domain.codec import initiative_from_dict, initiative_to_dict
from improve.domain.model import Initiative, Iteration, Note, NoteKind, Status
from improve.team.merge import LOST, Data, merge_records, merge_stores
from tests.merge_builders import History, Op, item_ids, merge2, ops

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def stores(steps: list[Op]) -> list[Data]:
    return History.start().run(steps)


@PROPERTY
@given(ops())
def test_merge_is_commutative(steps: list[Op]) -> None:
    a, b, _ = stores(steps)
    assert merge2(a, b) == merge2(b, a)


@PROPERTY
@given(ops())
def test_merge_is_associative(steps: list[Op]) -> None:
    a, b, c = stores(steps)
    assert merge2(merge2(a, b), c) == merge2(a, merge2(b, c))


@PROPERTY
@given(ops())
def test_merge_is_idempotent(steps: list[Op]) -> None:
    a, b, _ = stores(steps)
    assert merge2(a, a) == a
    merged = merge2(a, b)
    assert merge2(merged, a) == merged
    assert merge2(merged, merged) == merged


@PROPERTY
@given(ops())
def test_no_item_is_lost_and_removal_sticks(steps: list[Op]) -> None:
    a, b, _ = stores(steps)
    for merged in (item_ids(merge2(a, b)), item_ids(merge2(b, a))):
        for side in (item_ids(a), item_ids(b)):
            for record_id, items in side.items():
                for item in items:
                    kept = merged[record_id]
                    assert item in kept or (item.endswith("+") and item[:-1] + "-" in kept)


@PROPERTY
@given(ops())
def test_deleted_stays_deleted_and_every_change_is_kept(steps: list[Op]) -> None:
    a, b, _ = stores(steps)
    merged = merge2(a, b)["initiatives"]
    for side in (a, b):
        for record_id, raw in side["initiatives"].items():
            if raw.get("deleted"):
                assert merged[record_id].get("deleted")
            kept = merged[record_id]["history"]
            assert all(entry in kept for entry in raw["history"] if LOST not in entry["change"])
            initiative_from_dict(merged[record_id])


@PROPERTY
@given(ops())
def test_each_field_goes_to_the_later_stamp(steps: list[Op]) -> None:
    a, b, _ = stores(steps)
    merged = merge2(a, b)["initiatives"]
    for record_id, raw in a["initiatives"].items():
        other = b["initiatives"].get(record_id)
        if other is None:
            continue
        for name in ("title", "status", "owner", "tags"):
            stamps = [r["stamps"].get(name, "") for r in (raw, other)]
            winner = merged[record_id]["stamps"].get(name, "")
            assert winner in stamps
            if all(stamps) and stamps[0].split("|")[0] == stamps[1].split("|")[0]:
                assert winner == max(stamps)


# --- examples -------------------------------------------------------------------

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def edit(who: str, minutes: int, change_id: str) -> Edit:
    return Edit(change_id, T0 + timedelta(minutes=minutes), who, "test")


def record(title: str = "Cut deploy time") -> Initiative:
    first = edit("alex@a", 0, "c0")
    ini = Initiative("ab" * 16, title, T0, T0)
    return first.record(ini, CREATED, None, ini.id)


def raw(ini: Initiative) -> dict[str, Any]:
    return initiative_to_dict(ini)


def test_a_concurrent_edit_keeps_the_losing_value_in_history() -> None:
    base = record()
    alex = edit("alex@a", 5, "c1").set(base, "title", "Faster deploys")
    sam = edit("sam@b", 7, "c2").set(base, "title", "Deploy in ten minutes")
    merged = initiative_from_dict(merge_records(raw(alex), raw(sam)))
    assert merged.title == "Deploy in ten minutes"
    lost = [c for c in merged.history if c.change.startswith(LOST)]
    assert len(lost) == 1
    assert (lost[0].field, lost[0].old, lost[0].new) == (
        "title",
        "Faster deploys",
        "Deploy in ten minutes",
    )
    assert lost[0].who == "sam@b"
    assert lost[0].change == "merge: lost to sam@b (concurrent edit by alex@a)"
    assert describe(lost[0], merged) == "title: Faster deploys → Deploy in ten minutes"


def test_an_edit_made_after_pulling_is_not_a_loss() -> None:
    base = record()
    sam = edit("sam@b", 7, "c2").set(base, "title", "Deploy in ten minutes")
    alex = initiative_from_dict(merge_records(raw(base), raw(sam)))
    alex = edit("alex@a", 9, "c3").set(alex, "title", "Deploy in five minutes")
    merged = initiative_from_dict(merge_records(raw(alex), raw(sam)))
    assert merged.title == "Deploy in five minutes"
    assert not [c for c in merged.history if c.change.startswith(LOST)]


def test_stamps_compare_as_instants_not_as_text() -> None:
    base = record()
    paris = Edit(
        "c1", datetime(2026, 11, 23, 10, 0, tzinfo=timezone(timedelta(hours=1))), "eve", ""
    )
    london = Edit("c2", datetime(2026, 11, 23, 9, 30, tzinfo=UTC), "ann", "")
    a = paris.set(base, "owner", "eve")
    b = london.set(base, "owner", "ann")
    assert merge_records(raw(a), raw(b))["owner"] == "ann"
    assert merge_records(raw(b), raw(a))["owner"] == "ann"


def test_one_edit_of_two_fields_keeps_both_entries() -> None:
    base = record()
    closing = edit("sam@b", 3, "c1")
    sam = closing.set(closing.set(base, "status", Status.DROPPED), "reason", "no budget")
    alex = edit("alex@a", 4, "c2").add(
        base, "notes", Note("n1", T0, "ask finance", "alex@a", NoteKind.NOTE)
    )
    merged = initiative_from_dict(merge_records(raw(alex), raw(sam)))
    assert merged.status is Status.DROPPED
    assert merged.reason == "no budget"
    assert [(c.id, c.field) for c in merged.history if c.id == "c1"] == [
        ("c1", "reason"),
        ("c1", "status"),
    ]
    assert [n.text for n in merged.live_notes()] == ["ask finance"]


def test_an_iteration_is_done_by_its_own_stamp_and_removal_sticks() -> None:
    item = Iteration("i1", "measure the pipeline", T0)
    base = edit("alex@a", 1, "c1").add(record(), "iterations", item)
    done = edit("alex@a", 5, "c2").finish(base, "i1", True)
    reopened = edit("sam@b", 6, "c3").finish(done, "i1", False)
    removed = edit("kim@c", 2, "c4").remove(done, "iterations", "i1")
    merged = initiative_from_dict(merge_records(raw(reopened), raw(removed)))
    assert merged.iterations[0].done_at is None
    assert merged.iterations[0].removed
    assert merged.iterations[0].stamp.endswith("|sam@b")


def test_a_deleted_record_does_not_come_back() -> None:
    base = record()
    deleted = edit("alex@a", 1, "c1").set(base, "deleted", T0)
    edited = edit("sam@b", 30, "c2").set(base, "title", "Still wanted")
    merged = initiative_from_dict(merge_records(raw(edited), raw(deleted)))
    assert merged.deleted == T0
    assert merged.title == "Still wanted"


def test_the_journal_and_the_archive_index_are_unioned() -> None:
    entry: dict[str, Any] = {"id": "j1", "at": T0.isoformat(), "who": "sam@b", "undone": False}
    ours: Data = {"journal": {"j1": entry}, "archived": {"r1": {"quarter": "2026Q3"}}}
    theirs: Data = {"journal": {"j1": {**entry, "undone": True}, "j2": entry}, "archived": {}}
    merged = merge_stores({}, ours, theirs)
    assert merged["journal"]["j1"]["undone"] is True
    assert set(merged["journal"]) == {"j1", "j2"}
    assert merged["archived"] == {"r1": {"quarter": "2026Q3"}}


def test_a_move_seen_against_base_wins_over_an_untouched_copy() -> None:
    kept, moved = raw(record(title="kept")), raw(record(title="moved"))
    base = {"initiatives": {"k": kept, "m": moved}, "archived": {}}
    archived = {"initiatives": {"k": kept}, "archived": {"m": {"quarter": "2026Q3"}}}
    assert set(merge_stores(base, archived, base)["initiatives"]) == {"k"}
    touched = {**base, "initiatives": {"k": kept, "m": {**moved, "owner": "sam"}}}
    assert set(merge_stores(base, archived, touched)["initiatives"]) == {"k", "m"}
