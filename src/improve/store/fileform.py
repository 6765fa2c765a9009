"""The store's file form: one JSON object of tables, one record per line, keys sorted.

    {
    "initiatives": {
    "<id>": {...record, keys sorted...},
    "<id>": {...}
    },
    "meta": {
    "schema": {"schema":1}
    }
    }

A git diff of it reads record by record, and a program can work line by line: two
copies of a record are equal exactly when their lines are, so a write re-encodes only
the records it changed and the merge parses only the lines that differ.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from improve.errors import StoreError

Data = dict[str, dict[str, Any]]
#: table -> record id -> the record's whole line, always ending in a comma.
Lines = dict[str, dict[str, bytes]]


def decode(raw: bytes, path: Path) -> Data:
    """Parse and check the shape of one store file; raise StoreError otherwise."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise StoreError(path, f"not valid JSON ({error})") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreError(path, "not an improve store (expected a JSON object of tables)")
    return data


def line_of(doc_id: str, record: Any) -> bytes:
    """One record's line, as `encode` writes it (with its comma)."""
    return orjson.dumps(doc_id) + b": " + orjson.dumps(record, option=orjson.OPT_SORT_KEYS) + b","


class Kept:
    """A file as it was read, with where each table's block of record lines lies in it.

    Nothing is copied or parsed until asked: a write hands it to `encode`, which copies
    the block of a table it did not change and re-encodes only the changed records of
    the others; an export streams its record lines straight out.
    """

    def __init__(self, raw: bytes, spans: dict[str, tuple[int, int]]) -> None:
        self.raw = raw
        self.spans = spans
        #: Each table's ids in the order the decoder met them, when the caller knows them:
        #: a table's lines are used only when they hold exactly these records, in order.
        self.ids: dict[str, list[str]] = {}
        self._lines: dict[str, dict[str, bytes] | None] = {}

    def knowing(self, data: Data) -> Kept:
        """The same file, checked against what decoding it gave (see `lines`)."""
        self.ids = {name: list(table) for name, table in data.items()}
        return self

    @classmethod
    def read(cls, raw: bytes) -> Kept | None:
        """The table blocks of a file in the line form, or None when it is not in it."""
        end = len(raw)
        while end and raw[end - 1 : end].isspace():
            end -= 1
        if raw[:2] != b"{\n" or raw[end - 2 : end] != b"\n}":
            return None
        spans: dict[str, tuple[int, int]] = {}
        pos, last = 2, end - 1
        try:
            while pos < last:
                eol = raw.find(b"\n", pos)
                close = raw.find(b"\n}", eol)
                if eol < 0 or close < 0 or raw[eol - 3 : eol] != b": {":
                    return None
                spans[_key(raw[pos : eol - 3])] = (eol + 1, max(close, eol + 1))
                pos = close + (4 if raw[close + 2 : close + 3] == b"," else 3)
        except orjson.JSONDecodeError:
            return None
        return cls(raw, spans) if pos == last else None

    def block(self, name: str, count: int) -> bytes | None:
        """A table's block as read, when it holds `count` records, one per line."""
        if name not in self.spans:
            return None
        start, stop = self.spans[name]
        lines = self.raw.count(b"\n", start, stop) + 1 if stop > start else 0
        return self.raw[start:stop] if lines == count else None

    def records(self, name: str) -> list[Record] | None:
        """Where each record of a table lies; None when a line is not one whole record."""
        if name not in self.spans:
            return []
        start, stop = self.spans[name]
        try:
            walked = _walk(self.raw, start, stop)
        except orjson.JSONDecodeError:
            return None
        return walked[0] if walked is not None else None

    def lines(self, name: str) -> dict[str, bytes]:
        """A table's records as id -> line (with its comma); empty when not in line form.

        When the decoded ids are known, lines that do not hold exactly those records in
        that order (two records joined on a line, one wrapped over two) are not used."""
        if name not in self._lines:
            self._lines[name] = self._split(name)
        return self._lines[name] or {}

    def _split(self, name: str) -> dict[str, bytes] | None:
        found = self.records(name)
        if found is None:
            return None
        if name in self.ids and [r.id for r in found] != self.ids[name]:
            return None
        raw = self.raw
        return {r.id: raw[r.line : r.stop] + b"," for r in found}


