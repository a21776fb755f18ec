"""Small-count suppression: hide counts from 1 to N−1, then enough others that none comes back.

A published table is more than its cells: totals, shares, per-day figures and changes tie
the cells together, so a hidden 2 can often be worked out again (99 − 40 − 25 − 31 = 3).
This module describes each table the figure commands make as linear facts about counts
(:func:`describe`), hides the small counts (primary suppression), and then hides further
counts, one at a time, until the independent attack of :mod:`alarmcli.audit` finds no
hidden count that it can narrow to an interval less than N wide (secondary suppression).

The order of the extra counts: for the exposed hidden count, among the published counts
that share a sum with it, the smallest whose value closes the gap, else the largest;
inner cells before totals. For a one-dimensional table this hides as few cells as any
pattern can. Figures derived from a hidden count (its share, per day, change) are hidden
with it, and a year-over-year change is shown only where both years are.

Nothing here imports a solver: the audit does, and only when suppression runs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from alarmcli.contract import (
    CONTACT_CHANNELS,
    CROSS,
    DURATIONS,
    EXHAUSTIVE,
    NON_ADDITIVE,
    VISIT_FREQUENCY,
    Dimension,
    Metric,
)
from alarmcli.periods import shift_year

if TYPE_CHECKING:
    from alarmcli.audit import Facts
    from alarmcli.figures import Record, Table

#: What a hidden figure is written as in csv and json.
MARK = "c"
#: How many candidates secondary suppression tries before it takes the largest.
TRIALS = 8

#: A count's identity across the tables of a release:
#: (channel, metric, dimension, category, the months it counts).
Key = tuple[str, str, str, str, tuple[str, ...]]


class Suppressed:
    """A hidden figure: ``c`` in csv and json, ``:`` in tables; one instance, ``SUPPRESSED``."""

    def __repr__(self) -> str:
        return MARK

    def __str__(self) -> str:
        return MARK


SUPPRESSED = Suppressed()


class UnprotectableError(ValueError):
    """A hidden count that the attack narrows when every count that may be hidden is."""


@dataclass(frozen=True)
class Cell:
    """A count a table shows: record ``record``'s ``column`` is the count ``key``."""

    record: int
    column: str
    key: Key


