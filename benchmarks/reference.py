"""Every rule of docs/count-files.md as one plain polars query: the yardstick of ``validate``.

Written as a reader would check it against the contract, rule by rule, and as lean as
plain polars allows: the file read once (the five key columns as categoricals, as one
does for a few thousand distinct values), each rule one expression or one small join,
the cross-row rules as group-bys. It counts problems by reason code; it does not say
where they are (``alarm validate`` does, and must find the same problems).

    python benchmarks/reference.py FILE   # prints the problems by code, as json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import polars as pl

from alarmcli.contract import (
    AGE_MAX,
    COUNT_COLUMNS,
    CROSSTAB_CHOICES,
    DURATIONS,
    EXHAUSTIVE,
    METRICS_BY_CHANNEL,
    MULTI_LABEL,
    TAXONOMY_DIMENSIONS,
    Channel,
    Dimension,
)
from alarmcli.taxonomy import Taxonomy

KEY = ["month", "channel", "metric", "dimension", "category"]
GROUP = ["month", "channel", "metric"]
ROW_RULES = [
    "bad_month", "month_mismatch", "bad_channel", "bad_metric", "bad_dimension",
    "unknown_category", "category_years", "bad_count",
]  # fmt: skip
c = pl.col


def ids(tax: Taxonomy) -> dict[str, list[str]]:
    """The categories of each dimension: the taxonomy's, hours, days, ages."""
    return {
        "total": [""],
        "hour": [str(h) for h in range(24)],
        "day": [str(d) for d in range(1, 32)],
        "age": [*(str(a) for a in range(AGE_MAX + 1)), "unknown"],
        **{d.value: sorted(tax.ids(d)) for d in TAXONOMY_DIMENSIONS},
    }


def valid_pairs(tax: Taxonomy) -> pl.DataFrame:
    """Every valid ``(dimension, category)``, cross-tabs too, with the years it is valid in."""
    cats = ids(tax)
    years = {(d.value, i): (label.valid_from, label.valid_to) for d, i, label in tax.dated()}
    one = [(d, i, *years.get((d, i), (None, None))) for d, values in cats.items() for i in values]
    two = []
    for d1 in CROSSTAB_CHOICES:
        for d2 in CROSSTAB_CHOICES:
            if d1 == d2:
                continue
            for i1 in cats[d1]:
                for i2 in cats[d2]:
                    f1, t1 = years.get((d1, i1), (None, None))
                    f2, t2 = years.get((d2, i2), (None, None))
                    low = max((y for y in (f1, f2) if y is not None), default=None)
                    high = min((y for y in (t1, t2) if y is not None), default=None)
                    two.append((f"{d1}*{d2}", f"{i1}*{i2}", low, high))
    schema = {"dimension": pl.String, "category": pl.String, "from": pl.Int64, "to": pl.Int64}
    return pl.DataFrame(one + two, schema=schema, orient="row").with_columns(
        c("dimension", "category").cast(pl.Categorical),
        known=pl.lit(value=True),
        day=pl.when(c("dimension") == "day").then(c("category").cast(pl.Int64)),
    )


