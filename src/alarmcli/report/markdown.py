"""The report as Markdown: the same chapters, sentences and tables; charts left to HTML/PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alarmcli.messages import msg
from alarmcli.report import Document, caption, rows
from alarmcli.report.charts import Chart

if TYPE_CHECKING:
    from alarmcli.taxonomy import Taxonomy


def render(doc: Document, taxonomy: Taxonomy) -> str:
    """The document as GitHub Markdown."""
    from tabulate import tabulate

    out = [f"# {doc.title}", "", doc.subtitle, ""]
    if doc.introduction:
        out += [doc.introduction, ""]
    for chapter in doc.chapters:
        out += [f"## {chapter.title}", ""]
        for block in chapter.blocks:
            if isinstance(block, str):
                out += [block, ""]
            elif isinstance(block, Chart):
                continue  # charts are drawn in the HTML and PDF
            else:
                headings, cells = rows(block, taxonomy, doc.lang)
                out += [f"**{caption(block, doc.lang)}**", ""]
                out += [
                    tabulate(cells, headers=headings, tablefmt="github", disable_numparse=True),
                    "",
                ]
    if doc.notes:
        out += [f"## {msg('report.notes').text(doc.lang)}", ""]
        out += [f"- {n}" for n in doc.notes]
    return "\n".join(out) + "\n"
