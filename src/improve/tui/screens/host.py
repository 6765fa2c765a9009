"""What the screens need from the app they run in, as a protocol.

Screens read and write through `host(self).register`; typing the app as this protocol
keeps mypy strict without importing `app.py` (which imports the screens).
"""

from __future__ import annotations

from typing import Protocol, cast

from textual.dom import DOMNode

from improve.clock import Clock
from improve.config import Config
from improve.service import Register


class Host(Protocol):
    """The attributes `ImproveApp` gives its screens."""

    register: Register
    clock: Clock
    config: Config

    def keys(self) -> dict[str, str]:
        """Initiative id to short display key."""
        ...


def host(node: DOMNode) -> Host:
    """The running app, seen through the protocol."""
    return cast(Host, node.app)
