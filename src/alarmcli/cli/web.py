"""``alarm web``: the website's and the campaigns' tables, as measured over their periods."""

from __future__ import annotations

from typing import Annotated

import typer

from alarmcli.cli.common import (
    DataDirOption,
    FormatOption,
    LangOption,
    OutputOption,
    SuppressOption,
    TableFormat,
    choices,
    figure,
)
from alarmcli.cli.figures import PeriodArgument
from alarmcli.contract import WEB_BY, WEB_CHANNELS


def web(
    period: PeriodArgument,
    channel: Annotated[
        str | None,
        typer.Option(
            "--channel",
            "-c",
            help="Only the website or only the campaigns.",
            **choices(WEB_CHANNELS),
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="Only the tables of this breakdown.", **choices(WEB_BY)),
    ] = None,
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """The website's and the campaigns' tables measured within a period, from the period files.

    Sources, devices, pages, places, visit frequency and campaigns by region, each with
    its total and every row's share of it. A list of the largest only (top 10) is
    marked partial and a note says so; users and people reached are shown as
    measured, never added up over months.

    Example: alarm web 2024 --data-dir examples/data
    """
    from alarmcli import web as core

    figure(
        lambda data: core.table(data, period, channel, by),
        data_dir,
        output_format,
        lang,
        output,
        suppress,
        (period,),
    )