def reference(path: Path, tax: Taxonomy) -> dict[str, int]:
    """How many problems of each reason code the count file at ``path`` has."""
    header = pl.read_csv(path, n_rows=0).columns
    missing = [col for col in COUNT_COLUMNS if header.count(col) != 1]
    if missing:
        return {"missing-column": len(missing)}
    named = re.fullmatch(r"([0-9]{4}-[0-9]{2})\.csv", path.name, re.IGNORECASE)

    rows = (
        pl.read_csv(
            path,
            columns=list(COUNT_COLUMNS),
            schema_overrides=dict.fromkeys(KEY, pl.Categorical),
            infer_schema=False,
        )
        .with_columns(c("category").fill_null(""))
        .lazy()
    )
    metrics = pl.DataFrame(
        [(ch.value, m.value) for ch, ms in METRICS_BY_CHANNEL.items() for m in ms],
        schema=["channel", "metric"],
        orient="row",
    ).with_columns(c("channel", "metric").cast(pl.Categorical), metric_ok=pl.lit(value=True))
    dimensions = [d.value for d in Dimension] + [
        f"{a}*{b}" for a in CROSSTAB_CHOICES for b in CROSSTAB_CHOICES if a != b
    ]
    # Each distinct month once: well-formed? its year, its number of days.
    text = c("month").cast(pl.String)
    months = rows.select(c("month").unique()).with_columns(
        month_ok=text.str.contains(r"^[0-9]{4}-(0[1-9]|1[0-2])$"),
        year=text.str.slice(0, 4).cast(pl.Int64, strict=False),
        days=(text + "-01").str.to_date(strict=False).dt.month_end().dt.day().cast(pl.Int64),
    )

    # The row rules: each cell on its own, then channel with metric, dimension with category.
    checked = (
        rows.join(months, on="month", how="left")
        .join(metrics.lazy(), on=["channel", "metric"], how="left")
        .join(valid_pairs(tax).lazy(), on=["dimension", "category"], how="left")
        .with_columns(
            bad_month=~c("month_ok"),
            month_mismatch=c("month_ok") & (c("month") != named[1])
            if named
            else pl.lit(value=False),
            bad_channel=~c("channel").is_in([ch.value for ch in Channel]),
            bad_dimension=~c("dimension").is_in(dimensions),
            bad_count=~c("count").str.contains(r"^[0-9]{1,12}$"),
        )
        .with_columns(
            bad_metric=~c("bad_channel") & c("metric_ok").is_null(),
            unknown_category=~c("bad_dimension")
            & (c("known").is_null() | (c("day") > c("days")).fill_null(value=False)),
            category_years=~c("year")
            .is_between(c("from").fill_null(0), c("to").fill_null(9999))
            .fill_null(value=True),
        )
        .select(*COUNT_COLUMNS, *ROW_RULES)
        .collect()
    )

    found = checked.select(c(r).sum() for r in ROW_RULES).row(0, named=True)
    problems = {rule.replace("_", "-"): n for rule, n in found.items()}
    problems["category-out-of-years"] = problems.pop("category-years")

    # Rule 1, and the rules across rows on the rows whose key and count can be read.
    good = (
        checked.lazy()
        .filter(
            ~c("bad_month") & ~c("bad_channel") & ~c("bad_metric") & ~c("bad_dimension")
            & ~c("bad_count")
        )
        .select(*KEY, c("count").cast(pl.Int64))
        .collect()
    )  # fmt: skip
    keys = good.lazy().group_by(KEY).len().select(pl.len()).collect().item()
    problems["duplicate-row"] = good.height - keys

    # Rule 2: exhaustive breakdowns sum to the total; without one, they agree.
    stated = good.filter(c("dimension") == "total").select(*GROUP, total="count")
    sums = (
        good.filter(c("dimension").is_in([d.value for d in EXHAUSTIVE]))
        .group_by(*GROUP, "dimension")
        .agg(c("count").sum())
        .join(stated, on=GROUP, how="left")
    )
    problems["sum-mismatch"] = sums.filter(c("count") != c("total")).height
    derived = (
        sums.filter(c("total").is_null())
        .group_by(GROUP)
        .agg(c("count").n_unique().alias("n"), c("count").first().alias("total"))
    )
    problems["breakdowns-disagree"] = derived.filter(c("n") > 1).height
    totals = pl.concat([stated, derived.filter(c("n") == 1).select(*GROUP, "total")])

    # Rule 3 and 6: no multi-label row and no cross-tab cell above its total.
    cross = c("dimension").is_in(dimensions[len(Dimension) :])
    bounded = good.filter(c("dimension").is_in([d.value for d in MULTI_LABEL]) | cross).join(
        totals, on=GROUP, how="left"
    )
    problems["exceeds-total"] = bounded.filter(c("count") > c("total")).height
    problems["missing-total"] = (
        bounded.filter(c("total").is_null() & ~cross).select(GROUP).unique().height
    )

    # Rules 6 and 7: each cell against the one-dimensional row of each of its two ids.
    cells = good.filter(cross).with_columns(
        d=c("dimension").cast(pl.String).str.split("*"),
        i=c("category").cast(pl.String).str.split("*"),
    )
    margins = good.filter(~cross).select(*GROUP, "dimension", "category", margin="count")
    exhaustive = [d.value for d in EXHAUSTIVE]
    for side, other in ((0, 1), (1, 0)):
        joined = cells.with_columns(
            c("d").list.get(side).cast(pl.Categorical).alias("side"),
            c("i").list.get(side).cast(pl.Categorical).alias("id"),
            other=c("d").list.get(other),
        ).join(margins, left_on=[*GROUP, "side", "id"], right_on=[*GROUP, "dimension", "category"])
        problems["exceeds-total"] += joined.filter(c("count") > c("margin")).height
        problems["sum-mismatch"] += (
            joined.filter(c("other").is_in(exhaustive))
            .group_by(*GROUP, "dimension", "id")
            .agg(c("count").sum(), c("margin").first())
            .filter(c("count") != c("margin"))
            .height
        )

    problems["no-contacts"] = no_contacts(good, totals)
    problems["closed"] = closed(good, tax)
    return {code: n for code, n in sorted(problems.items()) if n}


