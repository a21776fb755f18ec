"""Small-count suppression and its audit, pinned to cases worked out by hand.

Each case states what a reader could work out if suppression hid too little; the audit
(an integer-programming attack on what is published) must find every hidden count at
least N wide, and suppression must hide no more than it needs to in one dimension.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from alarmcli import arithmetic as ar
from alarmcli.audit import audit
from alarmcli.figures import BREAKDOWN_COLUMNS, COMPARE_COLUMNS, Table
from alarmcli.periods import Period
from alarmcli.suppression import SUPPRESSED, describe, protect
from conftest import invoke

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "data"


def one_way(counts: list[int], month: str = "2024-01") -> Table:
    """A breakdown by site of one month, with its total and shares."""
    total = sum(counts)
    records = [
        {
            "channel": "phone",
            "metric": "answered",
            "year": 2024,
            "dimension": "site",
            "category": f"s{i}",
            "count": count,
            "total": total,
            "share_pct": ar.percent(count, total),
        }
        for i, count in enumerate(counts)
    ]
    return Table("breakdown", BREAKDOWN_COLUMNS, records, spans={("phone", "answered"): (month,)})


def hidden(table: Table) -> list[int]:
    """The positions of the hidden counts."""
    return [i for i, r in enumerate(table.records) if r["count"] is SUPPRESSED]


def test_one_small_cell_needs_a_partner() -> None:
    """[40, 3, 25, 31] with its total, N=5: the 3 alone is 99 − 96, so the 25 goes too."""
    (out,) = protect([one_way([40, 3, 25, 31])], 5)
    assert hidden(out) == [1, 2]
    assert out.records[1]["share_pct"] is SUPPRESSED
    assert out.records[0]["share_pct"] == 40.4
    intervals = {f.key[3]: (f.low, f.high) for f in audit([out], 5)}
    assert intervals == {"s1": (1, 27), "s2": (1, 27)}  # 3 + 25 = 28, each at least 1


def test_two_small_cells_that_sum_under_n_need_a_third() -> None:
    """[40, 1, 25, 2, 31], N=5: 1 + 2 = 3 is known, so each is within [1, 2]; 25 goes."""
    (out,) = protect([one_way([40, 1, 25, 2, 31])], 5)
    assert hidden(out) == [1, 2, 3]
    assert all(f.safe for f in audit([out], 5))


def test_a_published_hidden_cell_alone_is_found() -> None:
    """The audit, given a table with one count hidden and its total shown, pins it exactly."""
    table = one_way([40, 3, 25, 31])
    table.records[1]["count"] = table.records[1]["share_pct"] = SUPPRESSED
    (finding,) = audit([table], 5)
    assert (finding.low, finding.high, finding.safe) == (3, 3, False)


def test_a_share_alone_reveals_its_count() -> None:
    """A hidden 3 whose share (3.0 % of 99) is still published is 2.97 ± 0.05 → exactly 3."""
    table = one_way([40, 3, 25, 31])
    table.records[1]["count"] = table.records[2]["count"] = SUPPRESSED
    (first, second) = audit([table], 5)
    assert (first.low, first.high) == (3, 3)
    assert (second.low, second.high) == (25, 25)


def test_zeros_are_published_and_threshold_one_hides_nothing() -> None:
    """Only counts from 1 to N−1 are primary; a zero says nothing about a child."""
    (out,) = protect([one_way([40, 0, 25, 31])], 5)
    assert hidden(out) == []
    assert protect([one_way([40, 1, 25, 31])], 1)[0].records[1]["count"] == 1


def test_three_by_three_with_margins() -> None:
    """Months × sites with both margins, N=5: the 2 and the 1 each need a partner in their
    row and in their column; the four corners of one rectangle do it (2, 30, 25, 1)."""
    grid = [[10, 2, 30], [20, 25, 1], [40, 35, 50]]
    months = ["2024-01", "2024-02", "2024-03"]
    tables = [one_way(row, m) for row, m in zip(grid, months, strict=True)]
    quarter = one_way([sum(c) for c in zip(*grid, strict=True)])
    quarter.spans = {("phone", "answered"): tuple(months)}
    out = protect([*tables, quarter], 5)
    assert [hidden(t) for t in out] == [[1, 2], [1, 2], [], []]
    findings = audit(out, 5)
    assert len(findings) == 4
    assert all(f.safe for f in findings)


def compare_row(count_a: int, count_b: int) -> Table:
    """``compare`` by total: one row from ``count_a`` in 2023-01 to ``count_b`` in 2024-01."""
    record = {
        "channel": "sms",
        "metric": "answered",
        "dimension": "total",
        "category": "",
        "year_a": 2023,
        "count_a": count_a,
        "year_b": 2024,
        "count_b": count_b,
        "change": ar.change(count_b, count_a),
        "change_pct": ar.change_percent(count_b, count_a),
        "period_a": "2023-01",
        "period_b": "2024-01",
        "days_a": 31,
        "days_b": 31,
        "per_day_a": ar.per_day(count_a, 31),
        "per_day_b": ar.per_day(count_b, 31),
        "per_day_change_pct": ar.rate_change_percent(count_b, 31, count_a, 31),
    }
    spans = {("sms", "answered@a"): ("2023-01",), ("sms", "answered@b"): ("2024-01",)}
    return Table("compare", COMPARE_COLUMNS, [record], spans=spans)


def test_a_published_change_reveals_a_hidden_count() -> None:
    """−83.3 % from 6 means 100 (b − 6) / 6 ∈ [−83.35, −83.25], so b = 1 exactly."""
    table = compare_row(6, 1)
    assert table.records[0]["change_pct"] == -83.3
    for column in ("count_b", "per_day_b", "per_day_change_pct"):
        table.records[0][column] = SUPPRESSED
    (finding,) = audit([table], 5)
    assert (finding.low, finding.high, finding.safe) == (1, 1, False)
    table.records[0]["change_pct"] = SUPPRESSED  # the exact change gives it away too
    (finding,) = audit([table], 5)
    assert (finding.low, finding.high) == (1, 1)


def test_a_change_is_published_only_where_both_years_are() -> None:
    """Suppression hides the change and the change in per cent with the hidden count."""
    (out,) = protect([compare_row(6, 1)], 5)
    record = out.records[0]
    assert record["count_a"] == 6
    assert record["count_b"] is record["change"] is record["change_pct"] is SUPPRESSED
    assert record["per_day_b"] is record["per_day_change_pct"] is SUPPRESSED
    assert record["per_day_a"] == 0.2
    assert all(f.safe for f in audit([out], 5))


def fewest(counts: list[int], n: int) -> int:
    """The fewest cells a one-way table with a published total must hide (brute force)."""
    primary = {i for i, c in enumerate(counts) if 0 < c < n}
    if not primary:
        return 0
    others = [i for i, c in enumerate(counts) if c >= n]
    for extra in range(len(others) + 1):
        for chosen in itertools.combinations(others, extra):
            cells = primary | set(chosen)
            total = sum(counts[i] for i in cells)
            if len(cells) >= 2 and total - len(cells) >= n:  # each in [1, total − |H| + 1]
                return len(cells)
    raise AssertionError("no pattern without the total")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 60), min_size=2, max_size=7), st.integers(2, 10))
def test_one_way_tables_are_safe_and_minimal(counts: list[int], n: int) -> None:
    """Every hidden count of a random one-way table is at least N wide, and no smaller
    pattern (fewer hidden cells) would have protected it."""
    nonzero = [c for c in counts if c > 0]
    assume(sum(nonzero) - len(nonzero) >= n)  # protectable without hiding the total
    (out,) = protect([one_way(counts)], n)
    assert all(f.safe for f in audit([out], n))
    shown = {i for i, r in enumerate(out.records) if r["count"] is not SUPPRESSED}
    assert all(not 0 < counts[i] < n for i in shown)
    assert len(hidden(out)) == fewest(counts, n)


# --- the command line ------------------------------------------------------------------


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_suppress_on_summary_hides_small_totals_in_csv_and_json() -> None:
    """--suppress 1000: email and ung.no (under 1 000 in 2024) show as c, with their
    per-day figures and changes; the website's visits stay; a warning explains the
    marker. (Which other totals the year's base release hides at 1 000 is its choice.)"""
    result = invoke("summary", "2024", "-d", EXAMPLES, "--suppress", "1000", "-f", "csv")
    assert result.exit_code == 0, result.output
    by_channel = {(r["channel"], r["metric"]): r for r in rows(result.stdout)}
    for channel in ("email", "ungno"):
        assert by_channel[(channel, "answered")]["total"] == "c"
        assert by_channel[(channel, "answered")]["per_day"] == "c"
        assert by_channel[(channel, "answered")]["months"] == "12"
    assert by_channel[("web", "visits")]["total"] == "71776"
    assert "counts from 1 to 999 are hidden" in result.stderr
    data = json.loads(
        invoke("summary", "2024", "-d", EXAMPLES, "--suppress", "1000", "-f", "json").stdout
    )
    assert {r["channel"]: r["total"] for r in data if r["metric"] == "answered"}["email"] == "c"


def test_suppress_on_a_table_shows_a_colon_and_the_note() -> None:
    """On a displayed table a hidden figure is ``:`` and the note says why."""
    result = invoke("sites", "2024", "-d", EXAMPLES, "--suppress", "100", "--lang", "nb")
    assert result.exit_code == 0, result.output
    assert " : " in result.stdout
    assert "tall fra 1 til 99 er skjult" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "2024"],
        ["sites", "2024"],
        ["breakdown", "2024", "--by", "day"],
        ["breakdown", "2024", "--by", "age", "--bands"],
        ["breakdown", "2024", "--by", "topic"],
        ["compare", "2023", "2024", "--by", "month"],
        ["compare", "2023", "2024", "--by", "site"],
    ],
)
@pytest.mark.parametrize("n", [3, 40])
def test_every_suppressed_output_passes_the_audit(args: list[str], n: int) -> None:
    """What each figure command publishes with --suppress N is its table published with the
    base releases of its years, and no hidden count is narrower than N in it and them."""
    from alarmcli import config, dataset, figures, yearly

    result = invoke(*args, "-d", EXAMPLES, "--suppress", str(n), "-f", "csv")
    assert result.exit_code == 0, result.output
    data = dataset.load(EXAMPLES)
    command, *rest = args
    if command == "compare":
        table = figures.compare(data, int(rest[0]), int(rest[1]), None, rest[3])
    elif command == "breakdown":
        table = figures.breakdown(data, int(rest[0]), rest[2], None, "--bands" in rest)
    else:
        table = getattr(figures, command)(data, int(rest[0]))
    years = [int(rest[0]), int(rest[1])] if command == "compare" else [int(rest[0])]
    settings = config.load(EXAMPLES).report
    out = yearly.published(table, data, years, n, settings)
    releases = yearly.chain(data, max(years), n, settings)
    bases = [t for y in {*years, *(y - 1 for y in years)} for t in releases[y].published]
    assert all(f.safe for f in audit([*bases, out], n))
    marks = sum(v == "c" for r in rows(result.stdout) for v in r.values())
    assert marks == sum(v is SUPPRESSED for r in out.records for v in r.values())


