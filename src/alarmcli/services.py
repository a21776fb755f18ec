"""Service calendars: the days and clock hours each channel was open.

A channel is open from its ``opened`` day (default: always) to its ``closed`` day (default:
it still is), except on its ``closed_days``. On an open day its hours are those of the latest
``hours`` entry starting on or before the day (for that weekday); before the first entry it
is open round the clock. Hours are clock hours of the day, ``0`` … ``23``: ``22-08`` is
22–24 and 00–08 of the same date. Per-day figures divide by the days a channel was open;
chat opened on 7 April 2020, so 2020 has 269 chat days, not 366.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING

from alarmcli.contract import ALL_CHANNELS, CONTACT_CHANNELS, CROSS, DEFAULT_TZ, DURATION_METRICS
from alarmcli.periods import days_covered, days_in_month, parse_month
from alarmcli.problems import Code, Problem

if TYPE_CHECKING:
    import polars as pl

    from alarmcli.schemas import Service as ServiceModel

HOURS = frozenset(range(24))


def parse_hours(text: str) -> frozenset[int]:
    """The clock hours of ``HH-HH``: ``14-24`` is 14 … 23, ``22-02`` is 22, 23, 0, 1.

    Raises:
        ValueError: not two hours ``0``-``24`` joined by ``-``, or an empty range.
    """
    low_text, sep, high_text = text.strip().partition("-")
    if not (sep and low_text.isdigit() and high_text.isdigit()):
        msg = f"{text!r} is not a range of clock hours (HH-HH: 00-04, 14-24, 22-02)"
        raise ValueError(msg)
    low, high = int(low_text), int(high_text)
    if not (0 <= low <= 23 and 0 <= high <= 24) or low == high:
        msg = f"{text!r} is not a range of clock hours (HH-HH: 00-04, 14-24, 22-02)"
        raise ValueError(msg)
    if low < high:
        return frozenset(range(low, high))
    return frozenset([*range(low, 24), *range(high)])


def hours_text(hours: Iterable[int]) -> str:
    """Clock hours as ranges, as taxonomy.toml writes them.

    ``{0, 1, 2, 3, 14, 15}`` → ``00-04, 14-16``; ``{22, 23, 0}`` → ``22-01``; none → ``""``.
    """
    ordered = sorted(set(hours))
    if not ordered:
        return ""
    runs: list[list[int]] = []
    for hour in ordered:
        if runs and hour == runs[-1][1]:
            runs[-1][1] = hour + 1
        else:
            runs.append([hour, hour + 1])
    if len(runs) > 1 and runs[0][0] == 0 and runs[-1][1] == 24:  # one run past midnight
        runs[0][0] = runs.pop()[0]
    return ", ".join(f"{low:02d}-{high:02d}" for low, high in runs)


@dataclass(frozen=True)
class Hours:
    """Opening hours from ``start`` on, on some weekdays (0 is Monday)."""

    start: date
    open: frozenset[int]
    weekdays: frozenset[int]


@dataclass(frozen=True)
class Service:
    """One channel's calendar."""

    opened: date | None = None
    closed: date | None = None
    hours: tuple[Hours, ...] = ()
    closed_days: frozenset[date] = frozenset()

    @classmethod
    def of(cls, model: ServiceModel) -> Service:
        """The calendar a ``[service.CHANNEL]`` table of ``taxonomy.toml`` describes."""
        from alarmcli.schemas import WEEKDAYS

        hours = tuple(
            sorted(
                (
                    Hours(
                        h.start,
                        frozenset().union(*(parse_hours(t) for t in h.open)),
                        frozenset(WEEKDAYS.index(w) for w in h.weekdays),
                    )
                    for h in model.hours
                ),
                key=lambda h: h.start,
            )
        )
        return cls(model.opened, model.closed, hours, frozenset(model.closed_days))

    def open_hours(self, day: date) -> frozenset[int]:
        """The clock hours the channel was open on ``day`` (none on a closed day)."""
        if (self.opened and day < self.opened) or (self.closed and day > self.closed):
            return frozenset()
        if day in self.closed_days:
            return frozenset()
        return _week(self, sum(1 for h in self.hours if h.start <= day))[day.weekday()]


@lru_cache(maxsize=256)
def _week(service: Service, entries: int) -> tuple[frozenset[int], ...]:
    """The hours open each weekday (Monday first) under the first ``entries`` of ``hours``.

    Those starting on the latest day of them apply; with none, round the clock.
    """
    current = service.hours[:entries]
    if not current:
        return (HOURS,) * 7
    latest = current[-1].start
    return tuple(
        frozenset().union(*(h.open for h in current if h.start == latest and day in h.weekdays))
        for day in range(7)
    )


ROUND_THE_CLOCK = Service()


def _days(month: str) -> list[date]:
    year, mon = parse_month(month)
    return [date(year, mon, d) for d in range(1, days_in_month(year, mon) + 1)]


