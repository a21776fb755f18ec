"""The figures of an annual report, each defined once, from a loaded :class:`Dataset`.

Every function returns a :class:`Table`: records whose keys are the contract's output
columns, and notes that qualify them (a year with missing months, a previous year that
lacks some). Sums come from polars; ratios from :mod:`alarmcli.arithmetic`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Container, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from alarmcli import arithmetic as ar
from alarmcli.contract import (
    ALL_CHANNELS,
    CONTACT_CHANNELS,
    CROSS,
    EXHAUSTIVE,
    NON_ADDITIVE,
    Channel,
    Dimension,
    Metric,
)
from alarmcli.errors import NoDataError, UsageError
from alarmcli.messages import Message, Named, Term, msg, titles
from alarmcli.periods import Period, as_period, days_covered, parse_month, runs, shift_year

if TYPE_CHECKING:
    import polars as pl

    from alarmcli.dataset import Dataset

ALL = ALL_CHANNELS
MONTH = "month"
Record = dict[str, Any]
Series = dict[str, int]  # month id -> count

SUMMARY_COLUMNS = (
    "channel", "metric", "year", "total", "previous_total", "change", "change_pct",
    "months", "per_month", "per_day", "peak_month", "peak_count", "period", "low_month",
    "low_count", "days",
)  # fmt: skip
COMPARE_COLUMNS = (
    "channel", "metric", "dimension", "category", "year_a", "count_a", "year_b", "count_b",
    "change", "change_pct", "period_a", "period_b", "days_a", "days_b", "per_day_a",
    "per_day_b", "per_day_change_pct",
)  # fmt: skip
SITES_COLUMNS = (
    "channel", "site", "count", "share_pct", "per_day", "previous_count", "change_pct",
    "period", "days",
)  # fmt: skip
BREAKDOWN_COLUMNS = (
    "channel", "metric", "year", "dimension", "category", "count", "total", "share_pct",
    "period",
)  # fmt: skip
SERIES_COLUMNS = (
    "channel", "metric", "month", "count", "days", "per_day", "previous_count", "change",
    "change_pct", "mark",
)  # fmt: skip
#: The key in ``Table.spans`` of the channels the ``all`` row's previous figure sums.
PREVIOUS_CHANNELS = "previous-channels"
#: The key in ``Table.spans``, after a contact channel, of the months a year earlier it
#: had answered contacts in: the series' ``all`` row's previous figure sums those.
PREVIOUS_MONTHS = "previous-months"
#: ``mark`` of the series: the largest month (earliest on a tie), the smallest.
PEAK, LOWEST = "peak", "lowest"


@dataclass(frozen=True)
class Note:
    """A sentence that qualifies a table, in English and Norwegian.

    Made from the message catalogue with :meth:`of` (``Note.of("note.busiest-day",
    subject=…, day=…, count=…)``), which also keeps the message as data for other
    languages; ``Note(en, nb)`` still takes two finished sentences.
    """

    en: str
    nb: str
    message: Message | None = field(default=None, compare=False, repr=False)
    #: (channel, metric, category) of a count the note states, hidden with it
    cell: tuple[str, str, str] | None = None

    @classmethod
    def of(cls, key: str, /, **params: Any) -> Note:  # noqa: ANN401
        """The catalogue's ``key`` with ``params``, worded in every language."""
        message = msg(key, **params)
        return cls(message.text("en"), message.text("nb"), message)

    def text(self, lang: str) -> str:
        """The note in ``lang``."""
        if self.message is not None:
            return self.message.text(lang)
        return self.nb if lang == "nb" else self.en


@dataclass
class Table:
    """Records with the contract's columns, and the notes that qualify them."""

    kind: str
    columns: tuple[str, ...]
    records: list[Record]
    notes: list[Note] = field(default_factory=list)
    title: dict[str, str] = field(default_factory=dict)
    #: the months each (channel, metric) counts, for the relations suppression protects
    spans: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    #: columns a displayed table leaves out (csv and json keep every column)
    brief: frozenset[str] = frozenset()
    #: the categories that are named groups, each the sum of its members
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: whether every category with contacts has its record (a cross-tab without --only)
    whole: bool = True


def _series(frame: pl.DataFrame) -> dict[tuple[str, str], Series]:
    """Monthly counts by (channel, metric) from a frame with month, channel, metric, count."""
    out: dict[tuple[str, str], Series] = defaultdict(dict)
    for month, channel, metric, count in frame.select(
        "month", "channel", "metric", "count"
    ).iter_rows():
        out[(channel, metric)][month] = out[(channel, metric)].get(month, 0) + count
    return out


def _order(key: tuple[str, str]) -> tuple[int, int]:
    channel, metric = key
    channels = [c.value for c in Channel] + [ALL]
    return channels.index(channel), [m.value for m in Metric].index(metric)


def _years_text(dataset: Dataset) -> list[int] | Message:
    return dataset.years() or msg("figures.no-years")


