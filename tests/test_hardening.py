"""Regressions from issue 11 (a hostile and a careless user), one test or more per item.

Each test names its item and uses the smallest input that showed the defect.
"""

from __future__ import annotations

import csv
import gzip
import os
import stat
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import Result

from conftest import invoke, write_counts

LOG_HEADER = "started_at,channel,status,site"


def log_text(rows: list[str], header: str = LOG_HEADER, newline: str = "\n") -> str:
    return newline.join([header, *rows]) + newline


def chats(n: int, day: str = "2025-01-03", site: str = "oslo") -> list[str]:
    """``n`` answered chats on ``day``, one a minute from 10:00."""
    return [f"{day}T10:{i % 60:02d}:00,chat,answered,{site}" for i in range(n)]


def month_files(data_dir: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(data_dir.glob("*/*.csv"))}


def total(data_dir: Path, month: str) -> int:
    text = (data_dir / month[:4] / f"{month}.csv").read_text("utf-8")
    rows = [line.split(",") for line in text.splitlines()[1:]]
    return sum(int(r[5]) for r in rows if r[3] == "total")


# --- 1-4: wrong counts with exit 0 -------------------------------------------------------


@pytest.mark.parametrize("name", ["log[1].csv", "log*.csv", "log?.csv"])
def test_1_glob_characters_in_a_log_name_are_not_expanded(tmp_path: Path, name: str) -> None:
    """Item 1: `log[1].csv` is read, not `log1.csv`."""
    (tmp_path / "log1.csv").write_text(log_text(chats(3, "2025-01-03")), "utf-8")
    log = tmp_path / name
    log.write_text(log_text(chats(5, "2025-02-03")), "utf-8")
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data")
    assert result.exit_code == 0, result.stderr
    assert list(month_files(tmp_path / "data")) == ["2025-02.csv"]
    assert total(tmp_path / "data", "2025-02") == 5


def test_1_glob_characters_in_a_parquet_log_name(tmp_path: Path) -> None:
    """Item 1, Parquet: `log[1].parquet` is read, not `log1.parquet`."""
    for name, day, n in (("log1.parquet", "2025-01-03", 3), ("log[1].parquet", "2025-02-03", 5)):
        pl.DataFrame(
            {"started_at": [f"{day}T10:00:00"] * n, "channel": "chat", "status": "answered"}
        ).write_parquet(tmp_path / name)
    result = invoke("aggregate", tmp_path / "log[1].parquet", "--data-dir", tmp_path / "data")
    assert result.exit_code == 0, result.stderr
    assert list(month_files(tmp_path / "data")) == ["2025-02.csv"]


def test_2_a_unit_separator_in_a_cell_is_a_bad_value(tmp_path: Path) -> None:
    """Item 2: `oslo\\x1ft:violence` is an unknown site, not a site and a topic."""
    log = tmp_path / "log.csv"
    log.write_text(log_text(["2025-01-03T10:00:00,chat,answered,oslo\x1ft:violence"]), "utf-8")
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data")
    assert result.exit_code == 1
    assert f"{log}:2: unknown site `oslo\\x1ft:violence`" in result.stderr
    assert not (tmp_path / "data").exists()


def test_2_a_unit_separator_in_a_multi_label_cell(tmp_path: Path) -> None:
    """Item 2: a separator in `topics` cannot add an outcome."""
    log = tmp_path / "log.csv"
    log.write_text(
        log_text(
            ["2025-01-03T10:00:00,chat,answered,violence\x1fo:advice"],
            "started_at,channel,status,topics",
        ),
        "utf-8",
    )
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data")
    assert result.exit_code == 1
    assert "unknown topic `violence\\x1fo:advice`" in result.stderr


def test_3_the_same_log_twice_is_refused(tmp_path: Path) -> None:
    """Item 3: a log given twice would count its contacts twice: refused, nothing written."""
    log = tmp_path / "log.csv"
    log.write_text(log_text(chats(2)), "utf-8")
    result = invoke("aggregate", log, log, "--data-dir", tmp_path / "data")
    assert result.exit_code == 2
    assert f"the log {log} is given twice" in result.stderr
    assert not (tmp_path / "data").exists()