@dataclass(frozen=True)
class Derived:
    """A figure computed from counts, rounded to one decimal unless ``op`` is ``diff``.

    ``ratio``: factor × a / b (a share); ``per``: a / factor (per day, per month);
    ``diff``: b − a (a change); ``change_pct``: (factor × b − a) / a × 100 (factor 1:
    a change; days of a / days of b: the change of a per-day rate); ``hide``: nothing
    about the counts, only hidden with them (a figure over other months than they, the
    name of a month that may be the busiest or the quietest); ``peak``: the name of the
    busiest month a, so a ≤ the period's count ``also`` ≤ factor × a.

    A figure is hidden with its ``keys``, not with ``also`` (the busiest month's name stays
    while the year's count is hidden).
    """

    record: int
    column: str
    op: Literal["ratio", "per", "diff", "change_pct", "hide", "peak"]
    keys: tuple[Key, ...]
    factor: float = 1.0
    also: tuple[Key, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A fact about counts that holds by the contract, whatever is published.

    ``sum``: the parts add up to the whole; ``within``: no part exceeds the whole (a
    multi-label row, a sub-topic within its group); ``most``: the parts together do not
    exceed it (a cross-tab's row, its columns shown or not).
    """

    op: Literal["sum", "within", "most"]
    whole: Key
    parts: tuple[Key, ...]


@dataclass(frozen=True)
class Extreme:
    """The busiest (``peak``) or the quietest (``low``) of a series' months, as a table names it.

    ``months``: their counts in month order; ``named``: the month the table names, None
    where the name is hidden (with its count: the extreme is then one of the hidden
    months); ``tie``: whether the table names the first month the other extreme and so
    may name this one too (the series' marks of months that are all equal: ``lowest``).
    What a reader learns from it is :meth:`alarmcli.audit.Facts.model`'s to say: it
    depends on which months are hidden.
    """

    op: Literal["peak", "low"]
    months: tuple[Key, ...]
    named: Key | None
    tie: bool = False


@dataclass
class Structure:
    """What a table publishes, as counts, figures derived from them, relations, extremes.

    ``implied``: counts a table does not show but its facts are about (the months of a
    summary's year): where no table of the release shows them, they are audited too.
    """

    cells: list[Cell] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    extremes: list[Extreme] = field(default_factory=list)
    implied: list[Key] = field(default_factory=list)


def key(channel: str, metric: str, dimension: str, category: str, months: Iterable[str]) -> Key:
    """The identity of a count; the same count in two tables has the same key.

    A day's count is of its own month, whatever the period of the table that shows it.
    """
    if dimension == Dimension.DAY.value and _DAY.fullmatch(category):
        months = (category[:7],)
    return (channel, metric, dimension, category, tuple(sorted(months)))


#: A day's category in a table: ``2024-06-29``.
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _shift(months: Sequence[str], years: int) -> tuple[str, ...]:
    """The same months ``years`` later."""
    return tuple(shift_year(m, years) for m in months)


def describe(table: Table) -> Structure:
    """The linear structure of one of the figure commands' tables.

    Raises:
        ValueError: a table kind this module does not know; it cannot be protected.
    """
    builders = {
        "summary": _summary,
        "breakdown": _breakdown,
        "sites": _sites,
        "compare": _compare,
        "series": _series,
        "crosstab": _crosstab,
        "opening": _opening,
        "times": _times,
        "web": _web,
    }
    if table.kind not in builders:
        raise ValueError(f"no suppression rules for a {table.kind} table")
    return builders[table.kind](table)


def _web(table: Table) -> Structure:
    from alarmcli.web import structure

    return structure(table)


def _summary(table: Table) -> Structure:
    """A channel's year, last year and its busiest and quietest months.

    The year is the sum of its months, which the table does not show but names the
    extremes of (``implied``); a month of ``all`` is the sum of the channels' months.
    """
    from alarmcli.figures import ALL, PREVIOUS_CHANNELS

    out = Structure()
    channels: list[tuple[str, Key, Key | None]] = []
    by_month: dict[str, list[Key]] = defaultdict(list)  # the channels' months
    for i, r in enumerate(table.records):
        months = table.spans[(r["channel"], r["metric"])]
        if r["metric"] in NON_ADDITIVE:  # as measured over its period: no sum of months
            _measured_row(out, i, r, months)
            continue
        total = key(r["channel"], r["metric"], "total", "", months)
        out.cells.append(Cell(i, "total", total))
        series = tuple(key(r["channel"], r["metric"], "total", "", [m]) for m in months)
        if len(months) > 1:
            out.relations.append(Relation("sum", total, series))
            out.implied += series
        _named_extremes(out, i, r, series, total)
        if r["channel"] == ALL:
            out.relations += [Relation("sum", k, tuple(by_month[k[4][0]])) for k in series]
        elif r["metric"] == "answered":
            for k in series:
                by_month[k[4][0]].append(k)
        out.derived += [
            Derived(i, "per_month", "per", (total,), len(months)),
            Derived(i, "per_day", "per", (total,), r["days"]),
        ]
        previous = None
        if r["previous_total"] is not None:
            previous = key(r["channel"], r["metric"], "total", "", _shift(months, -1))
            out.cells.append(Cell(i, "previous_total", previous))
            out.derived += [
                Derived(i, "change", "diff", (previous, total)),
                Derived(i, "change_pct", "change_pct", (previous, total)),
            ]
        if r["channel"] != ALL and r["metric"] == "answered":
            channels.append((r["channel"], total, previous))
        elif r["channel"] == ALL:
            out.relations.append(Relation("sum", total, tuple(t for _, t, _ in channels)))
            # last year's sum is the channels' own figures only where the same channels,
            # over the same months, had data then
            same = {c for c, _, _ in channels} == set(table.spans.get((ALL, PREVIOUS_CHANNELS), ()))
            aligned = all(table.spans[(c, "answered")] == months for c, _, _ in channels)
            parts = tuple(p for _, _, p in channels if p is not None)
            if previous is not None and same and aligned and len(parts) == len(channels):
                out.relations.append(Relation("sum", previous, parts))
    return out


def _named_extremes(out: Structure, i: int, r: Record, series: tuple[Key, ...], total: Key) -> None:
    """The busiest and the quietest month of a summary row, each named with its count.

    A name goes with its count (hidden, the extreme is among the hidden months); the
    busiest month's name says that the total is at least its count and at most the
    months times it. A name hidden in a published table leaves its count unnamed: no
    count of a month, and not audited.
    """
    channel, metric = r["channel"], r["metric"]
    ends: tuple[tuple[str, str, Literal["peak", "low"]], ...] = (
        ("peak_month", "peak_count", "peak"),
        ("low_month", "low_count", "low"),
    )
    for name, column, op in ends:
        named = None
        if isinstance(r[name], str):  # not hidden
            named = key(channel, metric, "total", "", [r[name]])
            out.cells.append(Cell(i, column, named))
            if op == "peak":
                out.derived.append(Derived(i, name, "peak", (named,), len(series), (total,)))
            else:
                out.derived.append(Derived(i, name, "hide", (named,)))
        if len(series) > 1:
            out.extremes.append(Extreme(op, series, named))


def _opening(table: Table) -> Structure:
    """Last year's contacts in closed hours: each row within last year's total.

    Over one month, the hours closed are the same every day, so a row is the sum of its
    hours' counts: overlapping ranges (``00-08`` and ``00-07``) are tied to each other.
    Over several, the hours closed may differ from month to month; a row is only within
    the total.
    """
    from alarmcli.services import parse_hours

    out = Structure()
    for i, r in enumerate(table.records):
        if r["previous_in_hours"] is None:
            continue
        months = table.spans[(r["channel"], r["metric"])]
        hours = f"hours {r['closed_hours']}"
        count = key(r["channel"], r["metric"], "hour", hours, months)
        total = key(r["channel"], r["metric"], "total", "", months)
        out.cells += [Cell(i, "previous_in_hours", count), Cell(i, "previous_total", total)]
        out.derived.append(Derived(i, "share_pct", "ratio", (count, total), 100.0))
        out.relations.append(Relation("within", total, (count,)))
        if len(months) == 1:
            ranges = [part for part in r["closed_hours"].split(",") if part.strip()]
            closed = sorted(h for part in ranges for h in parse_hours(part))
            parts = tuple(key(r["channel"], r["metric"], "hour", str(h), months) for h in closed)
            out.relations.append(Relation("sum", count, parts))
    return out


def _times_key(r: Record, metric: str, months: Sequence[str]) -> Key:
    """The key of a count of a times row: a channel's totals by month, or a breakdown's."""
    whole = r["dimension"] in {"total", "month"}
    dimension, category = ("total", "") if whole else (r["dimension"], r["category"])
    return key(r["channel"], metric, dimension, category, months)


def _times(table: Table) -> Structure:
    """Answered and missed contacts, and the figures derived from them.

    The answer rate is a share of their sum over the months with both; a mean is a sum of
    seconds (not a count) over one of them, over the months with the sum. Where those
    months are not all the row's, the figure is still hidden with the counts shown.
    """
    from alarmcli.times import MEANS, MISSED, RATE

    out = Structure()
    for i, r in enumerate(table.records):
        name = f"{r['dimension']}:{r['category']}"
        k = partial(_times_key, r)
        spans = {s: table.spans[(r["channel"], f"{name}{s}")] for s in ("", MISSED, RATE)}
        answered, missed = k("answered", spans[""]), k("missed", spans[MISSED])
        out.cells += [
            Cell(i, c, key_)
            for c, key_ in (("answered", answered), ("missed", missed))
            if r[c] is not None
        ]
        shown = (answered, missed)
        both = spans[RATE]
        received = k("received", both)
        parts = (k("answered", both), k("missed", both))
        out.relations.append(Relation("sum", received, parts))
        out.derived += [
            Derived(i, "answer_rate_pct", "ratio", (parts[0], received), 100.0),
            Derived(i, "answer_rate_pct", "hide", shown),
        ]
        for column, metric in MEANS.items():
            months = table.spans[(r["channel"], f"{name}:{column}")]
            of = DURATIONS[metric].value
            mean = (k(metric.value, months), k(of, months))
            out.derived += [
                Derived(i, column, "ratio", mean),
                Derived(i, column, "hide", (missed if of == Metric.MISSED else answered,)),
            ]
    return out


def _measured_row(out: Structure, i: int, r: Record, months: tuple[str, ...]) -> None:
    """A summary row of a figure that does not add across months (web users)."""
    from alarmcli.web import MEASURED

    total = key(r["channel"], r["metric"], MEASURED, "", months)
    out.cells.append(Cell(i, "total", total))
    if r["previous_total"] is not None:
        previous = key(r["channel"], r["metric"], MEASURED, "", _shift(months, -1))
        out.cells.append(Cell(i, "previous_total", previous))
        out.derived += [
            Derived(i, "change", "diff", (previous, total)),
            Derived(i, "change_pct", "change_pct", (previous, total)),
        ]


def _breakdown_total(channel: str, metric: str, dimension: str, months: Iterable[str]) -> Key:
    """The total a breakdown's shares divide by.

    The channel's; for channel ``all``, the sum of the channels that record the breakdown
    (not the ``all`` row of summary).
    """
    from alarmcli.figures import ALL

    category = f"recording {dimension}" if channel == ALL else ""
    return key(channel, metric, "total", category, months)


def _breakdown(table: Table) -> Structure:
    """A breakdown's rows within (or adding up to) their total.

    The days of a month add up to the month's count; a row of ``all`` is the sum of the
    same row of each channel it sums (``SUMMED``), over that channel's months.
    """
    from alarmcli.figures import ALL, SUMMED

    out = Structure()
    rows: dict[tuple[str, str], list[tuple[int, Key, str]]] = defaultdict(list)
    for i, r in enumerate(table.records):
        months = table.spans[(r["channel"], r["metric"])]
        count = key(r["channel"], r["metric"], r["dimension"], r["category"], months)
        total = _breakdown_total(r["channel"], r["metric"], r["dimension"], months)
        out.cells += [Cell(i, "count", count), Cell(i, "total", total)]
        out.derived.append(Derived(i, "share_pct", "ratio", (count, total), 100.0))
        rows[(r["channel"], r["metric"])].append((i, count, r["category"]))
    for (channel, metric), members in rows.items():
        months = table.spans[(channel, metric)]
        dimension = table.records[members[0][0]]["dimension"]
        total = _breakdown_total(channel, metric, dimension, months)
        out.relations += _with_groups(table, dimension, total, members)
        if dimension == Dimension.DAY.value:
            days: dict[str, list[Key]] = defaultdict(list)
            for _, k, _ in members:
                days[k[4][0]].append(k)
            out.relations += [
                Relation("sum", _breakdown_total(channel, metric, dimension, [m]), tuple(ks))
                for m, ks in days.items()
            ]
        if channel == ALL:
            summed = {c: ms for (c, what), ms in table.spans.items() if what == metric + SUMMED}
            for _, k, category in members:
                parts = tuple(key(c, metric, dimension, category, ms) for c, ms in summed.items())
                out.relations.append(Relation("sum", k, parts))
            parts = tuple(key(c, metric, "total", "", ms) for c, ms in summed.items())
            out.relations.append(Relation("sum", total, parts))
    return out


def _with_groups(
    table: Table, dimension: str, total: Key, members: list[tuple[int, Key, str]]
) -> list[Relation]:
    """The relations of a breakdown's rows, a named group being the sum of its members."""
    plain = [m for m in members if m[2] not in table.groups]
    by_category = {category: k for _, k, category in members}
    relations = _within_breakdown(dimension, total, plain)
    for _, k, category in members:
        if category in table.groups:
            parts = tuple(by_category[m] for m in table.groups[category] if m in by_category)
            relations.append(Relation("sum", k, parts))
    return relations


def _within_breakdown(
    dimension: str, total: Key, members: list[tuple[int, Key, str]]
) -> list[Relation]:
    """Exhaustive rows add up to the total; multi-label rows and topics only nest.

    An age band is the sum of its ages (every contact has one age), whether the ages are
    published or not: so nested or overlapping bands, and a band beside the ages of another
    table, are tied to each other.
    """
    counts = {category: k for _, k, category in members}
    bands = [c for c in counts if "-" in c and dimension == Dimension.AGE.value]
    if dimension in {d.value for d in EXHAUSTIVE} and not bands:
        return [Relation("sum", total, tuple(counts.values()))]
    relations = [Relation("within", total, tuple(counts.values()))]
    for group, k in counts.items():
        subs = tuple(v for c, v in counts.items() if c.startswith(group + "/"))
        if subs:
            relations.append(Relation("within", k, subs))
    relations += [_band_sum(counts[band], band) for band in bands]
    return relations


def _band_sum(band_key: Key, band: str, before: str = "", after: str = "") -> Relation:
    """An age band's count as the sum of its ages' counts (``5-13``: 5, 6, … 13).

    In a cross-tab, ``before`` or ``after`` is the other category of the band's cell
    (``violence*5-13``: the sum of that row's cells of the ages, ``violence*5`` …).
    """
    from alarmcli.schemas import band_bounds

    low, high = band_bounds(band)
    head = f"{before}{CROSS}" if before else ""
    tail = f"{CROSS}{after}" if after else ""
    ages = range(low, high + 1)
    return Relation(
        "sum", band_key, tuple((*band_key[:3], f"{head}{a}{tail}", band_key[4]) for a in ages)
    )


def _sites(table: Table) -> Structure:
    out = Structure()
    members: dict[str, list[tuple[Key, Key | None]]] = defaultdict(list)
    by_site: dict[tuple[str, str], tuple[Key, Key | None]] = {}
    grouped: list[tuple[Key, Key | None, str, tuple[str, ...]]] = []
    for i, r in enumerate(table.records):
        months = table.spans[(r["channel"], "answered")]
        count = key(r["channel"], "answered", "site", r["site"], months)
        total = key(r["channel"], "answered", "total", "", months)
        out.cells.append(Cell(i, "count", count))
        out.derived += [
            Derived(i, "share_pct", "ratio", (count, total), 100.0),
            Derived(i, "per_day", "per", (count,), r["days"]),
        ]
        previous = None
        if r["previous_count"] is not None:
            previous = key(r["channel"], "answered", "site", r["site"], _shift(months, -1))
            out.cells.append(Cell(i, "previous_count", previous))
            out.derived.append(Derived(i, "change_pct", "change_pct", (previous, count)))
        if r["site"] in table.groups:
            grouped.append((count, previous, r["channel"], table.groups[r["site"]]))
        else:
            members[r["channel"]].append((count, previous))
            by_site[(r["channel"], r["site"])] = (count, previous)
    for count, previous, channel, names in grouped:  # a named group: the sum of its sites
        parts = [by_site[(channel, n)] for n in names if (channel, n) in by_site]
        out.relations.append(Relation("sum", count, tuple(c for c, _ in parts)))
        if previous is not None:
            before = tuple(p for _, p in parts if p is not None)
            out.relations.append(Relation("sum", previous, before))
    for channel, pairs in members.items():
        months = table.spans[(channel, "answered")]
        out.relations.append(
            Relation(
                "sum", key(channel, "answered", "total", "", months), tuple(c for c, _ in pairs)
            )
        )
        previous_parts = tuple(p for _, p in pairs if p is not None)
        if len(previous_parts) == len(pairs):
            whole = key(channel, "answered", "total", "", _shift(months, -1))
            out.relations.append(Relation("sum", whole, previous_parts))
    return out


def _compare(table: Table) -> Structure:
    from alarmcli.figures import MONTH, SIDE_A, SIDE_B

    out = Structure()
    members: dict[tuple[str, str, str], list[tuple[int, Key, str]]] = defaultdict(list)
    for i, r in enumerate(table.records):
        side: dict[str, Key] = {}
        for which, suffix in (("a", SIDE_A), ("b", SIDE_B)):
            months = table.spans[(r["channel"], r["metric"] + suffix)]
            if r["dimension"] == MONTH:  # one month of each side
                months = tuple(m for m in months if m[5:] == r["category"])
                side[which] = key(r["channel"], r["metric"], "total", "", months)
            else:
                side[which] = key(r["channel"], r["metric"], r["dimension"], r["category"], months)
            if r[f"count_{which}"] is not None:
                out.cells.append(Cell(i, f"count_{which}", side[which]))
                out.derived.append(
                    Derived(i, f"per_day_{which}", "per", (side[which],), r[f"days_{which}"])
                )
            members[(r["channel"], r["metric"], which)].append((i, side[which], r["category"]))
        if r["count_a"] is not None and r["count_b"] is not None:
            pair = (side["a"], side["b"])
            out.derived += [
                Derived(i, "change", "diff", pair),
                Derived(i, "change_pct", "change_pct", pair),
                Derived(i, "per_day_change_pct", "change_pct", pair, r["days_a"] / r["days_b"]),
            ]
    for (channel, metric, which), rows in members.items():
        record = table.records[rows[0][0]]
        months = table.spans[(channel, metric + (SIDE_A if which == "a" else SIDE_B))]
        total = key(channel, metric, "total", "", months)
        if record["dimension"] == MONTH:
            out.relations.append(Relation("sum", total, tuple(k for _, k, _ in rows)))
        elif record["dimension"] != "total":
            out.relations += _with_groups(table, record["dimension"], total, rows)
    return out


def _crosstab(table: Table) -> Structure:
    """A cross-tab: each column a breakdown of its total, each row within its own count.

    A row's own count is the topic row of ``topic*age``. Where the columns are a
    dimension every contact has one value of (ages, not age bands, which overlap), a
    row's cells add up to it (rule 7 of the contract) when every column is shown, and
    together are within it when only some are (``--only``). A band's cell is the sum of
    its ages' cells, shown or not.
    """
    out = Structure()
    columns: dict[Key, list[tuple[int, Key, str]]] = defaultdict(list)
    rows: dict[Key, list[Key]] = defaultdict(list)
    single = True  # every column a single value of an exhaustive dimension
    for i, r in enumerate(table.records):
        months = table.spans[(r["channel"], r["metric"])]
        cell = key(
            r["channel"],
            r["metric"],
            f"{r['rows']}*{r['columns']}",
            f"{r['row_category']}*{r['column_category']}",
            months,
        )
        out.cells.append(Cell(i, "count", cell))
        rows[key(r["channel"], r["metric"], r["rows"], r["row_category"], months)].append(cell)
        single = single and r["columns"] in {d.value for d in EXHAUSTIVE}
        single = single and "-" not in r["column_category"]
        if r["columns"] == Dimension.AGE.value and "-" in r["column_category"]:
            out.relations.append(_band_sum(cell, r["column_category"], before=r["row_category"]))
        if r["rows"] == Dimension.AGE.value and "-" in r["row_category"]:
            out.relations.append(_band_sum(cell, r["row_category"], after=r["column_category"]))
        if r["column_total"] is not None:
            total = key(r["channel"], r["metric"], r["columns"], r["column_category"], months)
            out.cells.append(Cell(i, "column_total", total))
            out.derived.append(Derived(i, "share_pct", "ratio", (cell, total), 100.0))
            columns[total].append((i, cell, r["row_category"]))
    for total, cells in columns.items():  # a column is a breakdown of its total by the rows
        out.relations += _within_breakdown(table.records[cells[0][0]]["rows"], total, cells)
    for margin, row in rows.items():
        out.relations.append(Relation("within", margin, tuple(row)))
        if single:
            out.relations.append(Relation("sum" if table.whole else "most", margin, tuple(row)))
    return out


def _series(table: Table) -> Structure:
    """Each month's count and the same month a year earlier; a month's mark with its count.

    The ``all`` row of a month is the sum of the contact channels shown that month; its
    previous figure the sum of theirs, where every channel with contacts then is shown
    (``PREVIOUS_MONTHS``). The marks name the busiest and the quietest month
    (:class:`Extreme`); where all months are equal, only ``lowest``, on the first.
    """
    from alarmcli.figures import ALL, LOWEST, PEAK, PREVIOUS_MONTHS

    out = Structure()
    contact = {c.value for c in CONTACT_CHANNELS}
    alls: list[Key] = []
    answered: dict[str, dict[str, Key]] = defaultdict(dict)  # month: channel: its count
    shown: dict[str, set[str]] = defaultdict(set)  # the channels with last year's figure
    by_series: dict[tuple[str, str], list[Key]] = defaultdict(list)  # its months' counts
    marked: dict[tuple[str, str], dict[str, Key]] = defaultdict(dict)  # mark: the month's
    for i, r in enumerate(table.records):
        count = key(r["channel"], r["metric"], "total", "", [r["month"]])
        is_answered = r["metric"] == "answered"
        if r["channel"] == ALL and is_answered:
            alls.append(count)
        by_series[(r["channel"], r["metric"])].append(count)
        if isinstance(r["mark"], str) and r["mark"]:  # a mark not hidden
            marked[(r["channel"], r["metric"])][r["mark"]] = count
        out.cells.append(Cell(i, "count", count))
        # a month's mark goes with its count: shown on a hidden month, it would tell
        # the extreme apart from the other hidden months
        out.derived += [
            Derived(i, "per_day", "per", (count,), r["days"]),
            Derived(i, "mark", "hide", (count,)),
        ]
        if r["channel"] in contact and is_answered:
            answered[r["month"]][r["channel"]] = count
        if r["previous_count"] is not None:
            previous = key(r["channel"], r["metric"], "total", "", _shift([r["month"]], -1))
            out.cells.append(Cell(i, "previous_count", previous))
            out.derived += [
                Derived(i, "change", "diff", (previous, count)),
                Derived(i, "change_pct", "change_pct", (previous, count)),
            ]
            if r["channel"] in contact and is_answered:
                answered[previous[4][0]][r["channel"]] = previous
                shown[previous[4][0]].add(r["channel"])
    then: dict[str, set[str]] = defaultdict(set)  # channels with contacts in a month then
    for (channel, what), months in table.spans.items():
        if what == PREVIOUS_MONTHS:
            for month in months:
                then[month].add(channel)
    for whole in alls:
        month = whole[4][0]
        out.relations.append(Relation("sum", whole, tuple(answered[month].values())))
        last = _shift([month], -1)
        if then[last[0]] and then[last[0]] == shown[last[0]]:
            parts = tuple(answered[last[0]].values())
            out.relations.append(Relation("sum", (*whole[:4], last), parts))
    out.relations = [r for r in out.relations if r.parts]
    for series, counts in by_series.items():
        if len(counts) < 2:  # no marks
            continue
        names = marked[series]
        out.extremes += [
            Extreme("peak", tuple(counts), names.get(PEAK), names.get(LOWEST) == counts[0]),
            Extreme("low", tuple(counts), names.get(LOWEST)),
        ]
    return out


def over_time(structures: Sequence[Structure]) -> Structure:
    """A count over several months is the sum of its months' counts, where all are there.

    This ties tables of one release together: a year's site count to the same site's
    monthly counts, a year's total to the monthly series.
    """
    keys = {c.key for s in structures for c in s.cells}
    keys |= {k for s in structures for r in s.relations for k in (r.whole, *r.parts)}
    out = Structure()
    for k in sorted(keys):
        parts = tuple((*k[:4], (m,)) for m in k[4])
        if len(parts) > 1 and all(p in keys for p in parts):
            out.relations.append(Relation("sum", k, parts))
    return out


@dataclass(frozen=True)
class Release:
    """Tables published together, and the counts they show (to check what the audit finds)."""

    tables: list[Table]
    structures: list[Structure]
    values: dict[Key, int]


def release(tables: Sequence[Table]) -> Release:
    """The tables with their structures and the value of every count they show.

    Raises:
        ValueError: one count shown with two values (two tables that disagree on a key).
    """
    structures = [describe(t) for t in tables]
    values: dict[Key, int] = {}
    for table, structure in zip(tables, structures, strict=True):
        for cell in structure.cells:
            value = table.records[cell.record][cell.column]
            if not isinstance(value, int):
                continue
            if values.setdefault(cell.key, value) != value:
                raise ValueError(f"{cell.key} is shown as {values[cell.key]} and as {value}")
    return Release(list(tables), [*structures, over_time(structures)], values)


def publish(rel: Release, hidden: set[Key]) -> list[Table]:
    """The tables as published with ``hidden`` counts and every figure derived from them hidden."""
    out = []
    for table, structure in zip(rel.tables, rel.structures, strict=False):
        records: list[Record] = [dict(r) for r in table.records]
        for (i, column), keys in covers(table, structure).items():
            if not hidden.isdisjoint(keys):
                records[i][column] = SUPPRESSED
        notes = [n for n in table.notes if not _reveals(n, records)]
        out.append(replace(table, records=_in_fixed_order(table.kind, records), notes=notes))
    return out


#: The tables listed largest first, and what fixes a row's place instead where anything is
#: hidden: the columns of its block, the row's dimension, and the column of its category.
_FIXED_ORDER: dict[str, tuple[tuple[str, ...], Callable[[Record], str], str]] = {
    "sites": (("channel",), lambda r: Dimension.SITE.value, "site"),
    "breakdown": (("channel", "metric"), lambda r: r["dimension"], "category"),
    "crosstab": (("channel", "metric", "column_category"), lambda r: r["rows"], "row_category"),
    "web": (
        ("period", "campaign", "channel", "metric", "dimension"),
        lambda r: r["dimension"],
        "category",
    ),
}
#: Dimensions listed in their own order, which says nothing of the counts: kept as listed.
_OWN_ORDER = frozenset(
    {Dimension.HOUR.value, Dimension.DAY.value, Dimension.AGE.value, VISIT_FREQUENCY}
)


def _in_fixed_order(kind: str, records: list[Record]) -> list[Record]:
    """``records`` as published: by id, not largest first, where any figure is hidden.

    A hidden row's place among the others would bound it: the second of two hidden rows
    that add up to 95 is at most 47. Hours, days, ages and visit frequencies keep their
    own order.
    """
    from alarmcli.figures import category_order

    if kind not in _FIXED_ORDER or not any(SUPPRESSED in r.values() for r in records):
        return records
    block_of, dimension, category = _FIXED_ORDER[kind]
    blocks: dict[tuple[Any, ...], int] = {}
    for r in records:
        blocks.setdefault(tuple(r[c] for c in block_of), len(blocks))

    def place(r: Record) -> tuple[int, tuple[int, int, int, str]]:
        by = dimension(r)
        block = blocks[tuple(r[c] for c in block_of)]
        return block, (0, 0, 0, "") if by in _OWN_ORDER else category_order(by)(r[category])

    return sorted(records, key=place)


def covers(table: Table, structure: Structure) -> dict[tuple[int, str], set[Key]]:
    """Each figure the table shows (record, column), with the counts whose hiding hides it.

    A count's cell goes with its count; a derived figure the table shows with every
    count it is computed from (or only hidden with).
    """
    out: dict[tuple[int, str], set[Key]] = defaultdict(set)
    for cell in structure.cells:
        out[(cell.record, cell.column)].add(cell.key)
    for d in structure.derived:
        if table.records[d.record][d.column] is not None:
            out[(d.record, d.column)].update(d.keys)
    return out


def _reveals(note: Any, records: list[Record]) -> bool:  # noqa: ANN401  (a figures.Note)
    """Whether a note states a count that is now hidden (the busiest day's)."""
    if not note.cell:
        return False
    return any(
        r["count"] is SUPPRESSED and (r["channel"], r["metric"], r["category"]) == note.cell
        for r in records
        if "count" in r and "category" in r
    )


def protect(tables: Sequence[Table], threshold: int, frozen: Sequence[Table] = ()) -> list[Table]:
    """Tables published together, with every count from 1 to ``threshold`` − 1 hidden.

    Further counts are hidden until the audit finds no hidden count narrower than
    ``threshold``; a note on each table with a figure hidden says so. A threshold of 1 or
    less hides nothing.

    Example (the issue's): [40, 3, 25, 31] with its total 99 and threshold 5 hides the 3
    and the 25, since 3 alone is 99 − 40 − 25 − 31.

    The tables are described once (what they say does not depend on which counts are
    hidden; only which of their figures are published does). Each round attacks the
    counts hidden so far in the audit's order and stops at the first it can narrow: a
    count once found safe stays safe, since hiding one more count only takes facts away
    (a busiest or quietest month hidden, its name goes: it is one of more months).

    ``frozen``: tables already protected and published, which the attack reads with
    ``tables``. A count they publish stays published in ``tables`` (it is public
    anyway); one they hide and none publishes is hidden in ``tables`` too; only the
    other counts of ``tables``, their own, may be hidden further. If the attack can
    still narrow a count when every own count is hidden, the facts ``tables`` add to the
    frozen tables' alone are the cause (a relation between their counts, or an own count
    being at least 1): :class:`UnprotectableError`, as when nothing is left to hide.

    Raises:
        UnprotectableError: a hidden count that no further count hidden can protect.
    """
    from alarmcli.audit import Facts

    if threshold <= 1:
        return list(tables)
    rel = release([*frozen, *tables])
    fixed, marked = _published(frozen)
    hidden = {k for k, v in rel.values.items() if 0 < v < threshold and k not in fixed}
    hidden |= marked - fixed
    if not hidden:
        return list(tables)
    facts = Facts(rel.tables, rel.structures)
    near = _Near(rel, movable=rel.values.keys() - fixed)
    safe: set[Key] = set()
    while (exposed := facts.exposed(hidden, threshold, safe)) is not None:
        hidden.add(near.next_to_hide(facts, hidden, exposed, threshold))
    published = publish(rel, hidden)[len(frozen) :]
    for table in published:
        if any(SUPPRESSED in r.values() for r in table.records):
            table.notes.append(_note(threshold))
    return published


def _published(tables: Sequence[Table]) -> tuple[set[Key], set[Key]]:
    """The counts protected tables publish, and those they hide."""
    shown: set[Key] = set()
    hidden: set[Key] = set()
    for table in tables:
        for cell in describe(table).cells:
            value = table.records[cell.record][cell.column]
            if value is SUPPRESSED:
                hidden.add(cell.key)
            elif isinstance(value, int):
                shown.add(cell.key)
    return shown, hidden


class _Near:
    """The relations of a release, indexed by count, to choose the counts to hide next."""

    def __init__(self, rel: Release, movable: Iterable[Key]) -> None:
        """``movable``: the counts that may be hidden."""
        self.values = rel.values
        self.movable = set(movable)
        self.relations = [{r.whole, *r.parts} for s in rel.structures for r in s.relations]
        self.wholes = {r.whole for s in rel.structures for r in s.relations}
        self.of: dict[Key, list[int]] = defaultdict(list)  # the relations each count is in
        for n, members in enumerate(self.relations):
            for k in members:
                self.of[k].append(n)

    def next_to_hide(self, facts: Facts, hidden: set[Key], exposed: Key, n: int) -> Key:
        """The count to hide next for ``exposed``: one that shares a sum or a bound with it."""
        candidates = self._nearest(exposed, hidden)
        if not candidates:  # nothing tied to it can be hidden: widen through any published count
            candidates = self._ordered(self.values, hidden)
        if not candidates:
            raise UnprotectableError(f"{exposed} cannot be protected: nothing else may be hidden")
        inner = [k for k in candidates if k not in self.wholes] or candidates
        # a count that also shares a sum with other hidden counts protects them too
        ties = {
            k: sum(1 for r in self.of.get(k, ()) if not hidden.isdisjoint(self.relations[r]))
            for k in inner
        }
        most = max(ties.values())
        inner = [k for k in inner if ties[k] == most]
        # the smallest that protects it, tried in turn; then the smallest total that does (a
        # group of it and zeros, which no inner count can protect); else the largest inner
        # count, and go on from there
        wholes = [k for k in candidates if k in self.wholes and k not in inner]
        for k in [*inner[:TRIALS], *wholes[:TRIALS]]:
            if facts.wide(hidden | {k}, exposed, n):
                return k
        return max(inner, key=lambda k: (self.values[k], k))

    def _nearest(self, exposed: Key, hidden: set[Key]) -> list[Key]:
        """The shown counts that share a relation with ``exposed`` (:meth:`_ordered`).

        Where all of those are hidden already, those one relation further, and so on: a
        hidden total the same as a hidden month, pinned by a site's count two relations
        away, is widened by hiding that count, not the smallest count anywhere.
        """
        seen = {exposed}
        frontier = {exposed}
        while frontier:
            near = {k for f in frontier for r in self.of.get(f, ()) for k in self.relations[r]}
            candidates = self._ordered(near, hidden)
            if candidates:
                return candidates
            frontier = near - seen
            seen |= near
        return []

    def _ordered(self, keys: Iterable[Key], hidden: set[Key]) -> list[Key]:
        """The shown counts above zero of ``keys``: inner before totals, smallest first."""
        shown = (k for k in keys if k in self.movable and k not in hidden and self.values[k] > 0)
        return sorted(shown, key=lambda k: (k in self.wholes, self.values[k], k))


def _note(threshold: int) -> Any:  # noqa: ANN401  (a figures.Note)
    from alarmcli.figures import Note

    return Note(
        f"counts from 1 to {threshold - 1} are hidden (:), with other counts and the figures "
        f"derived from them, so that no hidden count can be worked out to within {threshold}",
        f"tall fra 1 til {threshold - 1} er skjult (:), sammen med andre tall og tallene "
        f"avledet av dem, slik at ingen skjulte tall kan regnes ut til nærmere enn {threshold}",
    )


def year_release(dataset: Any, year: int) -> list[Table]:  # noqa: ANN401  (a Dataset)
    """Every table the figure commands publish for ``year``, as one release.

    The key figures, answering sites of every channel that has them, every breakdown
    (and age bands), every cross-tab (``topic*age``), and the change from the year before
    by total and by month.
    """
    import polars as pl

    from alarmcli import figures
    from alarmcli.errors import NoDataError

    counts = dataset.counts.filter(pl.col("year") == year)
    tables = [figures.summary(dataset, year), figures.series(dataset, year)]
    for channel in sorted(set(counts.filter(pl.col("dimension") == "site")["channel"])):
        tables.append(figures.sites(dataset, year, channel))
    for dimension in sorted(set(counts["dimension"]) - {Dimension.TOTAL.value}):
        rows, cross, columns = dimension.partition(CROSS)
        if cross:  # a two-dimensional breakdown (topic*age) is published as a cross-tab
            tables.append(figures.crosstab(dataset, year, rows, columns))
            continue
        tables.append(figures.breakdown(dataset, year, dimension))
        if dimension == Dimension.AGE.value and dataset.taxonomy.age_bands:
            tables.append(figures.breakdown(dataset, year, dimension, bands=True))
    for by in ("total", "month"):
        try:
            tables.append(figures.compare(dataset, year - 1, year, None, by))
        except NoDataError:  # no year before, or no months in common
            break
    return tables
