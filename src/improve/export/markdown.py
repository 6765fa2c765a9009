"""The retrospective as Markdown: the reference form, pasted straight into a wiki.

User text is escaped so that it shows literally in any CommonMark or GFM renderer (and
pandoc): a `|` cannot split a table cell, a backtick cannot open code, `[x](y)` is not
a link, `<script>` is not HTML, and a newline cannot end a table row.
"""

from __future__ import annotations

import re

from improve.domain.retro_model import Retro
from improve.export.report import Item, Section, Table, sections, subtitle, title

#: Inline punctuation that CommonMark, GFM or pandoc could read as markup.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&$^@])")
#: What would start a heading, quote, list or rule at the beginning of a line.
_LINE_START = re.compile(r"^(\s*)(\d*)([#>+=.)-])")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def inline(text: str) -> str:
    """User text inside a line: shown as it was typed."""
    return _INLINE.sub(r"\\\1", text)


def line(text: str) -> str:
    """User text that starts a line, where `# `, `> ` or `1. ` would start a block."""
    return _LINE_START.sub(r"\1\2\\\3", inline(text))


def cell(text: str) -> str:
    """A table cell stays on one row: newlines become spaces."""
    return inline(" ".join(_NEWLINES.sub(" ", text).split()))


def table(t: Table, limit: int | None = None) -> list[str]:
    """A GFM table; `limit` keeps a preview light, saying how many rows it left out."""
    align = ["---:" if i in t.numeric else "---" for i in range(len(t.headers))]
    lines = ["| " + " | ".join(cell(h) for h in t.headers) + " |", "|" + "|".join(align) + "|"]
    shown = t.rows if limit is None else t.rows[:limit]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in shown]
    if len(shown) < len(t.rows):
        lines += ["", f"_… and {len(t.rows) - len(shown)} more: export the retro to see them all._"]
    return lines


def item(entry: Item) -> str:
    """A lesson: lines kept apart by hard breaks, indented to stay in the list item."""
    lines = [line(part.strip()) for part in _NEWLINES.split(entry.text) if part.strip()]
    body = "\\\n  ".join(lines)
    return f"- **{cell(entry.lead)}**: {body}" if entry.lead else f"- {body}"


def section(s: Section, limit: int | None = None) -> list[str]:
    lines = [f"## {s.title}", ""]
    if s.text:
        lines += [line(s.text), ""]
    if s.blank:
        return [*lines, f"_{s.empty}_", ""]
    if s.table is not None:
        lines += [*table(s.table, limit), ""]
    if s.items:
        items = s.items if limit is None else s.items[:limit]
        lines += [*(item(i) for i in items), ""]
    return lines


def render(retro: Retro, *, limit: int | None = None) -> str:
    """The whole retro; `limit` caps each table and list, for the app's live preview."""
    lines = [f"# {cell(title(retro))}", "", line(subtitle(retro)), ""]
    for s in sections(retro):
        lines += section(s, limit)
    return "\n".join(lines).rstrip("\n") + "\n"