def test_3_a_link_to_a_log_already_given_is_refused(tmp_path: Path) -> None:
    """Item 3: a symlink to a log is the same log."""
    log = tmp_path / "log.csv"
    log.write_text(log_text(chats(2)), "utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(log)
    result = invoke("aggregate", log, link, "--data-dir", tmp_path / "data")
    assert result.exit_code == 2
    assert f"the log {link} is the same file as {log}" in result.stderr


@pytest.mark.parametrize("gz", [False, True])
def test_4_old_mac_line_endings(tmp_path: Path, gz: bool) -> None:
    """Item 4: a CR-only log has its 200 contacts, plain or gzip-compressed."""
    data = log_text(chats(200), newline="\r").encode()
    log = tmp_path / ("log.csv.gz" if gz else "log.csv")
    log.write_bytes(gzip.compress(data) if gz else data)
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data")
    assert result.exit_code == 0, result.stderr
    assert total(tmp_path / "data", "2025-01") == 200


def test_4_old_mac_line_endings_name_the_right_line(tmp_path: Path) -> None:
    """Item 4: a bad row of a CR-only log is named at its line."""
    log = tmp_path / "log.csv"
    log.write_text(log_text([*chats(2), "2025-01-03T10:00:00,chat,answered,osloo"], newline="\r"))
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{log}:4: unknown site `osloo`")


# --- 5-6: tracebacks or hangs instead of a message ---------------------------------------


def assert_refused(result: Result, path: Path, message: str) -> None:
    """Exit 1, no traceback, and a line naming ``path`` with ``message``."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.startswith(f"{path}:")]
    assert any(message in line for line in lines), result.output


def test_5_a_huge_cell_beside_a_bad_row(tmp_path: Path) -> None:
    """Item 5: a cell over 131 072 characters, and a bad row after it: both named."""
    log = tmp_path / "log.csv"
    huge = f"2025-01-03T10:00:00,chat,answered,{'x' * 140_000}"
    log.write_text(log_text([huge, "2025-01-03T10:00:00,chat,answered,osloo"]), "utf-8")
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data")
    assert_refused(result, log, "unknown site `osloo`")
    assert f"{log}:2: unknown site `xxx" in result.stderr


@pytest.mark.parametrize("damage", ["flipped", "truncated"])
def test_5_a_damaged_gzip_log(tmp_path: Path, damage: str) -> None:
    """Item 5: a damaged or cut-short gzip log is named, with what is wrong."""
    data = bytearray(gzip.compress(log_text([*chats(300), "2025-01-03T10:00:00,x,y,z"]).encode()))
    if damage == "flipped":
        for i in (30, 31, 40):
            data[i] ^= 0xFF
    else:
        data = data[: len(data) // 2]
    log = tmp_path / "log.csv.gz"
    log.write_bytes(bytes(data))
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data")
    assert_refused(result, log, "cannot be read")


def test_5_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Item 5: a named pipe as a log is refused at once."""
    fifo = tmp_path / "log.csv"
    os.mkfifo(fifo)
    result = invoke("aggregate", fifo, "--data-dir", tmp_path / "data")
    assert_refused(result, fifo, "not a regular file")


def test_6_a_carriage_return_inside_the_header(tmp_path: Path) -> None:
    """Item 6: a bare CR in the header line is a problem at line 1."""
    path = tmp_path / "2024" / "2024-01.csv"
    path.parent.mkdir()
    path.write_bytes(
        b"month,channel\rmetric,dimension,category,count\n2024-01,phone,answered,total,,1\n"
    )
    result = invoke("validate", tmp_path)
    assert_refused(result, path, "carriage return (CR)")
    assert f"{path}:1: the header row holds a carriage return" in result.output


def test_6_a_huge_header_cell(tmp_path: Path) -> None:
    """Item 6: a header cell over 131 072 characters is read, and the file checked."""
    path = tmp_path / "2024" / "2024-01.csv"
    path.parent.mkdir()
    path.write_text(
        f"month,channel,metric,dimension,category,count,{'y' * 140_000}\n"
        "2024-01,phone,answered,total,,1,\n2024-01,phone,answered,site,osloo,1,\n",
        "utf-8",
    )
    result = invoke("validate", tmp_path)
    assert_refused(result, path, "unknown site `osloo`")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [("validate", "--format", "json"), ("summary", "2024", "--format", "csv"), ("summary", "2024")],
)
def test_6_a_full_disk_on_standard_output(args: tuple[str, ...]) -> None:
    """Item 6: `> /dev/full` is an error naming standard output, exit 1, no traceback."""
    examples = Path(__file__).parent.parent / "examples" / "data"
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "alarmcli", *args, "--data-dir", str(examples)],
            stdout=full,
            capture_output=False,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == "error: cannot write or read standard output: No space left on device\n"


def test_6_a_full_disk_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 6: a disk that fills while writing --output names the file."""
    examples = Path(__file__).parent.parent / "examples" / "data"

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "out.csv"
    result = invoke("summary", "2024", "--data-dir", examples, "-o", out, "--format", "csv")
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot write or read {out}: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


# --- 8: what a careful tool does not do ---------------------------------------------------


def test_8_rejects_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    """Item 8: --rejects onto a symlink writes its target and keeps the link."""
    log = tmp_path / "log.csv"
    log.write_text(log_text([*chats(1), "2025-01-03T10:00:00,chat,answered,osloo"]), "utf-8")
    real = tmp_path / "real-rejects.csv"
    link = tmp_path / "rejects.csv"
    link.symlink_to(real)
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data", "--rejects", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert "osloo" in real.read_text("utf-8")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_8_rejects_onto_a_device_stays_a_device(tmp_path: Path) -> None:
    """Item 8: --rejects onto a device node writes to the device, never replaces it."""
    log = tmp_path / "log.csv"
    log.write_text(log_text([*chats(1), "2025-01-03T10:00:00,chat,answered,osloo"]), "utf-8")
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data", "--rejects", null)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(null.stat().st_mode)


# --- 7: fuzzing (the property tests are in test_fuzz.py) ----------------------------------


def test_7_a_damaged_parquet_log_that_makes_polars_panic(tmp_path: Path) -> None:
    """Item 7: a Parquet log whose damage makes polars' reader panic is named, exit 1."""
    from test_fuzz import parquet_seed

    data = bytearray(parquet_seed())
    data[121] = 0  # found by test_fuzz: polars 2.1 panics on this file
    log = tmp_path / "log.parquet"
    log.write_bytes(bytes(data))
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data")
    assert_refused(result, log, "cannot be read")


