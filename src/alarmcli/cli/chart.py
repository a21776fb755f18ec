"""``alarm chart``: one figure's chart as an SVG or PNG file, for a document of one's own."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from alarmcli.cli.common import (
    DataDirOption,
    LangOption,
    SuppressOption,
    choices,
    edge,
    load_data,
    published,
    resolve_data_dir,
    resolve_lang,
)
from alarmcli.cli.figures import PeriodArgument
from alarmcli.contract import BREAKDOWN_BY_CHOICES, CHANNEL_OR_ALL_CHOICES


def chart(
    period: PeriodArgument,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The chart file: .svg or .png.", dir_okay=False),
    ],
    channel: Annotated[
        str,
        typer.Option("--channel", "-c", help="The channel.", **choices(CHANNEL_OR_ALL_CHOICES)),
    ] = "phone",
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="A breakdown (bars by category); without it, the months of the period.",
            **choices(BREAKDOWN_BY_CHOICES),
        ),
    ] = None,
    data_dir: DataDirOption = None,
    lang: LangOption = None,
    suppress: SuppressOption = None,
) -> None:
    """Draw one figure as the report draws it: a channel's months, or a breakdown.

    The same figures as alarm series and alarm breakdown, in the colours of [report] in
    alarm.toml; the same data gives the same file. Suppressed as they are: a hidden count
    draws no bar.

    Example: alarm chart 2024 --channel chat --output chat-2024.svg --data-dir examples/data
    """
    from alarmcli import config
    from alarmcli.atomic import write_bytes
    from alarmcli.errors import UsageError
    from alarmcli.messages import msg
    from alarmcli.report import figure_chart
    from alarmcli.report.charts import draw

    language = resolve_lang(lang)
    with edge(language):
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in {"svg", "png"}:
            raise UsageError(msg("usage.chart-format", value=output.name))
        settings = config.load(resolve_data_dir(data_dir)).report
        data = load_data(data_dir, output)
        drawing = figure_chart(
            data,
            period,
            channel,
            by,
            language,
            lambda t: published(t, data, [period], data_dir, suppress),
        )
        write_bytes(output, draw(drawing, language, (settings.colour, settings.accent), fmt))
