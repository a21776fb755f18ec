"""Sums of durations in the count files: each must have the contacts it is a sum over.

A row of ``answer_seconds`` (or ``talk_seconds``) sums the answered contacts of its month,
channel and category; ``abandon_seconds`` the missed ones. A mean is the sum over that
count, so a sum without the count, or over a count of 0, is an error at its line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alarmcli.contract import DURATIONS, Dimension
from alarmcli.problems import Code, Problem

if TYPE_CHECKING:
    import polars as pl


def missing(
    counts: pl.LazyFrame, totals: pl.LazyFrame, metric_type: pl.DataType | None = None
) -> pl.LazyFrame:
    """The rows of sums of durations whose contacts are missing or 0.

    Each with ``of`` (the metric of its contacts) and ``contacts`` (their count, or null).
    ``counts`` has the count files' key columns and ``count``; ``totals`` the resolved
    total of each month, channel and metric (a total may come from a breakdown), its
    ``metric`` of ``metric_type`` (that of ``counts``; text by default).
    """
    import polars as pl

    names = {m.value: of.value for m, of in DURATIONS.items()}
    keys = ["month", "channel", "dimension", "category"]
    kind = metric_type or pl.String()
    timed = counts.filter(pl.col("metric").is_in(list(names)) & (pl.col("count") > 0))
    timed = timed.with_columns(of=pl.col("metric").replace_strict(names, return_dtype=kind))
    rows = counts.filter(pl.col("metric").is_in(list(set(names.values())))).select(
        *keys, of="metric", contacts="count"
    )
    stated = totals.select("month", "channel", of="metric", total="count")
    found = timed.join(rows, on=[*keys, "of"], how="left").join(
        stated, on=["month", "channel", "of"], how="left"
    )
    total = pl.col("dimension") == Dimension.TOTAL.value
    contacts = pl.when(total).then(pl.coalesce("contacts", "total")).otherwise("contacts")
    return found.with_columns(contacts=contacts).filter(pl.col("contacts").fill_null(0) == 0)


def check(counts: pl.DataFrame, totals: pl.DataFrame) -> list[Problem]:
    """Sums of durations whose contacts are missing or 0, each at its line.

    ``counts`` are valid rows with ``file`` and ``line``; ``totals`` the resolved totals.
    """
    bad = missing(counts.lazy(), totals.lazy()).collect()
    return [
        Problem.of(
            file,
            line,
            "count",
            Code.NO_CONTACTS,
            "row.duration-without-contacts",
            metric=metric,
            seconds=seconds,
            of=of,
            missing="0" if contacts == 0 else "no",
        )
        for file, line, metric, seconds, of, contacts in bad.select(
            "file", "line", "metric", "count", "of", "contacts"
        ).iter_rows()
    ]
