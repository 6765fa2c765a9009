"""The one rule for text that reaches a terminal: which characters user text may not hold.

Every text the register stores passes it: what the command line reads, what an import
or a merge brings in, the writer's name. Text is refused only for what can break a
terminal or deceive its reader: C0 and C1 controls (they move the cursor, retitle the
window, ring the bell) and the bidi overrides and isolates (they reorder what is drawn,
so a title can read differently from what it holds). Everything else people type is
text: emoji with zero-width joiners, variation selectors, skin tones, flags, accents,
any script, and characters newer than this Python's Unicode tables.
"""

from __future__ import annotations

import unicodedata

#: Bidi embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def refused(char: str) -> bool:
    """C0/C1 controls, DEL, bidi overrides and isolates, and lone surrogates (not text)."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or char in BIDI_CONTROLS or 0xD800 <= code < 0xE000


def first_unsafe(text: str, allowed: str = "") -> str | None:
    """The first character of `text` the rule refuses (those in `allowed` excepted), or None."""
    found = unsafe_at(text, allowed)
    return found[1] if found else None


def unsafe_at(text: str, allowed: str = "") -> tuple[int, str] | None:
    """Where the first refused character is (0-based) and which; printable text (the common
    case) is answered by `str.isprintable`, in C."""
    if text.isprintable():
        return None
    for index, char in enumerate(text):
        if char not in allowed and refused(char):
            return index, char
    return None


def char_name(char: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`; controls have no Unicode name, so say what they are."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    if name:
        return f"{code} {name}"
    return f"{code} (a control character)" if unicodedata.category(char) == "Cc" else code


def problem(text: str, what: str, allowed: str = "") -> str | None:
    """The one-line refusal naming the character and where it is, or None when the text passes."""
    found = unsafe_at(text, allowed)
    if found is None:
        return None
    index, char = found
    before = text[max(0, index - 12) : index]
    after = f" after {before!r}" if before else " at the start"
    kind = "reorders what a terminal shows" if char in BIDI_CONTROLS else "can break a terminal"
    return f"{what} has {char_name(char)} at character {index + 1}{after}: remove it ({kind})"
