"""Time of ``loading.read_files`` on the example data, in process, after a warm-up.

Run: python benchmarks/read.py [--runs N] [--data DIR] [--malformed]
Prints the best and the median of N runs (default 20), in milliseconds, and what was read.
Imports and the first read (polars' start-up) are not counted. ``--malformed`` reads,
instead of ``--data``, 200 files of 1 000 rows (some 35 KiB each: read together, not by
the small files' reader) written to ``benchmarks/out/read-malformed``, 20 of which polars
refuses or may read otherwise than the ``csv`` module: 7 with a row of too many cells,
7 with a byte-order mark in a line, 6 with a byte that is not UTF-8.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from alarmcli import loading, periodic

ROOT = Path(__file__).resolve().parent.parent
HEADER = "month,channel,metric,dimension,category,count\n"


def malformed(out: Path) -> Path:
    """Write the ``--malformed`` case under ``out`` (once); its directory."""
    if out.is_dir():
        return out
    for i in range(200):
        rows = [f"2024-01,phone,answered,hour,{n % 24},{n}\n" for n in range(1000)]
        bad = {0: "2024-01,phone,answered,total,,1,473\n", 1: "\ufeff2024-01,sms,missed,total,,2\n"}
        if i % 10 == 9 and i // 10 % 3 in bad:
            rows[500] = bad[i // 10 % 3]
        data = (HEADER + "".join(rows)).encode("utf-8")
        if i % 10 == 9 and i // 10 % 3 == 2:
            data = data.replace(b"phone", b"ph\xf8ne", 1)  # Windows-1252
        path = out / f"{i:03}" / "2024-01.csv"
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--data", type=Path, default=ROOT / "examples" / "data")
    parser.add_argument("--malformed", action="store_true")
    args = parser.parse_args()
    data = (
        malformed(ROOT / "benchmarks" / "out" / "read-malformed") if args.malformed else args.data
    )
    found, _ = loading.discover([data])
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
