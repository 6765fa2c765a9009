"""Records with any field of any type, anywhere: no command ever prints a traceback.

A record with a measure, readings, iterations, notes and history is stored; hypothesis
replaces one of its fields (at the top or inside a part) by any JSON value, and the
record then comes in each way a record can: by import, and in a hand-edited store.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from improve.domain.codec import initiative_to_dict
from improve.service import Register
from improve.store.storage import Store
from tests.conftest import NOW, Cli

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _template(tmp: Path) -> dict[str, Any]:
    from improve.clock import FixedClock

    clock = FixedClock(NOW)
    register = Register(Store(tmp / "t.json", clock), clock, "sam@laptop")
    key = register.key(register.add("template", owner="sam", tags=("a",)).id)
    register.set_metric(key, "speed", unit="s", better=_up(), baseline=10, target=20)
    register.measure(key, 12, note="moved")
    register.add_iteration(key, "first step")
    register.note(key, "a note")
    return initiative_to_dict(register.get(key))


def _up() -> Any:
    from improve.domain.model import Direction

    return Direction.UP


def _paths(record: dict[str, Any]) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = [(k,) for k in record]
    for part in ("measurements", "iterations", "notes", "history"):
        found += [(part, "0", k) for k in record[part][0]]
    found += [("measure", k) for k in record["measure"]]
    return found


def _set(record: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(record))
    target: Any = copy
    for step in path[:-1]:
        target = target[int(step)] if isinstance(target, list) else target[step]
    target[path[-1]] = value
    return copy


TEMPLATE: dict[str, Any] = {}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_field_mistyped_is_refused_cleanly_by_every_command(
    data: st.DataObject, cli: Cli, tmp_path: Path, store_path: Path
) -> None:
    if not TEMPLATE:
        TEMPLATE.update(_template(tmp_path / "template"))
    path = data.draw(st.sampled_from(_paths(TEMPLATE)), label="field")
    record = _set(TEMPLATE, path, data.draw(JSON, label="value"))
    shutil.rmtree(store_path.parent, ignore_errors=True)
    document = tmp_path / "in.json"
    document.write_text(json.dumps({"format": "improve-export", "initiatives": [record]}))
    imported = cli("import", str(document))
    assert imported.code in (0, 2), imported
    _no_trace(imported.err)
    store_path.parent.mkdir(parents=True, exist_ok=True)
    store = {"initiatives": {str(record.get("id")): record}, "meta": {"schema": {"schema": 1}}}
    store_path.write_text(json.dumps(store))
    key = str(TEMPLATE["id"])[:8]
    for command in (("list", "--all"), ("show", key), ("retro",), ("insights",), ("doctor",)):
        result = cli(*command)
        assert result.code in (0, 1, 2), (command, result)
        _no_trace(result.err + result.out)
    ran = cli("note", key, "still writable?")
    assert ran.code in (0, 1, 2), ran
    _no_trace(ran.err)


def _no_trace(text: str) -> None:
    assert "Traceback" not in text
    assert "\x1b" not in text
    assert "\x07" not in text
