"""Errors about files: kept apart from `storage` so the command line can name them cheaply."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The store could not be used. Exit code 1; the message names the file."""

    def __init__(
        self, path: Path, problem: str, backup: Path | None = None, *, damaged: bool = False
    ) -> None:
        self.path = path
        self.problem = problem
        self.backup = backup
        text = f"{path}: {problem}"
        if damaged:
            text += f"; newest backup: {backup}" if backup else "; no backup found"
            text += " (run `improve doctor` to inspect or restore)"
        super().__init__(text)
