"""The figure commands: hand-worked arithmetic on small data, and golden outputs on the examples.

Set ``UPDATE_GOLDEN=1`` to rewrite the golden files after a deliberate change, then
read the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from conftest import invoke, write_counts

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def month_rows(year: int, channel: str, counts: dict[int, int], metric: str = "answered"):
    return [[f"{year}-{m:02d}", channel, metric, "total", "", c] for m, c in counts.items()]


def write_year(root: Path, year: int, rows: list[list[object]]) -> None:
    by_month: dict[str, list[list[object]]] = {}
    for row in rows:
        by_month.setdefault(str(row[0]), []).append(row)
    for month, month_rows_ in by_month.items():
        write_counts(root, f"{year}/{month}.csv", month_rows_)


def run_csv(*args: str | Path) -> list[dict[str, str]]:
    result = invoke(*args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return rows_of(result.stdout)


# Hand-worked figures -------------------------------------------------------------------


def test_summary_leap_year_per_day_and_change(tmp_path: Path) -> None:
    """It divides by 366 days in a leap year and computes change over the same months."""
    write_year(tmp_path, 2023, month_rows(2023, "phone", dict.fromkeys(range(1, 13), 1000)))
    write_year(
        tmp_path, 2024, month_rows(2024, "phone", {**dict.fromkeys(range(1, 13), 1100), 6: 1473})
    )
    (row, all_row) = run_csv("summary", "2024", "--data-dir", tmp_path)
    # 11 × 1100 + 1473 = 13573; 13573 / 366 = 37.0847… → 37.1; / 12 = 1131.08… → 1131.1
    assert row == {
        "channel": "phone", "metric": "answered", "year": "2024", "total": "13573",
        "previous_total": "12000", "change": "1573", "change_pct": "13.1", "months": "12",
        "per_month": "1131.1", "per_day": "37.1", "peak_month": "2024-06", "peak_count": "1473",
        "period": "2024", "low_month": "2024-01", "low_count": "1100", "days": "366",
    }  # fmt: skip
    assert all_row["channel"] == "all"
    assert all_row["total"] == "13573"


def test_summary_partial_year_counts_only_its_months(tmp_path: Path) -> None:
    """A year with data for April-December only averages over those 275 days."""
    write_year(tmp_path, 2020, month_rows(2020, "chat", dict.fromkeys(range(4, 13), 100)))
    result = invoke("summary", "2020", "--data-dir", tmp_path, "--format", "csv")
    assert result.exit_code == 0
    (chat, _all) = rows_of(result.stdout)
    # 900 / 275 days (April-December 2020) = 3.2727… → 3.3; 900 / 9 = 100.0
    assert (chat["months"], chat["per_day"], chat["per_month"]) == ("9", "3.3", "100.0")
    assert chat["previous_total"] == ""
    assert chat["change_pct"] == ""
    assert "9 of 12 months in 2020" in result.stderr
    assert "2019 lacks 2019-04" in result.stderr


def test_summary_previous_year_lacking_a_month_gives_no_change(tmp_path: Path) -> None:
    """The previous year is compared only when it has every month of this year."""
    write_year(tmp_path, 2023, month_rows(2023, "sms", dict.fromkeys(range(2, 13), 10)))
    write_year(tmp_path, 2024, month_rows(2024, "sms", dict.fromkeys(range(1, 13), 20)))
    (sms, _all) = run_csv("summary", "2024", "--data-dir", tmp_path)
    assert (sms["previous_total"], sms["change"], sms["change_pct"]) == ("", "", "")


def test_summary_zero_base_leaves_change_pct_empty(tmp_path: Path) -> None:
    """A previous total of zero gives an absolute change but no percentage."""
    write_year(tmp_path, 2023, month_rows(2023, "email", {1: 0}))
    write_year(tmp_path, 2024, month_rows(2024, "email", {1: 5}))
    result = invoke("summary", "2024", "--data-dir", tmp_path, "--format", "json")
    assert result.exit_code == 0
    email = json.loads(result.stdout)[0]
    assert (email["previous_total"], email["change"], email["change_pct"]) == (0, 5, None)


def test_summary_month_without_a_channel(tmp_path: Path) -> None:
    """A month that has phone but no chat counts for phone only; chat has 11 months."""
    rows = month_rows(2024, "phone", dict.fromkeys(range(1, 13), 10))
    rows += month_rows(2024, "chat", {m: 31 for m in range(1, 13) if m != 2})
    write_year(tmp_path, 2024, rows)
    records = {r["channel"]: r for r in run_csv("summary", "2024", "--data-dir", tmp_path)}
    # chat: 11 × 31 = 341 over 366 - 29 = 337 days → 1.0119 → 1.0
    assert (records["chat"]["months"], records["chat"]["per_day"]) == ("11", "1.0")
    assert records["all"]["total"] == str(120 + 341)
    assert records["all"]["months"] == "12"


def test_rounding_half_away_from_zero_at_exactly_x5(tmp_path: Path) -> None:
    """1 of 16 is 6.25 % and shows as 6.3, where rounding half to even would give 6.2."""
    rows = month_rows(2024, "phone", {1: 16})
    rows += [
        ["2024-01", "phone", "answered", "site", "oslo", 1],
        ["2024-01", "phone", "answered", "site", "bergen", 1],
        ["2024-01", "phone", "answered", "site", "kristiansand", 14],
    ]
    write_year(tmp_path, 2024, rows)
    sites = {r["site"]: r for r in run_csv("sites", "2024", "--data-dir", tmp_path)}
    assert (sites["oslo"]["share_pct"], sites["bergen"]["share_pct"]) == ("6.3", "6.3")
    assert sites["kristiansand"]["share_pct"] == "87.5"  # exact: 14 / 16
    # 14 / 31 days = 0.4516… → 0.5; 1 / 31 = 0.032… → 0.0
    assert (sites["kristiansand"]["per_day"], sites["oslo"]["per_day"]) == ("0.5", "0.0")


def test_output_keeps_permissions_and_follows_links(tmp_path: Path) -> None:
    """--output replaces a file atomically but keeps its mode, and writes through a link."""
    report = tmp_path / "report.csv"
    report.write_text("old\n")
    report.chmod(0o644)
    link = tmp_path / "latest.csv"
    link.symlink_to(report)
    result = invoke("summary", "2024", "-d", EXAMPLES, "-f", "csv", "-o", link)
    assert result.exit_code == 0
    assert link.is_symlink()
    assert report.read_text().startswith("channel,metric,year,")
    assert report.stat().st_mode & 0o777 == 0o644


def test_output_errors_are_messages(tmp_path: Path) -> None:
    """An output that cannot be written exits 1 with a message, not a traceback."""
    result = invoke("summary", "2024", "-d", EXAMPLES, "-f", "csv", "-o", "/proc/nope/x.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write or read")
    assert "Traceback" not in result.output


def test_output_inside_the_data_directory_is_refused(tmp_path: Path) -> None:
    """A csv written inside the data directory would be read as counts: exit 2."""
    write_year(tmp_path, 2024, month_rows(2024, "phone", {1: 1}))
    result = invoke("summary", "2024", "-d", tmp_path, "-f", "csv", "-o", tmp_path / "s.csv")
    assert result.exit_code == 2
    assert not (tmp_path / "s.csv").exists()


def test_compare_like_for_like_leaves_out_unmatched_months(tmp_path: Path) -> None:
    """Compare counts both years over the months both have, and names the others."""
    write_year(tmp_path, 2023, month_rows(2023, "chat", dict.fromkeys(range(1, 13), 100)))
    write_year(tmp_path, 2024, month_rows(2024, "chat", dict.fromkeys(range(1, 7), 50)))
    result = invoke("compare", "2023", "2024", "--data-dir", tmp_path, "--format", "csv")
    assert result.exit_code == 0
    (row,) = rows_of(result.stdout)
    assert (row["count_a"], row["count_b"], row["change"], row["change_pct"]) == (
        "600", "300", "-300", "-50.0",
    )  # fmt: skip
    assert "left out 2023-07..2023-12, which" in result.stderr


def test_compare_category_in_one_year_only(tmp_path: Path) -> None:
    """A category that exists in one year only has its change left empty."""
    write_year(
        tmp_path,
        2023,
        [*month_rows(2023, "phone", {1: 10}), ["2023-01", "phone", "answered", "site", "oslo", 10]],
    )
    write_year(
        tmp_path,
        2024,
        [
            *month_rows(2024, "phone", {1: 12}),
            ["2024-01", "phone", "answered", "site", "oslo", 8],
            ["2024-01", "phone", "answered", "site", "bergen", 4],
        ],
    )
    rows = run_csv("compare", "2023", "2024", "--by", "site", "--data-dir", tmp_path)
    by_site = {r["category"]: r for r in rows}
    # site is exhaustive: no contact was answered in Bergen in 2023, a count of 0
    assert (by_site["bergen"]["count_a"], by_site["bergen"]["change"]) == ("0", "4")
    assert by_site["bergen"]["change_pct"] == ""
    assert by_site["oslo"]["change_pct"] == "-20.0"


def test_compare_topic_in_one_year_only_is_empty(tmp_path: Path) -> None:
    """A topic recorded in one year only has no count, change or change % in the other."""
    topic = ["2023-01", "chat", "answered", "topic", "other", 3]
    write_year(tmp_path, 2023, [*month_rows(2023, "chat", {1: 10}), topic])
    write_year(
        tmp_path,
        2024,
        [
            *month_rows(2024, "chat", {1: 10}),
            ["2024-01", "chat", "answered", "topic", "violence", 2],
        ],
    )
    rows = {
        r["category"]: r
        for r in run_csv("compare", "2023", "2024", "--by", "topic", "-d", tmp_path)
    }
    assert {k: rows["other"][k] for k in ("count_a", "count_b", "change", "change_pct")} == {
        "count_a": "3", "count_b": "", "change": "", "change_pct": "",
    }  # fmt: skip
    assert (rows["violence"]["count_a"], rows["violence"]["count_b"]) == ("", "2")


def test_no_data_for_year_names_the_years(tmp_path: Path) -> None:
    """A year without data exits 1 and says which years exist."""
    write_year(tmp_path, 2024, month_rows(2024, "phone", {1: 1}))
    result = invoke("summary", "2019", "--data-dir", tmp_path)
    assert result.exit_code == 1
    assert "no data for 2019; the data has years 2024" in result.stderr


def test_invalid_data_refuses_figures(tmp_path: Path) -> None:
    """Figures are never computed from invalid data: exit 1 pointing to validate."""
    write_counts(tmp_path, "2024/2024-01.csv", [["2024-01", "phone", "answered", "total", "", "x"]])
    result = invoke("summary", "2024", "--data-dir", tmp_path)
    assert result.exit_code == 1
    assert "2024-01.csv:2: the count `x` is not a whole number ≥ 0" in result.stderr


def test_unknown_channel_is_a_usage_error(tmp_path: Path) -> None:
    """An unknown --channel exits 2."""
    write_year(tmp_path, 2024, month_rows(2024, "phone", {1: 1}))
    result = invoke("summary", "2024", "--channel", "fax", "--data-dir", tmp_path)
    assert result.exit_code == 2
    assert "`fax` is not one of the choices" in result.stderr


def test_output_file_is_written_and_csv_is_language_independent(tmp_path: Path) -> None:
    """--output writes the file; csv is the same whatever --lang says."""
    out_nb, out_en = tmp_path / "nb.csv", tmp_path / "en.csv"
    for lang, out in (("nb", out_nb), ("en", out_en)):
        result = invoke(
            "summary", "2024", "--data-dir", EXAMPLES, "-f", "csv", "--lang", lang, "-o", out
        )
        assert result.exit_code == 0
        assert result.stdout == ""
    assert out_nb.read_bytes() == out_en.read_bytes()
    assert out_nb.read_text().startswith("channel,metric,year,total,")
    assert not list(tmp_path.glob(".*.tmp"))


# The 2024 report's figures from the examples -------------------------------------------


def test_published_2024_figures() -> None:
    """The examples give the 2024 report's figures where its own arithmetic is right."""
    summary = {(r["channel"], r["metric"]): r for r in run_csv("summary", "2024", "-d", EXAMPLES)}
    phone = summary[("phone", "answered")]
    assert (phone["total"], phone["change_pct"], phone["peak_month"], phone["peak_count"]) == (
        "14242", "9.7", "2024-06", "1473",
    )  # fmt: skip
    assert (phone["per_day"], phone["per_month"]) == ("38.9", "1186.8")  # report: 39,5; 1 186
    chat = summary[("chat", "answered")]
    assert (chat["total"], chat["previous_total"], chat["change_pct"]) == ("8770", "19150", "-54.2")
    assert (chat["peak_month"], chat["peak_count"], chat["per_day"]) == ("2024-03", "974", "24.0")
    assert summary[("sms", "answered")]["total"] == "3620"
    assert (
        summary[("ungno", "answered")]["total"],
        summary[("ungno", "answered")]["previous_total"],
    ) == ("350", "513")
    assert summary[("web", "visits")]["total"] == "71776"
    assert summary[("web", "pageviews")]["total"] == "89882"

    sites = {r["site"]: r for r in run_csv("sites", "2024", "-d", EXAMPLES)}
    assert round(float(sites["kristiansand"]["share_pct"])) == 63
    per_day = {s: sites[s]["per_day"] for s in ("oslo", "asker_baerum", "romerike", "trondheim")}
    assert per_day == {"oslo": "3.5", "asker_baerum": "1.8", "romerike": "1.5", "trondheim": "1.3"}
    answering = [s for s, r in sites.items() if s != "unknown" and r["count"] != "0"]
    assert len(answering) == 18  # Kristiansand and 17 network sites
    assert sites["haugaland"]["count"] == "0"  # answered in 2023 only: shown, with its change
    assert sites["haugaland"]["change_pct"] == "-100.0"

    gender = {
        r["category"]: r["count"]
        for r in run_csv("breakdown", "2024", "--by", "gender", "-c", "chat", "-d", EXAMPLES)
    }
    assert (gender["girl"], gender["boy"]) == ("6485", "1517")
    bands = {
        r["category"]: r["share_pct"]
        for r in run_csv(
            "breakdown", "2024", "--by", "age", "--bands", "-c", "chat", "-d", EXAMPLES
        )
    }
    assert bands["5-13"] == "38.5"
    days = run_csv("breakdown", "2024", "--by", "day", "-c", "chat", "-d", EXAMPLES)
    busiest = max(days, key=lambda r: int(r["count"]))
    assert (busiest["category"], busiest["count"]) == ("2024-01-11", "49")
    march = [
        r
        for r in run_csv("compare", "2023", "2024", "--by", "month", "-c", "chat", "-d", EXAMPLES)
        if r["category"] == "03"
    ]
    assert march[0]["count_b"] == "974"

    outcomes = run_csv("breakdown", "2024", "--by", "outcome", "-d", EXAMPLES)
    concern = {r["channel"]: r["count"] for r in outcomes if r["category"] == "concern_report"}
    assert concern == {"phone": "6", "chat": "12"}
    behalf = run_csv("breakdown", "2024", "--by", "on_behalf", "-d", EXAMPLES)
    urgent: dict[str, int] = {}
    for r in behalf:
        if r["category"] in {"police", "ambulance_er"}:
            urgent[r["channel"]] = urgent.get(r["channel"], 0) + int(r["count"])
    assert urgent == {"phone": 10, "chat": 6}


