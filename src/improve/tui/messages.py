"""Messages the app's widgets and screens send each other, as small dataclasses.

Widgets never write: they post one of these, and the screen or the app calls the
`Register` (the only writer) and reloads.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class InitiativeChanged(Message):
    """Something wrote to this initiative: reload, and put the cursor back on it."""

    initiative_id: str


@dataclass
class InitiativeChosen(Message):
    """The user asked to open an initiative (enter, or a click on its row)."""

    initiative_id: str


@dataclass
class SortRequested(Message):
    """A click on a column heading: sort by it, or reverse it if it is the sort already."""

    column: str


@dataclass
class StoreReloaded(Message):
    """The store changed on disk (another process, or a write of ours) and was read again."""


@dataclass
class TalkEdited(Message):
    """The team typed in a section of the retro (went well, didn't, try): save it soon."""


@dataclass
class TryChosen(Message):
    """`ctrl+t` (or the button) on a try line of the retro: make it an initiative."""

    line: str


@dataclass
class ThemeChanged(Message):
    """Another theme is on: text built with the last theme's colours is drawn again."""