def with_settings(tmp_path: Path, text: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES, data)
    (data / "alarm.toml").write_text(text, "utf-8")
    return data


def test_the_data_directory_sets_the_threshold(tmp_path: Path) -> None:
    """``[suppression] threshold`` applies without --suppress; a lower --suppress is refused
    (exit 2) so a cron job cannot publish less protected figures; a higher one is used."""
    data = with_settings(tmp_path, "[suppression]\nthreshold = 1000\n")
    result = invoke("summary", "2024", "-d", data, "-f", "csv")
    assert {r["channel"]: r["total"] for r in rows(result.stdout)}["email"] == "c"
    lower = invoke("summary", "2024", "-d", data, "--suppress", "3")
    assert lower.exit_code == 2
    assert "lower than the threshold 1000" in lower.stderr
    (data / "alarm.toml").write_text("[suppression]\nthreshold = 3\n", "utf-8")
    plain = invoke("summary", "2024", "-d", data, "-f", "csv")
    assert {r["channel"]: r["total"] for r in rows(plain.stdout)}["email"].isdigit()
    higher = invoke("summary", "2024", "-d", data, "--suppress", "1000", "-f", "csv")
    assert {r["channel"]: r["total"] for r in rows(higher.stdout)}["email"] == "c"


def test_a_bad_settings_file_names_its_line(tmp_path: Path) -> None:
    """A misspelt key in alarm.toml is exit 1 with FILE:LINE, not a traceback."""
    data = with_settings(tmp_path, "# settings\n[suppression]\ntreshold = 3\n")
    result = invoke("summary", "2024", "-d", data)
    assert result.exit_code == 1
    assert f"{data / 'alarm.toml'}:3: `suppression.treshold` is not a setting" in result.stderr