def note_subject(channel: str, metric: str, by: str | None = None) -> Message:
    """What a note is about, in the reader's words: ``Telefon besvart``."""
    if by is None:
        return msg("note.subject", channel=Term("channel", channel), metric=Term("metric", metric))
    return msg(
        "note.subject-by",
        channel=Term("channel", channel),
        metric=Term("metric", metric),
        dimension=Term("dimension", by),
    )


def need_period(dataset: Dataset, period: Period, channel: str | None = None) -> None:
    """Refuse a period (and channel) without data, naming the years that exist (exit 1)."""
    import polars as pl

    year = str(period)
    totals = dataset.totals.filter(pl.col("month").is_in(period.months()))
    if channel is not None:
        totals = totals.filter(pl.col("channel") == channel)
    if totals.is_empty():
        years = _years_text(dataset)
        if channel:
            raise NoDataError(
                msg("figures.no-channel-year", channel=channel, year=year, years=years)
            )
        raise NoDataError(msg("figures.no-year", year=year, years=years))


def check_one_channel(channel: str | None, command: str) -> None:
    """:func:`check_channel`, and refuse ``all`` for a figure that is channel by channel."""
    check_channel(channel)
    if channel == ALL:
        raise UsageError(msg("figures.no-all", command=command))


def check_channel(channel: str | None) -> None:
    """Refuse a channel the contract does not know (exit 2); ``all`` is every contact channel."""
    if channel is not None and channel not in {c.value for c in Channel} | {ALL}:
        choices = [c.value for c in Channel]
        raise UsageError(msg("figures.unknown-channel", value=channel, choices=choices))


def _month_list(months: list[str]) -> str:
    """Months named briefly: ``2023, 2024-01..2024-03, 2024-06`` (runs as periods)."""
    return ", ".join(str(run) for run in runs(months))


def _last_year(months: Iterable[str], present: Container[str]) -> tuple[list[str], list[str]]:
    """The same months a year earlier, and those of them that ``present`` lacks."""
    wanted = [shift_year(m, -1) for m in months]
    return wanted, [m for m in wanted if m not in present]


def _previous(previous: Series, months: list[str]) -> tuple[int | None, list[str]]:
    """The previous year's total over the same months, and the months it lacks."""
    wanted, lacking = _last_year(months, previous)
    if lacking or not wanted:
        return None, lacking
    return sum(previous[m] for m in wanted), []


def _largest(counts: Mapping[str, int]) -> str:
    """The key with the largest count, the earliest on a tie (the peak month, busiest day)."""
    return min(counts, key=lambda k: (-counts[k], k))


def _smallest(counts: Mapping[str, int]) -> str:
    """The key with the smallest count, the earliest on a tie (the lowest month)."""
    return min(counts, key=lambda k: (counts[k], k))


def _in(period: Period) -> pl.Expr:
    """Rows of the months of ``period``."""
    import polars as pl

    return pl.col("month").is_in(period.months())


def _summary_record(
    channel: str, metric: str, period: Period, series: Series, previous: int | None, days: int
) -> Record:
    months = sorted(series)
    total = sum(series.values())
    peak_month, low_month = _largest(series), _smallest(series)
    return {
        "channel": channel,
        "metric": metric,
        "year": period.year,
        "total": total,
        "previous_total": previous,
        "change": ar.change(total, previous),
        "change_pct": ar.change_percent(total, previous),
        "months": len(months),
        "per_month": ar.per_month(total, len(months)),
        "per_day": ar.per_day(total, days),
        "peak_month": peak_month,
        "peak_count": series[peak_month],
        "period": str(period),
        "low_month": low_month,
        "low_count": series[low_month],
        "days": days,
    }


def summary(dataset: Dataset, period: int | Period, channel: str | None = None) -> Table:
    """The key figures of a period per channel and metric, and all contact channels together.

    From the 2024 report: phone answered 14 242, +9.7 % on 12 983 in 2023, 1 186.8 a
    month, 38.9 a day (the report's 39.5 is wrong), peak June with 1 473. The previous
    figure is the same months a year earlier.
    """
    period = as_period(period)
    check_channel(channel)
    need_period(dataset, period, None if channel == ALL else channel)
    this = _series(dataset.totals.filter(_in(period)))
    last = _series(dataset.totals.filter(_in(period.shift(-1))))
    table = Table(
        "summary",
        SUMMARY_COLUMNS,
        [],
        title=titles("title.summary", year=str(period)),
        brief=frozenset({"days"}),
    )
    for key in sorted(this, key=_order):
        if channel is not None and key[0] != channel:
            continue
        series = this[key]
        previous, lacking = _previous(last.get(key, {}), sorted(series))
        days = _open_days(dataset, table, key[0], series)
        table.records.append(_summary_record(*key, period, series, previous, days))
        table.spans[key] = tuple(sorted(series))
        table.notes.extend(_coverage_notes(note_subject(*key), period, series, lacking))
    from alarmcli.web import add_measured

    add_measured(table, dataset, period, channel)  # unique users: as measured, never summed
    if channel in {None, ALL}:
        _add_all_row(dataset, table, period, this, last)
        table.notes.extend(
            Note.of(
                "note.none-this-year",
                subject=note_subject(c, m),
                last=str(period.shift(-1)),
                year=str(period),
            )
            for c, m in sorted(set(last) - set(this), key=_order)
        )
    return table