def test_7_a_log_without_contacts_is_named(tmp_path: Path) -> None:
    """Item 7: a refusal names the file: a log with a header only."""
    log = tmp_path / "log.csv"
    log.write_text(log_text([]), "utf-8")
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data")
    assert result.exit_code == 1
    assert result.stderr == f"error: no contacts in {log}; nothing written\n"


# --- 10, 12 --------------------------------------------------------------------------------

COUNT_HEADER = "month,channel,metric,dimension,category,count\n"


def test_10_upper_case_csv_files_are_read(tmp_path: Path) -> None:
    """Item 10: `2024-01.CSV` is a count file: validated and counted, not skipped."""
    path = tmp_path / "2024" / "2024-01.CSV"
    path.parent.mkdir()
    path.write_text(COUNT_HEADER + "2024-01,phone,answered,total,,x\n", "utf-8")
    result = invoke("validate", tmp_path)
    assert result.exit_code == 1
    assert f"{path}:2: the count `x` is not a whole number ≥ 0" in result.output
    path.write_text(COUNT_HEADER + "2024-02,phone,answered,total,,7\n", "utf-8")
    result = invoke("validate", tmp_path)
    assert "in a file named 2024-01" in result.output


def test_10_upper_case_csv_files_count(tmp_path: Path) -> None:
    """Item 10: `summary` counts the month of a `.CSV` file."""
    for month, suffix in (("01", "csv"), ("02", "CSV")):
        path = tmp_path / "2024" / f"2024-{month}.{suffix}"
        path.parent.mkdir(exist_ok=True)
        path.write_text(COUNT_HEADER + f"2024-{month},phone,answered,total,,5\n", "utf-8")
    result = invoke("summary", "2024", "--data-dir", tmp_path, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("phone,answered,2024,10,")


@pytest.mark.parametrize(
    ("started_at", "hour", "day"),
    [
        ("2025-01-03T10:05", "10", "3"),
        ("2025-01-03 10:00", "10", "3"),
        ("2025-01-03T23:30+01:00", "23", "3"),
        ("2025-01-03T23:30Z", "0", "4"),
    ],
)
def test_12_times_without_seconds(tmp_path: Path, started_at: str, hour: str, day: str) -> None:
    """Item 12: ISO 8601 times without seconds, and Excel's `2025-01-03 10:00`, are read."""
    log = tmp_path / "log.csv"
    log.write_text(f"started_at,channel,status\n{started_at},chat,answered\n", "utf-8")
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "data" / "2025" / "2025-01.csv").read_text("utf-8")
    assert f"2025-01,chat,answered,hour,{hour},1\n" in text
    assert f"2025-01,chat,answered,day,{day},1\n" in text


def test_12_seconds_out_of_range_are_still_refused(tmp_path: Path) -> None:
    """Item 12: reading times without seconds does not let `10:05:99` through as 10:05."""
    log = tmp_path / "log.csv"
    log.write_text("started_at,channel,status\n2025-01-03T10:05:99,chat,answered\n", "utf-8")
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data")
    assert result.exit_code == 1
    assert "started_at `2025-01-03T10:05:99` is not an ISO 8601 date and time" in result.stderr


# --- 9, 11: bounded work, safe output -------------------------------------------------------


def test_9_a_huge_cell_is_quoted_as_a_short_excerpt(tmp_path: Path) -> None:
    """Item 9: a 1 MB cell makes a short message that names its length."""
    path = tmp_path / "2024" / "2024-01.csv"
    path.parent.mkdir()
    huge = "x" * 1_000_000
    path.write_text(COUNT_HEADER + f"2024-01,phone,answered,site,{huge},1\n", "utf-8")
    result = invoke("validate", tmp_path)
    assert result.exit_code == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith(f"{path}:2: unknown site `{'x' * 80}… (1,000,000 characters)`")
    assert len(line) < 300


