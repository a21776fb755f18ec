"""Time ``alarm validate`` against one plain polars query with every rule of the contract.

Generates a valid count file of ``--rows`` rows (many months in one file) and a directory of
``--years`` years of monthly files (all channels and breakdowns, ~1 700 rows a month). Then
runs, alternately, each in a fresh process, ``alarm validate FILE`` and
``benchmarks/reference.py FILE`` (every rule as one plain polars query), and prints the
wall time and peak memory of each, the ratio of the best times, and the peak memory of
``alarm validate`` against the file's size. Both must find no problem in the valid file.

    python benchmarks/validate.py --repeat 5     # 10 million rows, 10 years
    python benchmarks/validate.py --rows 100000  # quick
"""

from __future__ import annotations

import os

#: The environment as the shell gave it: importing polars adds its allocator's settings
#: (``_RJEM_MALLOC_CONF``), which the measured commands must not inherit.
ENVIRONMENT = dict(os.environ)

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import polars as pl  # noqa: E402

from alarmcli import dataset, taxonomy  # noqa: E402
from alarmcli.contract import (  # noqa: E402
    AGE_MAX,
    DURATIONS,
    EXHAUSTIVE,
    METRICS_BY_CHANNEL,
    TAXONOMY_DIMENSIONS,
)
from alarmcli.periods import month_id  # noqa: E402

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
        if metric not in DURATIONS  # counts only, as the file
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


#: Runs a command and reports its wall time and peak memory: from a small process, since a
#: child forked from this one (holding the generated data) would count that memory as its own.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps([seconds, peak, done.stdout.decode(), done.returncode]))
"""


def run(command: list[str]) -> tuple[float, int, str, int]:
    """Run ``command`` in a fresh process: wall seconds, peak memory (bytes), stdout, exit."""
    report = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        check=True,
        text=True,
        env=ENVIRONMENT,
    )
    seconds, peak, out, code = json.loads(report.stdout)
    return seconds, peak, out, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    args = parser.parse_args()

    start = time.perf_counter()
    big, monthly = generate(args.out, args.rows, args.years)
    size = big.stat().st_size
    print(
        f"generated in {time.perf_counter() - start:.1f} s: {big} ({size / 1e6:.0f} MB), {monthly}"
    )
    commands = {
        "alarm validate": [sys.executable, "-m", "alarmcli", "validate", str(big)],
        "reference query": [sys.executable, str(Path(__file__).parent / "reference.py"), str(big)],
    }
    times: dict[str, list[float]] = {label: [] for label in commands}
    peaks: dict[str, list[int]] = {label: [] for label in commands}
    for _ in range(args.repeat):  # alternately, so that both meet the same load
        for label, command in commands.items():
            seconds, peak, out, code = run(command)
            found = "no problems" if code == 0 and out.strip() in {"", "{}"} else out[:200]
            print(f"{label:<16} {seconds:6.2f} s  peak {peak / 1e6:5.0f} MB  {found}")
            if found != "no problems":  # a time of a run that found problems compares nothing
                raise SystemExit(f"{label} found problems in a valid file: {found}")
            times[label].append(seconds)
            peaks[label].append(peak)
    core, base = min(times["alarm validate"]), min(times["reference query"])
    core_peak, base_peak = max(peaks["alarm validate"]), max(peaks["reference query"])
    print(
        f"best of {args.repeat}: alarm validate {core:.2f} s, reference {base:.2f} s: "
        f"ratio {core / base:.2f}x; peak memory alarm {core_peak / 1e6:.0f} MB = "
        f"{core_peak / size:.2f}x the file ({size / 1e6:.0f} MB), "
        f"reference {base_peak / 1e6:.0f} MB"
    )
    start = time.perf_counter()
    years_report = dataset.check([monthly], monthly)
    print(
        f"{args.years} years of monthly files: {years_report.files} files, "
        f"{years_report.rows:,} rows: {len(years_report.problems)} problems "
        f"in {time.perf_counter() - start:.2f} s"
    )
    if args.rows < 10_000_000:
        print("full size, as in benchmarks/README.md: python benchmarks/validate.py --repeat 5")


if __name__ == "__main__":
    main()
