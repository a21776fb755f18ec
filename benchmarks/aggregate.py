"""Benchmark ``alarm aggregate`` against a plain polars pipeline computing the same counts.

Generates contact logs of 1, 4 and 14 million contacts (14 million: a year of the largest
helpline; topics on most answered contacts), as CSV and Parquet, then times, each in its
own process, alternately:

- ``core``: ``alarmcli.aggregate.aggregate``, reading the log, validating every value
  and writing the month files;
- ``reference``: a plain polars pipeline, one group-by per dimension over one shared
  scan, that computes the same counts and nothing else (no validation, no files).

It prints each run's wall time and peak memory (max RSS of the process), the ratio of
the best times per log and the core's time per row (linear: the same at every size),
and stops if the two computed different counts.

    python benchmarks/aggregate.py --repeat 3      # the figures in benchmarks/README.md
    python benchmarks/aggregate.py --rows 20000 --repeat 1
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from alarmcli.contract import Dimension
from alarmcli.taxonomy import builtin

OUT = Path(__file__).resolve().parent / "out"
TZ = "Europe/Oslo"
_TAXONOMY = builtin()
SITES: list[str | None] = [*sorted(_TAXONOMY.ids(Dimension.SITE) - {"unknown"}), None]
GENDERS: list[str | None] = [*sorted(_TAXONOMY.ids(Dimension.GENDER)), None]
CALLERS: list[str | None] = [*sorted(_TAXONOMY.ids(Dimension.CALLER)), None]
TOPICS = sorted(t for t in _TAXONOMY.ids(Dimension.TOPIC) if "/" in t or t == "other")
OUTCOMES = sorted(_TAXONOMY.ids(Dimension.OUTCOME))
ON_BEHALF = sorted(_TAXONOMY.ids(Dimension.ON_BEHALF))


# --- the log ---------------------------------------------------------------------------


def _pick(values: list[str | None], seed: int) -> pl.Expr:
    """A pseudo-random choice from ``values`` per row, from a hash of the row number."""
    table = pl.lit(pl.Series(values, dtype=pl.String))
    return table.get((pl.col("i").hash(seed) % len(values)).cast(pl.Int64))


def _per_mille(seed: int) -> pl.Expr:
    return pl.col("i").hash(seed) % 1000


def generate(rows: int, path: Path) -> None:
    """Write a contact log of ``rows`` contacts in 2024: naive local times, busier in
    the evening, 80 % answered, 90 % of answered contacts with one to three topics."""
    answered = _per_mille(3) < 800
    seconds = pl.col("i").hash(1) % (366 * 86400)
    evening = pl.when(_per_mille(21) < 300).then(((seconds // 3600) % 6 + 17) * 3600)
    seconds = (seconds // 86400) * 86400 + evening.otherwise(seconds % 86400)
    channel = (
        pl.when(_per_mille(2) < 600)
        .then(pl.lit("phone"))
        .when(_per_mille(2) < 850)
        .then(pl.lit("chat"))
        .when(_per_mille(2) < 950)
        .then(pl.lit("sms"))
        .when(_per_mille(2) < 990)
        .then(pl.lit("email"))
        .otherwise(pl.lit("ungno"))
    )
    log = (
        pl.LazyFrame()
        .select(pl.int_range(rows, dtype=pl.Int64).alias("i"))
        .with_columns(
            contact_id=pl.col("i") + 1,
            started_at=(pl.datetime(2024, 1, 1) + pl.duration(seconds=seconds)).dt.strftime(
                "%Y-%m-%dT%H:%M:%S"
            ),
            channel=channel,
            status=pl.when(answered).then(pl.lit("answered")).otherwise(pl.lit("missed")),
            site=_pick(SITES, 4),
            gender=_pick(GENDERS, 5),
            age=pl.when(_per_mille(6) < 100).then(None).otherwise(5 + pl.col("i").hash(7) % 21),
            caller=_pick(CALLERS, 8),
            topics=pl.when(answered & (_per_mille(9) < 900)).then(
                pl.concat_str(
                    [
                        _pick(TOPICS, 10),
                        pl.when(_per_mille(11) < 500).then(_pick(TOPICS, 12)),
                        pl.when(_per_mille(13) < 200).then(_pick(TOPICS, 14)),
                    ],
                    separator="|",
                    ignore_nulls=True,
                )
            ),
            outcomes=pl.when(answered).then(
                pl.concat_str(
                    [_pick(OUTCOMES, 15), pl.when(_per_mille(16) < 300).then(_pick(OUTCOMES, 17))],
                    separator="|",
                    ignore_nulls=True,
                )
            ),
            on_behalf=pl.when(answered & (_per_mille(18) < 50)).then(_pick(ON_BEHALF, 19)),
            duration_s=pl.col("i").hash(20) % 3600,
        )
        .drop("i")
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".parquet":
        log.sink_parquet(path)
    else:
        log.sink_csv(path)


# --- the two contenders ----------------------------------------------------------------


def reference(log: Path) -> pl.DataFrame:
    """The counts ``alarm aggregate`` writes, by a plain polars pipeline: one group-by per
    dimension over one scan (``collect_all`` shares it), multi-label cells split per row.

    No validation and no files; its memory is not bounded.
    """
    scan = (
        pl.scan_parquet(log) if log.suffix == ".parquet" else pl.scan_csv(log, infer_schema=False)
    )
    t = pl.col("started_at").str.to_datetime("%Y-%m-%dT%H:%M:%S", time_unit="us")
    topics = pl.col("topics")
    contacts = scan.select(
        month=t.dt.truncate("1mo"),
        channel="channel",
        metric="status",
        hour=t.dt.hour(),
        day=t.dt.day(),
        site=pl.col("site").fill_null("unknown"),
        gender=pl.col("gender").fill_null("unknown"),
        age=pl.col("age").cast(pl.String).fill_null("unknown"),
        caller=pl.col("caller").fill_null("unknown"),
        # a sub-topic also counts its group, once a contact
        topic=pl.concat_str([topics, topics.str.replace_all(r"/[^|]*", "")], separator="|"),
        outcome="outcomes",
        on_behalf="on_behalf",
    )
    keys = ["month", "channel", "metric"]
    queries = {"total": contacts.group_by(keys).len()}
    for dim in ("site", "gender", "age", "caller", "hour", "day"):
        queries[dim] = contacts.group_by(*keys, dim).len()
    answered = contacts.filter(pl.col("metric") == "answered")
    for dim in ("topic", "outcome", "on_behalf"):  # and each by age
        labels = answered.select(*keys, "age", pl.col(dim).str.split("|").list.unique())
        labels = labels.explode(dim).drop_nulls(dim)
        queries[dim] = labels.group_by(*keys, dim).len()
        queries[f"{dim}*age"] = labels.group_by(*keys, dim, "age").len()
    counted = pl.collect_all(queries.values(), engine="streaming")
    rows = []
    for dimension, frame in zip(queries, counted, strict=True):
        category = pl.lit("") if dimension == "total" else pl.col(dimension.split("*")[0])
        if "*" in dimension:
            category = category + "*" + pl.col("age")
        rows.append(
            frame.select(
                pl.col("month").dt.strftime("%Y-%m"),
                "channel",
                "metric",
                dimension=pl.lit(dimension),
                category=category.cast(pl.String),
                count=pl.col("len").cast(pl.Int64),
            )
        )
    return pl.concat(rows)


def core(log: Path, data_dir: Path) -> pl.DataFrame:
    """``alarm aggregate LOG --data-dir DATA_DIR``, and the counts it wrote."""
    from alarmcli.aggregate import aggregate

    result = aggregate([log], data_dir, tz=TZ)
    return pl.concat(
        [pl.read_csv(p, schema_overrides={"category": pl.String}) for p in result.paths]
    ).with_columns(pl.col("count").cast(pl.Int64))


def _child(which: str, log: Path, work: Path) -> None:
    """Run one contender and report its wall time on stdout; save its counts."""
    start = time.perf_counter()
    counts = core(log, work / "data") if which == "core" else reference(log)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    counts.with_columns(pl.col("category").fill_null("")).write_parquet(work / f"{which}.parquet")
    print(seconds, peak_kb)


def _measure(which: str, log: Path, work: Path) -> tuple[float, float]:
    """Run a contender in a fresh process: its wall time, and its peak memory (max RSS)
    in MB, as the process itself measured them."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", which, "--log", str(log), "--work", str(work)],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds, peak_kb = done.stdout.split()[-2:]
    return float(seconds), int(peak_kb) / 1024


