"""The demo's retro Markdown renders well through pandoc (skipped when pandoc is absent)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from html import escape

import pytest

from improve.demo.story import build_demo
from improve.domain.period import Period
from improve.domain.retro import build_retro
from improve.export import markdown
from tests.retro_history import SPRINT, TODAY
from tests.test_retro_export import SHOWN, hostile_history

PANDOC = shutil.which("pandoc")
pytestmark = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")
DAY = date(2026, 11, 23)


def pandoc(text: str, reader: str) -> str:
    assert PANDOC is not None
    done = subprocess.run(
        [PANDOC, "-f", reader, "-t", "html"],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stderr == ""
    return done.stdout


@pytest.mark.parametrize("reader", ["gfm", "markdown"])
def test_demo_retro_renders_every_table_and_heading(reader: str) -> None:
    retro = build_retro(build_demo(DAY), Period.last("quarter", DAY), today=DAY)
    text = markdown.render(retro)
    page = pandoc(text, reader)
    tables = sum(1 for line in text.splitlines() if line.startswith("|---"))
    assert tables >= 9
    assert page.count("<table") == tables
    assert page.count("<h2") == text.count("\n## ")
    assert "<script" not in page
    for entry in retro.entries[:5]:
        assert f"<td>{escape(entry.title, quote=False)}</td>" in page


@pytest.mark.parametrize("reader", ["gfm", "markdown"])
def test_hostile_titles_stay_literal_in_pandoc(reader: str) -> None:
    page = pandoc(markdown.render(build_retro(hostile_history(), SPRINT, today=TODAY)), reader)
    assert "<script" not in page
    for title in SHOWN.values():
        assert f"<td>{escape(title, quote=False)}</td>" in page
