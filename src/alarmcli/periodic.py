"""Period files: figures measured over a period (a year, a campaign), not month by month.

Website analytics and advertising campaigns report figures for the period they were
measured over: 52 347 unique users in a year are not the sum of each month's unique users
(a person who visits in March and in June is one user of the year), and a campaign's
563 623 people reached are not the sum of its weeks'. Such a figure is kept as measured,
in a period file beside the month files, and no command adds it up across months.

A period file is a csv file below the data directory whose header has a ``period``
column and no ``month`` column (a count file always has ``month``, so every count file
means what it did). Its tables (sources, devices, pages, places, visit frequency,
campaigns by region) have free-text categories, checked for everything but the taxonomy.
Reading and checking never print; the result is rows and problems.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from alarmcli.contract import (
    CAMPAIGN_CHANNEL,
    COUNT_MAX_DIGITS,
    COUNT_RE,
    NON_ADDITIVE,
    PERIOD_DIMENSIONS,
    PERIOD_METRICS,
    VISIT_FREQUENCY,
    WEB,
)
from alarmcli.messages import hint
from alarmcli.periods import Period, is_month
from alarmcli.problems import Code, Problem, closest

#: The columns a period file needs, in the order we write them.
PERIOD_COLUMNS: tuple[str, ...] = ("period", "channel", "metric", "dimension", "category", "count")
#: Optional columns: the campaign a row belongs to, and ``partial`` for a partial list.
CAMPAIGN, LIST = "campaign", "list"
#: ``list`` of a breakdown that gives some of its categories only (a top 10 of pages).
PARTIAL = "partial"
TOTAL = "total"
#: How a period file is told from a count file: the first column a count file needs.
MONTH = "month"

BUCKET_RE = re.compile(r"^([1-9][0-9]{0,5})(?:(-)([1-9][0-9]{0,5})|(\+))?$")
#: A free-text category longer than this is no page path or place name.
TEXT_MAX = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Row:
    """One valid row of a period file."""

    file: str
    line: int
    period: Period
    channel: str
    campaign: str
    metric: str
    dimension: str
    category: str
    count: int
    partial: bool

    @property
    def table(self) -> tuple[Period, str, str, str]:
        """What the row's total is the total of: period, channel, campaign, metric."""
        return (self.period, self.channel, self.campaign, self.metric)

    @property
    def where(self) -> str:
        """``FILE:LINE`` of the row."""
        return f"{self.file}:{self.line}"


def describe(row: Row, dimension: bool = True) -> str:
    """``2024 web users source `google / organic```: what a row names, for messages."""
    parts = [str(row.period), row.channel]
    if row.campaign:
        parts.append(f"`{row.campaign}`")
    parts.append(row.metric)
    if dimension and row.dimension != TOTAL:
        parts.append(f"{row.dimension} `{row.category}`")
    return " ".join(parts)


def is_period_file(path: Path) -> bool:
    """Whether ``path`` is a csv file whose header names ``period`` and not ``month``.

    In any case: ``Period,Channel,…`` is a period file with misspelt columns, reported
    as such, not a count file without ``month``.
    Only the first line is read; anything that cannot be read as such a header is a
    count file, whose reader reports what is wrong with it.
    """
    if path.suffix.lower() != ".csv":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return False
    first = head.split(b"\n", 1)[0].split(b"\r", 1)[0]  # a lone CR ends a line too
    from alarmcli.loading import header_cells

    try:
        text = first.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        columns = [c.lower() for c in header_cells(text)[1]]
    except (UnicodeDecodeError, csv.Error):
        return False
    return "period" in columns and MONTH not in columns


