"""How long ``alarm report`` takes on the examples, in fresh processes (the goal: under 3 s).

Run: python benchmarks/report.py [--runs N]
Prints the median wall time of each format and of ``alarm summary`` for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = str(ROOT / "examples" / "data")


def timed(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "alarmcli", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        print("command                                   median (s)")
        for suffix in ("html", "pdf", "md"):
            out = str(Path(tmp) / f"report.{suffix}")
            seconds = timed(["report", "2024", "-o", out, "-d", DATA], runs)
            print(f"alarm report 2024 -o report.{suffix:<4}              {seconds:6.2f}")
        seconds = timed(["summary", "2024", "-d", DATA, "-f", "csv"], runs)
        print(f"alarm summary 2024 -f csv (for comparison)   {seconds:6.2f}")


if __name__ == "__main__":
    main()
