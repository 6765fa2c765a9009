"""One gate for every record that enters: import, merge, a hand-edited store, a write.

Each bad value below once went in silently and broke every later command with a
traceback; now an import refuses it as bad input (exit 2, the store unchanged), a store
holding it is damaged (exit 1, naming the file, the record and the field), and `doctor`
finds the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from improve.domain.model import Status
from improve.service import Register
from tests.conftest import Cli

ID = "ab" * 16

BAD_VALUES: list[tuple[str, Any, str]] = [
    ("value", "5", "field value"),
    ("effort", 0, "field effort"),
    ("title", 12345, "field title"),
    ("owner", None, "field owner"),
    ("created", "2026-11-23T09:00:00", "has no time zone"),
    ("notes", "oops", "field notes"),
    ("title", "x" * 200_000, "too long"),
    ("title", "\x1b]0;pwned\x07\x1b[2J", "control character"),
    ("status", "finished", "field status"),
    ("measure", {"name": "m", "baseline": "ten"}, "field measure.baseline"),
    ("measurements", [{"id": "m1", "at": "2026-11-23T09:00:00+00:00", "value": "NaN"}], "value"),
    ("measurements", [{"id": "m1", "at": "2026-11-23T09:00:00+00:00", "value": 1e308}], "range"),
    ("tags", ["ok", 3], "field tags"),
    ("logged", "yes", "field logged"),
    ("stamps", {"title": 5}, "field stamps.'title': must be text"),
    (
        "history",
        [{"id": "h", "at": "2026-11-23T09:00:00+00:00", "field": "x", "new": "\x1b[2J"}],
        "control",
    ),
]
BAD_IDS = ["", '=HYPERLINK("http://x")', "ABC", 7]


def _record(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": ID,
        "title": "fine",
        "created": "2026-11-20T09:00:00+00:00",
        "updated": "2026-11-20T09:00:00+00:00",
    }
    raw.update(changes)
    return raw


def _export(tmp_path: Path, *records: dict[str, Any]) -> Path:
    path = tmp_path / "in.json"
    path.write_bytes(orjson.dumps({"format": "improve-export", "initiatives": list(records)}))
    return path


@pytest.mark.parametrize(("field", "value", "said"), BAD_VALUES)
def test_an_import_with_a_bad_field_is_refused_and_changes_nothing(
    cli: Cli, tmp_path: Path, store_path: Path, *, field: str, value: Any, said: str
) -> None:
    assert cli("add", "already here").code == 0
    before = store_path.read_bytes()
    good = _record(id="cd" * 16, title="good one")
    result = cli("import", str(_export(tmp_path, good, _record(**{field: value}))))
    assert result.code == 2, result
    assert said in result.err
    assert f"initiative 2 of the export (id {ID})" in result.err
    assert "\x1b" not in result.err
    assert "Traceback" not in result.err
    assert len(result.err.splitlines()) == 1
    assert store_path.read_bytes() == before


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_an_import_with_a_bad_id_is_refused(cli: Cli, tmp_path: Path, bad_id: Any) -> None:
    result = cli("import", str(_export(tmp_path, _record(id=bad_id))))
    assert result.code == 2
    assert "field id: must be 32 hex digits" in result.err


def test_an_import_repeating_an_id_is_refused(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", str(_export(tmp_path, _record(), _record(title="again"))))
    assert result.code == 2
    assert f"repeats the id {ID}" in result.err


def _hand_edit(store_path: Path, field: str, value: Any) -> str:
    data = json.loads(store_path.read_text())
    record_id = next(iter(data["initiatives"]))
    data["initiatives"][record_id][field] = value
    store_path.write_text(json.dumps(data))
    return record_id


@pytest.mark.parametrize(("field", "value", "said"), BAD_VALUES)
def test_a_hand_edited_store_is_damaged_naming_file_record_and_field(
    cli: Cli, register: Register, store_path: Path, *, field: str, value: Any, said: str
) -> None:
    register.add("to be broken")
    record_id = _hand_edit(store_path, field, value)
    commands = [("show", record_id[:6]), ("retro",), ("standup",), ("insights",)]
    if field != "history":  # a listing decodes no history: nothing of it reaches the screen
        commands.append(("list",))
    for command in commands:
        result = cli(*command)
        assert result.code == 1, (command, result)
        assert str(store_path) in result.err
        assert record_id in result.err
        assert said in result.err
        assert "\x1b" not in result.err
        assert "Traceback" not in result.err
    report = cli("doctor")
    assert report.code == 1
    assert f"BAD  improve.json: initiative {record_id}, field" in report.out
    assert said in report.out


def test_a_record_filed_in_an_archive_is_named_with_its_archive(
    cli: Cli, register: Register, store_path: Path, clock: Any
) -> None:
    key = register.key(register.add("old and done").id)
    register.set_status(key, Status.DROPPED, "not needed")
    clock.advance(days=30)
    register.add("sweeps the old one out")
    archive = next(store_path.parent.glob("improve-archive-*.json"))
    data = json.loads(archive.read_text())
    record_id = next(iter(data["initiatives"]))
    data["initiatives"][record_id]["effort"] = "big"
    archive.write_text(json.dumps(data))
    result = cli("list", "--all")
    assert result.code == 1
    assert f"{archive}: initiative {record_id}, field effort" in result.err


@pytest.mark.parametrize(
    "args",
    [
        ("measure", "KEY", "1e308"),
        ("measure", "KEY", "-1e16"),
        ("log", "x", "--before", "1e308", "--after", "-1e308"),
        ("metric", "KEY", "m", "--better", "up", "--baseline", "1", "--target", "1e300"),
    ],
)
def test_numbers_out_of_range_are_refused_before_they_reach_the_store(
    cli: Cli, args: tuple[str, ...]
) -> None:
    key = cli.key("add", "measured")
    assert (
        cli("metric", key, "speed", "--better", "up", "--baseline", "10", "--target", "20").code
        == 0
    )
    result = cli(*(key if a == "KEY" else a for a in args))
    assert result.code == 2, result
    assert "at most 1e+15 in size" in result.err
    for command in (("list",), ("show", key), ("retro",), ("insights",)):
        assert cli(*command).code == 0


def test_the_largest_allowed_numbers_keep_every_view_working(cli: Cli) -> None:
    key = cli.key("add", "huge")
    assert (
        cli("metric", key, "m", "--better", "up", "--baseline", "-1e15", "--target", "1e15").code
        == 0
    )
    assert cli("measure", key, "1e15").code == 0
    assert cli("measure", key, "-1e15").code == 0
    for command in (("list",), ("show", key), ("retro",), ("insights",), ("standup",)):
        result = cli(*command)
        assert result.code == 0, (command, result)


def test_a_write_the_store_could_not_read_back_is_refused(
    register: Register, store_path: Path
) -> None:
    from improve.domain.errors import InputError
    from improve.store.tables import put

    register.add("kept")
    before = store_path.read_bytes()
    with (
        pytest.raises(InputError, match="field value"),
        register.store.transaction() as session,
    ):
        put(session.db.table("initiatives"), ID, _record(value="5"))
    assert store_path.read_bytes() == before


@pytest.mark.parametrize(
    ("table", "entry", "said"),
    [
        ("archived", {"quarter": "../../etc/passwd"}, "bad quarter"),
        ("journal", {"id": "j", "who": 3}, "journal entry"),
        ("meta", {"schema": "1"}, "schema is not a whole number"),
    ],
)
def test_the_other_tables_pass_the_gate_too(
    cli: Cli, register: Register, store_path: Path, *, table: str, entry: Any, said: str
) -> None:
    register.add("fine")
    data = json.loads(store_path.read_text())
    data.setdefault(table, {})["schema" if table == "meta" else ID] = entry
    store_path.write_text(json.dumps(data))
    result = cli("list")
    assert result.code == 1
    assert said in result.err
    assert str(store_path) in result.err