def _with_all(series: dict[tuple[str, str], Series]) -> dict[tuple[str, str], Series]:
    """Monthly series and, as channel ``all``, the contact channels' answered summed."""
    combined: Series = defaultdict(int)
    for channel in CONTACT_CHANNELS:
        for month, count in series.get((channel.value, Metric.ANSWERED.value), {}).items():
            combined[month] += count
    return {**series, (ALL, Metric.ANSWERED.value): dict(combined)} if combined else series


def _with_data(dataset: Dataset, channel: str) -> Callable[[str], list[str]] | None:
    """For ``all``, the channels a month's figure sums: those with answered contacts then."""
    return partial(_channels_in, _series(dataset.totals)) if channel == ALL else None


def _channels_in(series: dict[tuple[str, str], Series], month: str) -> list[str]:
    """The contact channels with answered contacts in ``month``: what ``all`` sums then."""
    answered = Metric.ANSWERED.value
    return [c.value for c in CONTACT_CHANNELS if month in series.get((c.value, answered), {})]


def _open_days(
    dataset: Dataset,
    table: Table,
    channel: str,
    months: Collection[str],
    among: Callable[[str], list[str]] | None = None,
) -> int:
    """The days of ``months`` the channel was open: the per-day base.

    For ``all``, each month's days any of ``among(month)`` was open (the channels with
    data that month). A note says so where they are fewer than the calendar's, once per
    channel and table.
    """
    calendar = dataset.taxonomy.calendar
    if among is None:
        days = calendar.days(channel, months)
    else:
        days = sum(calendar.days(channel, [m], among(m)) for m in set(months))
    every = days_covered(months)
    note = Note.of(
        "note.open-days",
        channel=Term("channel", channel),
        days=days,
        every=every,
        where=f"taxonomy.toml [service.{channel}]" if channel != ALL else "taxonomy.toml",
    )
    if days != every and note not in table.notes:
        table.notes.append(note)
    return days


def _coverage_notes(
    subject: Message, period: Period, months: Collection[str], lacking: list[str]
) -> list[Note]:
    """Notes on a period with months missing and on a previous year that lacks some.

    ``subject`` names what is counted: ``phone answered``, ``phone answered by site``.
    """
    notes = []
    wanted = period.months()
    if len(months) < len(wanted):
        missing = _month_list([m for m in wanted if m not in months])
        notes.append(
            Note.of(
                "note.months-missing",
                subject=subject,
                n=len(months),
                of=len(wanted),
                year=str(period),
                missing=missing,
            )
        )
    if lacking:
        notes.append(
            Note.of(
                "note.no-previous",
                subject=subject,
                last=str(period.shift(-1)),
                missing=_month_list(lacking),
            )
        )
    return notes


def _add_all_row(
    dataset: Dataset,
    table: Table,
    period: Period,
    this: dict[tuple[str, str], Series],
    last: dict[tuple[str, str], Series],
) -> None:
    """All contact channels' answered contacts together.

    Per month, the sum of the channels that have data; its previous figure, the same sum
    over the same months a year earlier, whatever channels had data then (a new channel
    raises the total, a closed one lowers it; a note names them).
    """
    keys = [(c.value, Metric.ANSWERED.value) for c in CONTACT_CHANNELS]
    present = [k for k in keys if k in this]
    if not present:
        return
    combined: Series = defaultdict(int)
    for key in present:
        for month, count in this[key].items():
            combined[month] += count
    wanted = {shift_year(m, -1) for m in combined}
    before: Series = defaultdict(int)
    earlier = [k for k in keys if wanted & set(last.get(k, {}))]
    for key in earlier:
        for month, count in last[key].items():
            if month in wanted:
                before[month] += count
    previous, lacking = _previous(before, sorted(combined))
    days = _open_days(dataset, table, ALL, combined, partial(_channels_in, this))
    record = _summary_record(ALL, Metric.ANSWERED.value, period, combined, previous, days)
    table.records.append(record)
    table.spans[(ALL, Metric.ANSWERED.value)] = tuple(sorted(combined))
    table.spans[(ALL, PREVIOUS_CHANNELS)] = tuple(k[0] for k in earlier)
    if lacking:
        table.notes.append(
            Note.of(
                "note.no-previous",
                subject=note_subject(ALL, Metric.ANSWERED.value),
                last=str(period.shift(-1)),
                missing=_month_list(lacking),
            )
        )
    new = [k[0] for k in present if k not in earlier]
    gone = [k[0] for k in earlier if k not in present]
    for note, channels in (("note.all-channels-new", new), ("note.all-channels-gone", gone)):
        if previous is not None and channels:
            table.notes.append(
                Note.of(
                    note,
                    year=str(period),
                    last=str(period.shift(-1)),
                    channels=[Term("channel", c) for c in channels],
                )
            )


