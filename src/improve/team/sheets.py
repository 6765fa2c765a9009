"""Initiatives from a CSV sheet: one row an initiative, ids from the `id` column or title.

`importers.absorb` brings them in as it does Taskwarrior's tasks.
"""

from __future__ import annotations

import csv
import io
import uuid
from datetime import datetime
from typing import Any

from improve.domain.errors import InputError
from improve.domain.model import Initiative, Principle, Status
from improve.domain.register import clean_line, clean_tags, score
from improve.team.importers import stamped

SHEET = uuid.UUID("5b0d6a52-3c1e-4f7a-9a59-4f4e0c1d2b7e")
SHEET_COLUMNS = frozenset({"id", "title", "principle", "owner", "team", "status", "value",
                           "effort", "tags"})  # fmt: skip


def parse_csv(raw: bytes, at: datetime) -> list[Initiative]:
    """A sheet with a header row: title, principle, owner, team, status, value, effort, tags.

    `at` is when the sheet was last saved: its values are as new as that. A row's id is
    its `id` cell, or else its title, so saving the sheet again finds the same records.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the CSV is not UTF-8: save it as CSV UTF-8") from None
    rows = csv.DictReader(io.StringIO(text), dialect=_dialect(text))
    if "title" not in (rows.fieldnames or ()):
        raise InputError("the CSV has no `title` column in its header row")
    found: dict[str, int] = {}
    initiatives = []
    for line, row in enumerate(rows, start=2):
        try:
            ini = _row({k.strip().lower(): (v or "").strip() for k, v in row.items() if k}, at)
        except InputError as error:
            raise InputError(f"line {line}: {error}") from None
        if ini.id in found:
            raise InputError(f"line {line} is line {found[ini.id]} again: give each an id")
        found[ini.id] = line
        initiatives.append(ini)
    return initiatives


def _dialect(text: str) -> type[csv.Dialect]:
    """Comma, or the semicolon that spreadsheets write where the decimal mark is a comma."""
    header = text.split("\n", 1)[0]
    return csv.excel if header.count(",") >= header.count(";") else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _row(cells: dict[str, str], at: datetime) -> Initiative:
    title = clean_line(cells.get("title", ""))
    fields: dict[str, Any] = {}
    for name, parse in _CELLS.items():
        if cells.get(name):
            fields[name] = parse(cells[name])
    status = fields.pop("status", Status.PROPOSED)
    reason = "dropped in the imported sheet" if status is Status.DROPPED else ""
    ini = Initiative(_row_id(cells, title), title, at, at, status=status, reason=reason, **fields)
    return stamped(ini, at, ["title", *fields], at)


def _row_id(cells: dict[str, str], title: str) -> str:
    given = cells.get("id", "")
    try:
        return uuid.UUID(given).hex
    except ValueError:
        return uuid.uuid5(SHEET, given or f"title:{title.casefold()}").hex


def _number(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(f"{what} must be a whole number 1 to 5, not {text!r}") from None


_CELLS: dict[str, Any] = {
    "principle": Principle.parse,
    "owner": lambda v: clean_line(v, "owner"),
    "team": lambda v: clean_line(v, "team"),
    "status": Status.parse,
    "value": lambda v: score(_number(v, "value"), "value"),
    "effort": lambda v: score(_number(v, "effort"), "effort"),
    "tags": lambda v: clean_tags(v.replace(",", " ").replace(";", " ").replace("#", "").split()),
}


def csv_leftovers(raw: bytes) -> dict[str, int]:
    """The sheet's columns with no home here, each with how many rows filled it."""
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig", "replace"))))
    counts: dict[str, int] = {}
    for row in rows:
        for name, value in row.items():
            if name and name.strip().lower() not in SHEET_COLUMNS and (value or "").strip():
                counts[name.strip()] = counts.get(name.strip(), 0) + 1
    return dict(sorted(counts.items()))