def test_each_problem_of_a_settings_file_in_its_own_words_in_file_order(tmp_path: Path) -> None:
    """A missing threshold is missing, an unknown table unknown; each names its docs."""
    text = "[report]\ncolours = 3\n[foo]\nx = 1\n[suppression]\n"
    data = with_settings(tmp_path, text)
    result = invoke("summary", "2024", "-d", data)
    path = data / "alarm.toml"
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        f"{path}:2: `report.colours` is not a setting alarm knows; check its spelling "
        "(docs/report.md)",
        f"{path}:3: `foo` is not a setting alarm knows; check its spelling "
        "(docs/suppression.md, docs/report.md)",
        f"{path}:5: `suppression.threshold` is missing",
    ]


def test_audit_command_reports_every_hidden_count() -> None:
    """``alarm audit`` protects the year's base release and shows each interval."""
    result = invoke("audit", "2024", "-d", EXAMPLES, "--suppress", "3", "-f", "csv")
    assert result.exit_code == 0, result.output
    found = rows(result.stdout)
    assert found
    assert all(r["safe"] == "yes" and (r["width"] == "" or int(r["width"]) >= 3) for r in found)
    assert invoke("audit", "2024", "-d", EXAMPLES).exit_code == 2  # no threshold anywhere


# --- facts a reader has besides the cells (an independent review, 30 November) -----------


