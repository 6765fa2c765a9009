"""Small modals: a base with an inline error line, and a form of a few one-line fields.

A form does not write: it hands what was typed to a `submit` function that calls the
service. An `InputError` from it is shown under the fields and the form stays open, so
the user fixes the one thing that is wrong instead of typing everything again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from improve.domain.errors import InputError
from improve.errors import StoreError
from improve.tui.trouble import unwritable

ResultT = TypeVar("ResultT")


class ModalBase(ModalScreen[ResultT]):
    """A centred box that `escape` closes with no result; `show_error` writes its error line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="modal.cancel"),
        Binding("q", "cancel", "Cancel", id="modal.leave", show=False),
    ]

    DEFAULT_CSS = """
    ModalBase { align: center middle; }
    ModalBase .modal-box {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $border; background: $surface; padding: 0 1;
    }
    ModalBase .modal-title { text-style: bold; width: 100%; margin-bottom: 1; }
    ModalBase .modal-error { color: $text-error; height: auto; margin-bottom: 1; }
    ModalBase .modal-keys { width: 100%; content-align: right middle; color: $text-muted; }
    ModalBase .field-row { height: 1; margin-bottom: 1; }
    ModalBase .field-label { color: $text-muted; width: 12; }
    ModalBase .field-row Input { width: 1fr; background: $boost; }
    ModalBase .field-row Input:focus { background: $primary 20%; color: $text; }
    ModalBase .form-intro { margin-bottom: 1; }
    ModalBase .dense .field-row { margin-bottom: 0; }
    """

    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_error(self, message: str) -> None:
        """An empty message clears the line."""
        line = self.query_one("#modal-error", Static)
        line.update(Text(f"✗ {message}" if message else ""))
        line.display = bool(message)


@dataclass(frozen=True)
class Field:
    """One line to fill in: its name in the result, its label, what it starts with."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""


Values = dict[str, str]
#: Forms with more fields than this drop the blank line between fields.
DENSE_AFTER = 6


class FormScreen(ModalBase[Values | None]):
    """A few fields; `enter` in any of them submits, `tab` moves between them.

    `submit` receives the values and calls the service; when it returns, the form closes
    with the values; when it raises `InputError`, the message is shown and the form stays.
    """

    AUTO_FOCUS = "Input"

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        submit: Callable[[Values], object],
        *,
        intro: Text | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.form_title = title
        self.fields = tuple(fields)
        self.submit = submit
        self.intro = intro

    def compose(self) -> ComposeResult:
        # a long form (edit) packs its rows so that it fits 80x24 without scrolling
        dense = " dense" if len(self.fields) > DENSE_AFTER else ""
        with VerticalScroll(classes=f"modal-box{dense}"):
            yield Label(Text(self.form_title), classes="modal-title")
            if self.intro is not None:
                yield Static(self.intro, classes="form-intro")
            yield Static(id="modal-error", classes="modal-error")
            for field in self.fields:
                with Horizontal(classes="field-row"):
                    yield Label(Text(field.label), classes="field-label")
                    yield Input(
                        field.value,
                        placeholder=field.placeholder,
                        id=f"field-{field.name}",
                        select_on_focus=False,
                        compact=True,
                    )
            yield Label(
                Text("enter save · tab next field · escape cancel"),
                classes="modal-keys",
            )

    def on_mount(self) -> None:
        self.show_error("")

    def values(self) -> Values:
        return {f.name: self.query_one(f"#field-{f.name}", Input).value for f in self.fields}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        values = self.values()
        try:
            self.submit(values)
        except InputError as error:
            self.show_error(error.in_app)
            return
        except StoreError as error:
            self.show_error(unwritable(error))
            return
        self.dismiss(values)
