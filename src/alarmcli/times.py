"""Answer times and answer rates: exact means from sums of durations over counts.

"Svartiden var 1,8 dager" (the 2024 report, ung.no) is a mean: the seconds from question to
answer summed over the answered questions, over their number. The count files carry the
sums (``answer_seconds``, ``talk_seconds``, ``abandon_seconds``, see
:data:`alarmcli.contract.DURATIONS`); a mean is computed on exact whole numbers and rounded
once, in the unit it is shown in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from alarmcli import arithmetic as ar
from alarmcli.contract import AUTO_UNIT, DURATION_METRICS, DURATIONS, UNIT_SECONDS, Metric
from alarmcli.errors import NoDataError
from alarmcli.figures import Note, Table, check_one_channel
from alarmcli.messages import Term, msg, titles
from alarmcli.periods import Period, as_period

if TYPE_CHECKING:
    import polars as pl

    from alarmcli.dataset import Dataset

TIMES_COLUMNS = (
    "channel", "dimension", "category", "answered", "missed", "answer_rate_pct",
    "mean_answer", "mean_talk", "mean_abandon", "unit", "period",
)  # fmt: skip
#: The mean each sum gives, by column.
MEANS = {
    "mean_answer": Metric.ANSWER_SECONDS,
    "mean_talk": Metric.TALK_SECONDS,
    "mean_abandon": Metric.ABANDON_SECONDS,
}

Cells = dict[tuple[str, str], dict[str, dict[str, int]]]  # (channel, category) → metric → month


def unit_for(seconds: Fraction) -> str:
    """The unit a mean reads best in: days from a day, hours from an hour, minutes from two."""
    if seconds >= UNIT_SECONDS["days"]:
        return "days"
    if seconds >= UNIT_SECONDS["h"]:
        return "h"
    return "min" if seconds >= 2 * UNIT_SECONDS["min"] else "s"


def times(
    dataset: Dataset,
    period: int | Period,
    channel: str | None = None,
    by: str = "total",
    unit: str = AUTO_UNIT,
) -> Table:
    """Per channel (and month, site or hour): answer rate and mean times.

    ``answer_rate_pct`` = answered / (answered + missed) × 100 over the months that have
    both; ``mean_answer`` = answer_seconds / answered over the months that have both
    (likewise talk, and abandon over missed), in ``unit`` (``auto``: each row in the unit
    its largest mean reads best in). A note names the months a figure leaves out.
    ``Table.spans`` holds the months of each figure, for suppression.
    """
    period = as_period(period)
    check_one_channel(channel, "times")
    cells = _cells(dataset, period, channel, by)
    timed = {k: v for k, v in cells.items() if set(v) - {Metric.ANSWERED.value}}
    if not timed:
        raise NoDataError(msg("figures.no-times", year=str(period)))
    table = Table("times", TIMES_COLUMNS, [], title=titles("title.times", year=str(period)))
    for (chan, category), metrics in sorted(timed.items(), key=_order(by)):
        answered, missed = metrics.get("answered", {}), metrics.get("missed", {})
        both = sorted(m for m in answered if m in missed)
        received = sum(answered[m] + missed[m] for m in both)
        exact = {column: _mean(metrics, sum_of) for column, sum_of in MEANS.items()}
        known = [mean.value for mean in exact.values() if mean.value is not None]
        shown = unit if unit != AUTO_UNIT else unit_for(max(known, default=Fraction(0)))
        record = {
            "channel": chan,
            "dimension": by,
            "category": category,
            "answered": sum(answered.values()) if answered else None,
            "missed": sum(missed.values()) if missed else None,
            "answer_rate_pct": ar.percent(sum(answered[m] for m in both), received)
            if both
            else None,
            "unit": shown,
            "period": str(period),
        }
        name = f"{by}:{category}"
        table.spans[(chan, name)] = tuple(sorted(answered))
        table.spans[(chan, f"{name}{MISSED}")] = tuple(sorted(missed))
        table.spans[(chan, f"{name}{RATE}")] = tuple(both)
        subject = Term("channel", chan)
        if both and len(both) < len(set(answered) | set(missed)):
            left_out = sorted((set(answered) | set(missed)) - set(both))
            table.notes.append(
                Note.of("note.times-rate-months", channel=subject, months=", ".join(left_out))
            )
        for column, mean in exact.items():
            value = mean.value
            record[column] = (
                None if value is None else ar.round_half_away(value / UNIT_SECONDS[shown])
            )
            table.spans[(chan, f"{name}:{column}")] = mean.months
            if mean.lacking:
                table.notes.append(
                    Note.of(
                        "note.times-months",
                        channel=subject,
                        metric=MEANS[column].value,
                        months=", ".join(mean.lacking),
                    )
                )
        table.records.append(record)
    table.notes = list(dict.fromkeys(table.notes))
    return table


#: Suffixes of ``Table.spans`` keys: the months of a row's missed contacts, of its rate.
MISSED, RATE = "@missed", "@rate"


@dataclass(frozen=True)
class Mean:
    """An exact mean in seconds, the months it is over, and the months lacking its sum."""

    value: Fraction | None
    months: tuple[str, ...]
    lacking: tuple[str, ...]


def _mean(metrics: dict[str, dict[str, int]], sum_of: Metric) -> Mean:
    """The exact mean in seconds, over the months that have the sum and its count."""
    sums = metrics.get(sum_of.value, {})
    counts = metrics.get(DURATIONS[sum_of].value, {})
    months = tuple(sorted(m for m in sums if m in counts))
    contacts = sum(counts[m] for m in months)
    if not contacts:
        return Mean(None, (), ())
    lacking = tuple(sorted(m for m in counts if m not in sums))
    return Mean(Fraction(sum(sums[m] for m in months), contacts), months, lacking)


def _cells(dataset: Dataset, period: Period, channel: str | None, by: str) -> Cells:
    """Counts and sums of durations by (channel, category), metric and month."""
    import polars as pl

    month = pl.col("month").is_in(period.months())
    if by in {"total", "month"}:
        frames = [
            f.filter(month).with_columns(category=pl.lit(""))
            for f in (dataset.totals, dataset.duration_totals)
        ]
    else:
        frames = [
            f.filter(month & (pl.col("dimension") == by))
            for f in (dataset.counts, dataset.durations)
        ]
    frame: pl.DataFrame = pl.concat(
        [f.select("month", "channel", "metric", "category", "count") for f in frames]
    )
    wanted = [Metric.ANSWERED.value, Metric.MISSED.value, *DURATION_METRICS]
    frame = frame.filter(pl.col("metric").is_in(wanted))
    if channel is not None:
        frame = frame.filter(pl.col("channel") == channel)
    out: Cells = defaultdict(lambda: defaultdict(dict))
    for mon, chan, metric, category, count in frame.iter_rows():
        out[(chan, mon if by == "month" else category)][metric][mon] = count
    return out


def _order(by: str) -> Callable[[tuple[tuple[str, str], object]], tuple[int, object]]:
    """Channels in the contract's order, then categories in their natural order."""
    from alarmcli.contract import Channel
    from alarmcli.figures import category_order

    channels = [c.value for c in Channel]
    within = category_order(by)
    return lambda item: (channels.index(item[0][0]), within(item[0][1]))
