"""What the screens need from the app they run in, as a protocol.

Screens read and write through `host(self).register`; typing the app as this protocol
keeps mypy strict without importing `app.py` (which imports the screens), so the
package has no import circle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from textual.dom import DOMNode

from improve.clock import Clock
from improve.config import Config
from improve.service import Register

if TYPE_CHECKING:
    from improve.tui.widgets.register_rows import Query, Row


class Host(Protocol):
    """The attributes `ImproveApp` gives its screens."""

    register: Register
    clock: Clock
    config: Config

    def keys(self) -> dict[str, str]:
        """Initiative id to short display key."""
        ...

    def loaded(self, keys: dict[str, str] | None, signature: object) -> None:
        """The register read the store (or failed to: no keys)."""
        ...

    def rows(self) -> list[Row]:
        """The register's rows as last read."""
        ...

    def sort_register(self, column: str | None, reverse: bool = False) -> None:
        """Sort by a column's name (or `created`), or value first with None."""
        ...

    def reverse_register(self) -> None:
        """Reverse the register's order."""
        ...

    def filter_register(self, query: Query) -> None:
        """Show the register narrowed by a query."""
        ...

    def jump_to(self, initiative_id: str) -> None:
        """Open one initiative."""
        ...


def host(node: DOMNode) -> Host:
    """The running app, seen through the protocol."""
    return cast(Host, node.app)