def encode(
    data: Data, kept: Kept | None = None, changed: Set[tuple[str, str]] = frozenset()
) -> bytes:
    """The file form of `data`.

    With `kept` (the file as read) and `changed` (every record written or removed since),
    a table nothing changed is copied as read, and in the others only changed records
    are encoded: the result is the same bytes as encoding everything afresh.
    """
    touched = {name for name, _ in changed}
    tables: dict[str, dict[str, bytes] | bytes] = {}
    for name, table in data.items():
        block = kept.block(name, len(table)) if kept and name not in touched else None
        if block is not None:
            tables[name] = block
            continue
        old = kept.lines(name) if kept else {}
        tables[name] = {
            str(doc_id): (
                old[doc_id]
                if doc_id in old and (name, doc_id) not in changed
                else line_of(str(doc_id), record)
            )
            for doc_id, record in table.items()
        }
    return encode_lines(tables)


def encode_lines(tables: Mapping[str, dict[str, bytes] | bytes]) -> bytes:
    """The file form from whole lines (each with its comma) or whole blocks as read."""
    parts = [b"{"]
    names = sorted(tables)
    for t, name in enumerate(names):
        parts.append(orjson.dumps(name) + b": {")
        table = tables[name]
        if isinstance(table, bytes):
            if table:
                parts.append(table)
        else:
            lines = [table[i] for i in sorted(table)]
            if lines:
                lines[-1] = lines[-1][:-1]
            parts += lines
        parts.append(b"}" + (b"," if t + 1 < len(names) else b""))
    parts.append(b"}")
    return b"\n".join(parts) + b"\n"


def as_lines(raw: bytes) -> Lines | None:
    """The file as table -> id -> its whole line, or None when it is not in the line form.

    Lines are kept whole, each ending in a comma (the last of a table gets one), so two
    copies of a record compare equal exactly when their records do, and nothing is copied.
    """
    if not raw or raw.isspace():
        return {}
    kept = Kept.read(raw)
    if kept is None:
        return None
    tables: Lines = {}
    for name in kept.spans:
        lines = kept._split(name)
        if lines is None:
            return None
        tables[name] = lines
    return tables


class Record(NamedTuple):
    """Where one record lies in a file: its line, and the JSON object on it."""

    id: str
    line: int
    start: int
    stop: int


def scan(raw: bytes, only: Set[str] | None = None) -> dict[str, list[Record]] | None:
    """Every table's records (or those of the tables named in `only`), found line by line
    without parsing them; None when the file is not in the line form."""
    if not raw or raw.isspace():
        return {}
    if raw[:2] != b"{\n":
        return None
    tables: dict[str, list[Record]] = {}
    pos = 2
    try:
        while raw[pos : pos + 1] == b'"':
            eol = raw.find(b"\n", pos)
            if eol < 0 or raw[eol - 3 : eol] != b": {":
                return None
            name = _key(raw[pos : eol - 3])
            if only is not None and name not in only:
                close = raw.find(b"\n}", eol)
                pos = raw.find(b"\n", close + 1) + 1
                if close < 0 or pos == 0:
                    return None
                continue
            walked = _walk(raw, eol + 1, len(raw))
            if walked is None:
                return None
            tables.setdefault(name, []).extend(walked[0])
            pos = walked[1]
    except orjson.JSONDecodeError:
        return None
    return tables if raw[pos : pos + 1] == b"}" and raw[pos + 1 :].isspace() else None


def _walk(raw: bytes, pos: int, stop: int) -> tuple[list[Record], int] | None:
    """The record lines from `pos` up to the table's closing line (or `stop`), and where
    the line after that closing line starts."""
    found: list[Record] = []
    while pos < stop:
        eol = raw.find(b"\n", pos, stop)
        eol = stop if eol < 0 else eol
        if raw[pos : pos + 1] == b"}":
            return (found, eol + 1) if raw[pos:eol] in (b"}", b"},") else None
        end = eol - 1 if raw[eol - 1 : eol] == b"," else eol
        key = raw.find(b'": {', pos, end)
        if raw[pos : pos + 1] != b'"' or key < 0 or raw[end - 1 : end] != b"}":
            return None
        found.append(Record(_key(raw[pos : key + 1]), pos, key + 3, end))
        pos = eol + 1
    return found, pos


def _key(quoted: bytes) -> str:
    """A JSON string's text: ids are plain hex, so only an escaped one needs the parser."""
    if b"\\" in quoted or quoted[:1] != b'"' or quoted[-1:] != b'"':
        return str(orjson.loads(quoted))
    return quoted[1:-1].decode()


def record_of(line: bytes) -> Any:
    """The record a line holds (orjson.JSONDecodeError when it is not valid JSON)."""
    return orjson.loads(line[line.index(b'": ') + 3 : -1])