def split(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The count files and the period files among ``paths``.

    A file named after its month (``2024-06.csv``) is always a count file.
    """
    from alarmcli.loading import FILE_MONTH_RE

    counts: list[Path] = []
    periods: list[Path] = []
    for path in paths:
        named = FILE_MONTH_RE.match(path.name) is not None
        (periods if not named and is_period_file(path) else counts).append(path)
    return counts, periods


@dataclass(frozen=True)
class Measures:
    """The valid rows of a data directory's period files."""

    rows: tuple[Row, ...] = ()

    def totals(self, channel: str, metric: str) -> dict[Period, Row]:
        """The stated total of each period, for a channel and metric (no campaign)."""
        return {
            r.period: r
            for r in self.rows
            if (r.channel, r.metric, r.dimension, r.campaign) == (channel, metric, TOTAL, "")
        }

    def measured(
        self, channel: str, metric: str, period: Period, months: Sequence[str]
    ) -> Row | None:
        """The figure measured over ``period``, or over the part of it that has data.

        The total whose period is ``period``; else the one total lying within ``period``
        that covers every month of ``months`` (the months the data has counts of the
        channel, if any): the website of 2020, which opened in July, measured over
        2020-07..2020-12.
        """
        totals = self.totals(channel, metric)
        if period in totals:
            return totals[period]
        inside = set(period.months())
        fits = [
            row
            for p, row in totals.items()
            if set(p.months()) <= inside and set(months) <= set(p.months())
        ]
        return fits[0] if len(fits) == 1 else None

    def within(self, period: Period) -> list[Row]:
        """The rows of every table measured within ``period``."""
        inside = set(period.months())
        return [r for r in self.rows if set(r.period.months()) <= inside]


def read(paths: Iterable[Path]) -> tuple[Measures, list[Problem], int]:
    """Read and check period files: the valid rows, every problem, and how many rows."""
    rows: list[Row] = []
    problems: list[Problem] = []
    count = 0
    for path in paths:
        file_rows, file_problems, n = _read_file(path)
        rows += file_rows
        problems += file_problems
        count += n
    valid, more = check(rows)
    return Measures(tuple(valid)), problems + more, count


def _read_file(path: Path) -> tuple[list[Row], list[Problem], int]:
    """A period file's valid rows, its problems, and how many rows it has (blank ones not)."""
    from alarmcli.loading import (
        check_header,
        encoding_problem,
        exact_rows,
        header_cells,
        wide_fields,
    )

    name = str(path)
    try:
        data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
        text = data.decode("utf-8")
    except OSError as error:
        problem = Problem.of(
            name, None, None, Code.FILE_UNREADABLE, "file.unreadable", reason=error.strerror
        )
        return [], [problem], 0
    except UnicodeDecodeError as error:
        return [], [encoding_problem(name, data, error)], 0
    try:
        separator, columns = header_cells(text.split("\n", 1)[0].split("\r", 1)[0])
    except csv.Error:  # (not a period file: is_period_file read this header)
        return [], [], 0
    header = check_header(name, columns, required=PERIOD_COLUMNS)
    if header:
        return [], header, 0
    rows: list[Row] = []
    problems: list[Problem] = []  # in line order: the reader's and each row's
    n = 0
    with wide_fields():
        for line, cells in exact_rows(name, text, separator, len(columns), problems):
            n += 1
            row, row_problems = parse_row(name, line, dict(zip(columns, cells, strict=True)))
            problems += row_problems
            if row is not None:
                rows.append(row)
    ragged = sum(p.detail is not None and p.detail.key == "file.ragged-row" for p in problems)
    return rows, problems, n + ragged


def _choice(name: str, line: int, column: str, value: str, choices: Sequence[str]) -> Problem:
    return Problem.of(
        name, line, column, _CODES[column], "row.unknown-choice",
        column=column, value=value, hint=hint(closest(value, choices)), choices=list(choices),
    )  # fmt: skip


_CODES = {
    "channel": Code.BAD_CHANNEL,
    "metric": Code.BAD_METRIC,
    "dimension": Code.BAD_DIMENSION,
}


def _text_problem(name: str, line: int, column: str, value: str) -> Problem | None:
    """A free-text cell (a category, a campaign) that cannot be a name: spaces, controls."""
    if value != value.strip():
        return Problem.of(
            name, line, column, Code.BAD_CATEGORY, "row.spaces",
            column=column, value=value, fix=value.strip(),
        )  # fmt: skip
    if _CONTROL.search(value) or len(value) > TEXT_MAX:
        return Problem.of(
            name, line, column, Code.BAD_CATEGORY, "period.bad-text",
            column=column, value=value, limit=TEXT_MAX,
        )  # fmt: skip
    return None


def parse_row(name: str, line: int, cells: dict[str, str]) -> tuple[Row | None, list[Problem]]:
    """One row, checked cell by cell; ``None`` with its problems if any cell is wrong."""
    problems: list[Problem] = []
    period = None
    with contextlib.suppress(ValueError):
        if cells["period"] == cells["period"].strip():
            period = Period.parse(cells["period"])
    if period is None:
        first, _, last = cells["period"].partition("..")
        backwards = is_month(first) and is_month(last) and last < first
        key = "period.backwards" if backwards else "period.bad-period"
        problems.append(
            Problem.of(name, line, "period", Code.BAD_PERIOD, key, value=cells["period"])
        )
    channel, metric, dimension = cells["channel"], cells["metric"], cells["dimension"]
    category, campaign = cells["category"], cells.get(CAMPAIGN, "")
    if channel not in PERIOD_METRICS:
        problems.append(_choice(name, line, "channel", channel, list(PERIOD_METRICS)))
    else:
        if metric not in PERIOD_METRICS[channel]:
            problems.append(_choice(name, line, "metric", metric, PERIOD_METRICS[channel]))
        if dimension not in PERIOD_DIMENSIONS[channel]:
            problems.append(_choice(name, line, "dimension", dimension, PERIOD_DIMENSIONS[channel]))
        if channel == WEB and campaign:
            problems.append(
                Problem.of(
                    name,
                    line,
                    CAMPAIGN,
                    Code.BAD_CAMPAIGN,
                    "period.campaign-on-web",
                    value=campaign,
                )
            )
        if channel == CAMPAIGN_CHANNEL and not campaign.strip():
            problems.append(
                Problem.of(name, line, CAMPAIGN, Code.BAD_CAMPAIGN, "period.no-campaign")
            )
    if campaign.strip():
        problems += filter(None, [_text_problem(name, line, CAMPAIGN, campaign)])
    if dimension == TOTAL and category:
        problems.append(
            Problem.of(
                name, line, "category", Code.BAD_CATEGORY, "row.total-with-category", value=category
            )
        )
    elif dimension != TOTAL and not category:
        problems.append(
            Problem.of(
                name, line, "category", Code.MISSING_VALUE, "row.no-category", dimension=dimension
            )
        )
    elif category:
        problems += filter(None, [_text_problem(name, line, "category", category)])
        if dimension == VISIT_FREQUENCY and bucket_bounds(category) is None:
            problems.append(
                Problem.of(
                    name, line, "category", Code.BAD_CATEGORY, "period.bad-bucket", value=category
                )
            )
    listed = cells.get(LIST, "")
    if listed not in {"", PARTIAL}:
        problems.append(
            Problem.of(name, line, LIST, Code.BAD_LIST, "period.bad-list", value=listed)
        )
    count = cells["count"]
    if not re.fullmatch(COUNT_RE, count):
        key = "row.count-too-large" if count.isdigit() else "row.bad-count"
        problems.append(
            Problem.of(
                name, line, "count", Code.BAD_COUNT, key, value=count, digits=COUNT_MAX_DIGITS
            )
        )
    if problems or period is None:
        return None, problems
    row = Row(
        name,
        line,
        period,
        channel,
        campaign,
        metric,
        dimension,
        category,
        int(count),
        listed == PARTIAL,
    )
    return row, []


def bucket_bounds(category: str) -> tuple[int, int] | None:
    """``9-14`` as (9, 14), ``3`` as (3, 3), ``201+`` as (201, ∞); ``None`` if not a bucket."""
    match = BUCKET_RE.fullmatch(category)
    if match is None:
        return None
    low = int(match[1])
    if match[4]:
        return low, 10**9
    high = int(match[3]) if match[2] else low
    return (low, high) if high > low or not match[2] else None


def bucket_order(category: str) -> int:
    """Where a visit-frequency bucket goes: by its lowest number of visits."""
    bucket = bucket_bounds(category)
    return bucket[0] if bucket else 0


def check(rows: Sequence[Row]) -> tuple[list[Row], list[Problem]]:
    """The rules across rows: unique keys, one kind of list, totals and their rows.

    Returns the rows without repeats, and the problems.
    """
    problems: list[Problem] = []
    seen: dict[tuple[object, ...], Row] = {}
    unique: list[Row] = []
    for row in rows:
        key = (*row.table, row.dimension, row.category)
        if key in seen:
            problems.append(
                Problem.of(
                    row.file, row.line, None, Code.DUPLICATE_ROW, "row.duplicate",
                    key=describe(row), first=seen[key].where,
                )
            )  # fmt: skip
            continue
        seen[key] = row
        unique.append(row)
    totals = {r.table: r for r in unique if r.dimension == TOTAL}
    breakdowns: dict[tuple[object, ...], list[Row]] = defaultdict(list)
    for row in unique:
        if row.dimension != TOTAL:
            breakdowns[(*row.table, row.dimension)].append(row)
    for members in breakdowns.values():
        problems += _check_breakdown(members, totals.get(members[0].table))
    return unique, problems


def _check_breakdown(members: list[Row], total: Row | None) -> list[Problem]:
    """One breakdown: one kind of list, no row above the total, an additive sum that fits."""
    first = members[0]
    problems = [
        Problem.of(
            r.file, r.line, LIST, Code.BAD_LIST, "period.list-disagrees",
            key=describe(r, dimension=False), dimension=r.dimension, first=first.where,
        )
        for r in members
        if r.partial != first.partial
    ]  # fmt: skip
    if first.dimension == VISIT_FREQUENCY:
        problems += _overlaps(members)
    if total is None:
        return problems
    for r in members:
        if r.count > total.count:
            problems.append(
                Problem.of(
                    r.file, r.line, "count", Code.EXCEEDS_TOTAL, "period.exceeds-total",
                    key=describe(r), count=r.count, total=total.count, where=total.where,
                )
            )  # fmt: skip
    if first.metric in NON_ADDITIVE or problems:
        return problems
    # every visit, page view or exposure has one source, page, region …: the rows add up
    summed = sum(r.count for r in members)
    partial = first.partial
    if (partial and summed > total.count) or (not partial and summed != total.count):
        problems.append(
            Problem.of(
                total.file, total.line, "count", Code.SUM_MISMATCH,
                "period.partial-exceeds" if partial else "period.sum-mismatch",
                key=describe(total), dimension=first.dimension, sum=summed,
                total=total.count, where=first.where,
            )
        )  # fmt: skip
    return problems


def _overlaps(members: list[Row]) -> list[Problem]:
    problems = []
    spans = sorted(members, key=lambda r: bucket_bounds(r.category) or (0, 0))
    for a, b in itertools.pairwise(spans):
        if (bucket_bounds(b.category) or (0, 0))[0] <= (bucket_bounds(a.category) or (0, 0))[1]:
            problems.append(
                Problem.of(
                    b.file, b.line, "category", Code.BAD_CATEGORY, "period.bucket-overlap",
                    value=b.category, other=a.category, where=a.where,
                )
            )  # fmt: skip
    return problems


def check_months(measures: Measures, totals: Iterable[tuple[str, str, str, int]]) -> list[Problem]:
    """A period total against the month files.

    An additive figure against the sum over its months; a non-additive one measured over
    one month against that month's own (June's users are June's, in either file).

    ``totals``: (month, channel, metric, count) of the count files. Checked where the
    count files have every month of the period: 71 776 visits in 2024 are the twelve
    months' visits.
    """
    monthly: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for month, channel, metric, count in totals:
        monthly[(channel, metric)][month] = count
    problems = []
    for row in measures.rows:
        if row.dimension != TOTAL or row.campaign:
            continue
        months = monthly.get((row.channel, row.metric), {})
        wanted = row.period.months()
        if not all(m in months for m in wanted):
            continue
        if row.metric in NON_ADDITIVE and len(wanted) > 1:
            continue  # users over several months are not the months' sum
        summed = sum(months[m] for m in wanted)  # one month's users: that month's row
        if summed != row.count:
            problems.append(
                Problem.of(
                    row.file, row.line, "count", Code.SUM_MISMATCH, "period.months-disagree",
                    key=describe(row), count=row.count, sum=summed, period=str(row.period),
                )
            )  # fmt: skip
    return problems
