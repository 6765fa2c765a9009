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

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from improve.merge import Data, drop_moved, join_entry, join_tables, merge_stores
from improve.storage import SCHEMA, StoreError, check_schema, decode, encode, migrate

Lines = dict[str, dict[str, bytes]]


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
    with _no_gc():
        sides = [as_lines(_read(path)) for path in paths]
        if sides[0] is not None and sides[1] is not None and sides[2] is not None:
            return _merge_lines(sides[0], sides[1], sides[2], paths)
        del sides
        data = [_decoded(_read(path), path) for path in paths]
        merged = merge_stores(*data)
        before = {k: orjson.dumps(v) for k, v in data[1].get("initiatives", {}).items()}
        after = {k: orjson.dumps(v) for k, v in merged.get("initiatives", {}).items()}
        return _result(encode(merged), before, after)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Millions of fresh, acyclic objects: the cycle collector would only slow them down."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise StoreError(path, f"cannot read ({error.strerror})") from None


def _decoded(raw: bytes, path: Path) -> Data:
    if not raw.strip():
        return {}
    data = check_schema(decode(raw, path), path)
    migrate(data)
    return data


def as_lines(raw: bytes) -> Lines | None:
    """The file as table -> id -> its whole line, or None when it is not in our line form.

    Lines are kept whole, each ending in a comma (the last of a table gets one), so two
    copies of a record compare equal exactly when their records do, and nothing is copied.
    """
    if not raw or raw.isspace():
        return {}
    lines = raw.split(b"\n")
    del raw
    while lines and not lines[-1]:
        lines.pop()
    if lines[0] != b"{" or lines[-1] != b"}":
        return None
    tables: Lines = {}
    current: dict[str, bytes] | None = None
    for line in lines[1:-1]:
        if current is None and line.endswith(b": {"):
            current = tables.setdefault(orjson.loads(line[:-3]), {})
        elif current is not None and line in (b"}", b"},"):
            current = None
        elif current is not None and line.startswith(b'"') and b'": {' in line:
            key = orjson.loads(line[: line.index(b'": ') + 1])
            current[key] = line if line.endswith(b",") else line + b","
        else:
            return None
    return tables if current is None and _schema(tables) == SCHEMA else None


def _record(line: bytes) -> Any:
    return orjson.loads(line[line.index(b'": ') + 3 : -1])


def _schema(tables: Lines) -> int:
    line = tables.get("meta", {}).get("schema")
    found = _record(line) if line else {}
    return int(found.get("schema", 0)) if isinstance(found, dict) else 0


def _merge_lines(base: Lines, ours: Lines, theirs: Lines, paths: tuple[Path, ...]) -> Merged:
    for side, path in ((ours, paths[1]), (theirs, paths[2])):
        _check(side, base, path)
    merged: Lines = {}
    for name in sorted(ours.keys() | theirs.keys()):
        a, b = ours.get(name, {}), theirs.get(name, {})
        table = join_tables(a, b, partial(_join_line, name))
        merged[name] = drop_moved(table, base.get(name, {}), a, b)
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
                    changed[name][key] = _record(line)
                except orjson.JSONDecodeError as error:
                    raise StoreError(path, f"not valid JSON ({error})") from None
    check_schema(changed, path)


def _join_line(table: str, a: bytes, b: bytes) -> bytes:
    joined = join_entry(table, _record(a), _record(b))
    key = a[: a.index(b'": ') + 3]
    return key + orjson.dumps(joined, option=orjson.OPT_SORT_KEYS) + b","


def encode_lines(tables: Lines) -> bytes:
    """`storage.encode`'s layout, from whole lines: only each table's last loses its comma."""
    parts = [b"{"]
    names = sorted(tables)
    for t, name in enumerate(names):
        parts.append(orjson.dumps(name) + b": {")
        lines = [tables[name][i] for i in sorted(tables[name])]
        if lines:
            lines[-1] = lines[-1][:-1]
        parts += lines
        parts.append(b"}" + (b"," if t + 1 < len(names) else b""))
    parts.append(b"}")
    return b"\n".join(parts) + b"\n"


def _result(content: bytes, before: dict[str, Any], after: dict[str, Any]) -> Merged:
    added = len(after.keys() - before.keys())
    joined = sum(1 for k, v in after.items() if k in before and before[k] != v)
    return Merged(content, len(after), added, joined)
