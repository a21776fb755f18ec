"""Opening hours as figures: the days and hours a channel was open, and what closing cost.

"Because chat now closes at night, 10 140 chats that could have been answered were lost
compared with 2023; 5 043 of them between 24 and 04" (the 2024 report) is last year's
hour profile over the hours that are closed this year: month by month, the previous
year's answered contacts in each hour the channel was closed throughout that month.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from alarmcli import arithmetic as ar
from alarmcli.contract import Dimension, Metric
from alarmcli.figures import Note, Table, check_one_channel, need_period
from alarmcli.messages import Term, titles
from alarmcli.periods import Period, as_period, shift_year
from alarmcli.services import hours_text

if TYPE_CHECKING:
    from alarmcli.dataset import Dataset
    from alarmcli.services import Calendar

OPENING_COLUMNS = (
    "channel", "metric", "year", "hours", "closed_hours", "open_days", "open_hours",
    "previous_year", "previous_in_hours", "previous_total", "share_pct", "months", "period",
)  # fmt: skip
#: ``hours`` of the row for all the hours a channel was closed.
CLOSED = "closed"


def opening(
    dataset: Dataset,
    period: int | Period,
    channel: str | None = None,
    ranges: Sequence[frozenset[int]] = (),
) -> Table:
    """Per channel: days and hours open, and last year's contacts in hours closed now.

    A row per channel for all its closed hours, and one within each of ``ranges``
    (``00-04``) for a channel that has closed hours.

    From the 2024 report: chat closed 00–14 in 2024; 2023's chats in those hours were
    10 140, 5 043 of them 00–04.
    """
    import polars as pl

    period = as_period(period)
    check_one_channel(channel, "opening")
    need_period(dataset, period, channel)
    calendar = dataset.taxonomy.calendar
    answered = Metric.ANSWERED.value
    totals = dataset.totals.filter(pl.col("metric") == answered)
    this = totals.filter(pl.col("month").is_in(period.months()))
    if channel is not None:
        this = this.filter(pl.col("channel") == channel)
    before = period.shift(-1)
    hours = dataset.counts.filter(
        (pl.col("metric") == answered)
        & (pl.col("dimension") == Dimension.HOUR.value)
        & pl.col("month").is_in(before.months())
    )
    last: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for month, chan, category, count in hours.select(
        "month", "channel", "category", "count"
    ).iter_rows():
        last[chan][month][int(category)] = count
    previous_totals = {
        (c, m): n
        for c, m, n in totals.filter(pl.col("month").is_in(before.months()))
        .select("channel", "month", "count")
        .iter_rows()
    }
    table = Table("opening", OPENING_COLUMNS, [], title=titles("title.opening", year=str(period)))
    channels = sorted(set(this["channel"].to_list()), key=_channel_order)
    for chan in channels:
        months = sorted(set(this.filter(pl.col("channel") == chan)["month"].to_list()))
        closed = {m: calendar.closed_throughout(chan, m) for m in months}
        # the months a year earlier with an hour profile to count
        counted = [m for m in months if shift_year(m, -1) in last[chan]]
        common = {
            "channel": chan,
            "metric": answered,
            "year": period.year,
            "open_days": calendar.days(chan, months),
            "open_hours": calendar.service_hours(chan, months),
            "previous_year": before.year,
            "months": len(counted),
            "period": str(period),
        }
        previous_total = sum(previous_totals.get((chan, shift_year(m, -1)), 0) for m in counted)
        shuts = any(closed.values())  # (an hour closed all of some month)
        rows = [(CLOSED, None), *((hours_text(r), r) for r in ranges if shuts)]
        for label, within in rows:
            count = 0
            shut: set[int] = set()
            for month in months:  # hours from the calendar; counts where last year has them
                hours_closed = closed[month] if within is None else closed[month] & within
                shut |= hours_closed
                if month in counted:
                    profile = last[chan][shift_year(month, -1)]
                    count += sum(profile.get(h, 0) for h in hours_closed)
            table.records.append(
                {
                    **common,
                    "hours": label,
                    "closed_hours": hours_text(shut),
                    "previous_in_hours": count if counted else None,
                    "previous_total": previous_total if counted else None,
                    "share_pct": ar.percent(count, previous_total) if counted else None,
                }
            )
        table.spans[(chan, answered)] = tuple(shift_year(m, -1) for m in counted)
        if shuts:
            table.notes.extend(_notes(chan, months, counted, closed, before))
    return table


def closed_throughout(calendar: Calendar, channel: str, months: Iterable[str]) -> frozenset[int]:
    """The clock hours a channel's ``closed`` row counts: closed on every day of a month."""
    return frozenset().union(*(calendar.closed_throughout(channel, m) for m in months))


def _notes(
    channel: str,
    months: list[str],
    counted: list[str],
    closed: dict[str, frozenset[int]],
    before: Period,
) -> list[Note]:
    channel_term = Term("channel", channel)
    notes = [Note.of("note.opening-assumption", channel=channel_term, last=str(before))]
    lacking = [shift_year(m, -1) for m in months if m not in counted]
    if lacking:
        notes.append(
            Note.of("note.opening-no-hours", channel=channel_term, months=", ".join(lacking))
        )
    if len({closed[m] for m in counted}) > 1:
        notes.append(Note.of("note.opening-varies", channel=channel_term))
    return notes


def _channel_order(channel: str) -> int:
    from alarmcli.contract import Channel

    return [c.value for c in Channel].index(channel)
