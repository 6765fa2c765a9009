"""The pieces of the retrospective's neutral document: sections of text, lists and tables."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Item:
    """A list entry: a short lead (the initiative) and free text that may span lines."""

    lead: str
    text: str


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    text: str = ""
    table: Table | None = None
    items: tuple[Item, ...] = ()
    empty: str = "Nothing in this period."

    @property
    def blank(self) -> bool:
        return not self.items and (self.table is None or not self.table.rows)
