"""Found by the gate fuzz: a migration meets hand-edited records before the gate does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from improve.domain.model import Direction
from improve.service import Register
from tests.conftest import Cli


@pytest.mark.parametrize(
    ("stakeholders", "field"),
    [
        (True, "stakeholders"),
        ([None], "stakeholders"),
        ([{"role": 5}], "role"),
        ("oops", "stakeholders"),
    ],
)
def test_a_schema_1_record_with_mistyped_stakeholders_is_named_not_a_traceback(
    cli: Cli, register: Register, store_path: Path, stakeholders: Any, field: str
) -> None:
    ini = register.add("hand edited")
    data = orjson.loads(store_path.read_bytes())
    data["meta"]["schema"] = {"schema": 1}
    data["initiatives"][ini.id]["stakeholders"] = stakeholders
    store_path.write_bytes(orjson.dumps(data))
    result = cli("list")
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    assert str(store_path) in result.err
    assert f"field {field}" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_a_reading_whose_value_is_null_is_named_not_a_traceback(
    cli: Cli, register: Register, store_path: Path
) -> None:
    """Found by the gate fuzz: a required number given as null passed the check as None."""
    ini = register.add("hand edited")
    register.set_metric(ini.id, "speed", unit="s", better=Direction.UP, baseline=1, target=2)
    register.measure(ini.id, 1.5)
    data = orjson.loads(store_path.read_bytes())
    data["initiatives"][ini.id]["measurements"][0]["value"] = None
    store_path.write_bytes(orjson.dumps(data))
    result = cli("list")
    assert result.code == 1, result.err
    assert "field measurements[0].value: must be a number, not null" in result.err
    assert "Traceback" not in result.err