def _hide(table: Table, **match: str) -> None:
    """Hide the count of the one record of ``table`` whose fields are ``match``."""
    (record,) = [r for r in table.records if all(r[k] == v for k, v in match.items())]
    record["count"] = SUPPRESSED


def one_month(tmp_path: Path, rows: list[tuple[str, str, int]], channel: str = "chat") -> Any:
    """The dataset of one month (2024-01) of ``channel``'s answered contacts, ``rows`` as
    (dimension, category, count)."""
    from alarmcli import dataset
    from conftest import write_counts

    write_counts(tmp_path, "2024-01.csv", [("2024-01", channel, "answered", *r) for r in rows])
    return dataset.load(tmp_path)


def violence_by_age(ages: dict[str, int], violence: dict[str, int]) -> list[tuple[str, str, int]]:
    """Rows of contacts by age and of violence by age, its topic row their sum."""
    return [
        ("total", "", sum(ages.values())),
        *(("age", a, n) for a, n in ages.items()),
        ("topic", "violence", sum(violence.values())),
        *(("topic*age", f"violence*{a}", n) for a, n in violence.items()),
    ]


def test_a_cross_tab_row_is_within_its_own_count(tmp_path: Path) -> None:
    """Violence was 20 chats; its ages 13 and 14 are 9 and 9; so age 12 is 2, hidden or not.

    Every contact has one age, so a topic's cells by age add up to the topic's count
    (rule 7): the audit knows it, and suppression hides another cell of the row.
    """
    from alarmcli import figures

    rows = violence_by_age({"12": 10, "13": 15, "14": 12}, {"12": 2, "13": 9, "14": 9})
    data = one_month(tmp_path, rows)
    topics = figures.breakdown(data, 2024, "topic", "chat")
    cross = figures.crosstab(data, 2024, "topic", "age", "chat")
    _hide(cross, column_category="12")
    ((low, high),) = [(f.low, f.high) for f in audit([topics, cross], 3)]
    assert (low, high) == (2, 2)
    protected = protect([topics, figures.crosstab(data, 2024, "topic", "age", "chat")], 3)
    assert all(f.safe for f in audit(protected, 3))
    hidden = [r["column_category"] for r in protected[1].records if r["count"] is SUPPRESSED]
    assert len(hidden) >= 2


