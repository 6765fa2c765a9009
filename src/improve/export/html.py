"""The retrospective as one standalone HTML file: to mail round, open or print.

No scripts and nothing fetched: the styles are inline, the charts inline SVG, and a
Content-Security-Policy forbids scripts outright in case anything slipped through.
Every piece of text, ours or the user's, goes through `html.escape`.
"""

from __future__ import annotations

from html import escape

from improve.domain.retro_model import Entry, Retro
from improve.export import svg
from improve.export.report import Item, Section, Table, sections, subtitle, title
from improve.export.words import amount, outcome_said, percent

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { --ink: #1d2430; --muted: #5b6575; --line: #d8dde5; --accent: #2f6fd6;
  --good: #1f8a4c; --warn: #a65e00; --base: #8a94a6; --zebra: #f5f7fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1080px; margin: 0 auto; padding: 32px 28px 48px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px;
  border-bottom: 2px solid var(--line); }
p { margin: 6px 0 10px; }
.sub, .note, .empty { color: var(--muted); }
.empty { font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px;
  border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
th { background: var(--zebra); font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.key { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; color: var(--muted);
  white-space: nowrap; }
ul.lessons { padding-left: 20px; }
ul.lessons li { margin: 4px 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr));
  gap: 12px; margin-top: 12px; }
figure { margin: 0; padding: 8px; border: 1px solid var(--line); border-radius: 6px; }
figcaption { font-size: 13px; margin-bottom: 4px; }
figcaption .verdict { color: var(--muted); }
svg.chart { display: block; max-width: 100%; height: auto; }
svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
svg text.label { fill: var(--ink); font-size: 12px; }
svg .track { fill: #eef1f5; }
svg .bar { fill: var(--accent); }
svg .series { fill: none; stroke: var(--accent); stroke-width: 2; }
svg .dot { fill: var(--accent); }
svg .baseline { stroke: var(--base); stroke-dasharray: 4 3; }
svg .target { stroke: var(--good); stroke-dasharray: 6 3; stroke-width: 1.5; }
svg text.target-label { fill: var(--good); }
svg .change { stroke: var(--warn); stroke-dasharray: 2 2; stroke-width: 1.2; }
svg text.change-label { fill: var(--warn); font-weight: 600; }
p.warn { color: var(--warn); font-size: 13px; margin: 4px 0 0; }
@media print {
  @page { margin: 14mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def text(value: str) -> str:
    """Escaped, with the user's line breaks kept."""
    return "<br>".join(escape(part) for part in value.splitlines()) or escape(value)


def table(t: Table, key_column: int | None) -> str:
    def cls(i: int) -> str:
        names = ["num"] if i in t.numeric else []
        if i == key_column:
            names.append("key")
        return f' class="{" ".join(names)}"' if names else ""

    head = "".join(f"<th{cls(i)}>{escape(h)}</th>" for i, h in enumerate(t.headers))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{text(v)}</td>" for i, v in enumerate(row)) + "</tr>"
        for row in t.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def items(found: tuple[Item, ...]) -> str:
    lines = "".join(
        f"<li><strong>{escape(i.lead)}</strong>: {text(i.text)}</li>"
        if i.lead
        else f"<li>{text(i.text)}</li>"
        for i in found
    )
    return f'<ul class="lessons">{lines}</ul>'


def figure(entry: Entry) -> str:
    o = entry.outcome
    assert o is not None
    said = (
        f"latest {amount(o.latest, o.unit)}, {percent(o.progress)} of target, {outcome_said(entry)}"
    )
    caption = (
        f'<figcaption>{escape(entry.title)} <span class="verdict">· {escape(said)}</span>'
        "</figcaption>"
    )
    warnings = sorted({c.warning for c in entry.changes if c.warning})
    notes = "".join(f'<p class="warn">{escape(w)}</p>' for w in warnings)
    return f"<figure>{caption}{svg.outcome_chart(o, entry.changes)}{notes}</figure>"


def charts(s: Section, retro: Retro) -> str:
    if s.key == "principles":
        return svg.principle_bars(retro.principles)
    measured = [e for e in retro.outcomes if e.outcome and e.outcome.readings]
    if s.key == "outcomes" and measured:
        return '<div class="charts">' + "".join(figure(e) for e in measured) + "</div>"
    return ""


def section(s: Section, retro: Retro) -> str:
    parts = [f'<section id="{escape(s.key)}"><h2>{escape(s.title)}</h2>']
    if s.text:
        parts.append(f'<p class="note">{escape(s.text)}</p>')
    if s.blank:
        parts.append(f'<p class="empty">{escape(s.empty)}</p>')
    else:
        if s.table is not None:
            key = s.table.headers.index("Key") if "Key" in s.table.headers else None
            parts.append(table(s.table, key_column=key))
        if s.items:
            parts.append(items(s.items))
        parts.append(charts(s, retro))
    parts.append("</section>")
    return "".join(parts)


def render(retro: Retro) -> str:
    body = "\n".join(section(s, retro) for s in sections(retro))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title(retro))}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<header><h1>{escape(title(retro))}</h1><p class="sub">{escape(subtitle(retro))}</p>'
        f"</header>\n{body}\n</main>\n</body>\n</html>\n"
    )