def _log(rows: int, form: str) -> Path:
    log = OUT / f"log-{rows}.{form}"
    if not log.exists():
        start = time.perf_counter()
        generate(rows, log)
        print(f"generated {log} in {time.perf_counter() - start:.1f} s")
    return log


def _compare(log: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Best time and highest peak memory of each contender, runs alternating; their
    counts checked equal after every pair."""
    times: dict[str, list[float]] = {"reference": [], "core": []}
    peaks: dict[str, list[float]] = {"reference": [], "core": []}
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        for run in range(repeat):
            for which in ("reference", "core"):
                work = Path(tmp) / f"{which}-{run}"
                work.mkdir()
                seconds, peak = _measure(which, log, work)
                times[which].append(seconds)
                peaks[which].append(peak)
                print(f"  {which:9} run {run + 1}: {seconds:6.2f} s, peak memory {peak:5.0f} MB")
            _same_counts(Path(tmp) / f"core-{run}", Path(tmp) / f"reference-{run}")
    return {k: (min(times[k]), max(peaks[k])) for k in times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows",
        type=int,
        nargs="+",
        default=[1_000_000, 4_000_000, 14_000_000],
        help="contacts in each log",
    )
    parser.add_argument(
        "--format", choices=["csv", "parquet"], nargs="+", default=["csv", "parquet"]
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, alternating")
    parser.add_argument("--child", choices=["core", "reference"], help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.log, args.work)
        return
    results = []
    for form in args.format:
        for rows in args.rows:
            log = _log(rows, form)
            print(f"{log} ({log.stat().st_size / 1e6:.0f} MB, {rows:,} rows)")
            results.append((form, rows, log.stat().st_size / 1e6, _compare(log, args.repeat)))
    print(
        f"\nbest of {args.repeat}; counts equal in every run (goals: ratio <= 1.3, core < 1024 MB)"
    )
    print("| log | rows | reference | `alarm aggregate` core | ratio | core µs/row ", end="")
    print("| peak MB core / reference |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for form, rows, size, best in results:
        (ref, ref_peak), (core_s, core_peak) = best["reference"], best["core"]
        print(
            f"| {form}, {size:.0f} MB | {rows:,} | {ref:.2f} s | {core_s:.2f} s "
            f"| {core_s / ref:.2f} | {core_s / rows * 1e6:.2f} | {core_peak:.0f} / {ref_peak:.0f} |"
        )


def _same_counts(core_dir: Path, reference_dir: Path) -> None:
    keys = ["month", "channel", "metric", "dimension", "category"]
    mine = pl.read_parquet(core_dir / "core.parquet").sort(keys)
    theirs = pl.read_parquet(reference_dir / "reference.parquet").sort(keys)
    if not mine.equals(theirs.select(mine.columns)):
        msg = "core and reference counts differ"
        raise SystemExit(msg)


if __name__ == "__main__":
    main()
