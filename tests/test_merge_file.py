"""The driver's line-level merge writes the very bytes of the reference merge, faster."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from improve.store.fileform import as_lines, encode
from improve.store.schema import SCHEMA
from improve.store.storage import StoreError
from improve.team.merge import Data, merge_stores
from improve.team.merge_file import merge_files
from tests.merge_builders import History, Op, ops


def stored(data: Data) -> Data:
    return {**data, "meta": {"schema": {"schema": SCHEMA}}}


def write(folder: Path, *stores: Data) -> list[Path]:
    paths = []
    for n, data in enumerate(stores):
        path = folder / f"side{n}.json"
        path.write_bytes(encode(data))
        paths.append(path)
    return paths


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops())
def test_line_merge_equals_the_reference_merge(steps: list[Op]) -> None:
    history = History.start()
    base = stored(copy.deepcopy(history.clones[0].data))
    ours, theirs, _ = (stored(s) for s in history.run(steps))
    with tempfile.TemporaryDirectory() as folder:
        paths = write(Path(folder), base, ours, theirs)
        assert all(as_lines(p.read_bytes()) is not None for p in paths)
        merged = merge_files(*paths)
    assert merged.content == encode(merge_stores(base, ours, theirs))


def test_a_file_not_in_line_form_takes_the_reference_path(tmp_path: Path) -> None:
    history = History.start()
    ours, theirs, _ = (stored(s) for s in history.run([("add", 1, 5, 1), ("note", 0, 1, 1)]))
    base, mine, other = write(tmp_path, {}, ours, theirs)
    mine.write_text(mine.read_text().replace("\n", " "))
    assert as_lines(mine.read_bytes()) is None
    assert merge_files(base, mine, other).content == encode(merge_stores({}, ours, theirs))


def test_a_damaged_line_on_one_side_is_refused(tmp_path: Path) -> None:
    history = History.start()
    base = stored(copy.deepcopy(history.clones[0].data))
    ours, theirs, _ = (stored(s) for s in history.run([("note", 1, 0, 1)]))
    paths = write(tmp_path, base, ours, theirs)
    damaged = paths[2].read_bytes().replace(b'"note 0"', b'"note 0', 1)
    paths[2].write_bytes(damaged)
    with pytest.raises(StoreError, match="not valid JSON"):
        merge_files(*paths)
