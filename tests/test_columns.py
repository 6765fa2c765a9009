"""Wide characters keep columns aligned, and `improve list` fits the terminal's width."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from improve.cli.base import fit_width
from improve.service import Register
from improve.text.cells import cells, fit
from improve.text.table import MIN_TITLE, register_table
from tests.conftest import NOW, Cli

#: Pieces people type, each drawn as one unit: ASCII, accents, CJK, emoji sequences.
PIECES = [
    "a", "Z", " ", "-", "café", "e\u0301", "改善", "日本語", "한국", "🚀", "👍🏽", "🇩🇪", "❤️",
    "1️⃣", "👩‍💻", "👨‍👩‍👧‍👦", "✔", "…", "Ünï",
]  # fmt: skip
TITLES = [
    "Ship 👍🏽 flag 🇩🇪 and ❤️ café",
    "Dev 👩‍💻 corner",
    "改善のための小さな一歩を毎日続ける",
    "plain title",
]


@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_cells_agree_with_the_app(pieces: list[str]) -> None:
    """The CLI measures as the app (Rich) does, without loading Rich."""
    text = "".join(pieces)
    assert cells(text) == cell_len(text)


@given(st.lists(st.sampled_from(PIECES), max_size=30), st.integers(1, 60))
def test_fit_gives_exactly_the_cells_asked(pieces: list[str], width: int) -> None:
    text = "".join(pieces)
    fitted = fit(text, width)
    assert cell_len(fitted) == width
    kept = fitted.rstrip(" ").removesuffix("…")
    assert text.startswith(kept)  # cut between pieces, never inside an emoji sequence


def _starts(line: str, words: list[str]) -> list[int]:
    return [cells(line[: line.index(word)]) for word in words]


@pytest.fixture
def wide_register(register: Register) -> Register:
    for n, title in enumerate(TITLES):
        ini = register.add(title, owner="李" if n else "sam", value=5 - n)
        register.add_iteration(ini.id, "first step", (NOW + timedelta(days=n)).date())
    return register


@pytest.mark.parametrize("width", [None, 120, 80, 60, 50])
def test_wide_titles_keep_every_column_in_line(wide_register: Register, width: int | None) -> None:
    found = wide_register.initiatives()
    table = register_table(found, wide_register.keys(), NOW, width).splitlines()
    rows = table[1:-1]
    assert len(rows) == len(TITLES)
    columns = _starts(table[0], ["status", " due"])
    for row in rows:
        assert _starts(row, ["proposed", f" {NOW.year}-"]) == columns
        if width is not None:
            assert cells(row) <= width
    if width is None:
        assert all(any(title in row for row in rows) for title in TITLES)


def test_at_eighty_columns_the_title_is_cut_first(wide_register: Register) -> None:
    table = register_table(wide_register.initiatives(), wide_register.keys(), NOW, 80)
    head = table.splitlines()[0]
    assert "owner" in head
    assert "principle" not in head  # the first to give way once the title is at its least
    title_cells = cells(head[: head.index("step")]) - cells(head[: head.index("title")]) - 1
    assert title_cells >= MIN_TITLE
    wider = register_table(wide_register.initiatives(), wide_register.keys(), NOW, 160)
    assert "principle" in wider.splitlines()[0]


def test_piped_or_wide_lists_keep_every_title_whole(cli: Cli) -> None:
    long = "A title long enough to be cut in any terminal of eighty columns, but whole"
    cli("add", long)
    assert long in cli("list").out  # CliRunner's stdout is not a terminal
    assert long in cli("list", "--wide").out
    assert fit_width() is None
    assert json.loads(cli("list", "--json").out)[0]["title"] == long
    usage = " ".join(cli("list", "--help").out.split())
    assert "fits its width (the title is cut first)" in usage