@lru_cache(maxsize=4096)
def month_hours(service: Service, month: str) -> tuple[frozenset[int], ...]:
    """The hours ``service`` was open on each day of ``month`` (day 1 first).

    Computed once per calendar and month: validation asks it for every month of every
    file, and the figures again for their per-day bases. A month the calendar does not
    change in (no opening, closing, closed day or new hours inside it) repeats one week.
    """
    days = _days(month)
    first, last = days[0], days[-1]
    inside = [
        service.opened,
        service.closed,
        *service.closed_days,
        *(h.start for h in service.hours),
    ]
    if any(d is not None and first <= d <= last for d in inside):
        return tuple(service.open_hours(day) for day in days)
    if (service.opened and last < service.opened) or (service.closed and first > service.closed):
        return (frozenset(),) * len(days)
    hours = _week(service, sum(1 for h in service.hours if h.start <= first))
    return tuple(hours[(first.weekday() + i) % 7] for i in range(len(days)))


@dataclass(frozen=True)
class Calendar:
    """The service calendars of a data directory, by channel.

    A channel without one is open round the clock.
    """

    services: Mapping[str, Service] = field(default_factory=dict)

    def service(self, channel: str) -> Service:
        """The channel's calendar (round the clock where the data directory has none)."""
        return self.services.get(channel, ROUND_THE_CLOCK)

    def has(self, channel: str, among: Iterable[str] | None = None) -> bool:
        """Whether the channel has a calendar of its own (``all``: any of ``among``)."""
        return any(c in self.services for c in _channels(channel, among))

    def open_hours(self, channel: str, day: date) -> frozenset[int]:
        """The hours ``channel`` was open on ``day`` (``all``: any contact channel was)."""
        return self.month_hours(channel, f"{day.year:04d}-{day.month:02d}")[day.day - 1]

    def month_hours(
        self, channel: str, month: str, among: Iterable[str] | None = None
    ) -> tuple[frozenset[int], ...]:
        """The hours ``channel`` was open on each day of ``month`` (``all``: as above)."""
        each = [month_hours(self.service(c), month) for c in _channels(channel, among)]
        if len(each) == 1:
            return each[0]
        return tuple(frozenset().union(*day) for day in zip(*each, strict=True))

    def days(self, channel: str, months: Iterable[str], among: Iterable[str] | None = None) -> int:
        """The days of ``months`` (each counted once) the channel was open: the per-day base.

        Chat opened on 2020-04-07: April–September 2020 has 177 chat days, not 183. For
        ``all``, the days any of ``among`` was open (the channels that have data).
        """
        among = None if among is None else list(among)
        if not self.has(channel, among):
            return days_covered(months)
        return sum(1 for m in set(months) for h in self.month_hours(channel, m, among) if h)

    def closed_throughout(self, channel: str, month: str) -> frozenset[int]:
        """The clock hours ``channel`` was closed on every day of ``month``."""
        return HOURS - frozenset().union(*self.month_hours(channel, month))

    def closed_dates(self, channel: str, month: str) -> frozenset[int]:
        """The days of ``month`` (1 …) the channel was closed all day."""
        return frozenset(i for i, h in enumerate(self.month_hours(channel, month), 1) if not h)

    def service_hours(self, channel: str, months: Iterable[str], tz: str = DEFAULT_TZ) -> int:
        """The hours the channel was open in ``months``, as elapsed time in ``tz``.

        A day of daylight-saving change counts what the clock did: round the clock is 23
        hours on the last Sunday of March in Oslo and 25 on the last Sunday of October.
        """
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(tz)
        total = timedelta()
        for month in set(months):
            for day, hours in zip(_days(month), self.month_hours(channel, month), strict=True):
                for hour in hours:
                    total += _elapsed(day, hour, zone)
        return int(total.total_seconds()) // 3600


def _channels(channel: str, among: Iterable[str] | None) -> list[str]:
    """The channels a figure of ``channel`` counts: itself, or for ``all`` those ``among``."""
    if channel != ALL_CHANNELS:
        return [channel]
    return [c.value for c in CONTACT_CHANNELS] if among is None else list(among)


def _elapsed(day: date, hour: int, zone: tzinfo) -> timedelta:
    """How long the clock hour ``hour`` of ``day`` lasted in ``zone`` (0, 1 or 2 hours)."""
    start = datetime.combine(day, time(hour), zone)
    end = (datetime.combine(day, time()) + timedelta(hours=hour + 1)).replace(tzinfo=zone)
    return end.astimezone(UTC) - start.astimezone(UTC)


