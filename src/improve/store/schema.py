"""What a store file must hold to be ours, which schema it is, and the way up from older ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from improve.domain.codec import stakeholder_from_json, stakeholder_to_dict
from improve.errors import StoreError
from improve.store.fileform import Data

SCHEMA = 2
TABLES = ("archived", "initiatives", "journal", "meta")


def schema_of(data: Data) -> int:
    meta = data.get("meta", {}).get("schema")
    if isinstance(meta, dict) and isinstance(meta.get("schema"), int):
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
    return data


def migrate(data: Data) -> None:
    """Bring a store up to `SCHEMA`, one version at a time (the caller backs it up first).

    0 to 1: records keyed by their UUID instead of TinyDB's integer doc ids.
    1 to 2: stakeholders gain a role (`customer: faster answers`; a plain name keeps
    none); an empty value chain activity or journey stage is null; a record with no
    principle says so (null) instead of being read as Focus on value. A stored `value`
    stays: schema 1 could not tell it from a default, so it is kept as chosen.
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


def _roles_and_blanks(doc: dict[str, Any]) -> None:
    doc["stakeholders"] = [
        stakeholder_to_dict(stakeholder_from_json(s)) for s in doc.get("stakeholders") or ()
    ]
    for name in ("principle", "activity", "journey"):
        doc[name] = doc.get(name) or None
