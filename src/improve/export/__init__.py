"""Writers of a retrospective: Markdown (the reference), HTML, CSV and JSON.

The writers turn a `Retro` into text; `write` puts that text in a file, refusing to
overwrite one unless told to, so that the command line and the app share one safe path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from improve.domain.errors import InputError
from improve.domain.retro_model import Retro
from improve.export import csv, html, json, markdown
from improve.store.outfile import write_new

FORMATS = ("md", "html", "csv", "json")
SUFFIXES = {"md": ".md", "html": ".html", "csv": ".csv", "json": ".json"}


def render(retro: Retro, fmt: str, *, bom: bool = False) -> str:
    """The retro in one of `FORMATS`; `bom` only changes CSV."""
    if fmt == "md":
        return markdown.render(retro)
    if fmt == "html":
        return html.render(retro)
    if fmt == "csv":
        return csv.render(retro, bom=bom)
    if fmt == "json":
        return json.render(retro)
    raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def write(
    path: Path,
    text: str,
    *,
    force: bool = False,
    protected: Callable[[Path], bool] = lambda _path: False,
) -> Path:
    """Write the text whole or not at all; an existing file is kept unless `force`, and
    one that is `protected` (the store's own files, the config) always."""
    return write_new(path, [text.encode("utf-8")], force=force, protected=protected)
