"""The report as PDF, typeset by typst (its compiler ships in the ``typst`` wheel).

Text reaches typst as string literals, never as markup, so no label or note can change the
layout; charts are the same SVG as in the HTML. Same document, same bytes.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from alarmcli.messages import msg
from alarmcli.report import TEXT_COLUMNS, Document, TableBlock, caption, rows
from alarmcli.report.charts import Chart, svg

if TYPE_CHECKING:
    from alarmcli.taxonomy import Taxonomy


def _logo(doc: Document) -> str:
    """The logo's file name beside the source, its suffix telling typst the format."""
    return "logo.svg" if doc.logo_type and "svg" in doc.logo_type else "logo.png"


def _s(text: str) -> str:
    """``text`` as a typst string literal (JSON escapes are typst's too)."""
    return json.dumps(text, ensure_ascii=False)


def source(doc: Document, taxonomy: Taxonomy, charts: dict[str, str]) -> str:
    """The typst source; ``charts`` receives each chart's SVG by file name."""
    colour = doc.settings.colour
    colours = (doc.settings.colour, doc.settings.accent)
    out = [
        f"#set document(title: {_s(doc.title)}, date: none)  // no clock: same input, same bytes",
        '#set page(paper: "a4", margin: (x: 2cm, y: 2.2cm), numbering: "1")',
        f'#set text(lang: "{doc.lang}", size: 10pt)',
        f"#show heading: set text(fill: rgb({_s(colour)}))",
        "#set table(stroke: (x: none, y: 0.4pt + luma(200)), inset: (x: 5pt, y: 3pt))",
    ]
    if doc.logo is not None:
        out.append(f'#place(top + right, image("{_logo(doc)}", height: 1.6cm))')
    out.append(f'#text(size: 24pt, weight: "bold", fill: rgb({_s(colour)}))[#{_s(doc.title)}]')
    out.append(f"\n#text(size: 13pt)[#{_s(doc.subtitle)}]\n")
    if doc.introduction:
        out.append(f"#par[#{_s(doc.introduction)}]\n")
    out.append(f"#outline(title: {_s(msg('report.contents').text(doc.lang))})\n")
    for chapter in doc.chapters:
        out.append(f"#pagebreak(weak: true)\n#heading(level: 1)[#{_s(chapter.title)}]\n")
        for block in chapter.blocks:
            if isinstance(block, str):
                out.append(f"#par[#{_s(block)}]\n")
            elif isinstance(block, Chart):
                name = f"chart-{len(charts) + 1}.svg"
                charts[name] = svg(block, doc.lang, colours)
                out.append(
                    f'#figure(image("{name}", width: 100%), caption: [#{_s(block.title)}])\n'
                )
            else:
                out.append(_table(block, doc.lang, taxonomy))
    if doc.notes:
        out.append(f"#heading(level: 1)[#{_s(msg('report.notes').text(doc.lang))}]\n")
        out.extend(f"- #{_s(note)}\n" for note in doc.notes)
    return "\n".join(out)


def _table(block: TableBlock, lang: str, taxonomy: Taxonomy) -> str:
    headings, cells = rows(block, taxonomy, lang)
    head = ", ".join(f"[*#{_s(h)}*]" for h in headings)
    body = ", ".join(f"[#{_s(c)}]" for row in cells for c in row)
    align = ", ".join("left" if c in TEXT_COLUMNS else "right" for c in block.columns)
    return (
        f'#text(weight: "bold")[#{_s(caption(block, lang))}]\n'
        f"#table(columns: {len(headings)}, align: ({align},), {head}, {body})\n"
    )


def render(doc: Document, taxonomy: Taxonomy) -> bytes:
    """The document as PDF bytes."""
    import typst

    charts: dict[str, str] = {}
    text = source(doc, taxonomy, charts)
    with tempfile.TemporaryDirectory(prefix="alarm-report-") as tmp:
        root = Path(tmp)
        for name, drawing in charts.items():
            (root / name).write_text(drawing, encoding="utf-8")
        if doc.logo is not None:
            (root / _logo(doc)).write_bytes(doc.logo)
        (root / "report.typ").write_text(text, encoding="utf-8")
        pdf: bytes = typst.compile(str(root / "report.typ"))
    return pdf