def compare(
    dataset: Dataset,
    period_a: int | Period,
    period_b: int | Period,
    channel: str | None = None,
    by: str = Dimension.TOTAL.value,
    groups: bool = False,
) -> Table:
    """The change from period A to period B, like for like where the two can be.

    Two periods of the same months of the year (2023 and 2024; 2023-06 and 2024-06) are
    counted over the months both have. Other periods (April–September against the last
    three months) are each counted over their own months, and the per-day rates are
    compared too, since the periods differ in length. A category absent from one side
    counts 0 in an exhaustive breakdown (every contact has one value, so none had this
    one) and is empty in a multi-label one (the topic may not have been recorded then);
    either way a zero or missing base leaves the change in per cent empty.

    From the 2024 report: chat 19 150 → 8 770 answered, −10 380, −54.2 %.
    """
    import polars as pl

    a, b = as_period(period_a), as_period(period_b)
    check_channel(channel)
    comparable = [MONTH, *(d.value for d in Dimension if d is not Dimension.DAY)]
    if by not in comparable:
        raise UsageError(msg("figures.compare-by", value=by, choices=comparable))
    if a == b:
        raise UsageError(msg("figures.same-year", year=str(a)))
    aligned = [m[5:] for m in a.months()] == [m[5:] for m in b.months()]
    if by == MONTH and not aligned:
        raise UsageError(msg("figures.compare-month-unaligned", a=str(a), b=str(b)))
    for period in (a, b):
        need_period(dataset, period, None if channel == ALL else channel)
    if by in {Dimension.TOTAL.value, MONTH}:
        frame = dataset.totals.with_columns(
            pl.lit(Dimension.TOTAL.value).alias("dimension"), pl.lit("").alias("category")
        )
    else:
        frame = dataset.counts.filter(pl.col("dimension") == by)
    if channel == ALL:  # the contact channels' sum, month by month
        frame = (
            frame.filter(pl.col("channel").is_in([c.value for c in CONTACT_CHANNELS]))
            .group_by("month", "metric", "category")
            .agg(pl.col("count").sum())
            .with_columns(pl.lit(ALL).alias("channel"))
        )
    elif channel is not None:
        frame = frame.filter(pl.col("channel") == channel)
    table = Table(
        "compare",
        COMPARE_COLUMNS,
        [],
        title=titles("title.compare", year_a=str(a), year_b=str(b)),
    )
    sides = [_side_cells(frame.filter(_in(p))) for p in (a, b)]
    table.notes += _unsummed_left_out(dataset, (a, b), channel, by)
    for key in sorted(set(sides[0]) | set(sides[1]), key=_order):
        cells_a, cells_b = sides[0].get(key, {}), sides[1].get(key, {})
        if aligned:  # like for like: the months of the year both sides have
            common = {m[5:] for m in cells_a} & {m[5:] for m in cells_b}
            months_a = [m for m in sorted(cells_a) if m[5:] in common]
            months_b = [m for m in sorted(cells_b) if m[5:] in common]
            left_out = sorted(set(cells_a) - set(months_a) | set(cells_b) - set(months_b))
            if left_out:
                table.notes.append(
                    Note.of(
                        "note.left-out", subject=note_subject(*key), months=_month_list(left_out)
                    )
                )
        else:
            months_a, months_b = sorted(cells_a), sorted(cells_b)
            for period, months in ((a, months_a), (b, months_b)):
                table.notes.extend(_coverage_notes(note_subject(*key), period, months, [])[:1])
        if not (months_a and months_b):
            continue
        named = {}
        if groups and by in {d.value for d in Dimension}:
            named = {
                k: g.members for k, g in dataset.taxonomy.groups.get(Dimension(by), {}).items()
            }
            table.groups.update(named)
        table.records.extend(
            _compare_records(
                key,
                by,
                (a, cells_a, months_a),
                (b, cells_b, months_b),
                named,
                partial(_open_days, dataset, table, key[0], among=_with_data(dataset, key[0])),
            )
        )
        table.spans[(key[0], f"{key[1]}{SIDE_A}")] = tuple(months_a)
        table.spans[(key[0], f"{key[1]}{SIDE_B}")] = tuple(months_b)
    if not table.records:
        raise NoDataError(msg("figures.no-common-months", year_a=str(a), year_b=str(b), by=by))
    if a.first > b.first:
        table.notes.insert(0, Note.of("note.compare-reversed", year_a=str(a), year_b=str(b)))
    if aligned:  # like for like: the per-day columns say nothing new on a display
        table.brief = frozenset(COMPARE_COLUMNS[COMPARE_COLUMNS.index("days_a") :])
    return table


#: Suffixes of the metric in ``Table.spans`` keys of a comparison's two sides.
SIDE_A, SIDE_B = "@a", "@b"
#: After a metric in ``Table.spans``, with a channel: the months of that channel's rows a
#: breakdown of ``all`` sums (each channel over its own months).
SUMMED = "@all"
Side = tuple[Period, dict[str, dict[str, int]], list[str]]  # period, cells by month, months


def _unsummed_left_out(
    dataset: Dataset, periods: Iterable[Period], channel: str | None, by: str
) -> list[Note]:
    """A note where figures that do not add across months (web users) are left out."""
    import polars as pl

    wanted = channel in {None, Channel.WEB.value} and by in {Dimension.TOTAL.value, MONTH}
    if not wanted:
        return []
    months = {m for p in periods for m in p.months()}
    found = dataset.unsummed.filter(pl.col("month").is_in(sorted(months)))
    pairs = sorted(set(found.select("channel", "metric").iter_rows()))
    return [Note.of("note.compare-unsummed", subject=note_subject(c, m)) for c, m in pairs]


