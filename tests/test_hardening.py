"""Regressions from issue 11 (a hostile and a careless user), one test or more per item.

Each test names its item and uses the smallest input that showed the defect.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import polars as pl
import pytest

from conftest import invoke

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
