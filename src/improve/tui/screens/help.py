"""Help: the keys of the screen that asked, then the principles and steps, on one page.

The keys come from the opener's own bindings (after the user's keymap), so the page
never lists a key that does something else.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from improve.domain.model import Principle, Step
from improve.tui.screens.forms import ModalBase


def key_rows(bindings: Iterable[Binding], display: dict[str, str]) -> list[tuple[str, str]]:
    """(key as shown, what it does), once per action, in the order the screen declares them."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for binding in bindings:
        if not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        rows.append((display.get(binding.key, binding.key), binding.description))
    return rows


def _grid(*widths: int | None) -> Table:
    """Fixed columns keep their width; the others share what is left."""
    table = Table.grid(padding=(0, 2), expand=True)
    for width in widths:
        table.add_column(width=width, no_wrap=width is not None, ratio=None if width else 1)
    return table


def keys_table(rows: list[tuple[str, str]], columns: int = 2) -> Table:
    """Keys in a few columns, filled down first, so a long list still fits one screen."""
    table = _grid(*[7, None] * columns)
    height = -(-len(rows) // columns)
    for r in range(height):
        cells: list[Text] = []
        for c in range(columns):
            index = c * height + r
            key, description = rows[index] if index < len(rows) else ("", "")
            cells += [Text(key, style="bold"), Text(description)]
        table.add_row(*cells)
    return table


def principles_text() -> Text:
    """Each label with the key capture takes (`#automate`), its question under it."""
    return Text("\n").join(
        Text.assemble(
            (principle.label, "bold"),
            ("  #" + principle.value, "italic"),
            "\n    ",
            principle.question,
        )
        for principle in Principle
    )


def steps_table() -> Table:
    table = _grid(2, 9, None)
    for step in Step:
        table.add_row(Text(str(step.number)), Text(step.value, style="bold"), Text(step.question))
    return table


class HelpScreen(ModalBase[None]):
    """Every key of the opener, and the vocabulary of ITIL 4 continual improvement."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "cancel", "Close", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen .modal-box { width: 100; height: 100%; }
    HelpScreen VerticalScroll { height: 1fr; }
    HelpScreen .help-heading { text-style: bold; color: $text-accent; margin-top: 1; }
    """

    def __init__(self, opener: str, bindings: Iterable[Binding]) -> None:
        super().__init__()
        self.opener = opener
        self.bindings = list(bindings)

    def compose(self) -> ComposeResult:
        rows = key_rows(self.bindings, self._display())
        with VerticalScroll(classes="modal-box", id="help-page"):
            yield Label(Text(f"Help · {self.opener}"), classes="modal-title")
            yield Static(Text("Keys", style="bold"), classes="help-heading")
            yield Static(keys_table(rows), id="help-keys")
            yield Static(Text("The seven guiding principles"), classes="help-heading")
            yield Static(principles_text(), id="help-principles")
            yield Static(Text("The continual improvement model"), classes="help-heading")
            yield Static(steps_table(), id="help-steps")
            yield Label(Text("escape or ? close · ↑↓ scroll"), classes="modal-keys")

    def _display(self) -> dict[str, str]:
        return {b.key: self.app.get_key_display(b) for b in self.bindings}


def help_for(screen: Screen[Any], opener: str) -> HelpScreen:
    """Help for a screen: every key active on it now, those the footer hides as well."""
    bindings = screen.active_bindings.values()
    shown = [active.binding for active in bindings if active.binding.description]
    return HelpScreen(opener, shown)
