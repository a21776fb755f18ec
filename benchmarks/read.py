"""Time of ``loading.read_files`` on the example data, in process, after a warm-up.

Run: python benchmarks/read.py [--runs N] [--data DIR]
Prints the best and the median of N runs (default 20), in milliseconds, and what was read.
Imports and the first read (polars' start-up) are not counted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from alarmcli import loading, periodic

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--data", type=Path, default=ROOT / "examples" / "data")
    args = parser.parse_args()
    found, _ = loading.discover([args.data])
    files, _ = periodic.split(found)  # the count files, as the commands read them
    read = loading.read_files(files)  # the warm-up
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        loading.read_files(files)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{read.files} files, {read.rows} rows, {len(read.problems)} problems")
    print(f"read_files: best {min(times):.1f} ms, median {statistics.median(times):.1f} ms")


if __name__ == "__main__":
    main()
