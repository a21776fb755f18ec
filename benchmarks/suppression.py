"""What small-count suppression and its audit add to publishing a year of the examples.

Run: python benchmarks/suppression.py [--repeat N] [--threshold N ...] [--runs N]
         [--report YEAR:N ...]

In one process (median of --repeat runs): builds every table the figure commands publish
for 2024 (as `alarm audit` does), then times computing the tables, suppressing them
together and auditing the result, per --threshold; prints seconds per step and how many
counts were hidden.

Then the annual report as a user runs it (median of --runs fresh processes, the output
cache off): `alarm report YEAR -o report.md` without suppression and with `--suppress N`
for each --report YEAR:N (default 2024:10, 2024:50 and 2020:300).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from alarmcli import dataset
from alarmcli.audit import audit
from alarmcli.suppression import protect, year_release

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "examples" / "data"


def timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def report(year: int, threshold: int, runs: int, out: Path) -> float:
    """Median wall time of ``alarm report YEAR -o report.md [--suppress N]``, uncached."""
    args = [sys.executable, "-m", "alarmcli", "report", str(year), "-o", str(out)]
    args += ["-d", str(DATA)] + (["--suppress", str(threshold)] if threshold > 1 else [])
    env = {**os.environ, "ALARM_CACHE": "off"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threshold", type=int, nargs="+", default=[3, 5, 10])
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--report", nargs="*", default=["2024:10", "2024:50", "2020:300"])
    args = parser.parse_args()
    data = dataset.load(DATA)
    build, tables = timed(lambda: year_release(data, args.year), args.repeat)
    cells = sum(len(t.records) for t in tables)
    print(f"{len(tables)} tables, {cells} rows: computing them takes {build:.3f} s")
    print("threshold  hidden  suppress (s)  audit (s)  added (s)")
    for n in args.threshold:
        suppress, out = timed(lambda n=n: protect(tables, n), args.repeat)
        check, findings = timed(lambda n=n, out=out: audit(out, n), args.repeat)
        assert all(f.safe for f in findings)
        print(
            f"{n:9d}  {len(findings):6d}  {suppress:12.3f}  {check:9.3f}  {suppress + check:9.3f}"
        )
    cases = [tuple(int(x) for x in case.split(":")) for case in args.report]
    if not cases:
        return
    print(f"\ncommand (median of {args.runs} fresh processes, ALARM_CACHE=off)  seconds")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.md"
        for year in sorted({year for year, _ in cases}, reverse=True):
            for n in [0, *(n for y, n in cases if y == year)]:
                seconds = report(year, n, args.runs, out)
                flag = f" --suppress {n}" if n else ""
                print(f"alarm report {year} -o report.md{flag:<15}  {seconds:6.2f}")


if __name__ == "__main__":
    main()