def test_9_did_you_mean_among_ten_thousand_ids_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 9: the one did-you-mean finds a close id among 10 000 and caches each search."""
    import difflib

    from alarmcli import problems
    from alarmcli.problems import closest

    problems.new_run()

    ids = [f"site_{i:05d}_{chr(97 + i % 26)}" for i in range(10_000)]
    for value in ("site_01234_x", "site_1234_m", "ste_04444_a", "xyz_01234_m"):
        # the bounded search finds what comparing with every id finds
        assert closest(value, ids) == difflib.get_close_matches(value, ids, n=3, cutoff=0.6)
    assert closest("site_1234_m", ids)[0] == "site_01234_m"
    assert closest("x" * 65, ids) == []  # no id is 65 characters of a misspelling
    searched = dict(problems._searched)
    made: list[str] = []
    search = problems._closest
    monkeypatch.setattr(problems, "_closest", lambda *a: made.append(a[0]) or search(*a))
    assert closest("site_01234_x", ids) == list(searched[("site_01234_x", tuple(ids), 3)])
    assert made == []  # the same search, not made again
    closest("site_01234_y", ids)
    assert made == ["site_01234_y"]


def test_9_a_column_of_free_text_gets_hints_for_its_first_values_only(tmp_path: Path) -> None:
    """Item 9: 2 000 distinct unknown sites are each named at their line, the first 1 000 with
    a did-you-mean, the same every run, so that the searches cannot take seconds."""
    rows = [f"2025-01-03T10:{i % 60:02d}:00,chat,answered,oslo{i}" for i in range(2000)]
    log = tmp_path / "log.csv"
    log.write_text(log_text(rows), "utf-8")
    result = invoke("aggregate", log, "-d", tmp_path / "data")
    assert result.exit_code == 1
    named = [line for line in result.stderr.splitlines() if "unknown site" in line]
    assert len(named) == 2000
    hinted = [i for i, line in enumerate(named) if "(did you mean `oslo`?)" in line]
    assert hinted == list(range(1000))  # the first thousand lines
    assert invoke("aggregate", log, "-d", tmp_path / "data").stderr == result.stderr


def test_11_a_line_break_in_a_file_name_cannot_forge_a_line(tmp_path: Path) -> None:
    """Item 11: a file name with a line break is printed with `\\n`, on one line."""
    path = tmp_path / "fake.csv:1: all good\nx.csv"
    path.write_text(COUNT_HEADER + "2024-01,phone,answered,total,,x\n", "utf-8")
    result = invoke("validate", "--all", tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path}/fake.csv:1: all good\\nx.csv:2: the count `x` is not a whole number ≥ 0"
    ]


def test_11_terminal_escapes_in_values_are_written_out(tmp_path: Path) -> None:
    """Item 11: an ANSI escape in a cell never reaches the terminal."""
    path = tmp_path / "2024" / "2024-01.csv"
    path.parent.mkdir()
    path.write_text(COUNT_HEADER + "2024-01,phone,answered,site,\x1b[31mred,1\n", "utf-8")
    result = invoke("validate", tmp_path)
    assert "\x1b" not in result.output
    assert "unknown site `\\x1b[31mred`" in result.stdout


# --- 13: what a killed run leaves ------------------------------------------------------------


def test_13_validate_names_leftovers_of_a_killed_run(tmp_path: Path) -> None:
    """Item 13: `validate` warns of a killed run's temporary file and still exits 0."""
    path = tmp_path / "2024" / "2024-01.csv"
    path.parent.mkdir()
    path.write_text(COUNT_HEADER + "2024-01,phone,answered,total,,1\n", "utf-8")
    leftover = tmp_path / "2024" / ".2024-02.csv.ab12cd34.tmp"
    leftover.write_text(COUNT_HEADER, "utf-8")
    result = invoke("validate", tmp_path)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"warning: {leftover}: a temporary file left by an")
    assert leftover.exists()  # validate changes nothing


def test_13_the_next_aggregate_removes_leftovers(tmp_path: Path) -> None:
    """Item 13: the next `aggregate` into the data directory removes them and says so."""
    data = tmp_path / "data"
    (data / "2025").mkdir(parents=True)
    leftover = data / "2025" / ".2025-01.csv.ab12cd34.tmp"
    leftover.write_text(COUNT_HEADER, "utf-8")
    log = tmp_path / "log.csv"
    log.write_text(log_text(chats(2)), "utf-8")
    result = invoke("aggregate", log, "--data-dir", data)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"warning: removed {leftover}, a temporary file left by an interrupted run"
    )
    assert not leftover.exists()


def test_13_a_second_writer_is_refused(tmp_path: Path) -> None:
    """Item 13: while one run holds the data directory, another is refused, not mixed in."""
    from alarmcli.atomic import exclusive

    data = tmp_path / "data"
    data.mkdir()
    log = tmp_path / "log.csv"
    log.write_text(log_text(chats(2)), "utf-8")
    with exclusive(data):
        result = invoke("aggregate", log, "--data-dir", data)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: another `alarm aggregate` is writing to {data}; wait for it to finish\n"
    )
    assert invoke("aggregate", log, "--data-dir", data).exit_code == 0


# --- 15: validate's report -------------------------------------------------------------------


