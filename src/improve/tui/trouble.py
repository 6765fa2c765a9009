"""A store that cannot be read or written, said by the app instead of falling over.

Another process can break the store under an open screen at any moment (a `git pull`
with a conflict, a half-copied file). Every read and write the screens make goes
through `StoreError`, and these helpers turn it into words: a toast for a screen, an
inline line for a dialog (which stays open with what was typed, for `enter` to retry).
"""

from __future__ import annotations

from textual.widget import Widget

from improve.domain.errors import InputError
from improve.errors import StoreError


def unreadable(error: BaseException) -> str:
    said = error.in_app if isinstance(error, InputError) else str(error)
    return f"Cannot read the store: {said}"


def unwritable(error: StoreError) -> str:
    """For a dialog's error line: what went wrong, and that nothing typed is lost."""
    return (
        f"Cannot write: the store cannot be read ({error}). "
        "What you typed is kept: press enter again once the file is fixed."
    )


def say(node: Widget, error: BaseException) -> None:
    """A toast on whatever screen is open; the app stays up and polls the file."""
    node.notify(unreadable(error), severity="error", timeout=10, markup=False)
