"""Text as people type it: emoji, joiners, selectors and flags are text; only what can
break a terminal or deceive its reader is refused, saying which character and where."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improve.domain import text_rule
from improve.domain.errors import InputError
from improve.domain.register import TEXT_MAX, TITLE_MAX, clean_line, clean_text
from improve.tui.widgets.register_rows import printable
from tests.conftest import Cli

PEOPLE_TYPE = [
    "Dev 👩‍💻 corner",  # a zero-width joiner sequence
    "Ship 👍🏽 flag 🇩🇪 and ❤️ café",  # skin tone, a flag, a variation selector, an accent
    "Keycap 1️⃣ and 👨‍👩‍👧‍👦",
    "日本語のタイトル",
    "שלום עולם and مرحبا",  # right-to-left scripts are text; only the overrides are refused
    "e\u0301 combining, soft\u00adhyphen, zero\u200bwidth",
]


@pytest.mark.parametrize("title", PEOPLE_TYPE)
def test_what_people_type_is_kept_as_typed(cli: Cli, title: str) -> None:
    result = cli("add", title)
    assert result.code == 0, result.err
    (row,) = json.loads(cli("list", "--json").out)
    assert row["title"] == title
    assert printable(title) == title


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("bell\x07", "title has U+0007 (a control character) at character 5 after 'bell'"),
        ("\x1b[31mred", "title has U+001B (a control character) at character 1 at the start"),
        ("csi\x9b", "title has U+009B (a control character) at character 4 after 'csi'"),
        ("evil\u202etxt.exe", "title has U+202E RIGHT-TO-LEFT OVERRIDE at character 5"),
        ("iso\u2066late", "title has U+2066 LEFT-TO-RIGHT ISOLATE at character 4"),
        ("line\nbreak", "title has U+000A (a control character) at character 5"),
    ],
)
def test_what_breaks_or_deceives_a_terminal_is_refused_by_name(
    cli: Cli, text: str, said: str
) -> None:
    result = cli("add", text)
    assert result.code == 2
    assert result.err.startswith(f"improve: {said}")
    assert result.err.count("\n") == 1


refusable = st.sampled_from(
    ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", *"\u202a\u202e\u2066\u2069"]
)
text_chars = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(chr(c) for c in range(0x20))
    + "".join(chr(c) for c in range(0x7F, 0xA0))
    + "".join(text_rule.BIDI_CONTROLS),
)


@given(st.text(text_chars, max_size=60))
def test_any_text_without_a_refused_character_is_kept(text: str) -> None:
    assert clean_text(text, allow_empty=True) == text.strip()
    assert text_rule.first_unsafe(text) is None


@given(st.text(text_chars, max_size=30), refusable, st.text(text_chars, max_size=30))
def test_a_refused_character_is_named_where_it_is(head: str, bad: str, tail: str) -> None:
    text = "x" + head + bad + tail + "x"
    with pytest.raises(InputError) as caught:
        clean_line(text, "title")
    said = str(caught.value)
    assert f"U+{ord(bad):04X}" in said
    assert f"at character {len(head) + 2}" in said
    assert "\n" not in said


def test_notes_keep_newlines_and_tabs_but_not_other_controls() -> None:
    assert clean_text("line one\n\tline two") == "line one\n\tline two"
    with pytest.raises(InputError, match="U\\+000D"):
        clean_text("dos\r\nline")


# --- limits say where they are -----------------------------------------------------------


def test_the_title_limit_is_in_add_help_and_holds(cli: Cli) -> None:
    usage = " ".join(cli("add", "--help").out.split())
    assert f"at most {TITLE_MAX} characters" in usage
    assert cli("add", "x" * TITLE_MAX).code == 0
    long = cli("add", "x" * (TITLE_MAX + 1))
    assert long.code == 2
    assert f"title too long ({TITLE_MAX + 1} characters; at most {TITLE_MAX})" in long.err


def test_a_five_thousand_character_vision_is_refused_saying_the_limit(cli: Cli) -> None:
    page = ("Our users notice faster fixes. " * 170)[:5000]
    refused = cli("add", "Faster fixes", "--vision", page)
    assert refused.code == 2
    assert "vision too long (5,000 characters; at most 2,000)" in refused.err
    assert "at most 2,000 characters" in " ".join(cli("edit", "--help").out.split())
    key = cli.key("add", "Faster fixes", "--vision", page[:TEXT_MAX])
    assert cli("edit", key, "--vision", page).code == 2
    assert cli("edit", key, "--vision", "shorter").code == 0
    history = json.loads(cli("show", key, "--json").out)["history"]
    copied = sum(len(str(h["old"] or "")) + len(str(h["new"] or "")) for h in history)
    assert copied <= 2 * TEXT_MAX + 100