def test_15_the_report_goes_to_standard_output_grouped(tmp_path: Path) -> None:
    """Item 15: one misspelt site on many rows is one line on stdout; --all gives each."""
    path = tmp_path / "counts.csv"
    rows = "".join(f"2024-0{m},phone,answered,site,osloo,1\n" for m in range(1, 6))
    path.write_text(COUNT_HEADER + rows + "2024-06,phone,answered,site,osloo,1\n", "utf-8")
    result = invoke("validate", tmp_path)
    assert result.exit_code == 1
    unknown = "unknown site `osloo` (did you mean `oslo`?); add it to taxonomy.toml if it is new"
    assert result.stdout.splitlines() == [f"{path}:2: {unknown} (6 times: lines 2, 3, 4, …)"]
    assert result.stderr == "1 file, 6 rows: 6 problems\n"
    every = invoke("validate", "--all", tmp_path)
    assert every.stdout.splitlines() == [f"{path}:{n}: {unknown}" for n in range(2, 8)]
    assert invoke("validate", tmp_path, "--format", "json").stdout.count('"line"') == 6


def test_15_json_is_unchanged_in_shape(tmp_path: Path) -> None:
    """Item 15: json lists every problem with file, line, column, code, message."""
    import json

    path = tmp_path / "2024" / "2024-01.csv"
    path.parent.mkdir()
    path.write_text(COUNT_HEADER + "2024-01,phone,answered,total,,x\n" * 2, "utf-8")
    result = invoke("validate", "--format", "json", "--lang", "nb", tmp_path)
    problems = json.loads(result.stdout)
    assert [sorted(p) for p in problems] == [["code", "column", "file", "line", "message"]] * 2


# --- 18: one language at a time --------------------------------------------------------------


def test_18_validate_in_norwegian_with_proper_plurals(tmp_path: Path) -> None:
    """Item 18: `validate --lang nb` words problems and counts in Norwegian: 1 problem."""
    path = tmp_path / "2024" / "2024-01.csv"
    path.parent.mkdir()
    path.write_text(COUNT_HEADER + "2024-01,phone,answered,site,osloo,1\n", "utf-8")
    result = invoke("validate", "--lang", "nb", tmp_path)
    assert result.stdout == (
        f"{path}:2: ukjent site `osloo` (mente du `oslo`?); legg den til i taxonomy.toml "
        "hvis den er ny\n"
    )
    assert result.stderr == "1 fil, 1 rad: 1 problem\n"
    english = invoke("validate", "--lang", "en", tmp_path)
    assert english.stderr == "1 file, 1 row: 1 problem\n"


def test_18_a_broken_taxonomy_in_our_words(tmp_path: Path) -> None:
    """Item 18: a broken taxonomy.toml is described without pydantic's wording."""
    toml = tmp_path / "taxonomy.toml"
    toml.write_text(
        '[site]\ndrammen = { nb = "Drammen", en = 3 }\n'
        'bergen2 = { nb = "B", en = "B", colour = "red" }\n',
        "utf-8",
    )
    result = invoke("validate", "--all", "--data-dir", tmp_path)
    assert result.stdout.splitlines() == [
        f"{toml}:2: `site.drammen.en` must be text in quotes",
        f"{toml}:3: `site.bergen2.colour` is not a key a taxonomy has; check its spelling",
    ]
    assert result.stderr == "0 files, 0 rows: 2 problems\n"
    toml.write_text('age_bands = ["13-5"]\n', "utf-8")
    result = invoke("validate", "--lang", "nb", "--data-dir", tmp_path)
    assert result.stdout == (
        f"{toml}: `age_bands`: `13-5` er ikke en aldersgruppe fra 0 til 25 som 5-13\n"
    )
    assert result.stderr == "0 filer, 0 rader: 1 problem\n"


def test_11_a_pipe_in_a_label_keeps_markdown_columns(tmp_path: Path) -> None:
    """Item 11: a `|` in a site's label is escaped in markdown; `[x]` stays text in a table."""
    (tmp_path / "taxonomy.toml").write_text(
        '[site]\ndrammen = { nb = "Drammen | Buskerud", en = "Drammen [red]x" }\n', "utf-8"
    )
    path = tmp_path / "2024" / "2024-01.csv"
    path.parent.mkdir()
    path.write_text(COUNT_HEADER + "2024-01,phone,answered,site,drammen,3\n", "utf-8")
    result = invoke("sites", "2024", "--data-dir", tmp_path, "--format", "markdown", "--lang", "nb")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "Drammen" in line)
    assert "Drammen \\| Buskerud" in row
    assert row.count(" | ") == row.count("|") - row.count("\\|") - 2
    table = invoke("sites", "2024", "--data-dir", tmp_path, "--lang", "en")
    assert "Drammen [red]x" in table.stdout