@pytest.mark.parametrize("only", [None, "12"])
def test_a_cross_tab_row_adds_up_to_its_own_count(tmp_path: Path, only: str | None) -> None:
    """Violence was 20 chats: 5 aged 12, 9 aged 13, 6 aged 14, of 6 chats aged 14 at all.

    With every age shown, the row's cells add up to 20 (rule 7), so hidden 12 and 14 add up
    to 11 and 12 is at least 11 - 6 = 5; with only age 12 shown, nothing but at most 20.
    """
    from alarmcli import figures

    rows = violence_by_age({"12": 21, "13": 9, "14": 6}, {"12": 5, "13": 9, "14": 6})
    data = one_month(tmp_path, rows)
    topics = figures.breakdown(data, 2024, "topic", "chat")
    cross = figures.crosstab(data, 2024, "topic", "age", "chat", only=only)
    for record in cross.records:
        if record["column_category"] in {"12", "14"}:
            record["count"] = record["share_pct"] = SUPPRESSED
    found = {f.key[3]: (f.low, f.high) for f in audit([topics, cross], 3)}
    assert found["violence*12"] == ((5, 10) if only is None else (1, 20))


@pytest.mark.parametrize("age_rows", [False, True])
def test_a_cross_tab_band_is_the_sum_of_its_ages(tmp_path: Path, age_rows: bool) -> None:
    """Violence at 12 and 13 was 60 and 84, and at 11-13 178: a hidden 11 is 34, with the
    ages as columns or as rows."""
    from alarmcli import figures

    cells = {"11": 34, "12": 60, "13": 84, "15": 40}
    data = one_month(tmp_path, violence_by_age(cells, cells))
    by = ("age", "topic") if age_rows else ("topic", "age")
    ages = figures.crosstab(data, 2024, *by, "chat")
    age = "row_category" if age_rows else "column_category"
    for record in ages.records:
        if record[age] in {"11", "15"}:  # the sums leave 11 + 15 = 74
            for column in ("count", "share_pct", "column_total"):
                record[column] = SUPPRESSED
    band = figures.crosstab(data, 2024, *by, "chat", bands=True, only=None)
    band.records = [r for r in band.records if r[age] == "11-13"]
    found = {f.key[3]: (f.low, f.high) for f in audit([ages, band], 50)}
    assert found["11*violence" if age_rows else "violence*11"] == (34, 34)


def test_a_summary_alone_ties_its_year_to_its_months(tmp_path: Path) -> None:
    """Phone 100-104 a month, sms 2-3 (an independent review). Published alone at 50, the
    summary named phone's busiest May (104) and all's (107): sms's May was 3, and phone's
    hidden year lay between 104 + 11 x 100 and 100 + 11 x 104. The year is the sum of its
    months, a month of all the sum of the channels', and a month no table shows that could
    be small is audited: nothing can be worked out now."""
    from alarmcli import dataset, figures
    from conftest import write_counts

    phone = [100, 101, 102, 103, 104, 100, 101, 102, 103, 104, 100, 104]
    for m, calls in enumerate(phone, 1):
        month = f"2024-{m:02d}"
        rows = [("phone", calls), ("sms", 3 if m % 2 else 2)]
        write_counts(
            tmp_path, f"{month}.csv", [(month, c, "answered", "total", "", n) for c, n in rows]
        )
    data = dataset.load(tmp_path)
    published = protect([figures.summary(data, 2024)], 50)
    found = audit(published, 50)
    assert all(f.safe for f in found), [f for f in found if not f.safe]
    may = {f.key[0]: (f.low, f.high) for f in found if f.key[4] == ("2024-05",)}
    assert may["sms"][1] - may["sms"][0] >= 50


