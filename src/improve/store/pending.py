"""A write of several files that a crash cannot leave half done.

A transaction that moves records into archives writes each archive, then the main file
(whose archive index names where every archived record is). Before the first archive
it writes `<store>.pending`, naming the archives it is about to write; after the main
file it removes it. A crash in between leaves the mark: the next open, under the lock,
rolls the archives back to what the main file knows, taking out of them every record
the index does not name (those the crash kept the main file from recording: a sweep's
records are still in the main file; an import's were never acknowledged). So `list`
never shows a record that `show` cannot find.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import orjson

from improve.store.atomic import atomic_write, read_file


def mark_path(store: Path) -> Path:
    return store.with_name(store.name + ".pending")


def mark(store: Path, quarters: list[str]) -> None:
    """Say, durably, which archives a write is about to replace."""
    atomic_write(mark_path(store), orjson.dumps({"archives": sorted(quarters)}))


def marked(store: Path) -> list[str]:
    """The archives an interrupted write was replacing (none when no write was cut short)."""
    try:
        raw = read_file(mark_path(store))
        found = orjson.loads(raw) if raw else {}
    except (OSError, orjson.JSONDecodeError):
        return []
    quarters = found.get("archives") if isinstance(found, dict) else None
    return [q for q in quarters if isinstance(q, str)] if isinstance(quarters, list) else []


def clear(store: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(mark_path(store))


def orphans(index: dict[str, Any], archive: dict[str, Any], quarter: str) -> list[str]:
    """Records an archive holds that the main file's index does not file there."""
    return [
        record_id
        for record_id in archive
        if not isinstance(index.get(record_id), dict) or index[record_id].get("quarter") != quarter
    ]
