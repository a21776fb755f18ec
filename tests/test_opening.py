"""alarm opening: days and hours open, and last year's contacts in hours closed now."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke, write_counts
from test_figures import run_csv

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "data"

CALENDAR = """
[service.chat]
hours = [
  { from = 2023-01-01, open = ["00-24"] },
  { from = 2024-02-01, open = ["15-23"] },
  { from = 2024-03-10, open = ["15-22"] },
]
"""


def _hours(month: str, counts: dict[int, int]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [
        (month, "chat", "answered", "total", "", sum(counts.values()))
    ]
    rows += [(month, "chat", "answered", "hour", str(h), n) for h, n in counts.items()]
    return rows


def data(tmp_path: Path) -> Path:
    """2023 chats: 10 in each hour of January-March; 2024: 30 a month in 15-23."""
    (tmp_path / "taxonomy.toml").write_text(CALENDAR, encoding="utf-8")
    for month in ("01", "02", "03"):
        before = _hours(f"2023-{month}", dict.fromkeys(range(24), 10))
        write_counts(tmp_path, f"2023/2023-{month}.csv", before)
        open_hours = dict.fromkeys(range(24), 0) | dict.fromkeys(range(15, 22), 4) | {22: 2}
        write_counts(tmp_path, f"2024/2024-{month}.csv", _hours(f"2024-{month}", open_hours))
    return tmp_path


def test_last_years_contacts_in_hours_closed_throughout_each_month(tmp_path: Path) -> None:
    """Worked by hand: January 2024 is open round the clock (nothing closed); February
    closes 00-15 and 23-24 (16 hours × 10 = 160); March closes 22-23 only from the 10th,
    so throughout March the closed hours are February's: 160. In all 320 of 2023's 720."""
    rows = run_csv("opening", "2024-01..2024-03", "--data-dir", data(tmp_path), "--hours", "22-02")
    closed, night = rows
    assert closed["hours"] == "closed"
    assert closed["closed_hours"] == "23-15"
    assert (closed["previous_in_hours"], closed["previous_total"]) == ("320", "720")
    assert closed["share_pct"] == "44.4"  # 320 / 720 = 44.44…
    # 22-02 within the closed hours: 23, 0, 1 in February and March: 2 × 3 × 10
    assert (night["hours"], night["closed_hours"], night["previous_in_hours"]) == (
        "22-02",
        "23-02",
        "60",
    )
    # 31 × 24 + 29 × 8 + 9 × 8 + 22 × 7 (31 March loses 02-03, a closed hour)
    assert closed["open_hours"] == str(31 * 24 + 29 * 8 + 9 * 8 + 22 * 7)
    assert closed["open_days"] == "91"


def test_the_cost_of_shorter_chat_hours_in_2024() -> None:
    """The 2024 report: 10 140 chats in the hours closed in 2024, 5 043 of them 00-04."""
    rows = run_csv("opening", "2024", "-c", "chat", "--hours", "00-04", "--data-dir", EXAMPLES)
    assert [(r["hours"], r["closed_hours"], r["previous_in_hours"]) for r in rows] == [
        ("closed", "00-14", "10140"),
        ("00-04", "00-04", "5043"),
    ]
    assert rows[0]["previous_total"] == "19150"
    assert rows[0]["open_hours"] == str(366 * 10)


def test_without_a_calendar_nothing_is_closed(tmp_path: Path) -> None:
    write_counts(tmp_path, "2024/2024-03.csv", [("2024-03", "phone", "answered", "total", "", 5)])
    (row,) = run_csv("opening", "2024-03", "--data-dir", tmp_path, "--hours", "00-04")
    # round the clock: 31 × 24 less the hour the clocks skip on 31 March 2024
    assert (row["closed_hours"], row["open_hours"], row["open_days"]) == ("", "743", "31")
    assert row["previous_in_hours"] == ""  # 2023 has no hour breakdown to count


def test_months_without_last_years_hours_are_left_out_with_a_note(tmp_path: Path) -> None:
    data(tmp_path)
    (tmp_path / "2023" / "2023-03.csv").unlink()
    result = invoke("opening", "2024-01..2024-03", "--data-dir", tmp_path, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert "no hour breakdown for 2023-03" in result.stderr
    assert ",160,480," in result.stdout  # February only: 160 of January and February's 480


def test_a_wrong_range_of_hours_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("opening", "2024", "--hours", "4-4", "--data-dir", data(tmp_path))
    assert result.exit_code == 2
    assert "not a range of clock hours" in result.stderr


def test_suppressed_like_every_figure(tmp_path: Path) -> None:
    rows = run_csv(
        "opening", "2024-01..2024-03", "--data-dir", data(tmp_path), "--hours", "22-02",
        "--suppress", "100",
    )  # fmt: skip
    assert rows[1]["previous_in_hours"] == "c"  # 60 is below 100
    assert rows[0]["previous_in_hours"] == "320"


def test_closed_hours_come_from_the_calendar_without_last_years_hours() -> None:
    """2019: the phone was open 16-08 only; 2018 has no data, so nothing to count, but the
    closed hours are still named."""
    phone = run_csv("opening", "2019", "-c", "phone", "--data-dir", EXAMPLES)[0]
    assert (phone["closed_hours"], phone["previous_in_hours"]) == ("08-16", "")


def test_sums_of_seconds_are_not_contacts_in_a_closed_hour(tmp_path: Path) -> None:
    """A closed-hour count is reported once, for the contacts, not again for their seconds."""
    (tmp_path / "taxonomy.toml").write_text(CALENDAR, encoding="utf-8")
    rows = [
        ("2024-03", "chat", "answered", "total", "", 2),
        ("2024-03", "chat", "answered", "hour", "3", 2),
        ("2024-03", "chat", "answer_seconds", "total", "", 40),
        ("2024-03", "chat", "answer_seconds", "hour", "3", 40),
    ]
    write_counts(tmp_path, "2024/2024-03.csv", rows)
    result = invoke("validate", tmp_path, "--all")
    assert result.exit_code == 1
    assert [line.split(": ")[0][-2:] for line in result.stdout.splitlines()] == [":3"]


def test_all_channels_is_a_usage_error() -> None:
    result = invoke("opening", "2024", "-c", "all", "--data-dir", EXAMPLES)
    assert result.exit_code == 2
    assert "works channel by channel" in result.stderr