def test_the_days_of_a_month_add_up_to_the_month(tmp_path: Path) -> None:
    """Chats on 1 and 2 May were 10 and 12, on 1 and 2 June 14 and 30. With 1 May and 1 June
    hidden, the year's days leave 24 for both; May's 22 in the series leaves 10 for 1 May.
    A day's count is the same count in a table of its month, its year or any period."""
    from alarmcli import dataset, figures
    from conftest import write_counts

    for month, days in (("2024-05", [10, 12]), ("2024-06", [14, 30])):
        rows = [("total", "", sum(days)), *(("day", str(d), n) for d, n in enumerate(days, 1))]
        write_counts(tmp_path, f"{month}.csv", [(month, "chat", "answered", *r) for r in rows])
    data = dataset.load(tmp_path)
    days = figures.breakdown(data, 2024, "day", "chat")
    for record in days.records:
        if record["category"].endswith("-01"):
            record["count"] = record["share_pct"] = SUPPRESSED
    found = {f.key[3]: (f.low, f.high) for f in audit([days, figures.series(data, 2024)], 5)}
    assert found == {"2024-05-01": (10, 10), "2024-06-01": (14, 14)}
    june = figures.breakdown(data, Period.parse("2024-06"), "day", "chat")
    day = ("chat", "answered", "day", "2024-06-01", ("2024-06",))
    assert all(day in {c.key for c in describe(t).cells} for t in (days, june))


def test_the_series_all_row_is_the_sum_of_its_channels(tmp_path: Path) -> None:
    """All channels answered 2 052 in January: phone 1 195 + chat 838 + email 19 hidden."""
    from alarmcli import dataset, figures
    from conftest import write_counts

    rows = [("phone", 1195), ("chat", 838), ("email", 19)]
    write_counts(
        tmp_path,
        "2024-01.csv",
        [("2024-01", c, "answered", "total", "", n) for c, n in rows],
    )
    series = figures.series(dataset.load(tmp_path), 2024)
    _hide(series, channel="email")
    ((low, high),) = [(f.low, f.high) for f in audit([series], 20)]
    assert (low, high) == (19, 19)
    protected = protect([figures.series(dataset.load(tmp_path), 2024)], 20)
    assert all(f.safe for f in audit(protected, 20))
    assert sum(r["count"] is SUPPRESSED for r in protected[0].records) >= 2


@pytest.mark.parametrize("sms_then", [True, False])
def test_the_series_all_row_is_the_sum_of_its_channels_a_year_earlier_too(
    tmp_path: Path, sms_then: bool
) -> None:
    """All channels answered 2 678 in June 2023: phone 1 272 + chat 1 388 + email 18, so
    email's hidden 2023 figure is the rest; unless a channel with contacts then (sms, 324)
    has no row this year: then the sum has a part the table does not show.
    """
    from alarmcli import dataset, figures
    from conftest import write_counts

    now = [("phone", 1473), ("chat", 582), ("email", 16)]
    then = [("phone", 1272), ("chat", 1388), ("email", 18), *([("sms", 324)] * sms_then)]
    for month, rows in (("2024-06", now), ("2023-06", then)):
        write_counts(
            tmp_path,
            f"{month}.csv",
            [(month, c, "answered", "total", "", n) for c, n in rows],
        )
    series = figures.series(dataset.load(tmp_path), Period.parse("2024-06"))
    for record in series.records:
        if record["channel"] == "email":
            for column in ("count", "previous_count", "per_day", "change", "change_pct"):
                record[column] = SUPPRESSED
    found = {f.key[4]: (f.low, f.high) for f in audit([series], 20)}
    assert found[("2023-06",)] == ((1, math.inf) if sms_then else (18, 18))


