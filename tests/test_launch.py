"""The ``alarm`` process: it ends without the interpreter's teardown, and loses nothing.

:func:`alarmcli.launch.run` ends the process with ``os._exit`` once the command is done;
each test runs ``python -m alarmcli`` in a fresh process, as a user or cron does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import invoke, write_counts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "data"


def alarm(*args: str | Path, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8", "ALARM_CACHE": "off" if cache is None else "on"}
    if cache is not None:
        env["ALARM_CACHE_DIR"] = str(cache)
    env.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-m", "alarmcli", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_all_the_output_and_exit_code_0() -> None:
    """A long output through a pipe arrives whole, as the app itself writes it."""
    args = ("breakdown", "2024", "--by", "day", "-d", EXAMPLES, "-f", "csv")
    done = alarm(*args)
    assert done.returncode == 0, done.stderr
    assert done.stdout == invoke(*args).stdout
    assert len(done.stdout.splitlines()) == 367  # a day a row


def test_the_exit_codes_of_bad_data_and_bad_usage(tmp_path: Path) -> None:
    write_counts(tmp_path, "2024-01.csv", [("2024-01", "phone", "answered", "total", "", "x")])
    done = alarm("validate", "-d", tmp_path)
    assert done.returncode == 1
    assert f"{tmp_path / '2024-01.csv'}:2: the count `x` is not a whole number" in done.stdout
    assert done.stderr == "1 file, 1 row: 1 problem\n"
    assert "Traceback" not in done.stderr
    assert alarm("summary").returncode == 2  # a missing argument
    assert alarm("--version").stdout.startswith("alarm ")


def test_the_cache_is_written_before_the_process_ends(tmp_path: Path) -> None:
    """The output kept by a run is complete: the next run prints the same bytes from it."""
    cache = tmp_path / "cache"
    first = alarm("summary", "2024", "-d", EXAMPLES, "-f", "csv", cache=cache)
    assert first.returncode == 0, first.stderr
    (kept,) = cache.glob("*.json")
    entry = json.loads(kept.read_text("utf-8"))  # whole, not cut off by the early exit
    assert (entry["stdout"], entry["stderr"]) == (first.stdout, first.stderr)
    second = alarm("summary", "2024", "-d", EXAMPLES, "-f", "csv", cache=cache)
    assert (second.stdout, second.stderr) == (first.stdout, first.stderr)
    assert list(cache.glob("*.json")) == [kept]
