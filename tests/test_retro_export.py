"""The retro's writers: hostile user text stays text in every format."""

from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from improve import export
from improve.domain.errors import InputError
from improve.domain.model import Initiative
from improve.domain.retro import build_retro
from improve.domain.retro_model import Group, Retro
from improve.export import csv as csv_writer
from improve.export import json_load, markdown, report
from improve.export.report import Item
from tests.retro_history import SPRINT, TODAY, history

HOSTILE = {
    "deploy": "a|b",
    "csat": "first line\nsecond | line",
    "tickets": "`code` and ``two`` ticks",
    "runbooks": "[bold]x[/] [link=file:///etc]y[/]",
    "onboarding": "=1+1 <script>alert(1)</script>",
    "logged": "# not a heading *or* _emphasis_ & @cite $x$",
}
LESSON = "<script>x</script> | `y`\n# not a heading\n1. not a list"
SHOWN = {name: " ".join(title.split()) for name, title in HOSTILE.items()}


def hostile_history() -> list[Initiative]:
    found = history()
    for name, title in HOSTILE.items():
        found[name] = replace(found[name], title=title)
    wiki = found["wiki"]
    lesson = replace(wiki.notes[0], text=LESSON)
    found["wiki"] = replace(wiki, notes=(lesson, *wiki.notes[1:]))
    return list(found.values())


@pytest.fixture(scope="module")
def retro() -> Retro:
    return build_retro(hostile_history(), SPRINT, "platform", today=TODAY)


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts, read from the parsed tokens."""
    found: list[list[list[str]]] = []
    in_cell = False
    for token in tokens:
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = token.type.endswith("open")
        elif token.type == "inline" and in_cell:
            found[-1][-1].append("".join(child.content for child in token.children or ()))
    return found


def test_markdown_tables_keep_one_column_per_field(retro: Retro) -> None:
    found = tables(parser().parse(markdown.render(retro)))
    assert len(found) >= 8
    for table in found:
        assert {len(row) for row in table} == {len(table[0])}
    cells = {cell for table in found for row in table for cell in row}
    for title in SHOWN.values():
        assert title in cells


def test_markdown_renders_no_link_html_or_code(retro: Retro) -> None:
    rendered = parser().render(markdown.render(retro))
    assert "<script" not in rendered
    assert "<a " not in rendered
    assert "<code>" not in rendered
    own = {f"<p><em>{s.empty}</em></p>" for s in report.sections(retro) if s.blank}
    assert "<em>" not in functools.reduce(lambda text, note: text.replace(note, ""), own, rendered)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    lesson = "&lt;script&gt;x&lt;/script&gt; | `y`<br />\n# not a heading<br />\n1. not a list"
    assert lesson in rendered


def test_markdown_line_starts_cannot_open_blocks() -> None:
    assert markdown.line("1. x") == "1\\. x"
    assert markdown.line("# x") == "\\# x"
    assert markdown.line("- x") == "\\- x"
    rendered = parser().render(markdown.item(Item("t", "ok\n# heading\n> quote\n1) n")))
    assert "<h1>" not in rendered
    assert "<blockquote>" not in rendered
    assert "<ol" not in rendered
    assert rendered.count("<br />") == 3


def test_markdown_has_every_section_in_order(retro: Retro) -> None:
    text = markdown.render(retro)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Went well",
        "## Didn't go well",
        "## Try next",
        "## Summary",
        "## Finished",
        "## Dropped",
        "## Started",
        "## Outcomes",
        "## Changes and what they moved",
        "## Progress per principle",
        "## Portfolio balance",
        "## By customer journey stage",
        "## For whom, and where",
        "## Iterations",
        "## Small improvements logged",
        "## Lessons learned",
        "## The three C's",
        "## Carries on",
    ]
    assert "| Finished | 3 | 1 | +2 |" in text
    assert "| Iterations done on time | 3 of 5 (60%) | 2 of 3 (67%) | −7 pts |" in text
    assert "125%" in text
    assert "−20%" in text


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_everything_and_has_no_script(retro: Retro) -> None:
    page = export.render(retro, "html")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    seen = Tags()
    seen.feed(page)
    assert "script" not in seen.tags
    assert {"table", "svg", "style", "polyline", "rect"} <= set(seen.tags)
    assert "a" not in seen.tags
    text = "".join(seen.text)
    assert "[bold]x[/] [link=file:///etc]y[/]" in text
    assert "a|b" in text


def test_html_draws_a_chart_per_outcome_and_bars_per_principle(retro: Retro) -> None:
    page = export.render(retro, "html")
    assert page.count('class="chart line"') == len(retro.outcomes) == 4
    assert page.count('class="bar"') == 7
    assert "Content-Security-Policy" in page


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_initiative_and_reads_back(retro: Retro) -> None:
    rows = read_csv(export.render(retro, "csv"))
    assert len(rows) == len(retro.entries)
    assert [r["id"] for r in rows] == [e.id for e in retro.entries]
    titles = {r["title"] for r in rows}
    assert "'=1+1 <script>alert(1)</script>" in titles
    assert HOSTILE["csat"] in titles
    by_title = {r["title"]: r for r in rows}
    assert by_title["a|b"]["progress_pct"] == "100.0"
    assert by_title["a|b"]["group"] == Group.FINISHED.value


def test_no_csv_cell_starts_a_formula(retro: Retro) -> None:
    for row in read_csv(export.render(retro, "csv")):
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            if value.startswith("-"):
                float(value)


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-x", "'-x"), ("@a", "'@a"), ("\tx", "'\tx"),
     (" =x", "' =x"), ("ok", "ok")],
)  # fmt: skip
def test_csv_neutralises_formula_starts(value: str, safe: str) -> None:
    assert csv_writer.safe(value) == safe


def test_csv_bom_is_optional(retro: Retro) -> None:
    plain = export.render(retro, "csv")
    marked = export.render(retro, "csv", bom=True)
    assert not plain.startswith("\ufeff")
    assert marked == "\ufeff" + plain
    decoded = marked.encode("utf-8").decode("utf-8-sig")
    assert read_csv(decoded)[0].keys() == read_csv(plain)[0].keys()


def test_json_round_trips(retro: Retro) -> None:
    document = json.loads(export.render(retro, "json"))
    assert document["format"] == "improve-retro"
    assert json_load.load(document) == retro
    assert document["figures"]["finished"] == 3
    assert document["finished_delta"] == 2
    assert [t["name"] for t in document["trust"]] == ["capability", "commitment", "consistency"]


def test_json_refuses_other_documents() -> None:
    with pytest.raises(ValueError, match="not an improve retro"):
        json_load.load({"format": "improve-export"})


def test_unknown_format_is_bad_input(retro: Retro) -> None:
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        export.render(retro, "pdf")


def test_write_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "retro.md"
    assert export.write(target, "one") == target
    with pytest.raises(InputError, match="exists"):
        export.write(target, "two")
    assert target.read_text() == "one"
    export.write(target, "two", force=True)
    assert target.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["retro.md"]


def test_write_into_a_missing_directory_fails_naming_nothing_half_written(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="No such file"):
        export.write(tmp_path / "missing" / "retro.md", "x")
    with pytest.raises(InputError, match="is a directory"):
        export.write(tmp_path, "x")
