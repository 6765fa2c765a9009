"""What `doctor` finds besides bad records: leftovers of killed writes, ids written twice;
and the small edges: a schema that is not a whole number, a CSV cell that a line feed
hides a formula behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from improve.export.csv import safe
from improve.service import Register
from tests.conftest import Cli


def test_doctor_reports_and_cleans_leftover_temp_files(
    cli: Cli, register: Register, store_path: Path
) -> None:
    register.add("fine")
    left = store_path.parent / ".improve.json.3f2a9c.tmp"
    left.write_bytes(b'{"half": ')
    report = cli("doctor")
    assert "leftover temp files (1): .improve.json.3f2a9c.tmp" in report.out
    cleaned = cli("doctor", "--clean")
    assert "removed 1 leftover temp file" in cleaned.out
    assert not left.exists()
    assert "leftover" not in cli("doctor").out


def test_doctor_reports_an_id_written_twice_in_a_file(
    cli: Cli, register: Register, store_path: Path
) -> None:
    register.add("once")
    lines = store_path.read_text().splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith('"initiatives"'))
    record = lines[at + 1].rstrip(",")
    lines[at + 1 : at + 2] = [record + ",", record.replace('"once"', '"twice"')]
    store_path.write_text("\n".join(lines) + "\n")
    report = cli("doctor")
    assert report.code == 1
    assert "is written twice in this file" in report.out


@pytest.mark.parametrize("schema", ['"1"', "1.0", "true", "null", '{"schema": "2"}'])
def test_a_schema_that_is_not_a_whole_number_is_refused_not_migrated(
    cli: Cli, register: Register, store_path: Path, schema: str
) -> None:
    register.add("kept")
    data = json.loads(store_path.read_text())
    data["meta"]["schema"] = (
        json.loads(schema) if schema.startswith("{") else {"schema": json.loads(schema)}
    )
    store_path.write_text(json.dumps(data))
    before = store_path.read_bytes()
    result = cli("add", "more")
    assert result.code == 1
    assert "schema is not a whole number" in result.err
    assert store_path.read_bytes() == before


@pytest.mark.parametrize("cell", ["\n=1+1", "\r\n=HYPERLINK(1)", " \n@x", "\t-2"])
def test_a_csv_cell_with_blank_space_before_a_formula_is_neutralised(cell: str) -> None:
    assert safe(cell).startswith("'")
