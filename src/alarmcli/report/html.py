"""The report as one self-contained HTML file: charts inline as SVG, no script, no network.

Readable on a phone (the layout narrows to the screen, wide tables scroll) and printable
(a chapter starts a page; colours kept).
"""

from __future__ import annotations

import base64
from html import escape
from typing import TYPE_CHECKING

from alarmcli.messages import msg
from alarmcli.report import TEXT_COLUMNS, Chapter, Document, TableBlock, caption, rows
from alarmcli.report.charts import Chart, svg

if TYPE_CHECKING:
    from alarmcli.taxonomy import Taxonomy

STYLE = """
:root { --main: %(colour)s; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
  max-width: 52rem; padding: 1rem; line-height: 1.45; color: #222; }
header { border-bottom: 4px solid var(--main); margin-bottom: 1.5rem; }
header img { max-height: 4rem; float: right; }
h1 { color: var(--main); margin-bottom: 0.2rem; }
h2 { color: var(--main); border-bottom: 1px solid #ddd; margin-top: 2.5rem; }
figure { margin: 1rem 0; } figure svg { width: 100%%; height: auto; }
.table { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #e4e4e4; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
.notes { font-size: 0.85rem; color: #555; }
@media print { h2 { break-before: page; } body { max-width: none; }
  .table { overflow: visible; } }
"""


def render(doc: Document, taxonomy: Taxonomy) -> str:
    """The document as HTML text."""
    settings = doc.settings
    colours = (settings.colour, settings.accent)
    head = (
        f'<!DOCTYPE html>\n<html lang="{doc.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)} {doc.year}</title>\n"
        f"<style>{STYLE % {'colour': settings.colour}}</style>\n</head>\n<body>\n"
    )
    logo = ""
    if doc.logo is not None and doc.logo_type is not None:
        data = base64.b64encode(doc.logo).decode("ascii")
        logo = f'<img src="data:{doc.logo_type};base64,{data}" alt="">'
    parts = [
        head,
        f"<header>{logo}<h1>{escape(doc.title)}</h1><p>{escape(doc.subtitle)}</p></header>\n",
    ]
    if doc.introduction:
        parts.append(f"<p>{escape(doc.introduction)}</p>\n")
    contents = msg("report.contents").text(doc.lang)
    items = "".join(f'<li><a href="#{c.id}">{escape(c.title)}</a></li>' for c in doc.chapters)
    parts.append(f"<nav><h2>{escape(contents)}</h2><ol>{items}</ol></nav>\n")
    for chapter in doc.chapters:
        parts.append(_chapter(chapter, doc.lang, taxonomy, colours))
    if doc.notes:
        notes = "".join(f"<li>{escape(n)}</li>" for n in doc.notes)
        title = msg("report.notes").text(doc.lang)
        parts.append(f'<section class="notes"><h2>{escape(title)}</h2><ul>{notes}</ul></section>\n')
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def _chapter(chapter: Chapter, lang: str, taxonomy: Taxonomy, colours: tuple[str, str]) -> str:
    out = [f'<section id="{chapter.id}">\n<h2>{escape(chapter.title)}</h2>\n']
    for block in chapter.blocks:
        if isinstance(block, str):
            out.append(f"<p>{escape(block)}</p>\n")
        elif isinstance(block, Chart):
            drawing = svg(block, lang, colours)
            drawing = drawing[drawing.index("<svg") :]  # inline: no XML prolog or doctype
            out.append(
                f"<figure>{drawing}<figcaption>{escape(block.title)}</figcaption></figure>\n"
            )
        else:
            out.append(_table(block, lang, taxonomy))
    out.append("</section>\n")
    return "".join(out)


def _table(block: TableBlock, lang: str, taxonomy: Taxonomy) -> str:
    headings, cells = rows(block, taxonomy, lang)
    numeric = [c not in TEXT_COLUMNS for c in block.columns]
    head = "".join(
        f"<th{' class=n' if n else ''}>{escape(h)}</th>"
        for h, n in zip(headings, numeric, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' if n else ''}>{escape(c)}</td>"
            for c, n in zip(row, numeric, strict=True)
        )
        + "</tr>"
        for row in cells
    )
    return (
        f'<div class="table"><table><caption>{escape(caption(block, lang))}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>\n"
    )
