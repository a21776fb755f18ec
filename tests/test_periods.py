"""Periods: a month, a range of months or a year, in every figure command; hand-worked."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alarmcli import arithmetic as ar
from alarmcli.periods import Period, runs
from conftest import invoke
from test_figures import month_rows, run_csv, write_year


def test_a_period_is_a_year_a_month_or_a_range() -> None:
    """Years and months parse to their months; a range includes both ends."""
    assert Period.parse("2024").months()[::11] == ["2024-01", "2024-12"]
    assert Period.parse("2024-06").months() == ["2024-06"]
    assert Period.parse("2023-11..2024-02").months() == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert str(Period.parse("2020-04..2020-09").shift(-1)) == "2019-04..2019-09"
    assert str(Period.parse("2024-01..2024-12")) == "2024"


def test_a_range_to_the_last_year_has_every_month_once() -> None:
    """Months are counted, not compared as text: ``10000-01`` never follows ``9999-12``."""
    months = Period.parse("2024-01..9999-12").months()
    assert (len(months), months[-1]) == ((9999 - 2024 + 1) * 12, "9999-12")
    every = Period.parse("0001-01..9999-12").months()
    assert len(set(months)) == len(months) == len(every) - 2023 * 12


@given(st.sets(st.integers(0, 400)))
def test_runs_name_each_month_once_in_runs_of_consecutive_months(ordinals: set[int]) -> None:
    """Months as runs: the same months, in order, each run consecutive, none adjacent."""
    months = [f"{2000 + i // 12:04d}-{i % 12 + 1:02d}" for i in ordinals]
    found = runs(months)
    assert [m for run in found for m in run.months()] == sorted(months)
    for before, after in pairwise(found):
        gap = Period(before.last, after.first).months()
        assert len(gap) > 2  # a month between them that is not listed


def test_missing_months_are_named_as_runs(tmp_path: Path) -> None:
    """A warning names the months without data as runs, not one by one."""
    write_year(tmp_path, 2024, month_rows(2024, "phone", {1: 5, 2: 6, 6: 7}))
    result = invoke("summary", "2024-01..2024-12", "-d", tmp_path, "-f", "csv")
    assert "(no data for 2024-03..2024-05, 2024-07..2024-12)" in result.stderr


@pytest.mark.parametrize(
    "text", ["24", "2024-13", "2024-09..2024-04", "2024-1", "2024..2025", "0000", "0000-12"]
)
def test_a_wrong_period_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"period|backwards"):
        Period.parse(text)


@given(st.integers(1990, 2100), st.integers(1, 12), st.integers(0, 40))
def test_a_period_reads_back_as_written(year: int, month: int, length: int) -> None:
    """Property: any range prints as text that parses to the same period and months."""
    months = []
    y, m = year, month
    for _ in range(length + 1):
        months.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    period = Period(months[0], months[-1])
    assert Period.parse(str(period)) == period
    assert period.months() == months


def test_a_range_crossing_a_leap_day(tmp_path: Path) -> None:
    """February and March 2020: 29 + 31 = 60 days; 1 200 contacts are 20.0 a day; the
    previous figure is February and March 2019 (1 000: +20.0 %)."""
    write_year(tmp_path, 2019, month_rows(2019, "phone", {2: 400, 3: 600}))
    write_year(tmp_path, 2020, month_rows(2020, "phone", {1: 999, 2: 580, 3: 620, 4: 999}))
    (row, _) = run_csv("summary", "2020-02..2020-03", "-d", tmp_path)
    assert (row["total"], row["per_day"], row["months"]) == ("1200", "20.0", "2")
    assert (row["previous_total"], row["change_pct"], row["period"]) == (
        "1000",
        "20.0",
        "2020-02..2020-03",
    )
    assert (row["peak_month"], row["low_month"]) == ("2020-03", "2020-02")


def test_two_periods_of_different_lengths(tmp_path: Path) -> None:
    """The 2020 report: about 40 chats a day April–September, 80 in the last three months.
    7 320 chats in 183 days are 40.0 a day; 7 360 in 92 days are 80.0 a day: +100.0 %,
    while the totals alone changed by only +0.5 %."""
    spring = {4: 1200, 5: 1240, 6: 1200, 7: 1240, 8: 1240, 9: 1200}  # 7 320
    autumn = {10: 2480, 11: 2400, 12: 2480}  # 7 360
    write_year(tmp_path, 2020, month_rows(2020, "chat", {**spring, **autumn}))
    (row,) = run_csv("compare", "2020-04..2020-09", "2020-10..2020-12", "-d", tmp_path)
    assert (row["count_a"], row["count_b"], row["change_pct"]) == ("7320", "7360", "0.5")
    assert (row["days_a"], row["days_b"]) == ("183", "92")
    assert (row["per_day_a"], row["per_day_b"], row["per_day_change_pct"]) == (
        "40.0",
        "80.0",
        "100.0",
    )
    assert ar.rate_change_percent(7360, 92, 7320, 183) == 100.0


def test_month_by_month_needs_the_same_months(tmp_path: Path) -> None:
    write_year(tmp_path, 2020, month_rows(2020, "chat", {4: 1, 10: 2}))
    result = invoke(
        "compare", "2020-04..2020-09", "2020-10..2020-12", "--by", "month", "-d", tmp_path
    )
    assert result.exit_code == 2
    assert "are not the same months" in result.stderr


def test_compare_like_for_like_months_of_two_years(tmp_path: Path) -> None:
    """June 2023 against June 2024: the same month, so like for like (30 days each)."""
    write_year(tmp_path, 2023, month_rows(2023, "sms", {6: 50, 7: 9}))
    write_year(tmp_path, 2024, month_rows(2024, "sms", {6: 60}))
    (row,) = run_csv("compare", "2023-06", "2024-06", "-d", tmp_path)
    assert (row["count_a"], row["count_b"], row["change_pct"], row["days_a"]) == (
        "50",
        "60",
        "20.0",
        "30",
    )


def test_series_marks_the_peak_and_the_lowest_month(tmp_path: Path) -> None:
    """A tie goes to the earliest month; per day divides by the month's own days."""
    write_year(tmp_path, 2023, month_rows(2023, "chat", {2: 10}))
    write_year(tmp_path, 2024, month_rows(2024, "chat", {1: 31, 2: 58, 3: 58, 4: 30}))
    rows = run_csv("series", "2024", "-c", "chat", "-d", tmp_path)
    assert [(r["month"], r["count"], r["days"], r["per_day"], r["mark"]) for r in rows] == [
        ("2024-01", "31", "31", "1.0", ""),
        ("2024-02", "58", "29", "2.0", "peak"),
        ("2024-03", "58", "31", "1.9", ""),
        ("2024-04", "30", "30", "1.0", "lowest"),
    ]
    assert (rows[1]["previous_count"], rows[1]["change_pct"]) == ("10", "480.0")
    assert rows[0]["previous_count"] == ""


def test_sites_and_breakdown_of_one_month(tmp_path: Path) -> None:
    """The 2020 report's December: 711 of 1 243 calls in Kristiansand is 57.2 %."""
    rows = [
        *month_rows(2020, "phone", {11: 1000, 12: 1243}),
        ["2020-12", "phone", "answered", "site", "kristiansand", 711],
        ["2020-12", "phone", "answered", "site", "oslo", 532],
    ]
    write_year(tmp_path, 2020, rows)
    kristiansand = run_csv("sites", "2020-12", "-d", tmp_path)[0]
    assert (kristiansand["count"], kristiansand["share_pct"], kristiansand["per_day"]) == (
        "711",
        "57.2",
        "22.9",
    )
    (first, _) = run_csv("breakdown", "2020-12", "--by", "site", "-d", tmp_path)
    assert (first["count"], first["total"], first["period"]) == ("711", "1243", "2020-12")


def test_a_bad_period_on_the_command_line_is_exit_2(tmp_path: Path) -> None:
    result = invoke("summary", "2024-13", "-d", tmp_path)
    assert result.exit_code == 2
    assert "is not a period" in result.output
