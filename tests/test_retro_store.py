"""The `retros` table: schema 2 to 3 with a backup, what the team wrote kept across a
reload, two clones that both edited one retro merged record by record, and the gate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from improve.clock import FixedClock
from improve.domain.errors import InputError
from improve.domain.period import Period
from improve.domain.retro_record import retro_from_dict, retro_id
from improve.service import Register
from improve.service.retros import parse_actions
from improve.store.schema import SCHEMA
from improve.store.storage import Store, StoreError
from improve.team.merge_file import merge_files

SPRINT = Period(date(2026, 11, 10), date(2026, 11, 23), "sprint")


def test_schema_two_becomes_three_after_a_backup(store_path: Path, register: Register) -> None:
    store_path.parent.mkdir(parents=True)
    record = {
        "id": "a" * 32,
        "title": "old",
        "created": "2026-11-01T09:00:00+00:00",
        "updated": "2026-11-01T09:00:00+00:00",
    }
    old = {"initiatives": {"a" * 32: record}, "meta": {"schema": {"schema": 2}}}
    store_path.write_bytes(orjson.dumps(old))
    register.save_talk("platform", SPRINT, {"went_well": "Deploys are boring now"})
    data = orjson.loads(store_path.read_bytes())
    assert data["meta"]["schema"]["schema"] == SCHEMA == 3
    assert data["initiatives"]["a" * 32]["title"] == "old"
    assert list(data["retros"]) == [retro_id("platform", SPRINT.since, SPRINT.until)]
    backups = [b for b in register.store.backups() if ".migration." in b.name]
    assert len(backups) == 1
    assert orjson.loads(backups[0].read_bytes()) == old


def test_a_newer_schema_is_refused(store_path: Path, register: Register) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(orjson.dumps({"meta": {"schema": {"schema": SCHEMA + 1}}}))
    with pytest.raises(StoreError, match="newer improve"):
        register.retro_records()


def test_what_the_team_wrote_survives_a_reload(
    store_path: Path, register: Register, clock: FixedClock
) -> None:
    register.save_talk("platform", SPRINT, {"went_well": "Pairing\nShorter builds", "try": ""})
    clock.advance(minutes=5)
    register.save_talk("platform", SPRINT, {"went_well": "Pairing\nShorter builds\nDemos"})
    fresh = Register(Store(store_path, clock), clock, "bo@desk")
    record = fresh.retro_record("platform", SPRINT)
    assert record is not None
    assert record.went_well == "Pairing\nShorter builds\nDemos"
    assert record.tries == ""  # written empty: not prefilled again
    assert record.didnt is None  # never written: prefilled from the data
    assert [c.new for c in record.history if c.field == "went_well"] == [
        "Pairing\nShorter builds",
        "Pairing\nShorter builds\nDemos",
    ]
    assert record.stamps["went_well"].endswith("|sam@laptop")
    assert fresh.retro_record("web", SPRINT) is None  # another team's retro is its own


def _clone(base: Path, name: str, clock: FixedClock, who: str) -> Register:
    path = base.parent / name / "improve.json"
    path.parent.mkdir()
    path.write_bytes(base.read_bytes())
    return Register(Store(path, clock), clock, who)


def test_two_clones_that_both_edited_the_retro_merge_field_by_field(
    store_path: Path, register: Register, clock: FixedClock
) -> None:
    register.save_talk("platform", SPRINT, {"went_well": "Pairing", "didnt": "Flaky tests"})
    ana = _clone(store_path, "ana", clock, "ana@laptop")
    bo = _clone(store_path, "bo", clock, "bo@desk")
    clock.advance(minutes=1)
    ana.save_talk("platform", SPRINT, {"went_well": "Pairing\nDemos", "didnt": "Flaky tests!"})
    clock.advance(minutes=1)
    bo.save_talk("platform", SPRINT, {"didnt": "Flaky tests, again"})
    bo.add_actions("platform", SPRINT, parse_actions("Quarantine flaky tests @bo #iterate"))
    paths = (store_path, ana.store.path, bo.store.path)
    merged = merge_files(*paths)
    assert merged.content == merge_files(paths[0], paths[2], paths[1]).content
    raw = orjson.loads(merged.content)["retros"][retro_id("platform", SPRINT.since, SPRINT.until)]
    record = retro_from_dict(raw)
    assert record.went_well == "Pairing\nDemos"  # only ana changed it
    assert record.didnt == "Flaky tests, again"  # both did: bo's is the later stamp
    assert record.tries == "Quarantine flaky tests @bo #iterate"
    assert [a.line for a in record.actions] == ["Quarantine flaky tests @bo #iterate"]
    lost = [c for c in record.history if c.field == "didnt" and c.change.startswith("merge: lost")]
    assert [(c.old, c.new) for c in lost] == [("Flaky tests!", "Flaky tests, again")]
    action = orjson.loads(merged.content)["initiatives"][record.actions[0].initiative]
    assert (action["source"], action["owner"], action["principle"]) == ("retro", "bo", "iterate")


def test_a_retro_is_never_dropped_by_a_merge(store_path: Path, register: Register) -> None:
    register.save_talk("platform", SPRINT, {"try": "Smaller stories"})
    emptied = store_path.parent / "theirs.json"
    data = orjson.loads(store_path.read_bytes())
    emptied.write_bytes(orjson.dumps({**data, "retros": {}}))
    merged = orjson.loads(merge_files(store_path, store_path, emptied).content)
    assert len(merged["retros"]) == 1


BAD_FIELDS = [
    ("went_well", 42, "field went_well"),
    ("since", "next week", "field since"),
    ("until", "2026-11-01", "field until: is before since"),
    ("team", "a\x1b[2Jb", "field team"),
    ("actions", [{"id": "x", "at": "2026-11-23T09:00:00+00:00", "line": "t"}], "initiative"),
    ("actions", "oops", "field actions"),
    ("created", "2026-11-23T09:00:00", "has no time zone"),
]


def _stored_retro(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "id": "c" * 32,
        "team": "platform",
        "since": "2026-11-10",
        "until": "2026-11-23",
        "created": "2026-11-23T09:00:00+00:00",
        "updated": "2026-11-23T09:00:00+00:00",
    }
    return raw | changes


@pytest.mark.parametrize(("field", "value", "said"), BAD_FIELDS)
def test_the_gate_names_a_retros_bad_field(field: str, value: object, said: str) -> None:
    with pytest.raises(InputError, match=said):
        retro_from_dict(_stored_retro(**{field: value}))


def test_a_write_never_stores_a_retro_the_gate_refuses(register: Register) -> None:
    with pytest.raises(InputError, match="control character"):
        register.save_talk("platform", SPRINT, {"try": "ok\x1b[2J"})
    assert register.retro_records() == []
