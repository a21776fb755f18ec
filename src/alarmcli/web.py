"""The website's and the campaigns' tables, and the figures that do not add across months.

``alarm web`` shows the tables of the period files (sources, devices, pages, places,
visit frequency, campaigns by region) as they were measured; ``alarm summary`` takes a
non-additive figure (the website's unique users) from them, never from a sum of months.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from alarmcli import arithmetic as ar
from alarmcli.contract import (
    ALL_CHANNELS,
    NON_ADDITIVE,
    PERIOD_DIMENSIONS,
    PERIOD_METRICS,
    VISIT_FREQUENCY,
    WEB_CHANNELS,
    Channel,
)
from alarmcli.errors import NoDataError
from alarmcli.messages import Term, Verbatim, msg, titles
from alarmcli.periodic import (
    PARTIAL,
    TOTAL,
    Row,
    bucket_order,
)
from alarmcli.periods import Period, as_period

if TYPE_CHECKING:
    from alarmcli.dataset import Dataset
    from alarmcli.figures import Note, Record, Table
    from alarmcli.suppression import Key, Structure

WEB_COLUMNS = (
    "channel", "metric", "dimension", "category", "count", "total", "share_pct", "period",
    "campaign", "list",
)  # fmt: skip
#: ``Table.kind`` of ``alarm web``'s table.
KIND = "web"
#: The dimension of a non-additive total in suppression's keys: no sum of months.
MEASURED = "period"


def table(
    dataset: Dataset,
    period: int | Period,
    channel: str | None = None,
    by: str | None = None,
) -> Table:
    """Every table of the period files measured within ``period``: rows with their shares.

    A table's total comes first, then its categories, largest first (visit frequency in
    the order of its buckets). From the 2024 report: the Snapchat campaigns reached
    563 623 people, with 66 712 opens and 22 015 clicks; from 2020: 556 visits were a
    visitor's 9th to 14th.

    Raises:
        NoDataError: no period file has a table within ``period`` (for that channel).
    """
    from alarmcli.figures import Note, Table

    period = as_period(period)
    rows = [
        r
        for r in dataset.measures.within(period)
        if (channel is None or r.channel == channel) and (by is None or r.dimension in {by, TOTAL})
    ]
    out = Table(KIND, WEB_COLUMNS, [], title=titles("title.web", period=str(period)))
    tables: dict[tuple[Period, str, str, str], list[Row]] = defaultdict(list)
    for r in rows:
        tables[r.table].append(r)
    if by not in {None, TOTAL}:  # only the tables that have the breakdown asked for
        tables = {k: v for k, v in tables.items() if any(r.dimension == by for r in v)}
    if not tables and by not in {None, TOTAL}:
        by_text = Term("dimension", by)
        raise NoDataError(msg("figures.no-web-by", by=by_text, period=str(period)))
    if not tables:
        raise NoDataError(msg("figures.no-web", period=str(period), years=_years(dataset)))
    asked = set(period.months())
    across = sorted(
        {
            str(r.period)
            for r in dataset.measures.rows
            if asked & set(r.period.months())
            and not set(r.period.months()) <= asked
            and (channel is None or r.channel == channel)
        }
    )
    if across:  # measured over months partly outside the period: in no year's tables
        out.notes.append(Note.of("note.web-across", period=str(period), periods=", ".join(across)))
    for key in sorted(tables, key=_table_order):
        members = tables[key]
        total = next((r for r in members if r.dimension == TOTAL), None)
        if total is not None:
            out.records.append(_record(total, total))
        breakdowns: dict[str, list[Row]] = defaultdict(list)
        for r in members:
            if r.dimension != TOTAL:
                breakdowns[r.dimension].append(r)
        for dimension in sorted(breakdowns, key=PERIOD_DIMENSIONS[key[1]].index):
            rows_of = sorted(breakdowns[dimension], key=_row_order)
            out.records += [_record(r, total) for r in rows_of]
            out.notes += _notes(rows_of, total)
    return out


def _years(dataset: Dataset) -> list[str]:
    return sorted({str(r.period) for r in dataset.measures.rows}) or ["–"]


def _table_order(key: tuple[Period, str, str, str]) -> tuple[object, ...]:
    period, channel, campaign, metric = key
    return (
        period.first,
        period.last,
        WEB_CHANNELS.index(channel),
        campaign,
        PERIOD_METRICS[channel].index(metric),
    )


def _row_order(row: Row) -> tuple[object, ...]:
    if row.dimension == VISIT_FREQUENCY:
        return (bucket_order(row.category),)
    return (-row.count, row.category)


def _record(row: Row, total: Row | None) -> Record:
    of = None if total is None else total.count
    return {
        "channel": row.channel,
        "metric": row.metric,
        "dimension": row.dimension,
        "category": row.category,
        "count": row.count,
        "total": of,
        "share_pct": None if row.dimension == TOTAL else ar.percent(row.count, of),
        "period": str(row.period),
        "campaign": row.campaign,
        "list": PARTIAL if row.partial else "",
    }


def _notes(rows: Sequence[Row], total: Row | None) -> list[Note]:
    from alarmcli.figures import Note, note_subject

    first = rows[0]
    subject = note_subject(first.channel, first.metric, first.dimension)
    if first.campaign:
        subject = msg("note.campaign-subject", subject=subject, campaign=Verbatim(first.campaign))
    notes = []
    if first.partial:
        notes.append(
            Note.of("note.partial-list", subject=subject, period=str(first.period), n=len(rows))
        )
    if total is None:
        notes.append(Note.of("note.no-total", subject=subject, period=str(first.period)))
    elif first.metric in NON_ADDITIVE:
        notes.append(
            Note.of("note.non-additive-rows", subject=subject, metric=Term("metric", first.metric))
        )
    return notes


def structure(table: Table) -> Structure:
    """What ``alarm web``'s table publishes, for suppression and the audit.

    A whole list of an additive figure adds up to its total; a top list, with the rest
    that is not published, too; a non-additive figure's rows (a user counted under two
    sources) only each lie within it.
    """
    from alarmcli.suppression import Cell, Derived, Relation, Structure, key

    out = Structure()
    groups: dict[tuple[str, str, str, str], list[tuple[Key, str]]] = defaultdict(list)
    totals: dict[tuple[str, str, str], Key] = {}
    for i, r in enumerate(table.records):
        channel = f"{r['channel']}:{r['campaign']}" if r["campaign"] else r["channel"]
        months = Period.parse(r["period"]).months()
        if r["dimension"] == TOTAL:
            measured = MEASURED if r["metric"] in NON_ADDITIVE else TOTAL
            whole = key(channel, r["metric"], measured, "", months)
            out.cells.append(Cell(i, "count", whole))
            totals[(channel, r["metric"], r["period"])] = whole
            continue
        k = key(channel, r["metric"], r["dimension"], r["category"], months)
        out.cells.append(Cell(i, "count", k))
        total = totals.get((channel, r["metric"], r["period"]))
        if total is not None:
            out.cells.append(Cell(i, "total", total))
            out.derived.append(Derived(i, "share_pct", "ratio", (k, total), 100.0))
        groups[(channel, r["metric"], r["period"], r["dimension"])].append((k, r["list"]))
    for (channel, metric, period, dimension), members in groups.items():
        total = totals.get((channel, metric, period))
        if total is None:
            continue
        parts = tuple(k for k, _ in members)
        if metric in NON_ADDITIVE:
            out.relations.append(Relation("within", total, parts))
        elif members[0][1] == PARTIAL:  # the rest of the list is a count ≥ 0 nobody sees
            rest = key(channel, metric, dimension, "(rest)", Period.parse(period).months())
            out.relations.append(Relation("sum", total, (*parts, rest)))
        else:
            out.relations.append(Relation("sum", total, parts))
    return out


def add_measured(table: Table, dataset: Dataset, period: Period, channel: str | None) -> None:
    """Add to a summary the figures that do not add across months, as they were measured.

    The website's unique users of 2024 are the figure the period files hold for 2024 (or
    for the part of it that has data: 2020-07..2020-12); where they hold none, no row and
    a note says why. Nothing is summed over months, so no row has a per-month or per-day
    figure, a peak or a lowest month.
    """
    from alarmcli.figures import Note, note_subject

    if channel == ALL_CHANNELS:
        return
    import polars as pl

    in_period = dataset.unsummed.filter(pl.col("month").is_in(period.months()))
    contact = [c.value for c in Channel]
    keys = set(in_period.select("channel", "metric").unique().iter_rows()) | {
        (r.channel, r.metric)
        for r in dataset.measures.within(period)
        if r.dimension == TOTAL
        and not r.campaign
        and r.metric in NON_ADDITIVE
        and r.channel in contact
    }
    for chan, metric in sorted(keys, key=lambda k: (contact.index(k[0]), k[1])):
        if channel is not None and chan != channel:
            continue
        subject = note_subject(chan, metric)
        row = dataset.measures.measured(
            chan, metric, period, _months_with_data(dataset, chan, period)
        )
        if row is None:
            table.notes.append(
                Note.of(
                    "note.not-measured",
                    subject=subject,
                    period=str(period),
                    metric=Term("metric", metric),
                )
            )
            continue
        previous = dataset.measures.totals(chan, metric).get(row.period.shift(-1))
        last = None if previous is None else previous.count
        table.records.append(
            {
                "channel": chan,
                "metric": metric,
                "year": period.year,
                "total": row.count,
                "previous_total": last,
                "change": ar.change(row.count, last),
                "change_pct": ar.change_percent(row.count, last),
                "months": len(row.period.months()),
                "per_month": None,
                "per_day": None,
                "peak_month": None,
                "peak_count": None,
                "period": str(period),
                "low_month": None,
                "low_count": None,
                "days": None,  # no per-day figure: users are not counted day by day
            }
        )
        table.spans[(chan, metric)] = tuple(row.period.months())
        if row.period != period:  # measured over the part of the period that has data
            table.notes.append(
                Note.of(
                    "note.measured",
                    subject=subject,
                    measured=str(row.period),
                    where=row.where,
                    metric=Term("metric", metric),
                )
            )


def _months_with_data(dataset: Dataset, channel: str, period: Period) -> list[str]:
    """The months of ``period`` with any count of ``channel``, summed or not.

    The website of 2020 has visits from July: its users measured over 2020-07..2020-12
    are 2020's.
    """
    import polars as pl

    wanted = pl.col("month").is_in(period.months()) & (pl.col("channel") == channel)
    return sorted(set(dataset.monthly().filter(wanted)["month"].to_list()))
