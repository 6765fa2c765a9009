"""`improve import FILE --format taskwarrior|csv [--dry-run]`: work kept in another tool.

Kept apart from `cli.py`, which dispatches here for every format but its own export.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from improve.domain.errors import InputError
from improve.domain.model import Initiative
from improve.store.storage import StoreError
from improve.team import importers, sheets

if TYPE_CHECKING:
    from improve.cli.base import Context

FORMATS = ("taskwarrior", "csv")


def import_other(context: Context, file: Path, format_: str, dry_run: bool) -> None:
    """Read the file, bring its initiatives in (or say what would change), and count."""
    if format_ not in FORMATS:
        raise InputError(f"unknown import format {format_!r}: use improve, taskwarrior or csv")
    incoming, leftovers = _parse(context, file, format_)
    report = click.echo if dry_run else None
    result = context.register.import_initiatives(incoming, dry_run=dry_run, on_change=report)
    verb = "would import" if dry_run else "imported"
    click.echo(
        f"{verb}: {result.added} added, {result.updated} updated, {result.unchanged} unchanged"
    )
    if leftovers:
        shown = ", ".join(f"{name} ({_rows(n, format_)})" for name, n in leftovers.items())
        click.echo(f"no home here for: {shown}")


def _rows(n: int, format_: str) -> str:
    noun = "task" if format_ == "taskwarrior" else "row"
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _parse(context: Context, file: Path, format_: str) -> tuple[list[Initiative], dict[str, int]]:
    try:
        raw = file.read_bytes()
        saved = datetime.fromtimestamp(file.stat().st_mtime, context.clock.now().tzinfo)
    except OSError as error:
        raise StoreError(file, f"cannot read ({error.strerror})") from None
    try:
        if format_ == "taskwarrior":
            return importers.parse_taskwarrior(raw), importers.taskwarrior_leftovers(raw)
        when = min(saved, context.clock.now())
        return sheets.parse_csv(raw, when), sheets.csv_leftovers(raw)
    except InputError as error:
        raise InputError(f"{file}: {error}") from None
