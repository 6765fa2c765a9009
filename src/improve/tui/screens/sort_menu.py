"""The register's orders as a short menu (`o`): any order in one choice, not a cycle.

It returns the chosen `Order`; the register sorts. `O` on the register (or the menu's
last line) reverses whatever order is on.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from improve.tui.screens.forms import ModalBase
from improve.tui.widgets.register_orders import Order, orders

REVERSE = "reverse"


class SortMenu(ModalBase[Order | None]):
    """The orders, the current one under the cursor; enter sorts, escape leaves it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "cancel", "Close", id="sort.close", show=False),
    ]

    DEFAULT_CSS = """
    SortMenu .modal-box { width: 40; }
    SortMenu OptionList, SortMenu OptionList:focus {
        height: auto; max-height: 16; border: none; padding: 0; background: $surface;
    }
    """

    def __init__(self, column: str | None, reverse: bool) -> None:
        super().__init__(id="sort-menu")
        self.column = column
        self.reverse = reverse
        self.choices = orders()

    def compose(self) -> ComposeResult:
        shown = [Option(Text(o.label), id=str(n)) for n, o in enumerate(self.choices)]
        shown.append(Option(Text("reverse the order (O)"), id=REVERSE))
        with Vertical(classes="modal-box"):
            yield Label(Text("Sort the register"), classes="modal-title")
            yield Static(id="modal-error", classes="modal-error")
            yield OptionList(*shown, id="sort-orders")
            yield Label(Text("enter sorts · escape leaves it"), classes="modal-keys")

    def on_mount(self) -> None:
        self.show_error("")
        listed = self.query_one(OptionList)
        now = [n for n, o in enumerate(self.choices) if o.column == self.column]
        listed.highlighted = now[0] if now else 0
        listed.focus()

    @on(OptionList.OptionSelected, "#sort-orders")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id
        if chosen == REVERSE:
            self.dismiss(Order("reversed", self.column, not self.reverse))
        elif chosen is not None:
            self.dismiss(self.choices[int(chosen)])