def check(counts: pl.DataFrame, calendar: Calendar) -> list[Problem]:
    """Counts in a month, on a day or in an hour when their channel was closed.

    ``counts`` are valid rows with ``file`` and ``line``; sums of seconds are left out
    (their contacts are checked). A month with no open day is
    reported once per file, at its first row with a count; an hour row (also as a part
    of a cross-tab, ``hour*site``) when the hour was closed on every day of the month; a
    day row when the channel was closed all day.
    """
    import polars as pl

    if not calendar.services or counts.is_empty():
        return []
    rows = judged(counts.lazy(), calendar)
    pairs, keys = pl.collect_all(
        [
            rows.select("channel", "month").unique(),
            rows.filter(pl.col("dimension").str.contains(r"\b(hour|day)\b"))
            .select("dimension", "category")
            .unique(),
        ]
    )
    shut: list[dict[str, str]] = []
    hours: dict[tuple[str, str], frozenset[int]] = {}
    cells: list[tuple[str, str, str, str]] = []  # channel, month, kind, closed hour or day
    for channel, month in pairs.iter_rows():
        closed = calendar.closed_throughout(channel, month)
        if closed == HOURS:
            shut.append({"channel": channel, "month": month})
            continue
        hours[(channel, month)] = closed
        cells += [(channel, month, "hour", str(hour)) for hour in closed]
        cells += [(channel, month, "day", str(d)) for d in calendar.closed_dates(channel, month)]
    kinds = {"channel": pl.String, "month": pl.String, "kind": pl.String, "value": pl.String}
    schema = {"dimension": pl.String, "category": pl.String, "kind": pl.String, "value": pl.String}
    parts = pl.LazyFrame(_timed_parts(keys), schema=schema, orient="row")
    first, found = pl.collect_all(
        [
            rows.filter(pl.struct("channel", "month").is_in(shut))
            .group_by("file", "channel", "month")
            .agg(pl.col("line").min()),
            rows.with_row_index("row")
            .join(parts, on=["dimension", "category"])
            .join(pl.LazyFrame(cells, schema=kinds, orient="row"), on=list(kinds))
            .sort("row", "kind", descending=[False, True]),
        ]
    )  # fmt: skip
    problems = [
        Problem.of(
            file,
            line,
            None,
            Code.CLOSED,
            "row.closed-month",
            channel=channel,
            month=month,
            where=_where(channel),
            open=_open_text(calendar, channel),
        )
        for file, channel, month, line in first.iter_rows()
    ]
    for file, line, month, channel, count, value, kind in found.select(
        "file", "line", "month", "channel", "count", "value", "kind"
    ).iter_rows():
        at = (file, line, "category", Code.CLOSED)
        common = {"channel": channel, "where": _where(channel), "count": count}
        if kind == "hour":
            open_then = hours_text(HOURS - hours[(channel, month)])
            hour = hours_text([int(value)])
            problems.append(
                Problem.of(
                    *at, "row.closed-hour", hours=hour, month=month, open=open_then, **common
                )
            )
        else:
            day = f"{month}-{int(value):02d}"
            problems.append(Problem.of(*at, "row.closed-day", day=day, **common))
    return problems


def judged(counts: pl.LazyFrame, calendar: Calendar) -> pl.LazyFrame:
    """The rows :func:`check` judges, as text or categoricals.

    Those of a channel with a calendar that count something, but sums of seconds (their
    contacts are checked).
    """
    import polars as pl

    return counts.filter(
        pl.col("channel").is_in(list(calendar.services))
        & (pl.col("count") > 0)
        & ~pl.col("metric").cast(pl.String).is_in(DURATION_METRICS)
    )


def distinct(counts: pl.LazyFrame, calendar: Calendar) -> pl.DataFrame:
    """Each distinct row :func:`check` judges (:func:`judged`) once, as rows it takes.

    Whether a row counts in a closed month, day or hour depends on its month, channel,
    dimension and category only; these rows have no file, line 0 and a count of 1, so
    they tell whether there is any problem, not where.
    """
    import polars as pl

    return (
        judged(counts, calendar)
        .select("month", "channel", "metric", "dimension", "category")
        .unique()
        .select(
            pl.lit("").alias("file"),
            pl.lit(0, pl.Int64).alias("line"),
            pl.all().cast(pl.String),
            pl.lit(1, pl.Int64).alias("count"),
        )
        .collect(engine="streaming")
    )


def _timed_parts(keys: pl.DataFrame) -> list[tuple[str, str, str, str]]:
    """The hour and day in each ``dimension``/``category`` pair, also of a cross-tab.

    ``hour*site`` with ``14*oslo`` gives ``(hour*site, 14*oslo, hour, 14)``.
    """
    return [
        (dimension, category, dim, cat)
        for dimension, category in keys.iter_rows()
        for dim, cat in zip(dimension.split(CROSS), category.split(CROSS), strict=True)
        if dim in ("hour", "day")
    ]


def _where(channel: str) -> str:
    return f"taxonomy.toml [service.{channel}]"


def _open_text(calendar: Calendar, channel: str) -> str:
    """When the channel was open: ``opened 2020-04-07``, ``2020-04-07 – 2022-12-31``."""
    service = calendar.service(channel)
    if service.opened and service.closed:
        return f"{service.opened} – {service.closed}"
    if service.opened:
        return f"opened {service.opened}"
    if service.closed:
        return f"closed after {service.closed}"
    return "closed days"