def test_11_formula_cells_are_inert_in_rejects(tmp_path: Path) -> None:
    """Item 11: `=HYPERLINK(…)` goes to the rejects file as `'=HYPERLINK(…)`; `-1` stays."""
    log = tmp_path / "log.csv"
    log.write_text(
        "started_at,channel,status,site,age\n"
        '2025-01-03T10:00:00,chat,answered,"=HYPERLINK(""http://x"",""y"")",-1\n',
        "utf-8",
    )
    rejects = tmp_path / "rejects.csv"
    result = invoke("aggregate", log, "--data-dir", tmp_path / "data", "--rejects", rejects)
    assert result.exit_code == 0, result.stderr
    with rejects.open(encoding="utf-8", newline="") as handle:
        row = next(iter(csv.DictReader(handle)))
    assert row["site"] == '\'=HYPERLINK("http://x","y")'
    assert row["age"] == "-1"


# --- 16: choices checked before any data is read ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (("summary", "2024", "--channel", "fone"), "(did you mean `phone`?)"),
        (("sites", "2024", "-c", "chats"), "(did you mean `chat`?)"),
        (("breakdown", "2024", "--by", "sites"), "(did you mean `site`?)"),
        (("compare", "2023", "2024", "--by", "mont"), "(did you mean `month`?)"),
    ],
)
def test_16_choices_are_checked_before_loading(
    tmp_path: Path, args: tuple[str, ...], suggestion: str
) -> None:
    """Item 16: a wrong choice is exit 2 with a suggestion, though the data dir is missing."""
    result = invoke(*args, "--data-dir", tmp_path / "missing")
    assert result.exit_code == 2
    assert suggestion in " ".join(result.stderr.split())


def test_16_choices_complete_in_the_shell() -> None:
    """Item 16: shell completion offers the choices that match what is typed."""
    env = {
        **os.environ,
        "_ALARM_COMPLETE": "complete_bash",
        "COMP_WORDS": "alarm breakdown 2024 --by o",
        "COMP_CWORD": "4",
    }
    alarm = Path(sys.executable).parent / "alarm"
    done = subprocess.run([alarm], env=env, capture_output=True, text=True, check=False)
    assert done.stdout.split() == ["outcome", "on_behalf"]


def test_16_choices_are_defined_once_in_the_contract() -> None:
    """Item 16: the choices come from contract.py, where others extend them."""
    from alarmcli.contract import BREAKDOWN_BY_CHOICES, CHANNEL_CHOICES, COMPARE_BY_CHOICES

    assert "phone" in CHANNEL_CHOICES
    assert "day" in BREAKDOWN_BY_CHOICES
    assert "day" not in COMPARE_BY_CHOICES
    assert COMPARE_BY_CHOICES[:2] == ("total", "month")


# --- 17: compare's order of years ------------------------------------------------------------

EXAMPLES = Path(__file__).parent.parent / "examples" / "data"


def test_17_the_later_year_first_is_said(tmp_path: Path) -> None:
    """Item 17: `compare 2024 2023` computes what was asked and says which way it goes."""
    result = invoke("compare", "2024", "2023", "-c", "phone", "-d", EXAMPLES, "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        "phone,answered,total,,2024,14242,2023,12983,-1259,-8.8,2024,2023,366,365,38.9,35.6,-8.6"
    )
    assert result.stderr.splitlines()[0] == (
        "warning: 2024 is later than 2023: every change is from 2024 to 2023; "
        "`alarm compare 2023 2024` gives the change since 2023"
    )
    forward = invoke("compare", "2023", "2024", "-c", "phone", "-d", EXAMPLES, "-f", "csv")
    assert forward.stderr == ""


def test_17_the_same_year_twice_is_a_usage_error() -> None:
    """Item 17: `compare 2024 2024` is exit 2 with a message, not a table of zeros."""
    result = invoke("compare", "2024", "2024", "-d", EXAMPLES)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "error: compare needs two different periods, not 2024 twice\n"


# --- 18: notes and warnings in the chosen language ---------------------------------------------


def test_18_csv_warnings_in_norwegian_with_labels(tmp_path: Path) -> None:
    """Item 18: with --lang nb, a csv's warnings are Norwegian and name channels by label."""
    for month in ("2023-01", "2024-01"):
        path = tmp_path / month[:4] / f"{month}.csv"
        path.parent.mkdir()
        path.write_text(COUNT_HEADER + f"{month},phone,answered,total,,5\n", "utf-8")
    result = invoke("summary", "2024", "-d", tmp_path, "-f", "csv", "--lang", "nb")
    assert result.stderr.splitlines()[0].startswith(
        "advarsel: Telefon besvart: 1 av 12 måneder i 2024 (mangler 2024-02..2024-12)"
    )
    english = invoke("summary", "2024", "-d", tmp_path, "-f", "csv", "--lang", "en")
    assert english.stdout == result.stdout
    assert english.stderr.startswith("warning: Phone answered: 1 of 12 months in 2024")


def test_18_errors_in_norwegian(tmp_path: Path) -> None:
    """Item 18: an error is worded in the chosen language."""
    result = invoke("summary", "2031", "-d", EXAMPLES, "--lang", "nb")
    assert result.exit_code == 1
    years = "2019, 2020, 2021, 2022, 2023, 2024"
    assert result.stderr == f"feil: ingen tall for 2031; dataene har årene {years}\n"