def _side_cells(frame: pl.DataFrame) -> dict[tuple[str, str], dict[str, dict[str, int]]]:
    """Counts by (channel, metric), month and category."""
    cells: dict[tuple[str, str], dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for month, chan, metric, category, count in frame.select(
        "month", "channel", "metric", "category", "count"
    ).iter_rows():
        cells[(chan, metric)][month][category] = count
    return cells


def _compare_records(
    key: tuple[str, str],
    by: str,
    side_a: Side,
    side_b: Side,
    named: Mapping[str, tuple[str, ...]],
    open_days: Callable[[list[str]], int],
) -> list[Record]:
    def tally(side: Side) -> dict[str, int]:
        _, cells, months = side
        out: dict[str, int] = defaultdict(int)
        for month in months:
            for category, count in cells[month].items():
                out[month[5:] if by == MONTH else category] += count
        return out

    count_a, count_b = tally(side_a), tally(side_b)
    days_a, days_b = open_days(side_a[2]), open_days(side_b[2])
    categories = sorted(set(count_a) | set(count_b), key=category_order(by))
    if by in {d.value for d in EXHAUSTIVE}:
        # every contact has one value: a category absent in a month counted 0 contacts
        count_a = {c: count_a.get(c, 0) for c in categories}
        count_b = {c: count_b.get(c, 0) for c in categories}
    for group, members in named.items():  # a named group: the sum of its members
        count_a[group] = sum(count_a.get(m, 0) for m in members)
        count_b[group] = sum(count_b.get(m, 0) for m in members)
        categories.append(group)
    records = []
    for category in categories:
        n_a, n_b = count_a.get(category), count_b.get(category)
        if by == MONTH:  # one month on each side
            days_a = open_days([m for m in side_a[2] if m[5:] == category])
            days_b = open_days([m for m in side_b[2] if m[5:] == category])
        records.append(
            {
                "channel": key[0],
                "metric": key[1],
                "dimension": by,
                "category": category,
                "year_a": side_a[0].year,
                "count_a": n_a,
                "year_b": side_b[0].year,
                "count_b": n_b,
                "change": ar.change(n_b, n_a),
                "change_pct": ar.change_percent(n_b, n_a),
                "period_a": str(side_a[0]),
                "period_b": str(side_b[0]),
                "days_a": days_a,
                "days_b": days_b,
                "per_day_a": ar.per_day(n_a, days_a),
                "per_day_b": ar.per_day(n_b, days_b),
                "per_day_change_pct": ar.rate_change_percent(n_b, days_b, n_a, days_a),
            }
        )
    return records


def category_order(dimension: str) -> Any:  # noqa: ANN401  (a sort key function)
    """Numbers and age bands in numeric order, ids alphabetically, ``unknown`` last."""

    def key(category: str) -> tuple[int, int, int, str]:
        if category.isdigit():
            return (0, int(category), 0, "")
        low, _, high = category.partition("-")
        if low.isdigit() and high.isdigit():  # an age band: by its lower, then upper age
            return (0, int(low), int(high), "")
        return (2 if category == "unknown" else 1, 0, 0, category)

    return key


def sites(
    dataset: Dataset,
    period: int | Period,
    channel: str = Channel.PHONE.value,
    groups: bool = False,
) -> Table:
    """Answered contacts per site, largest first, with share, per day and change.

    From the 2024 report: 63 % answered in Kristiansand; Oslo 3.5 a day. With
    ``groups``, the taxonomy's named groups of sites follow, each the sum of its members.
    """
    import polars as pl

    period = as_period(period)
    check_channel(channel)
    need_period(dataset, period, channel)
    frame = dataset.counts.filter(
        (pl.col("channel") == channel)
        & (pl.col("metric") == Metric.ANSWERED.value)
        & (pl.col("dimension") == Dimension.SITE.value)
    )
    this = frame.filter(_in(period))
    if this.is_empty():
        raise NoDataError(msg("figures.no-sites", channel=channel, year=str(period)))
    months = sorted(set(this["month"].to_list()))
    last = frame.filter(_in(period.shift(-1)))
    wanted, lacking = _last_year(months, set(last["month"].to_list()))
    counts = _sum_by(this, "category")
    previous = _sum_by(last.filter(pl.col("month").is_in(wanted)), "category")
    table = Table(
        "sites",
        SITES_COLUMNS,
        [],
        title=titles("title.sites", year=str(period)),
        brief=frozenset({"days"}),
    )
    total, days = sum(counts.values()), _open_days(dataset, table, channel, months)
    if not lacking:  # a site that answered last year and not this year answered 0
        counts.update({site: 0 for site in previous if site not in counts})
    order = sorted(counts, key=lambda s: (-counts[s], s))
    if groups:  # after the sites, each the sum of its members
        counts = _with_groups(table, dataset, Dimension.SITE.value, counts)
        previous = _with_groups(table, dataset, Dimension.SITE.value, previous)
        order += list(table.groups)
    for site in order:
        prev = None if lacking else previous.get(site, 0)
        table.records.append(
            {
                "channel": channel,
                "site": site,
                "count": counts[site],
                "share_pct": ar.percent(counts[site], total),
                "per_day": ar.per_day(counts[site], days),
                "previous_count": prev,
                "change_pct": ar.change_percent(counts[site], prev),
                "period": str(period),
                "days": days,
            }
        )
    subject = note_subject(channel, Metric.ANSWERED.value, Dimension.SITE.value)
    table.notes.extend(_coverage_notes(subject, period, months, lacking))
    table.spans[(channel, Metric.ANSWERED.value)] = tuple(months)
    return table


def _sum_by(frame: pl.DataFrame, column: str) -> dict[str, int]:
    import polars as pl

    return dict(frame.group_by(column).agg(pl.col("count").sum()).iter_rows())


def breakdown(
    dataset: Dataset,
    period: int | Period,
    by: str,
    channel: str | None = None,
    bands: bool = False,
    groups: bool = False,
) -> Table:
    """Counts of one breakdown in a period with their share of the total.

    From the 2024 report: chat 6 485 girls (73.9 %), 38.5 % aged 5-13, 49 chats on
    11 January. Shares are of the total over the months the breakdown has data for.
    Channel ``all`` sums the contact channels that record the breakdown (concern
    reports: 6 by phone + 12 by chat = 18); ``groups`` adds the taxonomy's named groups.
    """
    import polars as pl

    period = as_period(period)
    year = str(period)
    check_channel(channel)
    if by not in {d.value for d in Dimension} - {Dimension.TOTAL.value}:
        choices = [d.value for d in Dimension if d is not Dimension.TOTAL]
        raise UsageError(msg("figures.breakdown-by", value=by, choices=choices))
    if bands and by != Dimension.AGE.value:
        raise UsageError(msg("figures.bands"))
    need_period(dataset, period, None if channel == ALL else channel)
    frame = dataset.counts.filter(_in(period) & (pl.col("dimension") == by))
    if channel == ALL:
        frame = frame.filter(pl.col("channel").is_in([c.value for c in CONTACT_CHANNELS]))
    elif channel is not None:
        frame = frame.filter(pl.col("channel") == channel)
    if frame.is_empty():
        if channel:
            raise NoDataError(
                msg("figures.no-breakdown-channel", dimension=by, year=year, channel=channel)
            )
        raise NoDataError(msg("figures.no-breakdown", dimension=by, year=year))
    table = Table(
        "breakdown",
        BREAKDOWN_COLUMNS,
        [],
        title=titles("title.breakdown", year=year, dimension=Term("dimension", by)),
    )
    grouped: dict[tuple[str, str], list[tuple[str, str, int]]] = defaultdict(list)
    for row in frame.select("channel", "metric", "month", "category", "count").iter_rows():
        grouped[(row[0], row[1])].append((row[2], row[3], row[4]))
    totals = _series(dataset.totals.filter(_in(period)))
    parts: dict[tuple[str, str], tuple[dict[str, int], int, set[str]]] = {}
    for key in sorted(grouped, key=_order):
        rows = grouped[key]
        months = {m for m, _, _ in rows}
        total = sum(totals.get(key, {}).get(m, 0) for m in months)
        parts[key] = (_breakdown_counts(dataset, by, rows, bands), total, months)
    if channel == ALL:
        parts = _over_channels(table, by, parts)
    for key, (counts, total, months) in parts.items():
        shown = _with_groups(table, dataset, by, counts) if groups else counts
        for category in [*_breakdown_order(by, counts), *(g for g in shown if g not in counts)]:
            table.records.append(
                {
                    "channel": key[0],
                    "metric": key[1],
                    "year": period.year,
                    "dimension": by,
                    "category": category,
                    "count": shown[category],
                    "total": total,
                    "share_pct": ar.percent(shown[category], total),
                    "period": year,
                }
            )
        table.notes.extend(_breakdown_notes(key, by, period, counts, months))
        table.spans[key] = tuple(sorted(months))
    return table


def _over_channels(
    table: Table, by: str, parts: dict[tuple[str, str], tuple[dict[str, int], int, set[str]]]
) -> dict[tuple[str, str], tuple[dict[str, int], int, set[str]]]:
    """A breakdown summed over the contact channels that record it, metric by metric.

    Each channel counts over its own months, so the total is the sum of the totals of
    the channels summed, and a channel that does not record the breakdown adds nothing.
    """
    out: dict[tuple[str, str], tuple[dict[str, int], int, set[str]]] = {}
    for metric in dict.fromkeys(m for _, m in parts):
        channels = [k for k in parts if k[1] == metric]
        counts: dict[str, int] = defaultdict(int)
        for key in channels:
            for category, n in parts[key][0].items():
                counts[category] += n
        total = sum(parts[k][1] for k in channels)
        months = set().union(*(parts[k][2] for k in channels))
        out[(ALL, metric)] = (dict(counts), total, months)
        for channel, _ in channels:
            table.spans[(channel, f"{metric}{SUMMED}")] = tuple(sorted(parts[(channel, metric)][2]))
        table.notes.append(
            Note.of(
                "note.over-channels",
                subject=note_subject(ALL, metric),
                dimension=Term("dimension", by),
                channels=[Term("channel", k[0]) for k in channels],
            )
        )
    return out


def _with_groups(table: Table, dataset: Dataset, by: str, counts: dict[str, int]) -> dict[str, int]:
    """``counts`` and the taxonomy's named groups of ``by``: each the sum of its members.

    In an exhaustive breakdown that is exact (every contact has one value); in a
    multi-label one a contact with two members counts twice, so a note says the group
    counts mentions, at most that many contacts.
    """
    dimension = Dimension(by)
    out = dict(counts)
    for key, group in dataset.taxonomy.groups.get(dimension, {}).items():
        out[key] = sum(counts.get(m, 0) for m in group.members)
        table.groups[key] = group.members
        note = Note.of(
            "note.group-sum",
            group=_named(dataset, dimension, key),
            members=[_named(dataset, dimension, m) for m in group.members],
        )
        if dimension not in EXHAUSTIVE and note not in table.notes:
            table.notes.append(note)
    return out


def _named(dataset: Dataset, dimension: Dimension, category: str) -> Named:
    """A category's or group's labels, for a note."""
    tax = dataset.taxonomy
    return Named(tax.label(dimension, category, "nb"), tax.label(dimension, category, "en"))


def _breakdown_counts(
    dataset: Dataset, by: str, rows: list[tuple[str, str, int]], bands: bool
) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for month, category, count in rows:
        if by == Dimension.DAY.value:
            year, mon = parse_month(month)
            counts[date(year, mon, int(category)).isoformat()] += count
        else:
            counts[category] += count
    if bands:
        return {
            band: sum(counts.get(age, 0) for age in dataset.taxonomy.band_ages(band))
            for band in dataset.taxonomy.age_bands
        }
    return dict(counts)


def _breakdown_order(by: str, counts: dict[str, int]) -> list[str]:
    """Time and age in their natural order; topics as a tree; the rest largest first."""
    if by in {Dimension.HOUR.value, Dimension.DAY.value, Dimension.AGE.value}:
        return sorted(counts, key=category_order(by))
    largest = sorted(counts, key=lambda c: (-counts[c], c))
    if by != Dimension.TOPIC.value:
        return largest
    groups = [c for c in largest if "/" not in c]
    groups += [g for g in dict.fromkeys(c.split("/")[0] for c in largest) if g not in groups]
    return [
        c
        for group in groups
        for c in [group, *(s for s in largest if s.startswith(group + "/"))]
        if c in counts
    ]


def _breakdown_notes(
    key: tuple[str, str], by: str, period: Period, counts: dict[str, int], months: set[str]
) -> list[Note]:
    notes = []
    subject, dimension = note_subject(*key), Term("dimension", by)
    if by not in {d.value for d in EXHAUSTIVE}:
        notes.append(Note.of("note.multi-label", subject=subject, dimension=dimension))
    if by == Dimension.DAY.value and counts:
        day = _largest(counts)
        busiest = Note.of("note.busiest-day", subject=subject, day=day, count=counts[day])
        notes.append(replace(busiest, cell=(key[0], key[1], day)))
    if len(months) < len(period.months()):
        notes.append(
            Note.of(
                "note.breakdown-months",
                subject=subject,
                dimension=dimension,
                n=len(months),
                year=str(period),
            )
        )
    return notes


def series(dataset: Dataset, period: int | Period, channel: str | None = None) -> Table:
    """Every month of a period per channel and metric: what each bar chart shows.

    Count, per day, the same month a year earlier and the change; ``mark`` names the
    peak month and the lowest (the earliest on a tie). From the 2020 report: missed
    chats were fewest in August (23) and most in November (183).
    """
    period = as_period(period)
    check_channel(channel)
    need_period(dataset, period, None if channel == ALL else channel)
    this = _with_all(_series(dataset.monthly().filter(_in(period))))
    last = _with_all(_series(dataset.monthly().filter(_in(period.shift(-1)))))
    table = Table("series", SERIES_COLUMNS, [], title=titles("title.series", year=str(period)))
    for key in sorted(this, key=_order):
        if channel is not None and key[0] != channel:
            continue
        counts, before = this[key], last.get(key, {})
        marks = {_largest(counts): PEAK, _smallest(counts): LOWEST} if len(counts) > 1 else {}
        for month in sorted(counts):
            previous = before.get(shift_year(month, -1))
            among = partial(_channels_in, this) if key[0] == ALL else None
            days = _open_days(dataset, table, key[0], [month], among)
            table.records.append(
                {
                    "channel": key[0],
                    "metric": key[1],
                    "month": month,
                    "count": counts[month],
                    "days": days,
                    "per_day": None if key[1] in NON_ADDITIVE else ar.per_day(counts[month], days),
                    "previous_count": previous,
                    "change": ar.change(counts[month], previous),
                    "change_pct": ar.change_percent(counts[month], previous),
                    "mark": marks.get(month, ""),
                }
            )
        table.spans[key] = tuple(sorted(counts))
        table.notes.extend(_coverage_notes(note_subject(*key), period, counts, [])[:1])
    for (name, metric), counts in last.items():
        if name != ALL and metric == Metric.ANSWERED.value:
            table.spans[(name, PREVIOUS_MONTHS)] = tuple(sorted(counts))
    return table


CROSSTAB_COLUMNS = (
    "channel", "metric", "year", "rows", "row_category", "columns", "column_category",
    "count", "column_total", "share_pct", "period",
)  # fmt: skip


def crosstab(
    dataset: Dataset,
    period: int | Period,
    rows: str,
    columns: str,
    channel: str | None = None,
    bands: bool = False,
    only: str | None = None,
) -> Table:
    """A cross-tab of two dimensions: each cell with its share of its column's contacts.

    From the 2024 report: of chats from children aged 11–13, 317 were about violence from
    parents, 352 about suicide. ``column_total`` is the column's one-dimensional count (the
    contacts aged 11–13), so a share is of the contacts in the column, not of the topics
    mentioned; ``bands`` sums single ages into the taxonomy's age bands, exactly.
    """
    import polars as pl

    period = as_period(period)
    check_channel(channel)
    if rows == columns:
        raise UsageError(msg("figures.crosstab-same", dimension=rows))
    if bands and Dimension.AGE.value not in {rows, columns}:
        raise UsageError(msg("figures.bands"))
    need_period(dataset, period, channel)
    here = dataset.counts.filter(_in(period))
    if channel is not None:
        here = here.filter(pl.col("channel") == channel)
    pairs = {f"{rows}{CROSS}{columns}": False, f"{columns}{CROSS}{rows}": True}
    cells: dict[tuple[str, str], dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    months: dict[tuple[str, str], set[str]] = defaultdict(set)
    for chan, metric, month, dim, category, count in (
        here.filter(pl.col("dimension").is_in(list(pairs)))
        .select("channel", "metric", "month", "dimension", "category", "count")
        .iter_rows()
    ):
        first, second = category.split(CROSS)
        pair = (second, first) if pairs[dim] else (first, second)
        cells[(chan, metric)][pair] += count
        months[(chan, metric)].add(month)
    if not cells:
        raise NoDataError(msg("figures.no-crosstab", rows=rows, columns=columns, year=str(period)))
    margins = here.filter(pl.col("dimension") == columns)
    table = Table(
        "crosstab",
        CROSSTAB_COLUMNS,
        [],
        title=titles(
            "title.crosstab",
            year=str(period),
            rows=Term("dimension", rows),
            columns=Term("dimension", columns),
        ),
        whole=only is None,
    )
    for key in sorted(cells, key=_order):
        span = months[key]
        margin = _sum_by(
            margins.filter(
                (pl.col("channel") == key[0])
                & (pl.col("metric") == key[1])
                & pl.col("month").is_in(sorted(span))
            ),
            "category",
        )
        grid = cells[key]
        if bands:
            grid, margin = _banded(dataset, grid, margin, age_is_column=columns == "age")
        for (row_cat, col_cat), count in sorted(
            grid.items(),
            key=lambda kv: (category_order(columns)(kv[0][1]), -kv[1], kv[0][0]),
        ):
            if only is not None and col_cat != only:
                continue
            total = margin.get(col_cat)
            table.records.append(
                {
                    "channel": key[0],
                    "metric": key[1],
                    "year": period.year,
                    "rows": rows,
                    "row_category": row_cat,
                    "columns": columns,
                    "column_category": col_cat,
                    "count": count,
                    "column_total": total,
                    "share_pct": ar.percent(count, total),
                    "period": str(period),
                }
            )
        table.spans[key] = tuple(sorted(span))
        if len(span) < len(period.months()):
            table.notes.append(
                Note.of(
                    "note.breakdown-months",
                    subject=note_subject(*key),
                    dimension=Term("dimension", f"{rows}*{columns}"),
                    n=len(span),
                    year=str(period),
                )
            )
    if not table.records:
        raise NoDataError(msg("figures.no-crosstab", rows=rows, columns=columns, year=str(period)))
    return table


def _banded(
    dataset: Dataset,
    grid: dict[tuple[str, str], int],
    margin: dict[str, int],
    *,
    age_is_column: bool,
) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """Cells and margins with single ages summed into the taxonomy's (overlapping) bands."""
    banded: dict[tuple[str, str], int] = defaultdict(int)
    for band in dataset.taxonomy.age_bands:
        ages = set(dataset.taxonomy.band_ages(band))
        for (row_cat, col_cat), count in grid.items():
            age, other = (col_cat, row_cat) if age_is_column else (row_cat, col_cat)
            if age in ages:
                banded[(other, band) if age_is_column else (band, other)] += count
    bands_margin = {
        band: sum(margin.get(a, 0) for a in dataset.taxonomy.band_ages(band))
        for band in dataset.taxonomy.age_bands
    }
    return dict(banded), bands_margin if age_is_column else margin
