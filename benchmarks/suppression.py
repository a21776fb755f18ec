"""What small-count suppression and its audit add to publishing a year of the examples.

Run: python benchmarks/suppression.py [--repeat N] [--threshold N ...]
Builds every table the figure commands publish for 2024 (as `alarm audit` does), then
times, in one process (median of N runs): computing the tables; suppressing them together;
auditing the result. Prints seconds per step and how many counts were hidden.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from alarmcli import dataset
from alarmcli.audit import audit
from alarmcli.suppression import protect, year_release

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threshold", type=int, nargs="+", default=[3, 5, 10])
    parser.add_argument("--year", type=int, default=2024)
    args = parser.parse_args()
    data = dataset.load(ROOT / "examples" / "data")
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


if __name__ == "__main__":
    main()
