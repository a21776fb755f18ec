"""``alarm report``: the annual report, figures and charts, as HTML, PDF or Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from alarmcli.cli.common import (
    DataDirOption,
    LangOption,
    SuppressOption,
    edge,
    load_data,
    resolve_data_dir,
    resolve_lang,
    threshold,
)

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "markdown"}


def report(
    year: Annotated[int, typer.Argument(help="The year, e.g. 2024.", min=1900, max=2999)],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The report file: .html (one self-contained file), .pdf or .md.",
            dir_okay=False,
        ),
    ],
    data_dir: DataDirOption = None,
    lang: LangOption = None,
    suppress: SuppressOption = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="A date to print on the title page (none by default, so the same data "
            "gives the same file).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """The year's annual report: key figures, a chapter per channel, charts, notes.

    Every number is the one the figure commands give; small counts are suppressed in all
    tables together, as the figure commands suppress them, when a threshold is set
    (--suppress or alarm.toml). Name, logo,
    colours and chapters come from [report] in DATA_DIR/alarm.toml (docs/report.md).

    Example: alarm report 2024 --output report.pdf --data-dir examples/data
    """
    from alarmcli import config
    from alarmcli.atomic import write_bytes
    from alarmcli.errors import UsageError
    from alarmcli.messages import msg
    from alarmcli.report import build

    language = resolve_lang(lang)
    with edge(language):
        kind = FORMATS.get(output.suffix.lower())
        if kind is None:
            raise UsageError(msg("usage.report-format", value=output.name))
        root = resolve_data_dir(data_dir)
        settings = config.load(root).report
        n = threshold(data_dir, suppress)
        data = load_data(data_dir, output)
        doc = build(data, year, language, settings, n, date)
        if settings.logo:
            logo = root / settings.logo
            doc.logo = logo.read_bytes()
            doc.logo_type = "image/svg+xml" if logo.suffix.lower() == ".svg" else "image/png"
        if kind == "pdf":
            from alarmcli.report import pdf

            write_bytes(output, pdf.render(doc, data.taxonomy))
            return
        from alarmcli.report import html, markdown

        text = (html if kind == "html" else markdown).render(doc, data.taxonomy)
        write_bytes(output, text.encode("utf-8"))