def test_an_age_band_is_the_sum_of_its_ages(tmp_path: Path) -> None:
    """ung.no's ages 5-8 were 0, 10: 6, 11: 18, 12: 40, 13: 68, and the band 5-13 135: a
    hidden age 9 is 3 (an independent review), even with age 15 hidden too. Every contact
    has one age, so a band is the sum of its ages: the audit knows it, and suppression
    hides another age of the band.
    """
    from alarmcli import figures

    ages = {5: 0, 6: 0, 7: 0, 8: 0, 9: 3, 10: 6, 11: 18, 12: 40, 13: 68, 15: 200}
    rows = [("total", "", sum(ages.values())), *(("age", str(a), n) for a, n in ages.items())]
    data = one_month(tmp_path, rows, "ungno")

    def tables() -> list[Table]:
        single = figures.breakdown(data, 2024, "age", "ungno")
        return [single, figures.breakdown(data, 2024, "age", "ungno", bands=True)]

    published = tables()
    for record in published[0].records:
        if record["category"] in {"9", "15"}:  # so that the total alone leaves 9 + 15 = 203
            record["count"] = record["share_pct"] = SUPPRESSED
    found = {f.key[3]: (f.low, f.high) for f in audit(published, 5)}
    assert found == {"9": (3, 3), "15": (200, 200)}
    protected = protect(tables(), 5)
    assert all(f.safe for f in audit(protected, 5))
    assert [r["category"] for r in protected[0].records if r["count"] is SUPPRESSED] != ["9"]


def test_a_table_with_hidden_rows_is_listed_by_id_not_largest_first() -> None:
    """A hidden row's place among rows listed largest first would bound it (an independent
    review: Finnmark and Unknown, hidden in that order, add up to 95, so Unknown was at
    most 47); with anything hidden, sites and breakdowns are listed by id instead."""

    def listed(*args: str) -> list[list[str]]:
        result = invoke(*args, "-d", EXAMPLES, "-f", "csv")
        assert result.exit_code == 0, result.stderr
        return [line.split(",") for line in result.stdout.splitlines()[1:]]

    sites = [r for r in listed("sites", "2024", "--suppress", "50") if r[0] == "phone"]
    assert "c" in {r[2] for r in sites}
    ids = [r[1] for r in sites]
    assert ids == [*sorted(ids[:-1]), "unknown"]  # by id, unknown last
    plain = [r for r in listed("sites", "2024") if r[0] == "phone"]
    counts = [int(r[2]) for r in plain]
    assert counts == sorted(counts, reverse=True)  # nothing hidden: largest first

    on_behalf = listed("breakdown", "2024", "--by", "on_behalf", "-c", "chat", "--suppress", "3")
    assert "c" in {r[5] for r in on_behalf}
    assert [r[4] for r in on_behalf] == sorted(r[4] for r in on_behalf)


def test_the_audit_attacks_the_report_as_the_report_publishes_it() -> None:
    """``alarm audit --report``: the report's own tables (its named groups, its cross-tab of
    age bands), as the report publishes them, none narrowed too far."""
    result = invoke("audit", "2024", "--report", "--suppress", "10", "-d", EXAMPLES, "-f", "csv")
    assert result.exit_code == 0, result.stdout
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    assert all(r["safe"] == "yes" for r in rows)
    # the report's named groups are among what it attacks; the year's base release (what
    # every command publishes) holds the report's tables, and hides all the report hides
    assert any(r["category"] == "acute" for r in rows)
    plain = invoke("audit", "2024", "--suppress", "10", "-d", EXAMPLES, "-f", "csv")
    assert plain.exit_code == 0, plain.stdout
    columns = ("channel", "metric", "dimension", "category", "months")
    everything = {tuple(r[c] for c in columns) for r in csv.DictReader(io.StringIO(plain.stdout))}
    assert {tuple(r[c] for c in columns) for r in rows} < everything
