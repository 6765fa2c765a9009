"""What a store file must hold to be ours, which schema it is, and the way up from older ones."""

from __future__ import annotations

import re
from collections.abc import Set
from pathlib import Path
from typing import Any

from improve.domain.checks import Bad, shown
from improve.domain.codec import stakeholder_from_json, stakeholder_to_dict
from improve.domain.text_rule import first_unsafe
from improve.errors import StoreError
from improve.store.fileform import Data

SCHEMA = 3
TABLES = ("archived", "initiatives", "journal", "meta", "retros")
_QUARTER = re.compile(r"\d{4}Q[1-4]\Z")


def schema_of(data: Data) -> int:
    meta = data.get("meta", {}).get("schema")
    if isinstance(meta, dict) and type(meta.get("schema")) is int:
        return int(meta["schema"])
    return 0


def check_schema(data: Data, path: Path) -> Data:
    """Refuse a file from a newer improve, or one that is not ours at all."""
    version = schema_of(data)
    if version > SCHEMA:
        raise StoreError(
            path, f"written by a newer improve (schema {version}; this one reads {SCHEMA})"
        )
    unknown = set(data) - {*TABLES, "_default"}
    if unknown:
        raise StoreError(path, f"not an improve store (unexpected tables: {sorted(unknown)})")
    for doc in data.get("initiatives", {}).values():
        if not isinstance(doc, dict) or "id" not in doc or "title" not in doc:
            raise StoreError(path, "not an improve store (an initiative has no id or title)")
    check_tables(data, path)
    return data


def check_tables(data: Data, path: Path, only: Set[tuple[str, str]] | None = None) -> None:
    """The tables beside the initiatives: the schema, the archive index, the journal
    (of them, only the entries named in `only`, when given: a write checks what it wrote)."""
    schema = data.get("meta", {}).get("schema")
    if schema is not None and not (
        isinstance(schema, dict) and type(schema.get("schema")) is int and schema["schema"] >= 0
    ):
        raise StoreError(path, f"the schema is not a whole number ({shown(schema)})")
    index, journal = data.get("archived", {}), data.get("journal", {})
    if only is not None:
        index = {k: index[k] for t, k in only if t == "archived" and k in index}
        journal = {k: journal[k] for t, k in only if t == "journal" and k in journal}
    try:
        quarters = {entry["quarter"] for entry in index.values()}
    except (TypeError, KeyError):
        quarters = {None}
    if not all(isinstance(q, str) and _QUARTER.match(q) for q in quarters):
        bad = next(k for k, e in index.items() if not _good_quarter(e))
        raise StoreError(path, f"archive index entry {shown(bad)}: bad quarter")
    for entry_id, entry in journal.items():
        problem = _journal_problem(entry)
        if problem:
            raise StoreError(path, f"journal entry {shown(entry_id)}: {problem}")


def _good_quarter(entry: Any) -> bool:
    quarter = entry.get("quarter") if isinstance(entry, dict) else None
    return isinstance(quarter, str) and _QUARTER.match(quarter) is not None


def _journal_problem(entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return "not an object"
    for key in ("id", "at", "who", "summary", "kind"):
        value = entry.get(key)
        if not isinstance(value, str) or first_unsafe(value) is not None or len(value) > 1000:
            return f"field {key}: must be one line of text"
    records = entry.get("records")
    if not isinstance(records, list) or not all(isinstance(r, str) for r in records):
        return "field records: must be a list of ids"
    if type(entry.get("undone")) is not bool or type(entry.get("seq", 0)) is not int:
        return "field undone or seq: wrong type"
    return None


def migrate(data: Data) -> None:
    """Bring a store up to `SCHEMA`, one version at a time (the caller backs it up first).

    0 to 1: records keyed by their UUID instead of TinyDB's integer doc ids.
    1 to 2: stakeholders gain a role (`customer: faster answers`; a plain name keeps
    none); an empty value chain activity or journey stage is null; a record with no
    principle says so (null) instead of being read as Focus on value. A stored `value`
    stays: schema 1 could not tell it from a default, so it is kept as chosen.
    2 to 3: the `retros` table (the team's retrospectives and their actions) may be
    there; no record changes, but an improve that does not know the table must not
    write over it, so the file says schema 3.
    """
    version = schema_of(data)
    if version == 0:
        records = data.get("initiatives", {})
        data["initiatives"] = {doc["id"]: doc for doc in records.values()}
        data.pop("_default", None)
    if version <= 1:
        for doc in data.get("initiatives", {}).values():
            _roles_and_blanks(doc)
    data.setdefault("meta", {})["schema"] = {"schema": SCHEMA}


def _roles_and_blanks(doc: Any) -> None:
    """A record the migration cannot read is left as it is: the record gate names it, with
    its field, when it is decoded (a migration never raises on hand-edited data)."""
    if not isinstance(doc, dict):
        return
    stakeholders = doc.get("stakeholders") or []
    if isinstance(stakeholders, list):
        doc["stakeholders"] = [_stakeholder(s) for s in stakeholders]
    for name in ("principle", "activity", "journey"):
        doc[name] = doc.get(name) or None


def _stakeholder(raw: Any) -> Any:
    try:
        return stakeholder_to_dict(stakeholder_from_json(raw))
    except Bad:
        return raw
