"""Text measured in terminal cells, as the app measures it, without loading Rich.

`improve list` pads and cuts columns; a code point count would push every column after
an emoji or a CJK title out of line. The rules follow the app's (Rich's) so the CLI and
the app agree: East Asian wide characters take two cells; marks, joiners and skin-tone
modifiers none; a zero-width joiner draws the next character into the same cells (👩‍💻);
U+FE0F turns an emoji that is narrow by default into a wide one (❤️, 1️⃣).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ZWJ, VS16 = "\u200d", "\ufe0f"
SKIN_TONES = range(0x1F3FB, 0x1F400)
FLAG_LETTERS = frozenset(chr(code) for code in range(0x1F1E6, 0x1F200))
#: The emoji that take two cells when followed by U+FE0F (Unicode emoji-variation-sequences).
NARROW_TO_WIDE = frozenset(
    "#*0123456789©®‼⁉™ℹ↔↕↖↗↘↙↩↪⌨⏏⏭⏮⏯⏱⏲⏸⏹⏺Ⓜ▪▫▶◀◻◼☀☁☂☃☄☎☑☘☝☠☢☣☦☪☮☯☸☹☺♀♂♟♠♣♥♦♨♻♾⚒⚔⚕⚖⚗⚙⚛⚜"
    "⚠⚧⚰⚱⛈⛏⛑⛓⛩⛰⛱⛴⛷⛸⛹✂✈✉✌✍✏✒✔✖✝✡✳✴❄❇❣❤➡⤴⤵⬅⬆⬇🅰🅱🅾🅿🌡🌤🌥🌦🌧🌨🌩🌪🌫🌬🌶🍽🎖🎗🎙🎚🎛🎞🎟🏋🏌🏍🏎🏔🏕🏖🏗🏘🏙🏚🏛🏜🏝🏞🏟🏳🏵🏷"
    "🐿👁📽🕉🕊🕯🕰🕳🕴🕵🕶🕷🕸🕹🖇🖊🖋🖌🖍🖐🖥🖨🖱🖲🖼🗂🗃🗄🗑🗒🗓🗜🗝🗞🗡🗣🗨🗯🗳🗺🛋🛍🛎🛏🛠🛡🛢🛣🛤🛥🛩🛰🛳"
)


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    """One code point alone: 0, 1 or 2 cells."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0 or code in SKIN_TONES:
        return 0
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """The cells a text takes in a terminal; ASCII (most titles) is just its length, and
    the short cells a table repeats (step dots, bars, owners) are remembered."""
    if text.isascii():
        return len(text)
    return _short_cells(text) if len(text) <= SHORT else _measure(text)


SHORT = 24


@lru_cache(maxsize=4096)
def _short_cells(text: str) -> int:
    return _measure(text)


def _measure(text: str) -> int:
    return sum(width for _, width in _clusters(text))


def _clusters(text: str) -> list[tuple[str, int]]:
    """The text as drawn pieces with their widths: a joined or selected emoji is one piece."""
    pieces: list[tuple[str, int]] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == ZWJ and pieces:
            joined = text[index : index + 2]
            pieces[-1] = (pieces[-1][0] + joined, pieces[-1][1])
            index += 2
            continue
        width = char_cells(char)
        if pieces and char in FLAG_LETTERS and _lone_flag_letter(pieces[-1][0]):
            pieces[-1] = (pieces[-1][0] + char, 2)  # two regional indicators are one flag
        elif pieces and (width == 0 or char == VS16):
            head, wide = pieces[-1]
            grows = char == VS16 and wide == 1 and head[-1] in NARROW_TO_WIDE
            pieces[-1] = (head + char, 2 if grows else wide)
        else:
            pieces.append((char, width))
        index += 1
    return pieces


def _lone_flag_letter(piece: str) -> bool:
    return len(piece) == 1 and piece in FLAG_LETTERS


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: padded with spaces, or cut with an ellipsis between pieces
    (never inside an emoji sequence)."""
    if width <= 0:
        return ""
    if text.isascii():
        return f"{text[: width - 1]}…" if len(text) > width else text.ljust(width)
    used = cells(text)
    if used <= width:
        return text + " " * (width - used)
    kept, used = [], 0
    for piece, piece_width in _clusters(text):
        if used + piece_width > width - 1:
            break
        kept.append(piece)
        used += piece_width
    return "".join(kept) + "…" + " " * (width - 1 - used)
