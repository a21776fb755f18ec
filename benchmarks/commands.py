"""Wall time of each command on the examples, against the time Python needs to import its libraries.

Run: python benchmarks/commands.py [--runs N]
Prints the median of N runs (default 7) per command, and the baseline of starting Python
and importing what the figure commands use (polars, pydantic, typer).
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

ROOT = Path(__file__).resolve().parent.parent
DATA = str(ROOT / "examples" / "data")
ALARM = [sys.executable, "-m", "alarmcli"]  # the entry point, cache included
CASES = {
    "python -c 'import polars, pydantic, typer' (baseline)": [
        sys.executable,
        "-c",
        "import polars, pydantic, typer",
    ],
    "python -c pass": [sys.executable, "-c", "pass"],
    "alarm --version": [*ALARM, "--version"],
    "alarm --help": [*ALARM, "--help"],
    "alarm validate": [*ALARM, "validate", "--data-dir", DATA],
    "alarm summary 2024": [*ALARM, "summary", "2024", "--data-dir", DATA],
    "alarm summary 2024 -f csv": [*ALARM, "summary", "2024", "--data-dir", DATA, "-f", "csv"],
    "alarm compare 2023 2024 --by site": [
        *ALARM, "compare", "2023", "2024", "--by", "site", "--data-dir", DATA,
    ],
    "alarm sites 2024": [*ALARM, "sites", "2024", "--data-dir", DATA],
    "alarm breakdown 2024 --by day": [
        *ALARM, "breakdown", "2024", "--by", "day", "--data-dir", DATA,
    ],
}  # fmt: skip


#: Served from the output cache (warmed by a first run); every other case runs uncached.
CACHED_CASE = "alarm summary 2024 -f csv, cached (data unchanged)"


def median_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    """The median wall time of ``runs`` runs of ``command``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    uncached = {**os.environ, "ALARM_CACHE": "off"}
    for name, command in CASES.items():
        print(f"{median_seconds(command, args.runs, uncached):6.3f} s  {name}")
    with tempfile.TemporaryDirectory() as cache:
        cached = {**os.environ, "ALARM_CACHE_DIR": cache}
        command = [*ALARM, "summary", "2024", "--data-dir", DATA, "-f", "csv"]
        subprocess.run(command, check=True, capture_output=True, env=cached)  # warm it
        print(f"{median_seconds(command, args.runs, cached):6.3f} s  {CACHED_CASE}")


if __name__ == "__main__":
    main()
