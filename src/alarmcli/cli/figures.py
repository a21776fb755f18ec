"""``alarm summary``, ``compare``, ``sites``, ``breakdown``, ``series``: the report's figures."""

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
    figure,
)
from alarmcli.contract import (
    BREAKDOWN_BY_CHOICES,
    CHANNEL_CHOICES,
    COMPARE_BY_CHOICES,
    CROSSTAB_CHOICES,
    TIMES_BY,
    TIMES_UNITS,
)
from alarmcli.periods import Period  # light: typer needs the type when it builds the CLI


def _period(text: str) -> Period:
    """A period on the command line; a wrong one is a usage error (exit 2)."""
    try:
        return Period.parse(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


GroupsOption = Annotated[
    bool,
    typer.Option(
        "--groups",
        help="Add the named groups of taxonomy.toml ([groups.DIMENSION]), each the sum of its "
        "members.",
    ),
]
PERIOD_HELP = "A year (2024), a month (2024-06) or a range of months (2020-04..2020-09)."
PeriodArgument = Annotated[
    Period, typer.Argument(help=PERIOD_HELP, parser=_period, metavar="PERIOD")
]


def summary(
    period: PeriodArgument,
    channel: ChannelOption = None,
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """The key figures of a period: totals, change, per month, per day, peak and lowest month.

    One row per channel and metric, and one for all contact channels together. The
    previous figure is the same months a year earlier; a note says where it lacks some.

    Example: alarm summary 2024 --data-dir examples/data
    """
    from alarmcli import figures

    figure(
        lambda data: figures.summary(data, period, channel),
        data_dir,
        output_format,
        lang,
        output,
        suppress,
        (period,),
    )


def compare(
    period_a: Annotated[
        Period,
        typer.Argument(help="The earlier period: " + PERIOD_HELP, parser=_period, metavar="A"),
    ],
    period_b: Annotated[
        Period, typer.Argument(help="The later period.", parser=_period, metavar="B")
    ],
    channel: ChannelOption = None,
    by: Annotated[
        str,
        typer.Option(
            "--by", help="The total, month by month, or a breakdown.", **choices(COMPARE_BY_CHOICES)
        ),
    ] = "total",
    groups: GroupsOption = False,
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """The change from period A to period B: totals, per day, and their change.

    Two years (or the same months of two years) are compared like for like, over the
    months both have. Periods of other lengths (2020-04..2020-09 against
    2020-10..2020-12) are each counted whole, and their per-day rates compared. A
    category found in one period only is shown with the change left empty.

    Example: alarm compare 2023 2024 --channel chat --data-dir examples/data
    """
    from alarmcli import figures

    figure(
        lambda data: figures.compare(data, period_a, period_b, channel, by, groups),
        data_dir,
        output_format,
        lang,
        output,
        suppress,
        (period_a, period_b),
    )


def sites(
    period: PeriodArgument,
    channel: Annotated[
        str,
        typer.Option(
            "--channel", "-c", help="The channel whose sites to show.", **choices(CHANNEL_CHOICES)
        ),
    ] = "phone",
    groups: GroupsOption = False,
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """Answered contacts per answering site, largest first: count, share, per day, change.

    Takes a period like the other figure commands: alarm sites 2020-12 gives one month.
    With --groups, the named groups of sites in taxonomy.toml follow ([groups.site]).

    Example: alarm sites 2024 --data-dir examples/data
    """
    from alarmcli import figures

    figure(
        lambda data: figures.sites(data, period, channel, groups),
        data_dir,
        output_format,
        lang,
        output,
        suppress,
        (period,),
    )


def breakdown(
    period: PeriodArgument,
    by: Annotated[
        str,
        typer.Option("--by", help="The breakdown.", **choices(BREAKDOWN_BY_CHOICES)),
    ],
    channel: ChannelOption = None,
    bands: Annotated[
        bool, typer.Option("--bands", help="With --by age: the taxonomy's age bands.")
    ] = False,
    groups: GroupsOption = False,
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """Any breakdown of a period, with each category's share of the total.

    Topics show as a tree of groups and sub-topics; one contact can carry several
    topics, so their shares do not add up to 100. By day, a note names the busiest day.

    Example: alarm breakdown 2024 --by gender --channel chat --data-dir examples/data
    """
    from alarmcli import figures

    figure(
        lambda data: figures.breakdown(data, period, by, channel, bands, groups),
        data_dir,
        output_format,
        lang,
        output,
        suppress,
        (period,),
    )


def series(
    period: PeriodArgument,
    channel: ChannelOption = None,
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """Month by month: each month's count, per day, the same month a year earlier.

    What a bar chart of the year shows; the peak month and the lowest are marked.

    Example: alarm series 2020 --channel chat --data-dir examples/data
    """
    from alarmcli import figures

    figure(
        lambda data: figures.series(data, period, channel),
        data_dir,
        output_format,
        lang,
        output,
        suppress,
        (period,),
    )


def crosstab(
    period: PeriodArgument,
    rows: Annotated[
        str,
        typer.Option("--rows", help="The dimension down the side.", **choices(CROSSTAB_CHOICES)),
    ],
    columns: Annotated[
        str,
        typer.Option("--columns", help="The dimension across.", **choices(CROSSTAB_CHOICES)),
    ],
    channel: ChannelOption = None,
    bands: Annotated[
        bool, typer.Option("--bands", help="Ages summed into the taxonomy's age bands.")
    ] = False,
    only: Annotated[
        str | None,
        typer.Option("--only", help="Only this column category, e.g. 11-13.", show_default=False),
    ] = None,
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """A cross-tab of two dimensions (topic by age …), each cell's share of its column.

    Reads the count files' two-dimensional rows (dimension topic*age). The share is of
    the contacts in the column (aged 11-13), not of the topics mentioned.

    Example: alarm crosstab 2024 --rows topic --columns age --bands --only 11-13 --channel chat
    """
    from alarmcli import figures

    figure(
        lambda data: figures.crosstab(data, period, rows, columns, channel, bands, only),
        data_dir,
        output_format,
        lang,
        output,
        suppress,
        (period,),
    )


def _hours(text: str) -> frozenset[int]:
    """A range of clock hours on the command line (``00-04``); a wrong one exits 2."""
    from alarmcli.services import parse_hours

    try:
        return parse_hours(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def opening(
    period: PeriodArgument,
    channel: ChannelOption = None,
    hours: Annotated[
        list[str] | None,
        typer.Option(
            "--hours",
            help="Also count within these clock hours, HH-HH (00-04; 22-02 runs past "
            "midnight). Repeatable.",
            show_default=False,
            metavar="HH-HH",
        ),
    ] = None,
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """Opening hours: days and hours open, and last year's contacts in hours now closed.

    The service calendar is [service.CHANNEL] in taxonomy.toml. Month by month, the
    previous year's answered contacts in each hour closed throughout the month: what
    closing cost, assuming last year's demand.

    Example: alarm opening 2024 --channel chat --hours 00-04 --data-dir examples/data
    """
    from alarmcli import opening as core

    ranges = [_hours(h) for h in hours or []]
    figure(
        lambda data: core.opening(data, period, channel, ranges),
        data_dir,
        output_format,
        lang,
        output,
        suppress,
        (period,),
    )


def times(
    period: PeriodArgument,
    channel: ChannelOption = None,
    by: Annotated[
        str,
        typer.Option("--by", help="One row per channel, month, site or hour.", **choices(TIMES_BY)),
    ] = "total",
    unit: Annotated[
        str,
        typer.Option(
            "--unit",
            help="The unit of the means; auto: each row in the unit its largest mean reads "
            "best in.",
            **choices(TIMES_UNITS),
        ),
    ] = "auto",
    data_dir: DataDirOption = None,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
    suppress: SuppressOption = None,
) -> None:
    """Answer rate and mean times: to answer, of a conversation, of a missed contact's wait.

    Exact means from the count files' sums of seconds (answer_seconds, talk_seconds,
    abandon_seconds) over the contacts they sum; answer rate = answered / (answered +
    missed).

    Example: alarm times 2024 --channel ungno --data-dir examples/data
    """
    from alarmcli import times as core

    figure(
        lambda data: core.times(data, period, channel, by, unit),
        data_dir,
        output_format,
        lang,
        output,
        suppress,
        (period,),
    )
