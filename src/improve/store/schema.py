"""What a store file must hold to be ours, which schema it is, and the way up from older ones."""

from __future__ import annotations

from pathlib import Path

from improve.errors import StoreError
from improve.store.fileform import Data

SCHEMA = 1
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
    """Schema 0 (plain TinyDB, integer doc ids) to 1: records keyed by their UUID."""
    if schema_of(data) == 0:
        records = data.get("initiatives", {})
        data["initiatives"] = {doc["id"]: doc for doc in records.values()}
        data.pop("_default", None)
    data.setdefault("meta", {})["schema"] = {"schema": SCHEMA}
