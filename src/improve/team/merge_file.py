"""Merge whole store files fast: decode only the records that differ.

A store file is written one record per line with sorted keys, so two copies of a
record are equal exactly when their lines are. Git calls the driver with three big
files that differ in a few records: splitting them into lines and parsing only the
lines that differ from the base (to check them) or from each other (to join them)
costs a fraction of decoding everything, in time and in memory. The result is the
same bytes `encode(merge_stores(...))` would write; a file not in that line form (an
older schema, a hand-edited one) takes that reference path instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from improve.domain.codec import initiative_from_dict
from improve.domain.errors import BadRecord, InputError
from improve.domain.retro_record import retro_from_dict
from improve.errors import StoreError
from improve.store.atomic import read_file
from improve.store.fileform import Lines, as_lines, decode, encode, encode_lines, record_of
from improve.store.quiet_gc import paused_gc
from improve.store.schema import SCHEMA, check_schema, migrate, schema_of
from improve.team.merge import (
    Data,
    drop_moved,
    join_entry,
    join_tables,
    merge_stores,
    moved_away,
)


@dataclass(frozen=True)
class Merged:
    """The merged file, and what the merge did to ours, for the driver to say."""

    content: bytes
    initiatives: int
    added: int
    joined: int


def merge_files(base: Path, ours: Path, theirs: Path) -> Merged:
    """Three versions of one store file in, the merged file out; StoreError names a bad side."""
    paths = (base, ours, theirs)
    with paused_gc():
        raws = [_read(path) for path in paths]
        for raw, path in zip(raws[1:], paths[1:], strict=True):
            if not raw.strip():
                raise StoreError(path, "is empty, not an improve store")
        base_lines, our_lines, their_lines = (_current_lines(raw) for raw in raws)
        if base_lines is not None and our_lines is not None and their_lines is not None:
            return _merge_lines(base_lines, our_lines, their_lines, paths)
        del base_lines, our_lines, their_lines
        data = [
            _decoded(raw, path, side=path is not base)
            for raw, path in zip(raws, paths, strict=True)
        ]
        merged = merge_stores(*data)
        before = {k: orjson.dumps(v) for k, v in data[1].get("initiatives", {}).items()}
        after = {k: orjson.dumps(v) for k, v in merged.get("initiatives", {}).items()}
        return _result(encode(merged), before, after)


def _read(path: Path) -> bytes:
    try:
        found = read_file(path)
    except OSError as error:
        raise StoreError(path, f"cannot read ({error.strerror})") from None
    if found is None:
        raise StoreError(path, "does not exist")
    return found


def _decoded(raw: bytes, path: Path, side: bool) -> Data:
    """A version decoded whole; a side (ours, theirs) must be a store, and every record in
    it must pass the gate. Only the base may be empty (a file both sides added)."""
    if not raw.strip():
        return {}
    data = check_schema(decode(raw, path), path)
    if side and schema_of(data) < 1 and not any(data.values()):
        raise StoreError(path, "holds no store (no schema and no records)")
    migrate(data)
    if side:
        _gate(data, path)
    return data


def _gate(data: Data, path: Path) -> None:
    """Every record a side brings passes the gate, or the merge is refused as bad input."""
    for name, gate in (("initiatives", initiative_from_dict), ("retros", retro_from_dict)):
        for record in data.get(name, {}).values():
            try:
                gate(record)
            except BadRecord as bad:
                raise InputError(f"cannot merge: {path}: {bad}; nothing was written") from None


def _current_lines(raw: bytes) -> Lines | None:
    """The file's lines when it is in the line form of the current schema."""
    tables = as_lines(raw)
    if tables is None or _schema(tables) != SCHEMA:
        return None
    return tables


def _schema(tables: Lines) -> int:
    line = tables.get("meta", {}).get("schema")
    found = record_of(line) if line else {}
    return int(found.get("schema", 0)) if isinstance(found, dict) else 0


def _merge_lines(base: Lines, ours: Lines, theirs: Lines, paths: tuple[Path, ...]) -> Merged:
    for side, path in ((ours, paths[1]), (theirs, paths[2])):
        _check(side, base, path)
    merged: Lines = {}
    for name in sorted(ours.keys() | theirs.keys()):
        a, b = ours.get(name, {}), theirs.get(name, {})
        table = join_tables(a, b, partial(_join_line, name))
        moves = (moved_away(name, ours), moved_away(name, theirs))
        merged[name] = drop_moved(table, base.get(name, {}), a, b, moves)
    before, after = ours.get("initiatives", {}), merged.get("initiatives", {})
    return _result(encode_lines(merged), before, after)


def _check(side: Lines, base: Lines, path: Path) -> None:
    """Every line this side changed is valid JSON of our schema; the rest is the base's."""
    changed: Data = {name: {} for name in side}
    for name, table in side.items():
        old = base.get(name, {})
        for key, line in table.items():
            if old.get(key) != line or name == "meta":
                try:
                    changed[name][key] = record_of(line)
                except orjson.JSONDecodeError as error:
                    raise StoreError(path, f"not valid JSON ({error})") from None
    check_schema(changed, path)
    _gate(changed, path)


def _join_line(table: str, a: bytes, b: bytes) -> bytes:
    joined = join_entry(table, record_of(a), record_of(b))
    key = a[: a.index(b'": ') + 3]
    return key + orjson.dumps(joined, option=orjson.OPT_SORT_KEYS) + b","


def _result(content: bytes, before: dict[str, Any], after: dict[str, Any]) -> Merged:
    added = len(after.keys() - before.keys())
    joined = sum(1 for k, v in after.items() if k in before and before[k] != v)
    return Merged(content, len(after), added, joined)
