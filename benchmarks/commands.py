"""Wall time of each command on the examples, against the floors of starting the libraries.

Run: python benchmarks/commands.py [--runs N] [--phases]

Prints the median of N fresh processes (default 7) per case, the cases run in turn so
that a change of load hits them alike, and the ratios of issue 12: an uncached
``alarm summary 2024 -f csv`` against

- the import floor: ``python -c 'import typer, rich, polars, pydantic, tabulate'``;
- the typer floor: a typer app with ``summary``'s parameters that imports the same five
  libraries and does nothing. Typer (0.2x) builds a pydantic ``TypeAdapter`` for each
  parameter of the command it runs, so no typer command can start faster than this.
  Even with one text argument, a typer app is over 1.15 × the import floor: the case
  ``a typer app with one text argument`` shows it.

Every process runs with bytecode written and read (``PYTHONDONTWRITEBYTECODE`` unset),
as an installed alarmcli does; each case runs once first to write it. ``--phases`` adds
where one uncached run spends its time, in process.
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
FIVE = "typer, rich, polars, pydantic, tabulate"
#: A typer app with the parameters of ``alarm summary`` that imports the five libraries
#: and does nothing: the least a typer command can cost.
TYPER_FLOOR = f"""
import enum
from pathlib import Path
from typing import Annotated, Optional
import {FIVE}

class Format(str, enum.Enum):
    TABLE = "table"
    CSV = "csv"

app = typer.Typer()

@app.command()
def summary(
    period: Annotated[str, typer.Argument()],
    channel: Annotated[Optional[str], typer.Option("--channel", "-c")] = None,
    data_dir: Annotated[Optional[Path], typer.Option("--data-dir", "-d")] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.TABLE,
    lang: Annotated[Optional[str], typer.Option("--lang")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
    suppress: Annotated[Optional[int], typer.Option("--suppress")] = None,
) -> None:
    pass

@app.command()
def other() -> None:
    pass

app()
"""
#: The least typer app there is: one command with one text argument.
TYPER_ONE = f"""
import {FIVE}

app = typer.Typer()

@app.command()
def summary(period: str) -> None:
    pass

@app.command()
def other() -> None:
    pass

app()
"""
IMPORT_FLOOR = f"python -c 'import {FIVE}' (the import floor)"
ONE_CASE = "a typer app with one text argument, doing nothing"
TYPER_CASE = "a typer app with summary's parameters, doing nothing (the typer floor)"
SUMMARY = "alarm summary 2024 -f csv"
CASES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    IMPORT_FLOOR: [sys.executable, "-c", f"import {FIVE}"],
    ONE_CASE: [sys.executable, "-c", TYPER_ONE, "summary", "2024"],
    TYPER_CASE: [sys.executable, "-c", TYPER_FLOOR, "summary", "2024", "-f", "csv"],
    "alarm --version": [*ALARM, "--version"],
    "alarm --help": [*ALARM, "--help"],
    "alarm validate": [*ALARM, "validate", "--data-dir", DATA],
    SUMMARY: [*ALARM, "summary", "2024", "--data-dir", DATA, "-f", "csv"],
    "alarm summary 2024 (rich table)": [*ALARM, "summary", "2024", "--data-dir", DATA],
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


def medians(cases: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    """The median wall time of each case over ``runs`` rounds, the cases in turn each round."""
    for command in cases.values():  # write the bytecode; fail loudly if a case is broken
        subprocess.run(command, check=True, capture_output=True, env=env)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, command in cases.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def phases() -> None:
    """Where one uncached ``alarm summary 2024 -f csv`` spends its time, in this process."""
    code = f"""
import sys, time
start = time.perf_counter()
import alarmcli.cli.common as common
from alarmcli import config, dataset, figures, loading, periodic, taxonomy, validation
spent = {{}}
def timed(module, name):
    function = getattr(module, name)
    def run(*args, **kwargs):
        begin = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            key = module.__name__.removeprefix("alarmcli.") + "." + name
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - begin
    setattr(module, name, run)
for module, name in [(taxonomy, "load"), (loading, "discover"), (periodic, "read"),
        (loading, "read_files"), (validation, "validate_read"), (dataset, "_dataset"),
        (figures, "summary"), (config, "load"), (common, "show")]:
    timed(module, name)
entered = []
figure = common.figure
def first(*args, **kwargs):
    entered.append(time.perf_counter())
    return figure(*args, **kwargs)
import alarmcli.cli.figures
alarmcli.cli.figures.figure = first
sys.argv = ["alarm", "summary", "2024", "-d", {DATA!r}, "-f", "csv", "--no-cache"]
from alarmcli.launch import main
try:
    main()
except SystemExit:
    pass
end = time.perf_counter()
print(f"  {{entered[0] - start:6.3f}} s  start-up: typer, the app, the arguments", file=sys.stderr)
for name, seconds in spent.items():
    print(f"  {{seconds:6.3f}} s  {{name}}", file=sys.stderr)
print(f"  {{end - start:6.3f}} s  in all, in process", file=sys.stderr)
"""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    print("phases of one uncached run (read_files includes importing polars):")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    print(done.stderr, end="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--phases", action="store_true", help="add one run's phases")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    found = medians(CASES, args.runs, {**env, "ALARM_CACHE": "off"})
    for name, seconds in found.items():
        print(f"{seconds:6.3f} s  {name}")
    with tempfile.TemporaryDirectory() as cache:
        cached = {**env, "ALARM_CACHE_DIR": cache}
        command = CASES[SUMMARY]
        seconds = medians({CACHED_CASE: command}, args.runs, cached)[CACHED_CASE]
        print(f"{seconds:6.3f} s  {CACHED_CASE}")
    summary = found[SUMMARY]
    print(f"ratio {summary / found[IMPORT_FLOOR]:.2f}  {SUMMARY} / the import floor (goal 1.15)")
    print(f"ratio {summary / found[TYPER_CASE]:.2f}  {SUMMARY} / the typer floor")
    for case in (ONE_CASE, TYPER_CASE):
        print(f"ratio {found[case] / found[IMPORT_FLOOR]:.2f}  {case} / the import floor")
    if args.phases:
        phases()


if __name__ == "__main__":
    main()