def test_18_the_note_constructor_still_takes_two_sentences() -> None:
    """Item 18: `Note(en, nb)` keeps working beside the catalogue's `Note.of`."""
    from alarmcli.figures import Note

    assert Note("in English", "på norsk").text("nb") == "på norsk"
    note = Note.of("note.busiest-day", subject="chat", day="2024-01-11", count=49)
    assert note.text("en") == "chat: the busiest day was 2024-01-11 with 49"
    assert note.nb == "chat: travleste døgn var 2024-01-11 med 49"


def test_18_every_template_has_both_languages_and_the_same_fields() -> None:
    """Item 18: the catalogue is complete: nb and en, with the same placeholders."""
    import string

    from alarmcli.messages import CATALOGUE

    def fields(template: str | tuple[str, str]) -> set[str]:
        texts = template if isinstance(template, tuple) else (template,)
        return {f for t in texts for _, f, _, _ in string.Formatter().parse(t) if f}

    for key, templates in CATALOGUE.items():
        assert set(templates) == {"en", "nb"}, key
        assert fields(templates["en"]) == fields(templates["nb"]), key


def test_18_output_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 18: `-o -` writes to standard output, never a file named `-`."""
    monkeypatch.chdir(tmp_path)
    result = invoke("summary", "2024", "-c", "phone", "-d", EXAMPLES, "-f", "csv", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("channel,metric,year,total")
    assert not (tmp_path / "-").exists()


# --- 14: tables that do not fit stay readable ---------------------------------------------------


def _tables() -> list[tuple[str, object]]:
    from alarmcli import dataset, figures

    data = dataset.load(EXAMPLES)
    return [
        ("summary", figures.summary(data, 2024)),
        ("sites", figures.sites(data, 2024)),
        ("topics", figures.breakdown(data, 2024, "topic", "chat")),
        ("compare", figures.compare(data, 2023, 2024, "phone", "site")),
    ]


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_14_tables_are_never_cropped(width: int, lang: str) -> None:
    """Item 14: at 60, 80 and 100 columns every heading, word and number is shown whole."""
    import io

    from rich.console import Console

    from alarmcli import render
    from alarmcli.taxonomy import load

    taxonomy = load(EXAMPLES)
    for name, table in _tables():
        out = io.StringIO()
        console = Console(file=out, width=width, color_system=None)
        console.print(render.to_rich(table, taxonomy, lang, width=width))  # type: ignore[arg-type]
        text = out.getvalue()
        assert max(len(line) for line in text.splitlines()) <= width, name
        # every word of every heading and cell is shown whole: wrapped between words,
        # never cut or split (a number such as `9,7 %` is one line)
        words = set(text.split())
        for heading in render.headings(table, lang):  # type: ignore[arg-type]
            assert set(heading.split()) <= words, (name, heading)
        for row in render.localized_rows(table, taxonomy, lang):  # type: ignore[arg-type]
            for cell in row:
                assert set(cell.split()) <= words, (name, cell)
                if cell[:1].isdigit() or cell[:1] == "−":
                    assert any(cell in line for line in text.splitlines()), (name, cell)


def test_14_a_table_that_fits_stays_a_table() -> None:
    """Item 14: a table that fits (wrapping text between words) stays a table; else stacked."""
    import io

    from rich.console import Console

    from alarmcli import render
    from alarmcli.taxonomy import load

    taxonomy = load(EXAMPLES)
    summary = _tables()[0][1]

    def shown(width: int) -> str:
        out = io.StringIO()
        Console(file=out, width=width, color_system=None).print(
            render.to_rich(summary, taxonomy, "en", width=width)  # type: ignore[arg-type]
        )
        return out.getvalue()

    assert shown(200).splitlines()[2].split()[:3] == ["Channel", "Metric", "Total"]
    narrow = shown(60).splitlines()
    assert narrow[0] == "Key figures 2024"
    assert narrow[2].split() == ["Channel", "Phone"]


def test_9_small_files_read_alike_by_either_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 9: many small files are read into one frame, the same as polars reads them."""
    from alarmcli import loading

    rows = [
        COUNT_HEADER + "2024-01,phone,answered,total,,3\n2024-01,phone,answered,site,oslo,3\n",
        "count;category;dimension;metric;channel;month\r\n5;;total;answered;chat;2024-02\r\n",
        COUNT_HEADER + '2024-03,sms,missed,total,"",\n\n2024-03,sms,missed,site, oslo,2\n',
    ]
    paths = []
    for i, text in enumerate(rows):
        path = tmp_path / "2024" / f"2024-0{i + 1}.csv"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
        paths.append(path)
    small = loading.read_files(paths)
    monkeypatch.setattr(loading, "SMALL_FILE", 0)
    large = loading.read_files(paths)
    key = [loading.FILE, loading.LINE]
    assert small.frame.sort(key).to_dicts() == large.frame.sort(key).to_dicts()
    assert small.problems == large.problems
    assert small.frame.height == 5