# Golden outputs ------------------------------------------------------------------------

GOLDEN_CASES = {
    "summary-2024.csv": "summary 2024 -f csv",
    "summary-2024-nb.txt": "summary 2024 --lang nb",
    "summary-2024-en.md": "summary 2024 -f markdown --lang en",
    "compare-2023-2024-chat.csv": "compare 2023 2024 --channel chat -f csv",
    "compare-2023-2024-phone-site.txt": "compare 2023 2024 -c phone --by site --lang en",
    "sites-2024.csv": "sites 2024 -f csv",
    "sites-2024-nb.txt": "sites 2024 --lang nb",
    "breakdown-2024-topic-chat.txt": "breakdown 2024 --by topic -c chat --lang nb",
    "breakdown-2024-age-bands.json": "breakdown 2024 --by age --bands -f json",
    "breakdown-2024-hour-chat.csv": "breakdown 2024 --by hour -c chat -f csv",
    "web-2024.csv": "web 2024 -f csv",
    "web-2024-nb.txt": "web 2024 --lang nb",
    "web-2020-en.md": "web 2020 -f markdown --lang en",
    "web-2024-campaign.json": "web 2024 -c campaign -f json",
    "web-2020-visit-frequency.csv": "web 2020 --by visit_frequency -f csv",
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str) -> None:
    """Each command's output on the examples is exactly the golden file."""
    result = invoke(*GOLDEN_CASES[name].split(), "--data-dir", "examples/data")
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_summary_names_a_channel_that_stopped(tmp_path: Path) -> None:
    """A channel with data last year and none this year is named; `all` last year counts it
    (5 + 3), since the helpline's contacts then included it."""
    write_year(
        tmp_path, 2023, [*month_rows(2023, "phone", {1: 5}), *month_rows(2023, "email", {1: 3})]
    )
    write_year(tmp_path, 2024, month_rows(2024, "phone", {1: 7}))
    result = invoke("summary", "2024", "-d", tmp_path, "-f", "csv")
    assert result.exit_code == 0
    records = {r["channel"]: r for r in rows_of(result.stdout)}
    assert (records["all"]["total"], records["all"]["previous_total"]) == ("7", "8")
    assert "warning: Email answered: data in 2023 but none in 2024" in result.stderr.splitlines()
    assert "in 2023 but not in 2024: Email" in result.stderr
    assert "new in" not in result.stderr


def test_sites_names_months_without_a_site_breakdown(tmp_path: Path) -> None:
    """sites covers the months that have counts by site, and says which lack them."""
    rows = month_rows(2024, "phone", {1: 10, 2: 20})
    rows.append(["2024-01", "phone", "answered", "site", "oslo", 10])
    write_year(tmp_path, 2024, rows)
    result = invoke("sites", "2024", "-d", tmp_path, "-f", "csv")
    assert result.exit_code == 0
    (oslo,) = rows_of(result.stdout)
    assert (oslo["count"], oslo["per_day"]) == ("10", "0.3")  # 10 / 31 days of January
    assert (
        "warning: Phone answered by site: 1 of 12 months in 2024 (no data for 2024-02..2024-12);"
        in result.stderr
    )
