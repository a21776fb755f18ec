"""``alarm summary``, ``compare``, ``sites`` and ``breakdown``: the annual report's figures."""

from __future__ import annotations

from typing import Annotated

import typer

from alarmcli.cli.common import (
    ChannelOption,
    DataDirOption,
    FormatOption,
    LangOption,
    OutputOption,
    SuppressOption,
    TableFormat,
    choices,
    edge,
    load_data,
    published,
    resolve_lang,
    show,
)
from alarmcli.contract import BREAKDOWN_BY_CHOICES, CHANNEL_CHOICES, COMPARE_BY_CHOICES

YearArgument = Annotated[int, typer.Argument(help="The year, e.g. 2024.", min=1900, max=2999)]


def summary(
    year: YearArgument,
    channel: ChannelOption = None,
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """The key figures of a year: totals, change, per month, per day, peak month.

    One row per channel and metric, and one for all contact channels together. The
    previous year is counted over the same months; a note says where it lacks some.

    Example: alarm summary 2024 --data-dir examples/data
    """
    from alarmcli import figures

    with edge(resolve_lang(lang)):
        data = load_data(data_dir, output)
        table = published(figures.summary(data, year, channel), data_dir, suppress)
        show(table, data.taxonomy, output_format, lang, output)


def compare(
    year_a: Annotated[int, typer.Argument(help="The earlier year.", min=1900, max=2999)],
    year_b: Annotated[int, typer.Argument(help="The later year.", min=1900, max=2999)],
    channel: ChannelOption = None,
    by: Annotated[
        str,
        typer.Option(
            "--by", help="The total, month by month, or a breakdown.", **choices(COMPARE_BY_CHOICES)
        ),
    ] = "total",
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """Like-for-like change between two years, over the months both years have.

    A category found in one year only is shown with the change left empty.

    Example: alarm compare 2023 2024 --channel chat --data-dir examples/data
    """
    from alarmcli import figures

    with edge(resolve_lang(lang)):
        data = load_data(data_dir, output)
        table = published(figures.compare(data, year_a, year_b, channel, by), data_dir, suppress)
        show(table, data.taxonomy, output_format, lang, output)


def sites(
    year: YearArgument,
    channel: Annotated[
        str,
        typer.Option(
            "--channel", "-c", help="The channel whose sites to show.", **choices(CHANNEL_CHOICES)
        ),
    ] = "phone",
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """Answered contacts per answering site, largest first: count, share, per day, change.

    Example: alarm sites 2024 --data-dir examples/data
    """
    from alarmcli import figures

    with edge(resolve_lang(lang)):
        data = load_data(data_dir, output)
        table = published(figures.sites(data, year, channel), data_dir, suppress)
        show(table, data.taxonomy, output_format, lang, output)


def breakdown(
    year: YearArgument,
    by: Annotated[
        str,
        typer.Option("--by", help="The breakdown.", **choices(BREAKDOWN_BY_CHOICES)),
    ],
    channel: ChannelOption = None,
    bands: Annotated[
        bool, typer.Option("--bands", help="With --by age: the taxonomy's age bands.")
    ] = False,
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """Any breakdown of a year, with each category's share of the total.

    Topics show as a tree of groups and sub-topics; one contact can carry several
    topics, so their shares do not add up to 100. By day, a note names the busiest day.

    Example: alarm breakdown 2024 --by gender --channel chat --data-dir examples/data
    """
    from alarmcli import figures

    with edge(resolve_lang(lang)):
        data = load_data(data_dir, output)
        table = published(figures.breakdown(data, year, by, channel, bands), data_dir, suppress)
        show(table, data.taxonomy, output_format, lang, output)