@pytest.mark.parametrize(
    ("header", "separator"),
    [
        ("month,channel,metric,dimension,category,count", ","),
        ("month;channel;metric;dimension;category;count", ";"),
        ('"month;x",channel,metric,dimension,category,count', ","),
        ('month;"a,b,c";metric', ";"),
    ],
)
def test_9_the_one_separator_sniffer(header: str, separator: str) -> None:
    """Item 9: one sniffer for count files and logs, counting separators outside quotes."""
    from alarmcli.loading import sniff_separator

    assert sniff_separator(header) == separator


@pytest.mark.parametrize("direct", [False, True])
def test_5_validate_refuses_a_fifo_without_waiting(tmp_path: Path, direct: bool) -> None:
    """Item 5: a named pipe among the count files is named, never read (it would hang)."""
    fifo = tmp_path / "2024-01.csv"
    os.mkfifo(fifo)
    result = invoke("validate", fifo if direct else tmp_path)
    assert result.exit_code == 1
    assert result.stdout == f"{fifo}: cannot be read: not a regular file (a pipe or a device?)\n"


def test_18_one_problem_is_singular_in_both_languages(tmp_path: Path) -> None:
    """Item 18: a figure command on invalid data says "1 problem", "1 problem" in nb too."""
    path = tmp_path / "2024" / "2024-01.csv"
    path.parent.mkdir()
    path.write_text(COUNT_HEADER + "2024-01,phone,answered,total,,x\n", "utf-8")
    english = invoke("summary", "2024", "-d", tmp_path, "--lang", "en")
    assert english.stderr.splitlines()[-1] == (
        f"error: 1 problem in {tmp_path}; run `alarm validate` for the details"
    )
    norwegian = invoke("summary", "2024", "-d", tmp_path, "--lang", "nb")
    assert norwegian.stderr.splitlines() == [
        f"{path}:2: antallet `x` er ikke et helt tall ≥ 0",
        f"feil: 1 problem i {tmp_path}; kjør `alarm validate` for detaljene",
    ]


def test_9_a_line_of_megabytes_is_refused_without_reading_it_as_cells(tmp_path: Path) -> None:
    """Item 9: a 3 MiB cell is reported at its line, bounded in time and memory (the file
    is not handed to the csv readers, which take many times a cell's size)."""
    data = tmp_path / "data"
    path = write_counts(
        data,
        "2024/2024-01.csv",
        [
            ("2024-01", "phone", "answered", "total", "", 1),
            ("2024-01", "phone", "answered", "site", "x" * 3 * 2**20, 1),
        ],
    )
    result = invoke("validate", data)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:3: this line runs on for more than 1 MiB")
    assert len(result.stdout) < 400


# --- settings nested beyond the TOML parser -------------------------------------------------


@pytest.mark.parametrize("name", ["taxonomy.toml", "alarm.toml"])
def test_toml_nested_too_deeply_is_named_not_a_traceback(tmp_path: Path, name: str) -> None:
    """An array nested 100 000 deep exhausts tomllib's recursion: a problem at the file."""
    path = tmp_path / "2024" / "2024-01.csv"
    path.parent.mkdir()
    path.write_text(COUNT_HEADER + "2024-01,phone,answered,total,,1\n", "utf-8")
    settings = tmp_path / name
    settings.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    result = invoke("summary", "2024", "-d", tmp_path)
    assert_refused(result, settings, "nested too deeply")


def test_a_huge_taxonomy_key_is_quoted_as_a_short_excerpt(tmp_path: Path) -> None:
    """A 200 000-character id in taxonomy.toml makes a short message naming its length."""
    path = tmp_path / "2024" / "2024-01.csv"
    path.parent.mkdir()
    path.write_text(COUNT_HEADER + "2024-01,phone,answered,total,,1\n", "utf-8")
    taxonomy = tmp_path / "taxonomy.toml"
    taxonomy.write_text("[site]\n" + "A" * 200_000 + ' = { nb = "x", en = "y" }\n', "utf-8")
    result = invoke("validate", tmp_path)
    assert_refused(result, taxonomy, "… (200,000 characters)` is not a valid id")
    assert max(len(line) for line in result.output.splitlines()) < 300


@pytest.mark.parametrize("name", ["*", "^s.*$"])
def test_a_log_column_named_like_a_pattern_goes_to_the_rejects(tmp_path: Path, name: str) -> None:
    """A column called `*` (found by the fuzz test) was expanded to every column: a crash."""
    log = tmp_path / "log.csv"
    log.write_text(f"started_at,channel,status,{name}\n2025-01-03T10:00:00,chat,nope,x\n", "utf-8")
    rejects = tmp_path / "rejects.csv"
    result = invoke("aggregate", log, "-d", tmp_path / "data", "--rejects", rejects)
    assert result.exit_code == 0, result.output
    header, row = rejects.read_text("utf-8").splitlines()
    assert header == f"started_at,channel,status,{name},file,line,reason"
    assert row.startswith("2025-01-03T10:00:00,chat,nope,x,")
