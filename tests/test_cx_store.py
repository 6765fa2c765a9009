"""The new fields in the store: the schema 1 to 2 migration, and the record-by-record merge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

from improve.domain.changes import CREATED, Edit
from improve.domain.codec import initiative_from_dict, initiative_to_dict
from improve.domain.cx import MetricKind
from improve.domain.model import (
    Activity,
    Initiative,
    JourneyStage,
    Measure,
    Measurement,
    Principle,
    Stakeholder,
    StakeholderRole,
)
from improve.service import Register
from improve.store.schema import SCHEMA
from improve.team.merge import merge_records
from tests.conftest import NOW

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def schema_one(record_id: str, **fields: object) -> dict[str, object]:
    return {
        "id": record_id,
        "title": "old",
        "created": NOW.isoformat(),
        "updated": NOW.isoformat(),
        "principle": "automate",
        "activity": "",
        "journey": "",
        **fields,
    }


def test_schema_one_gains_roles_and_nulls_after_a_backup(
    store_path: Path, register: Register
) -> None:
    store_path.parent.mkdir(parents=True)
    old = {
        "a" * 32: schema_one("a" * 32, stakeholders=["sam", "customer: faster answers"]),
        "b" * 32: {k: v for k, v in schema_one("b" * 32).items() if k != "principle"},
    }
    store_path.write_bytes(orjson.dumps({"initiatives": old, "meta": {"schema": {"schema": 1}}}))
    register.add("new")
    data = orjson.loads(store_path.read_bytes())
    assert data["meta"]["schema"]["schema"] == SCHEMA
    migrated = data["initiatives"]["a" * 32]
    assert migrated["stakeholders"] == [
        {"role": None, "value": "sam"},
        {"role": "customer", "value": "faster answers"},
    ]
    assert (migrated["activity"], migrated["journey"], migrated["principle"]) == (
        None,
        None,
        "automate",
    )
    assert data["initiatives"]["b" * 32]["principle"] is None  # never read as Focus on value
    backups = [b for b in register.store.backups() if ".migration." in b.name]
    assert len(backups) == 1
    assert orjson.loads(backups[0].read_bytes())["initiatives"] == old
    by_title = {i.title: i for i in register.initiatives()}
    assert by_title["new"].principle is None
    unset = next(i for i in register.initiatives() if i.id == "b" * 32)
    assert unset.principle is None


def test_a_record_round_trips_with_every_new_field() -> None:
    ini = Initiative(
        "c" * 32,
        "Survey",
        T0,
        T0,
        principle=None,
        stakeholders=(Stakeholder(StakeholderRole.CUSTOMER, "answers same day"),),
        activity=Activity.ENGAGE,
        journey=JourneyStage.ONBOARD,
        measure=Measure("NPS", baseline=0, target=30, kind=MetricKind.NPS, min_responses=12),
        measurements=(Measurement("m1", T0, 50.0, "sam", responses=((6, 1), (9, 3))),),
    )
    raw = orjson.loads(orjson.dumps(initiative_to_dict(ini)))
    assert raw["measurements"][0]["responses"] == {"6": 1, "9": 3}
    assert initiative_from_dict(raw) == ini


def _edited(ini: Initiative, who: str, minutes: int, **fields: object) -> dict[str, object]:
    edit = Edit(f"c-{who}", T0 + timedelta(minutes=minutes), who, "test")
    for name, value in fields.items():
        ini = edit.set(ini, name, value)
    return initiative_to_dict(ini)


def test_new_fields_merge_field_by_field() -> None:
    first = Edit("c0", T0, "alex@a", "add")
    base = first.record(Initiative("d" * 32, "Survey", T0, T0), CREATED, None, "d" * 32)
    ours = _edited(
        base, "alex@a", 5, stakeholders=(Stakeholder(StakeholderRole.USER, "fewer clicks"),)
    )
    theirs = _edited(
        base, "sam@b", 7, journey=JourneyStage.ONBOARD, activity=Activity.DESIGN_TRANSITION
    )
    merged = initiative_from_dict(merge_records(ours, theirs))
    assert merged.stakeholders == (Stakeholder(StakeholderRole.USER, "fewer clicks"),)
    assert (merged.journey, merged.activity) == (
        JourneyStage.ONBOARD,
        Activity.DESIGN_TRANSITION,
    )
    toil = (Stakeholder(StakeholderRole.TEAM, "less toil"),)
    later = _edited(base, "sam@b", 9, principle=Principle.SIMPLE, stakeholders=toil)
    both = initiative_from_dict(merge_records(ours, later))
    assert (both.principle, both.stakeholders) == (Principle.SIMPLE, toil)
    assert merge_records(ours, later) == merge_records(later, ours)


def test_pulses_from_two_clones_are_both_kept() -> None:
    first = Edit("c0", T0, "alex@a", "add")
    base = first.record(Initiative("e" * 32, "Survey", T0, T0), CREATED, None, "e" * 32)
    a = Edit("c1", T0 + timedelta(hours=1), "alex@a", "pulse").add(
        base, "measurements", Measurement("m1", T0, 100.0, "alex@a", responses=((9, 2),))
    )
    b = Edit("c2", T0 + timedelta(hours=2), "sam@b", "pulse").add(
        base, "measurements", Measurement("m2", T0, -100.0, "sam@b", responses=((3, 1),))
    )
    merged = initiative_from_dict(merge_records(initiative_to_dict(a), initiative_to_dict(b)))
    assert {m.responses for m in merged.measurements} == {((9, 2),), ((3, 1),)}
