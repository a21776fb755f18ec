"""Wall time of each command on the examples, against the time Python needs to import its libraries.

Run: python benchmarks/commands.py [--runs N]
Prints the median of N runs (default 7) per command, and the baseline of starting Python
and importing what the figure commands use (polars, pydantic, typer).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = str(ROOT / "examples" / "data")
ALARM = [sys.executable, "-m", "alarmcli"]
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


def median_seconds(command: list[str], runs: int) -> float:
    """The median wall time of ``runs`` runs of ``command``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for name, command in CASES.items():
        print(f"{median_seconds(command, args.runs):6.3f} s  {name}")


if __name__ == "__main__":
    main()
