"""Time ``alarm validate``'s core against one hand-written polars query doing the same checks.

Generates a valid count file of ``--rows`` rows (many months in one file) and a directory of
``--years`` years of monthly files (all channels and breakdowns, ~1 700 rows a month), then
times :func:`alarmcli.dataset.check` and a single polars query that reads the file as
strings and checks every rule (regex and ``is_in`` on each cell, duplicate keys, exhaustive
sums against totals, multi-label rows against totals). Prints wall times and their ratio.

    python benchmarks/validate.py               # 10 million rows, 10 years
    python benchmarks/validate.py --rows 100000 # quick
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import polars as pl

from alarmcli import dataset, taxonomy
from alarmcli.contract import (
    AGE_MAX,
    EXHAUSTIVE,
    METRICS_BY_CHANNEL,
    MULTI_LABEL,
    TAXONOMY_DIMENSIONS,
)
from alarmcli.periods import MONTH_PATTERN, month_id

TAX = taxonomy.builtin()
KEY = ["month", "channel", "metric", "dimension", "category"]
GROUP = ["month", "channel", "metric"]


def template() -> pl.DataFrame:
    """One month's rows without the month: every channel, metric, dimension and category.

    ``k`` is how many categories the row's dimension has, ``last`` marks its last one, so
    that counts can be made to sum exactly to the total.
    """
    cats: dict[str, list[str]] = {
        "total": [""],
        "hour": [str(h) for h in range(24)],
        "day": [str(d) for d in range(1, 29)],  # valid in every month
        "age": [*(str(a) for a in range(AGE_MAX + 1)), "unknown"],
        **{d.value: sorted(TAX.ids(d)) for d in TAXONOMY_DIMENSIONS},
    }
    rows = [
        (channel.value, metric.value, dim, cat, len(ids), i == len(ids) - 1)
        for channel, metrics in METRICS_BY_CHANNEL.items()
        for metric in metrics
        for dim, ids in cats.items()
        for i, cat in enumerate(ids)
    ]
    return pl.DataFrame(
        rows, schema=["channel", "metric", "dimension", "category", "k", "last"], orient="row"
    )


def month_rows(months: list[str]) -> pl.DataFrame:
    """Valid rows for ``months``: exhaustive breakdowns sum to the total exactly."""
    frame = pl.DataFrame({"month": months}).join(template(), how="cross")
    total = (pl.struct(GROUP).hash(seed=1) % 20_000 + 1).cast(pl.Int64)
    k = pl.col("k").cast(pl.Int64)
    exhaustive = (total // k) + pl.when(pl.col("last")).then(total % k).otherwise(0)
    count = (
        pl.when(pl.col("dimension") == "total")
        .then(total)
        .when(pl.col("dimension").is_in([d.value for d in EXHAUSTIVE]))
        .then(exhaustive)
        .otherwise(total // 2)
    )
    return frame.select(*KEY, count.alias("count"))


def generate(out: Path, rows: int, years: int) -> tuple[Path, Path]:
    """Write the big file and the directory of monthly files under ``out``."""
    per_month = template().height
    n_months = max(1, round(rows / per_month))
    months = [month_id(1000 + i // 12, i % 12 + 1) for i in range(n_months)]
    big = out / "big" / "counts.csv"
    big.parent.mkdir(parents=True, exist_ok=True)
    month_rows(months).write_csv(big)
    monthly = out / "years"
    shutil.rmtree(monthly, ignore_errors=True)
    for i in range(years * 12):
        month = month_id(2015 + i // 12, i % 12 + 1)
        path = monthly / month[:4] / f"{month}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        month_rows([month]).write_csv(path)
    return big, monthly


def baseline(path: Path) -> int:
    """Every rule as one lazy polars query over one file; the number of problems.

    Written as lean as we know how: valid ``channel/metric`` and ``dimension/category``
    pairs looked up in one hash set each, everything collected together.
    """
    from alarmcli.validation import _category_pairs, _metric_pairs

    c = pl.col
    sep = "\x1f"
    checked = (
        pl.scan_csv(path, infer_schema=False)
        .with_columns(c("category").fill_null(""))
        .with_columns(
            ok=c("month").str.contains(MONTH_PATTERN)
            & pl.concat_str(["channel", "metric"], separator=sep).is_in(_metric_pairs())
            & pl.concat_str(["dimension", "category"], separator=sep).is_in(_category_pairs(TAX))
            & c("count").str.contains(r"^[0-9]{1,18}$"),
            count=c("count").cast(pl.Int64, strict=False),
        )
    )
    good = checked.filter(c("ok"))
    totals = good.filter(c("dimension") == "total").select(*GROUP, total=c("count"))
    sums = (
        good.filter(c("dimension").is_in([d.value for d in EXHAUSTIVE]))
        .group_by(*GROUP, "dimension")
        .agg(c("count").sum())
        .join(totals, on=GROUP, how="left")
    )
    multi = good.filter(c("dimension").is_in([d.value for d in MULTI_LABEL])).join(
        totals, on=GROUP, how="inner"
    )
    results = pl.collect_all(
        [
            checked.select((~c("ok")).sum()),
            good.select(pl.struct(KEY).is_duplicated().sum()),
            sums.filter(c("total").is_not_null() & (c("count") != c("total"))).select(pl.len()),
            sums.filter(c("total").is_null())
            .group_by(GROUP)
            .agg(c("count").n_unique())
            .filter(c("count") > 1)
            .select(pl.len()),
            multi.filter(c("count") > c("total")).select(pl.len()),
        ]
    )
    return sum(int(f.item()) for f in results)


def timed(label: str, func: object, *args: object) -> tuple[float, object]:
    start = time.perf_counter()
    result = func(*args)  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    print(f"{label:<40} {elapsed:8.2f} s")
    return elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    args = parser.parse_args()

    start = time.perf_counter()
    big, monthly = generate(args.out, args.rows, args.years)
    size = big.stat().st_size / 1e6
    print(f"generated in {time.perf_counter() - start:.1f} s: {big} ({size:.0f} MB), {monthly}")

    core = min(
        timed("alarmcli.dataset.check, one file", dataset.check, [big], None)[0]
        for _ in range(args.repeat)
    )
    report = dataset.check([big], None)
    base_times = [timed("hand-written polars query", baseline, big) for _ in range(args.repeat)]
    base = min(t for t, _ in base_times)
    print(
        f"rows {report.rows:,}; problems: alarmcli {len(report.problems)}, query {base_times[0][1]}"
    )
    print(f"ratio alarmcli / query: {core / base:.2f}x")
    ten, years_report = timed(
        f"{args.years} years of monthly files", dataset.check, [monthly], monthly
    )
    print(
        f"{years_report.files} files, {years_report.rows:,} rows: "  # type: ignore[attr-defined]
        f"{len(years_report.problems)} problems in {ten:.2f} s"  # type: ignore[attr-defined]
    )


if __name__ == "__main__":
    main()
