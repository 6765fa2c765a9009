"""The one rule for text that reaches a terminal: which characters user text may not hold.

Every text the register stores passes it: what the command line reads, what an import
or a merge brings in, the writer's name. Nothing refused here can move a terminal's
cursor, retitle its window or reorder what is drawn.
"""

from __future__ import annotations

import unicodedata

#: Unicode categories refused: controls, format characters, line and paragraph separators.
REFUSED = frozenset({"Cc", "Cf", "Zl", "Zp"})


def first_unsafe(text: str, allowed: str = "") -> str | None:
    """The first character of `text` the rule refuses (those in `allowed` excepted), or None.

    Printable text (the common case) is answered by `str.isprintable`, in C."""
    if text.isprintable():
        return None
    for char in text:
        if char not in allowed and unicodedata.category(char) in REFUSED:
            return char
    return None