def no_contacts(good: pl.DataFrame, totals: pl.DataFrame) -> int:
    """Sums of durations without their contacts: the answered (or missed) row of their key."""
    of = {m.value: contacts.value for m, contacts in DURATIONS.items()}
    place = ["month", "channel", "dimension", "category"]
    sums_of_seconds = good.filter(c("metric").is_in(list(of)) & (c("count") > 0)).with_columns(
        of=c("metric").replace_strict(of, return_dtype=pl.Categorical)
    )
    if sums_of_seconds.is_empty():
        return 0
    contacts = good.filter(c("metric").is_in(list(of.values()))).select(
        *place, of="metric", contacts="count"
    )
    resolved = totals.select("month", "channel", of="metric", total="total")
    found = sums_of_seconds.join(contacts, on=[*place, "of"], how="left").join(
        resolved, on=["month", "channel", "of"], how="left"
    )
    of_total = pl.when(c("dimension") == "total").then(pl.coalesce("contacts", "total"))
    return found.filter(of_total.otherwise("contacts").fill_null(0) == 0).height


def closed(good: pl.DataFrame, tax: Taxonomy) -> int:
    """Counts in a month, on a day or in an hour their channel was closed."""
    calendar = tax.calendar
    if not calendar.services:
        return 0
    counted = good.filter(c("channel").is_in(list(calendar.services)) & (c("count") > 0))
    months = counted.select(c("channel", "month").cast(pl.String)).unique().rows()
    shut_hours = [
        (ch, m, sorted(calendar.closed_throughout(ch, m)), sorted(calendar.closed_dates(ch, m)))
        for ch, m in months
    ]
    schema = {"channel": pl.String, "month": pl.String, "hours": pl.List(pl.Int64)}
    table = pl.DataFrame(
        shut_hours, schema={**schema, "days": pl.List(pl.Int64)}, orient="row"
    ).with_columns(c("channel", "month").cast(pl.Categorical))
    shut = c("hours").list.len() == 24  # closed all month
    parts = (
        counted.join(table.filter(~shut), on=["channel", "month"])
        .with_columns(
            d=c("dimension").cast(pl.String).str.split("*"),
            i=c("category").cast(pl.String).str.split("*"),
        )
        .explode("d", "i")
        .with_columns(c("i").cast(pl.Int64, strict=False))
    )
    in_closed = ((c("d") == "hour") & c("hours").list.contains(c("i"))) | (
        (c("d") == "day") & c("days").list.contains(c("i"))
    )
    return table.filter(shut).height + parts.filter(in_closed).height


if __name__ == "__main__":
    from alarmcli import taxonomy

    print(json.dumps(reference(Path(sys.argv[1]), taxonomy.builtin())))
