"""The `retros` table through the gate: a mistyped retro coming in by import or merge is
bad input (exit 2, one line, nothing written); one found in the store makes it damaged
(exit 1, naming the file, the retro and the field); `doctor` says the same."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from improve.domain.errors import BadRecord
from improve.domain.period import Period
from improve.domain.retro_record import retro_from_dict
from improve.service import Register
from tests.conftest import Cli

#: The sprint `improve retro` reviews on the test clock's day.
SPRINT = Period.last("sprint", date(2026, 11, 23))

BAD: list[tuple[str, Any, str]] = [
    ("went_well", ["a list"], "field went_well: must be text"),
    ("try", "\x1b]0;pwned\x07", "field try: contains a control character"),
    ("since", 20261110, "field since: must be an ISO date"),
    ("until", "2026-01-01", "field until: is before since"),
    ("actions", [{"id": "a1", "at": "2026-11-23T09:00:00+00:00", "line": 3}], "actions[0].line"),
    ("actions", [{"id": "a1", "at": "yesterday", "line": "x", "initiative": "ab" * 16}], "at"),
    ("stamps", {"try": 5}, "field stamps.'try': must be text"),
    ("written", "2026-11-23", "field written: has no time zone"),
]


def _with_retro(register: Register) -> str:
    register.add("something to keep")
    return register.save_talk("platform", SPRINT, {"went_well": "Pairing"}).id


def _break(path: Path, retro_id: str, field: str, value: Any) -> None:
    data = json.loads(path.read_text())
    data["retros"][retro_id][field] = value
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(("field", "value", "said"), BAD)
def test_a_hand_edited_retro_makes_the_store_damaged(
    cli: Cli,
    register: Register,
    store_path: Path,
    tmp_path: Path,
    *,
    field: str,
    value: Any,
    said: str,
) -> None:
    retro_id = _with_retro(register)
    _break(store_path, retro_id, field, value)
    actions = tmp_path / "actions.txt"
    actions.write_text("Pair on reviews @bo\n")
    for command in (("retro",), ("retro", "--team", "platform", "--actions", str(actions))):
        result = cli(*command)
        assert result.code == 1, (command, result)
        assert str(store_path) in result.err
        assert f"retro {retro_id}" in result.err
        assert said in result.err
        assert "\x1b" not in result.err
        assert "Traceback" not in result.err
    report = cli("doctor")
    assert report.code == 1
    assert f"BAD  improve.json: retro {retro_id}, field" in report.out
    assert said in report.out


@pytest.mark.parametrize(("field", "value", "said"), BAD)
def test_an_import_with_a_mistyped_retro_is_refused(
    cli: Cli,
    register: Register,
    store_path: Path,
    tmp_path: Path,
    *,
    field: str,
    value: Any,
    said: str,
) -> None:
    retro_id = _with_retro(register)
    exported = cli("export")
    assert exported.code == 0
    document = json.loads(exported.out)
    document["retros"][0][field] = value
    incoming = tmp_path / "in.json"
    incoming.write_text(json.dumps(document))
    before = store_path.read_bytes()
    result = cli("import", str(incoming))
    assert result.code == 2, result
    assert f"retro 1 of the export (id {retro_id}): field" in result.err
    assert said in result.err
    assert len(result.err.splitlines()) == 1
    assert "\x1b" not in result.err
    assert store_path.read_bytes() == before


@pytest.mark.parametrize(("field", "value", "said"), BAD)
def test_a_merge_with_a_mistyped_retro_is_refused(
    cli: Cli,
    register: Register,
    store_path: Path,
    tmp_path: Path,
    *,
    field: str,
    value: Any,
    said: str,
) -> None:
    retro_id = _with_retro(register)
    base, theirs = tmp_path / "base.json", tmp_path / "theirs.json"
    base.write_bytes(store_path.read_bytes())
    theirs.write_bytes(store_path.read_bytes())
    _break(theirs, retro_id, field, value)
    before = store_path.read_bytes()
    result = cli("merge", str(base), str(store_path), str(theirs))
    assert result.code == 2, result
    assert f"retro {retro_id}, field" in result.err
    assert said in result.err
    assert "nothing was written" in result.err
    assert "\x1b" not in result.err
    assert store_path.read_bytes() == before


def test_an_export_and_import_carry_the_retros(
    cli: Cli, register: Register, tmp_path: Path, store_path: Path
) -> None:
    retro_id = _with_retro(register)
    exported = tmp_path / "all.json"
    exported.write_text(cli("export").out)
    fresh = tmp_path / "fresh" / "improve.json"
    result = cli("import", str(exported), env={"IMPROVE_DB": str(fresh)})
    assert result.code == 0, result.err
    copied = orjson.loads(fresh.read_bytes())["retros"][retro_id]
    assert copied == orjson.loads(store_path.read_bytes())["retros"][retro_id]
    imported = fresh.read_bytes()
    again = cli("import", str(exported), env={"IMPROVE_DB": str(fresh)})
    assert again.code == 0
    assert fresh.read_bytes() == imported


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
FIELDS = ("id", "team", "since", "until", "created", "updated", "written", "went_well", "didnt",
          "try", "actions", "history", "stamps", "deleted")  # fmt: skip


@settings(max_examples=200)
@given(field=st.sampled_from(FIELDS), value=JSON)
def test_any_retro_field_mistyped_is_refused_naming_it_or_read(field: str, value: Any) -> None:
    raw = _stored_retro_raw() | {field: value}
    refused: BadRecord | None = None
    try:
        retro_from_dict(raw)
    except BadRecord as bad:
        refused = bad
    if refused is not None:
        assert refused.kind == "retro"
        named = refused.field.split(".")[0].split("[")[0]
        assert named in ({field, "until"} if field == "since" else {field})  # since after until
        assert str(refused).isprintable()


def _stored_retro_raw() -> dict[str, Any]:
    return {
        "id": "c" * 32,
        "team": "platform",
        "since": "2026-11-10",
        "until": "2026-11-23",
        "created": "2026-11-23T09:00:00+00:00",
        "updated": "2026-11-23T09:00:00+00:00",
    }


@settings(max_examples=100)
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(("went_well", "didnt", "try")), st.text(max_size=8), st.booleans()
        ),
        max_size=6,
    )
)
def test_two_clones_edits_merge_into_a_retro_the_gate_reads(
    edits: list[tuple[str, str, bool]],
) -> None:
    """Whatever two clones write, the merge is a record the gate reads, the same both ways."""
    from improve.domain.text_rule import first_unsafe
    from improve.team.merge import merge_records

    sides = [_stored_retro_raw() | {"history": [], "stamps": {}} for _ in range(2)]
    for minute, (name, text, theirs) in enumerate(edits):
        if first_unsafe(text, "\n\t") is not None:
            continue
        side = sides[theirs]
        at = f"2026-11-23T09:{minute:02d}:00+00:00"
        who = "bo@desk" if theirs else "ana@laptop"
        side["history"].append(
            {
                "id": f"h{minute}",
                "at": at,
                "who": who,
                "field": name,
                "old": side.get(name),
                "new": text,
                "change": "retro",
            }
        )
        side[name] = text
        side["stamps"][name] = f"{at}|{who}"
    merged = merge_records(sides[0], sides[1])
    assert merged == merge_records(sides[1], sides[0])
    record = retro_from_dict(merged)
    for name in ("went_well", "didnt", "try"):
        written = [s for s in sides if name in s["stamps"]]
        if written:
            latest = max(written, key=lambda s: s["stamps"][name])
            assert record.section(name) == latest[name]
