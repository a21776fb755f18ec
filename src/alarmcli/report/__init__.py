"""The annual report: the figure commands' tables, arranged in chapters, with charts.

:func:`build` computes every table with the same functions as ``alarm summary``,
``series``, ``sites``, ``breakdown``, ``crosstab``, ``opening``, ``times`` and ``web`` (so
each number in the report is the number a command prints), suppresses small counts in all
of them together with the year's other figures (the base release every command agrees
with, :mod:`alarmcli.yearly`), and arranges them in a :class:`Document` of chapters. Renderers
(:mod:`.html`, :mod:`.pdf`, :mod:`.markdown`) turn the document into a file. A chapter the
data cannot fill is left out with a note saying why, never drawn empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from alarmcli.contract import (
    CAMPAIGN_CHANNEL,
    CONTACT_CHANNELS,
    PERIOD_DIMENSIONS,
    PERIOD_METRICS,
    WEB,
    Dimension,
    Metric,
)
from alarmcli.errors import NoDataError
from alarmcli.messages import Message, Term, Together, Verbatim, msg
from alarmcli.periodic import PARTIAL, TOTAL
from alarmcli.report.charts import Chart
from alarmcli.suppression import SUPPRESSED

if TYPE_CHECKING:
    from alarmcli.dataset import Dataset
    from alarmcli.figures import Table
    from alarmcli.schemas import ReportSettings
    from alarmcli.taxonomy import Taxonomy

#: The chapters, in their default order: the key figures, a chapter per contact
#: channel, the age group, the opening hours, the website, the campaigns.
CHAPTERS = (
    "key_figures",
    *(c.value for c in CONTACT_CHANNELS),
    "age_group",
    "opening_hours",
    "web",
    "campaigns",
)
#: Breakdowns a channel chapter shows, in order (age in bands).
BREAKDOWNS = ("caller", "gender", "age", "topic", "outcome", "on_behalf")


@dataclass(frozen=True)
class TableBlock:
    """A table of the report: some columns of a figure command's table.

    ``where`` keeps only the rows with those values (one part of ``alarm web``'s table),
    and ``caption`` then names that part instead of the table's title.
    """

    table: Table
    columns: tuple[str, ...]
    where: tuple[tuple[str, str], ...] = ()
    caption: str | None = None


@dataclass(frozen=True)
class Chapter:
    """A chapter: its id, title, and blocks (sentences, tables, charts) in order."""

    id: str
    title: str
    blocks: list[str | TableBlock | Chart] = field(default_factory=list)


@dataclass
class Document:
    """A report, in one language, ready to render."""

    lang: str
    year: int
    title: str
    subtitle: str
    introduction: str | None
    chapters: list[Chapter]
    notes: list[str]
    settings: ReportSettings
    logo: bytes | None = None
    logo_type: str | None = None


@dataclass
class _Figures:
    """Every table the report publishes, protected together."""

    year: int
    summary: Table
    series: Table
    breakdowns: dict[tuple[str, str], Table]
    sites: dict[str, Table]
    crosstab: Table | None
    opening: Table | None
    times: Table | None
    tables: list[Table]
    taxonomy: Taxonomy
    #: last year's answered contacts by hour, per channel with hours closed this year
    hours_before: dict[str, Table] = field(default_factory=dict)
    #: ``alarm web YEAR -c web`` and ``-c campaign``: the period files' tables
    web: Table | None = None
    campaigns: Table | None = None


def _protected(value: Any, swap: dict[int, Table]) -> Any:  # noqa: ANN401  (any field)
    """A field of :class:`_Figures` with each of its tables swapped for its protected copy.

    Every table a field holds must be among those protected (``swap``): one that is not
    raises ``KeyError`` rather than being published unprotected.
    """
    from alarmcli.figures import Table

    if isinstance(value, Table):
        return swap[id(value)]
    if isinstance(value, dict):
        return {k: _protected(v, swap) for k, v in value.items()}
    if isinstance(value, list):
        return [_protected(v, swap) for v in value]
    return value


def build(
    dataset: Dataset,
    year: int,
    lang: str,
    settings: ReportSettings,
    threshold: int = 0,
    date: str | None = None,
) -> Document:
    """The report of ``year`` in ``lang``; counts under ``threshold`` suppressed throughout.

    Raises:
        NoDataError: the year has no data.
    """
    from alarmcli.yearly import chain

    figures = _figures(dataset, year, settings)
    if threshold > 1:  # the year's base release, which every figure command agrees with
        release = chain(dataset, year, threshold, settings, figures.tables)[year]
        swap = {id(t): c for t in figures.tables if (c := release.copy_of(t)) is not None}
        figures = replace(
            figures, **{f.name: _protected(getattr(figures, f.name), swap) for f in fields(figures)}
        )

    def text(message: Message) -> str:
        return message.text(lang)

    chapters: dict[str, Chapter] = {}
    left_out: list[str] = []
    for chapter_id in CHAPTERS:
        chapter, reason = _CHAPTERS[_kind(chapter_id)](figures, chapter_id, lang, text)
        if chapter is not None:
            chapters[chapter_id] = chapter
        elif reason is not None:
            left_out.append(reason)
    order = [c for c in (settings.chapters or []) if c in chapters]
    order += [c for c in CHAPTERS if c in chapters and c not in order]
    notes = list(dict.fromkeys(n.text(lang) for t in figures.tables for n in t.notes))
    name = settings.name or text(msg("report.default-name"))
    subtitle = text(msg("report.subtitle", year=year))
    if date:
        subtitle += " · " + text(msg("report.made", date=date))
    return Document(
        lang=lang,
        year=year,
        title=name,
        subtitle=subtitle,
        introduction=settings.introduction,
        chapters=[chapters[c] for c in order if c not in settings.off],
        notes=[*left_out, *notes],
        settings=settings,
    )


def tables(dataset: Dataset, year: int, settings: ReportSettings) -> list[Table]:
    """Every table the report of ``year`` publishes: what its suppression protects together."""
    return _figures(dataset, year, settings).tables


def _figures(dataset: Dataset, year: int, settings: ReportSettings) -> _Figures:
    import polars as pl

    from alarmcli import figures
    from alarmcli.opening import opening
    from alarmcli.services import parse_hours
    from alarmcli.times import times

    summary = figures.summary(dataset, year)
    series = figures.series(dataset, year)
    counts = dataset.counts.filter(pl.col("year") == year)
    present = set(counts.select("channel", "dimension").unique().iter_rows())
    breakdowns = {
        (c.value, by): figures.breakdown(
            dataset, year, by, c.value, bands=by == Dimension.AGE.value, groups=True
        )
        for c in CONTACT_CHANNELS
        for by in (*BREAKDOWNS, "hour", "day")
        if (c.value, by) in present
    }
    sites = {
        c.value: figures.sites(dataset, year, c.value)
        for c in CONTACT_CHANNELS
        if (c.value, Dimension.SITE.value) in present
    }
    crosstab = None
    if any(d == "topic*age" for _, d in present):
        try:
            crosstab = figures.crosstab(
                dataset, year, "topic", "age", None, bands=True, only=AGE_GROUP
            )
        except NoDataError:
            crosstab = None
    ranges = [parse_hours(h) for h in settings.hours]
    try:
        hours: Table | None = opening(dataset, year, ranges=ranges)
    except NoDataError:  # no contact channel that year (the website only)
        hours = None
    records = hours.records if hours else []
    shut = {r["channel"] for r in records if r["closed_hours"] and r["previous_in_hours"]}
    tables = [summary, series, *breakdowns.values(), *sites.values()]
    tables += [crosstab] if crosstab else []
    tables += [hours] if hours and shut else []
    by_hour = {c: figures.breakdown(dataset, year - 1, "hour", c) for c in sorted(shut)}
    tables += by_hour.values()
    try:
        timing: Table | None = times(dataset, year)
    except NoDataError:
        timing = None
    tables += [timing] if timing else []
    web, campaigns = (_period_tables(dataset, year, c) for c in (WEB, CAMPAIGN_CHANNEL))
    tables += [t for t in (web, campaigns) if t is not None]
    return _Figures(
        year,
        summary,
        series,
        breakdowns,
        sites,
        crosstab,
        hours if shut else None,
        timing,
        tables,
        dataset.taxonomy,
        by_hour,
        web,
        campaigns,
    )


def _period_tables(dataset: Dataset, year: int, channel: str) -> Table | None:
    """``alarm web YEAR -c CHANNEL``'s table, or ``None`` when the period files have none."""
    from alarmcli import web

    try:
        return web.table(dataset, year, channel)
    except NoDataError:
        return None


#: The age group the report's chapter on children is about (the 2024 report's 11-13).
AGE_GROUP = "11-13"

Builder = Callable[
    [_Figures, str, str, Callable[[Message], str]], tuple[Chapter | None, str | None]
]


def _kind(chapter_id: str) -> str:
    return "channel" if chapter_id in {c.value for c in CONTACT_CHANNELS} else chapter_id


def _shown(value: Any, lang: str, percent: bool = False) -> str:  # noqa: ANN401
    """A figure as the reader writes it; a hidden one as ``:``."""
    from alarmcli.render import HIDDEN, number

    return HIDDEN if value is SUPPRESSED else number(value, lang, percent)


def _signed(value: Any, lang: str) -> str:  # noqa: ANN401
    """A change in per cent with its sign: ``+9,7 %``, ``−54,2 %``."""
    text = _shown(value, lang, percent=True)
    return f"+{text}" if isinstance(value, float) and value > 0 else text


#: Columns of text; the others hold numbers and are aligned right.
TEXT_COLUMNS = frozenset(
    {
        "channel",
        "metric",
        "site",
        "category",
        "row_category",
        "peak_month",
        "low_month",
        "hours",
        "closed_hours",
        "campaign",
        "period",
    }
)


def _key_figures(
    figures: _Figures, _: str, lang: str, text: Callable[[Message], str]
) -> tuple[Chapter | None, str | None]:
    chapter = Chapter("key_figures", text(msg("report.key-figures")))
    for r in figures.summary.records:
        if r["metric"] != Metric.ANSWERED.value:
            continue
        chapter.blocks.append(
            text(
                msg(
                    "report.key-line",
                    channel=Term("channel", r["channel"]),
                    total=_shown(r["total"], lang),
                    change=_signed(r["change_pct"], lang),
                    last=r["year"] - 1,
                    previous=_shown(r["previous_total"], lang),
                )
            )
        )
    columns = ("channel", "total", "previous_total", "change_pct", "per_day", "peak_month",
               "peak_count")  # fmt: skip
    chapter.blocks.append(TableBlock(figures.summary, columns))
    return chapter, None


def _records(table: Table, channel: str, metric: str) -> list[dict[str, Any]]:
    return [r for r in table.records if r["channel"] == channel and r["metric"] == metric]


def _channel(
    figures: _Figures, channel: str, lang: str, text: Callable[[Message], str]
) -> tuple[Chapter | None, str | None]:
    answered = _records(figures.summary, channel, Metric.ANSWERED.value)
    if not answered:
        return None, text(msg("report.no-channel", channel=Term("channel", channel)))
    row = answered[0]
    chapter = Chapter(channel, text(msg("report.channel", channel=Term("channel", channel))))
    line = msg(
        "report.channel-line",
        total=_shown(row["total"], lang),
        per_month=_shown(row["per_month"], lang),
        per_day=_shown(row["per_day"], lang),
    )
    chapter.blocks.append(f"{text(line)} {text(_extremes(row, lang))}")
    timing = [
        r for r in (figures.times.records if figures.times else []) if r["channel"] == channel
    ]
    if timing:
        chapter.blocks.append(_times_line(timing[0], lang, text))
    day = figures.breakdowns.get((channel, "day"))
    busiest = [n for n in (day.notes if day else []) if n.cell is not None]
    chapter.blocks.extend(n.text(lang) for n in busiest)
    chapter.blocks.append(_month_chart(figures.series, channel, lang, text))
    if channel in figures.sites:
        chapter.blocks.append(
            TableBlock(
                figures.sites[channel],
                ("site", "count", "share_pct", "per_day", "previous_count", "change_pct"),
            )
        )
    for by in BREAKDOWNS:
        table = figures.breakdowns.get((channel, by))
        if table is not None:
            if by in {"gender", "age", "caller"}:
                chapter.blocks.append(_breakdown_chart(table, figures.taxonomy, lang, text))
            chapter.blocks.append(TableBlock(table, ("category", "count", "share_pct")))
    hours = figures.breakdowns.get((channel, "hour"))
    if hours is not None:  # the 24 hours; named groups of hours are in the notes' tables
        clock = [r for r in hours.records if str(r["category"]).isdigit()]
        chapter.blocks.append(
            Chart(
                text(msg("report.hours", channel=Term("channel", channel))),
                tuple(f"{int(r['category']):02d}" for r in clock),
                ((text(msg("report.answered")), tuple(_value(r["count"]) for r in clock)),),
            )
        )
    return chapter, None


def _extremes(row: dict[str, Any], lang: str) -> Message:
    """The busiest and the quietest month of a summary row; one hidden is not named."""
    from alarmcli.render import month_name

    figures: dict[str, str] = {}
    for end in ("peak", "low"):
        if row[f"{end}_month"] is not SUPPRESSED:
            figures[end] = month_name(row[f"{end}_month"], lang)
            figures[f"{end}_count"] = _shown(row[f"{end}_count"], lang)
    which = {
        (True, True): "report.extremes",
        (True, False): "report.extremes-no-low",
        (False, True): "report.extremes-no-peak",
        (False, False): "report.extremes-hidden",
    }[("peak" in figures, "low" in figures)]
    return msg(which, **figures)


def _times_line(record: dict[str, Any], lang: str, text: Callable[[Message], str]) -> str:
    """Answer rate and mean times as a sentence, leaving out what the data lacks."""
    from alarmcli.render import MARKS, pick

    unit = pick(MARKS[record["unit"]], lang)
    parts = []
    if record["answer_rate_pct"] is not None:
        rate = _shown(record["answer_rate_pct"], lang, percent=True)
        parts.append(text(msg("report.answer-rate", rate=rate)))
    for column in ("mean_answer", "mean_talk", "mean_abandon"):
        if record[column] is not None:
            value = _shown(record[column], lang)
            parts.append(text(msg(f"report.{column.replace('_', '-')}", value=value, unit=unit)))
    return " ".join(parts)


def _value(value: Any) -> int | None:  # noqa: ANN401
    """A count for a chart: a hidden or missing one draws no bar."""
    return value if isinstance(value, int) else None


def _breakdown_chart(
    table: Table, taxonomy: Taxonomy, lang: str, text: Callable[[Message], str]
) -> Chart:
    dimension = Dimension(table.records[0]["dimension"])
    return Chart(
        text(msg("report.by", dimension=Term("dimension", dimension.value))),
        tuple(taxonomy.label(dimension, r["category"], lang) for r in table.records),
        ((text(msg("report.answered")), tuple(_value(r["count"]) for r in table.records)),),
        horizontal=True,
    )


def _age_group(
    figures: _Figures, _: str, lang: str, text: Callable[[Message], str]
) -> tuple[Chapter | None, str | None]:
    if figures.crosstab is None:
        return None, text(msg("report.no-age-group", band=AGE_GROUP))
    chapter = Chapter("age_group", text(msg("report.age-group", band=AGE_GROUP)))
    chapter.blocks.append(text(msg("report.age-group-line", band=AGE_GROUP)))
    columns = ("channel", "row_category", "count", "column_total", "share_pct")
    chapter.blocks.append(TableBlock(figures.crosstab, columns))
    return chapter, None


def _web(
    figures: _Figures, _: str, lang: str, text: Callable[[Message], str]
) -> tuple[Chapter | None, str | None]:
    """Visits per month, the key figures, and the period files' tables of the website.

    Each breakdown (sources, devices, pages, places, visit frequency) is a table per
    metric and period; devices and visit frequency also as bars, as in the seed reports.
    """
    from alarmcli.render import month_name

    visits = _records(figures.series, WEB, Metric.VISITS.value)
    if not visits and figures.web is None:
        return None, text(msg("report.no-web"))
    chapter = Chapter("web", text(msg("report.web")))
    key = [r for r in figures.summary.records if r["channel"] == WEB]
    line = key + _period_totals(figures, {r["metric"] for r in key})
    if line:
        chapter.blocks.append(_web_line(line, figures.summary, lang, text))
    if visits:
        views = {r["month"]: r["count"] for r in _records(figures.series, WEB, "pageviews")}
        chapter.blocks.append(
            Chart(
                text(msg("report.web-per-month")),
                tuple(month_name(r["month"], lang)[:3] for r in visits),
                (
                    (text(msg("report.visits")), tuple(_value(r["count"]) for r in visits)),
                    (
                        text(msg("report.pageviews")),
                        tuple(_value(views.get(r["month"])) for r in visits),
                    ),
                ),
            )
        )
    if key:
        chapter.blocks.append(
            TableBlock(figures.summary, ("metric", "total", "previous_total", "change_pct"))
        )
    if figures.web is not None:
        chapter.blocks.extend(_web_tables(figures.web, lang, text))
    return chapter, None


def _period_totals(figures: _Figures, have: set[str]) -> list[dict[str, Any]]:
    """The website's totals measured over the year in period files, as summary records.

    Those the month files lack: a website counted only for the whole year.
    """
    if figures.web is None:
        return []
    year = str(figures.year)
    return [
        {"metric": r["metric"], "total": r["count"]}
        for r in figures.web.records
        if r["channel"] == WEB
        and r["dimension"] == Dimension.TOTAL.value
        and not r["campaign"]
        and r["period"] == year
        and r["metric"] not in have
    ]


def _web_line(
    records: list[dict[str, Any]], summary: Table, lang: str, text: Callable[[Message], str]
) -> str:
    """The website's year in a sentence: visits, page views, and users as measured."""
    from alarmcli.periods import Period

    figures = Together(tuple(_figure(r["total"], r["metric"], lang) for r in records))
    line = text(msg("report.web-line", figures=figures))
    users = [r for r in records if r["metric"] == "users"]
    months = summary.spans.get((WEB, "users"))
    if users and months:
        measured = Period(months[0], months[-1])
        line += " " + text(msg("report.web-users", period=str(measured)))
    return line


#: Breakdowns of the website drawn as bars too (the seed reports' charts).
WEB_CHARTS = frozenset({"device", "visit_frequency"})


def _web_tables(
    table: Table, lang: str, text: Callable[[Message], str]
) -> list[str | TableBlock | Chart]:
    """A table per breakdown, metric and period of ``alarm web``'s table.

    In the order of the breakdowns; a chart of the metrics side by side first for
    :data:`WEB_CHARTS`.
    """
    parts: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
    for r in table.records:
        if r["dimension"] != TOTAL:
            of_part = parts.setdefault((r["dimension"], r["period"]), {})
            of_part.setdefault(r["metric"], []).append(r)
    blocks: list[str | TableBlock | Chart] = []
    dimensions, metrics = PERIOD_DIMENSIONS[WEB], PERIOD_METRICS[WEB]
    for dimension, period in sorted(parts, key=lambda k: (dimensions.index(k[0]), k[1])):
        of = dict(sorted(parts[(dimension, period)].items(), key=lambda m: metrics.index(m[0])))
        if dimension in WEB_CHARTS:
            blocks.append(_web_chart(dimension, period, of, lang, text))
        for metric, rows in of.items():
            heading = text(
                msg(
                    "report.web-table",
                    metric=Term("metric", metric),
                    dimension=Term("dimension", dimension),
                    period=period,
                )
            )
            if rows[0]["list"] == PARTIAL:
                heading = text(msg("report.top", caption=Verbatim(heading), n=len(rows)))
            where = (("dimension", dimension), ("period", period), ("metric", metric))
            blocks.append(TableBlock(table, ("category", "count", "share_pct"), where, heading))
    return blocks


def _web_chart(
    dimension: str,
    period: str,
    of: dict[str, list[dict[str, Any]]],
    lang: str,
    text: Callable[[Message], str],
) -> Chart:
    """One breakdown's bars, a series per metric (visits and page views by visit frequency)."""
    from alarmcli.render import label

    labels = list(dict.fromkeys(r["category"] for rows in of.values() for r in rows))
    series = []
    for metric, rows in of.items():
        counts = {r["category"]: _value(r["count"]) for r in rows}
        series.append((label("metric", metric, lang), tuple(counts.get(c) for c in labels)))
    return Chart(
        text(msg("report.web-chart", dimension=Term("dimension", dimension), period=period)),
        tuple(labels),
        tuple(series),
        horizontal=dimension != "visit_frequency",
    )


def _campaigns(
    figures: _Figures, _: str, lang: str, text: Callable[[Message], str]
) -> tuple[Chapter | None, str | None]:
    """Each campaign's figures in a sentence, then ``alarm web -c campaign``'s table."""
    table = figures.campaigns
    if table is None:
        return None, text(msg("report.no-campaigns"))
    chapter = Chapter("campaigns", text(msg("report.campaigns")))
    totals: dict[tuple[str, str], list[Message]] = {}
    for r in table.records:
        if r["dimension"] == TOTAL:
            figure = _figure(r["count"], r["metric"], lang)
            totals.setdefault((r["campaign"], r["period"]), []).append(figure)
    for (campaign, period), figures_of in totals.items():
        chapter.blocks.append(
            text(
                msg(
                    "report.campaign-line",
                    campaign=Verbatim(campaign),
                    period=period,
                    figures=Together(tuple(figures_of)),
                )
            )
        )
    columns: tuple[str, ...] = ("campaign", "period", "metric", "count")
    if any(r["dimension"] != TOTAL for r in table.records):  # by region
        columns = ("campaign", "period", "metric", "category", "count", "share_pct")
    title = text(msg("report.campaigns-table", year=figures.year))
    chapter.blocks.append(TableBlock(table, columns, caption=title))
    return chapter, None


def _figure(count: Any, metric: str, lang: str) -> Message:  # noqa: ANN401
    """A count and what it counts: ``563 623 nådd``; a hidden count as ``:``."""
    return msg("report.figure", count=_shown(count, lang), metric=Term("metric", metric))


def _opening_hours(
    figures: _Figures, _: str, lang: str, text: Callable[[Message], str]
) -> tuple[Chapter | None, str | None]:
    """Per channel with hours closed: what it cost, as a sentence, a table and a chart.

    The chart is last year's hour profile, the hours closed now in their own colour.
    """
    from alarmcli.opening import closed_throughout

    table = figures.opening
    if table is None:
        return None, text(msg("report.no-opening-hours"))
    chapter = Chapter("opening_hours", text(msg("report.opening-hours")))
    for channel, before in figures.hours_before.items():
        rows = [r for r in table.records if r["channel"] == channel]
        closed, ranges = rows[0], rows[1:]
        term = Term("channel", channel)
        line = text(
            msg(
                "report.opening-line",
                channel=term,
                hours=closed["closed_hours"],
                year=closed["year"],
                last=closed["previous_year"],
                count=_shown(closed["previous_in_hours"], lang),
                share=_shown(closed["share_pct"], lang, percent=True),
                total=_shown(closed["previous_total"], lang),
            )
        )
        for r in ranges:
            line += " " + text(
                msg(
                    "report.opening-range",
                    count=_shown(r["previous_in_hours"], lang),
                    hours=r["closed_hours"],
                )
            )
        chapter.blocks.append(line)
        answered = _records(before, channel, Metric.ANSWERED.value)
        profile = {int(r["category"]): _value(r["count"]) for r in answered}
        months = [r["month"] for r in _records(figures.series, channel, Metric.ANSWERED.value)]
        shut = closed_throughout(figures.taxonomy.calendar, channel, months)
        hours = range(24)
        chapter.blocks.append(
            Chart(
                text(
                    msg(
                        "report.opening-chart",
                        channel=term,
                        last=closed["previous_year"],
                        year=closed["year"],
                    )
                ),
                tuple(f"{h:02d}" for h in hours),
                (
                    (
                        text(msg("report.open")),
                        tuple(None if h in shut else profile.get(h) for h in hours),
                    ),
                    (
                        text(msg("report.closed")),
                        tuple(profile.get(h) if h in shut else None for h in hours),
                    ),
                ),
                stacked=True,
            )
        )
    columns = ("channel", "hours", "closed_hours", "open_days", "open_hours")
    chapter.blocks.append(TableBlock(table, (*columns, "previous_in_hours", "share_pct")))
    return chapter, None


_CHAPTERS: dict[str, Builder] = {
    "key_figures": _key_figures,
    "channel": _channel,
    "age_group": _age_group,
    "opening_hours": _opening_hours,
    "web": _web,
    "campaigns": _campaigns,
}


def rows(block: TableBlock, taxonomy: Taxonomy, lang: str) -> tuple[list[str], list[list[str]]]:
    """A table block's headings and cells as the reader sees them (labels, number formats)."""
    from alarmcli.render import cell_text, headings

    table = block.table
    keep = [r for r in table.records if keeps(block, r)]
    cells = [[cell_text(table, r, c, taxonomy, lang).strip() for c in block.columns] for r in keep]
    return headings(table, lang, block.columns), cells


def caption(block: TableBlock, lang: str) -> str:
    """A table block's caption: its own, or its table's title."""
    from alarmcli.render import title

    return block.caption or title(block.table, lang)


def keeps(block: TableBlock, record: dict[str, Any]) -> bool:
    """Whether a block shows a record: its ``where``, or by the kind of table.

    The key figures' web rows in the web chapter, the answered contacts and all in the
    key-figures chapter, every other table whole.
    """
    if block.where:
        return all(record[column] == value for column, value in block.where)
    if "site" in block.columns or "row_category" in block.columns:
        return True
    if block.table.kind == "summary":
        if block.columns[0] == "metric":
            return bool(record["channel"] == "web")
        return bool(record["metric"] == Metric.ANSWERED.value)
    return True


def figure_chart(
    dataset: Dataset,
    period: Any,  # noqa: ANN401  (a year or a Period)
    channel: str,
    by: str | None,
    lang: str,
    publish: Callable[[Table], Table],
) -> Chart:
    """The chart of one figure: a channel's months (answered and missed), or a breakdown.

    ``publish`` gives the table as it may be published (suppressed); a hidden count
    draws no bar.
    """
    from alarmcli import figures

    def text(message: Message) -> str:
        return message.text(lang)

    if by is not None:
        table = figures.breakdown(dataset, period, by, channel, bands=by == Dimension.AGE.value)
        return _breakdown_chart(publish(table), dataset.taxonomy, lang, text)
    return _month_chart(publish(figures.series(dataset, period, channel)), channel, lang, text)


def _month_chart(series: Table, channel: str, lang: str, text: Callable[[Message], str]) -> Chart:
    """A channel's answered (and missed) contacts per month, from ``alarm series``."""
    from alarmcli.render import month_name

    months = _records(series, channel, Metric.ANSWERED.value)
    missed = {r["month"]: r["count"] for r in _records(series, channel, Metric.MISSED.value)}
    bars = [(text(msg("report.answered")), tuple(_value(r["count"]) for r in months))]
    if missed:
        values = tuple(_value(missed.get(r["month"])) for r in months)
        bars.append((text(msg("report.missed")), values))
    return Chart(
        text(msg("report.per-month", channel=Term("channel", channel))),
        tuple(month_name(r["month"], lang)[:3] for r in months),
        tuple(bars),
    )
