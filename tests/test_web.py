"""Period files and ``alarm web``; figures that do not add across months (issue 8 items 4-6).

The format's edge cases are refused at FILE:LINE with a stable code; no figure command
adds a non-additive figure (the website's unique users) over months.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from alarmcli import arithmetic as ar
from alarmcli.cli import app
from alarmcli.periodic import PERIOD_COLUMNS, parse_row
from alarmcli.schemas import PeriodRow
from conftest import count_csv, invoke, write_counts
from test_figures import run_csv

HEADER = (*PERIOD_COLUMNS, "campaign", "list")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "data"


def month_rows(months: Iterable[str], visits: int = 10) -> list[tuple[object, ...]]:
    return [(m, "web", "visits", "total", "", visits) for m in months]


def data_dir(
    tmp_path: Path, period_rows: Iterable[tuple[object, ...]], *, name: str = "web.csv"
) -> Path:
    """A data directory: 2024's twelve months of 10 visits, and a period file."""
    for m in range(1, 13):
        month = f"2024-{m:02d}"
        write_counts(tmp_path, f"2024/{month}.csv", month_rows([month]))
    write_counts(tmp_path, f"2024/{name}", period_rows, header=HEADER)
    return tmp_path


def problems(directory: Path) -> list[tuple[str, int | None, str]]:
    """(file name, line, code) of every problem ``alarm validate`` reports."""
    result = invoke("validate", directory, "--format", "json")
    assert result.exit_code in {0, 1}, result.output
    return [(Path(p["file"]).name, p["line"], p["code"]) for p in json.loads(result.stdout)]


TOTAL = ("2024", "web", "visits", "total", "", 120, "", "")
USERS = ("2024", "web", "users", "total", "", 50, "", "")


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [("2024-13", "web", "users", "total", "", 5, "", "")],
            [(2, "bad-period")],
            id="month 13",
        ),
        pytest.param(
            [("2024-05..2024-03", "web", "users", "total", "", 5, "", "")],
            [(2, "bad-period")],
            id="backwards",
        ),
        pytest.param(
            [(" 2024", "web", "users", "total", "", 5, "", "")], [(2, "bad-period")], id="space"
        ),
        pytest.param(
            [("2024", "webb", "users", "total", "", 5, "", "")], [(2, "bad-channel")], id="channel"
        ),
        pytest.param(
            [("2024", "web", "reached", "total", "", 5, "", "")],
            [(2, "bad-metric")],
            id="metric of another channel",
        ),
        pytest.param(
            [("2024", "web", "users", "region", "Oslo", 5, "", "")],
            [(2, "bad-dimension")],
            id="dimension of another channel",
        ),
        pytest.param(
            [("2024", "web", "users", "total", "x", 5, "", "")],
            [(2, "bad-category")],
            id="total with a category",
        ),
        pytest.param(
            [("2024", "web", "users", "page", "", 5, "", "")],
            [(2, "missing-value")],
            id="no category",
        ),
        pytest.param(
            [("2024", "web", "users", "page", " /barn", 5, "", "")],
            [(2, "bad-category")],
            id="spaces around",
        ),
        pytest.param(
            [("2024", "web", "users", "page", "/barn\x1b[31m", 5, "", "")],
            [(2, "bad-category")],
            id="control character",
        ),
        pytest.param(
            [("2024", "web", "users", "page", "x" * 201, 5, "", "")],
            [(2, "bad-category")],
            id="too long",
        ),
        pytest.param(
            [("2024", "web", "visits", "visit_frequency", "9-4", 5, "", "")],
            [(2, "bad-category")],
            id="bucket backwards",
        ),
        pytest.param(
            [("2024", "web", "visits", "visit_frequency", "09", 5, "", "")],
            [(2, "bad-category")],
            id="bucket zero",
        ),
        pytest.param(
            [
                ("2024", "web", "visits", "visit_frequency", "9-14", 5, "", ""),
                ("2024", "web", "visits", "visit_frequency", "12", 1, "", ""),
            ],
            [(3, "bad-category")],
            id="buckets overlap",
        ),
        pytest.param(
            [("2024", "web", "users", "total", "", 5, "Snap", "")],
            [(2, "bad-campaign")],
            id="campaign on web",
        ),
        pytest.param(
            [("2024", "campaign", "reached", "total", "", 5, "", "")],
            [(2, "bad-campaign")],
            id="no campaign",
        ),
        pytest.param(
            [("2024", "web", "users", "page", "/barn", 5, "", "top")],
            [(2, "bad-list")],
            id="list value",
        ),
        pytest.param(
            [
                USERS,
                ("2024", "web", "users", "page", "/barn", 5, "", "partial"),
                ("2024", "web", "users", "page", "/", 6, "", ""),
            ],
            [(4, "bad-list")],
            id="list disagrees",
        ),
        pytest.param(
            [("2024", "web", "users", "total", "", "-3", "", "")], [(2, "bad-count")], id="negative"
        ),
        pytest.param(
            [("2024", "web", "users", "total", "", "1.5", "", "")],
            [(2, "bad-count")],
            id="fraction",
        ),
        pytest.param(
            [("2024", "web", "users", "total", "", "1" * 13, "", "")],
            [(2, "bad-count")],
            id="13 digits",
        ),
        pytest.param([USERS, USERS], [(3, "duplicate-row")], id="duplicate"),
        pytest.param(
            [USERS, ("2024", "web", "users", "source", "google", 51, "", "partial")],
            [(3, "exceeds-total")],
            id="row above its total",
        ),
        pytest.param(
            [
                TOTAL,
                ("2024", "web", "visits", "device", "mobile", 100, "", ""),
                ("2024", "web", "visits", "device", "desktop", 19, "", ""),
            ],
            [(2, "sum-mismatch")],
            id="whole list short of its total",
        ),
        pytest.param(
            [
                TOTAL,
                ("2024", "web", "visits", "place", "Oslo", 100, "", "partial"),
                ("2024", "web", "visits", "place", "Bergen", 21, "", "partial"),
            ],
            [(2, "sum-mismatch")],
            id="partial list above its total",
        ),
        pytest.param(
            [("2024", "web", "visits", "total", "", 121, "", "")],
            [(2, "sum-mismatch")],
            id="not the months' sum",
        ),
        pytest.param([("2024", "web", "users", "total", "", 5)], [(2, "ragged-row")], id="ragged"),
    ],
)
def test_a_bad_period_row_is_named_at_its_line(
    tmp_path: Path, rows: list[tuple[object, ...]], expected: list[tuple[int, str]]
) -> None:
    """Each broken rule is one problem at its file and line, with its code; exit 1."""
    directory = data_dir(tmp_path, rows)

    assert problems(directory) == [("web.csv", line, code) for line, code in expected]


def test_good_period_rows_are_valid(tmp_path: Path) -> None:
    """Whole and partial lists, non-additive rows above … nothing: no problem; exit 0."""
    rows = [
        TOTAL,
        USERS,
        ("2024", "web", "visits", "device", "mobile", 100, "", ""),
        ("2024", "web", "visits", "device", "desktop", 20, "", ""),
        ("2024", "web", "visits", "place", "Oslo", 100, "", "partial"),
        ("2024", "web", "users", "source", "google", 50, "", "partial"),
        (
            "2024",
            "web",
            "users",
            "source",
            "direct",
            40,
            "",
            "partial",
        ),  # 90 > 50: one person, two sources
        ("2024", "web", "visits", "visit_frequency", "1", 100, "", ""),
        ("2024", "web", "visits", "visit_frequency", "2-8", 15, "", ""),
        ("2024", "web", "visits", "visit_frequency", "9+", 5, "", ""),
        ("2024-03", "campaign", "reached", "total", "", 900, "Mars", ""),
        ("2024-03", "campaign", "reached", "region", "Finnmark", 90, "Mars", "partial"),
    ]
    directory = data_dir(tmp_path, rows)

    result = invoke("validate", directory)

    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "13 files, 24 rows: no problems\n"


def test_messages_name_file_line_and_what_to_do(tmp_path: Path) -> None:
    """The report's lines in English and Norwegian: FILE:LINE: message."""
    directory = data_dir(
        tmp_path, [USERS, ("2024", "web", "users", "source", "google", 51, "", "")]
    )
    path = directory / "2024" / "web.csv"

    en = invoke("validate", directory).stdout
    nb = invoke("validate", directory, "--lang", "nb").stdout

    where = f"{path}:3: 2024 web users source `google`"
    assert en == f"{where} counts 51, more than its total of 50 ({path}:2)\n"
    assert nb == f"{where} teller 51, mer enn totalen på 50 ({path}:2)\n"


def test_a_misspelt_period_column_is_named(tmp_path: Path) -> None:
    """A period file without its `count` column is refused at line 1 with a did-you-mean."""
    path = tmp_path / "2024" / "web.csv"
    path.parent.mkdir(parents=True)
    path.write_text(
        "period,channel,metric,dimension,category,cuont\n2024,web,users,total,,5\n", "utf-8"
    )

    result = invoke("validate", tmp_path)

    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:1: the header has no column `count` (is it misspelt as `cuont`?); it needs "
        "period,channel,metric,dimension,category,count\n"
    )


def test_semicolons_and_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    """Norwegian Excel's period file (`;`, BOM) reads like any other."""
    path = tmp_path / "2024" / "web.csv"
    path.parent.mkdir(parents=True)
    text = count_csv([USERS], header=HEADER, sep=";")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    result = invoke("web", "2024", "-d", tmp_path, "-f", "csv")

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == "web,users,total,,50,50,,2024,,"


def test_a_count_file_with_a_period_column_stays_a_count_file(tmp_path: Path) -> None:
    """A count file that happens to have an extra `period` column means what it meant."""
    header = ("month", "channel", "metric", "dimension", "category", "count", "period")
    write_counts(
        tmp_path,
        "2024/extra.csv",
        [("2024-01", "phone", "answered", "total", "", 7, "x")],
        header=header,
    )

    result = invoke("summary", "2024-01", "-d", tmp_path, "-f", "csv")

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("phone,answered,2024,7,")


def test_a_month_file_with_a_period_header_is_a_count_file(tmp_path: Path) -> None:
    """`2024-06.csv` is a count file whatever its header: a period header lacks `month`."""
    write_counts(tmp_path, "2024/2024-06.csv", [USERS], header=HEADER)

    assert problems(tmp_path) == [("2024-06.csv", 1, "missing-column")]


@pytest.mark.parametrize(
    "row",
    [
        {"period": "2024", "channel": "web", "metric": "users", "dimension": "total", "count": 5},
        {
            "period": "2020-07..2020-12",
            "channel": "web",
            "metric": "visits",
            "dimension": "visit_frequency",
            "category": "201+",
            "count": 5,
        },
        {
            "period": "2024-13",
            "channel": "web",
            "metric": "users",
            "dimension": "total",
            "count": 5,
        },
        {"period": "2024", "channel": "web", "metric": "reached", "dimension": "total", "count": 5},
        {
            "period": "2024",
            "channel": "campaign",
            "metric": "reached",
            "dimension": "total",
            "count": 5,
        },
        {
            "period": "2024",
            "channel": "campaign",
            "metric": "reached",
            "dimension": "total",
            "count": 5,
            "campaign": "Snap",
        },
        {
            "period": "2024",
            "channel": "web",
            "metric": "users",
            "dimension": "page",
            "category": " /barn",
            "count": 5,
        },
        {
            "period": "2024",
            "channel": "web",
            "metric": "visits",
            "dimension": "visit_frequency",
            "category": "9-4",
            "count": 5,
        },
        {
            "period": "2024",
            "channel": "web",
            "metric": "users",
            "dimension": "page",
            "category": "/barn",
            "count": 5,
            "list": "top",
        },
    ],
)
def test_the_schema_model_and_the_reader_agree(tmp_path: Path, row: dict[str, Any]) -> None:
    """A row the JSON Schema's model accepts is a row `alarm validate` accepts, and back."""
    try:
        PeriodRow(**row)
        accepted = True
    except ValidationError:
        accepted = False
    path = tmp_path / "p.csv"
    cells = {**dict.fromkeys(HEADER, ""), **{k: str(v) for k, v in row.items()}}
    path.write_text(count_csv([cells], header=HEADER), "utf-8")
    write_counts(tmp_path, "2024-01.csv", month_rows(["2024-01"]))

    assert (problems(tmp_path) == []) == accepted


# --- alarm web ---------------------------------------------------------------------------


def test_web_shows_the_2024_campaigns_to_the_digit() -> None:
    """The 2024 report: 563 623 reached, 66 712 opens, 22 015 clicks."""
    result = invoke("web", "2024", "-c", "campaign", "-d", EXAMPLES, "-f", "csv")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "channel,metric,dimension,category,count,total,share_pct,period,campaign,list\n"
        "campaign,reached,total,,563623,563623,,2024,Snapchat (mars og desember),\n"
        "campaign,opens,total,,66712,66712,,2024,Snapchat (mars og desember),\n"
        "campaign,clicks,total,,22015,22015,,2024,Snapchat (mars og desember),\n"
    )


def test_a_partial_list_has_a_note() -> None:
    """A top list is marked partial, and a note under the table says so."""
    result = invoke("web", "2024", "--by", "page", "-d", EXAMPLES, "--lang", "en")
    rows = run_csv("web", "2024", "--by", "page", "-d", EXAMPLES)

    assert result.exit_code == 0, result.stderr
    assert {r["list"] for r in rows if r["dimension"] == "page"} == {"partial"}
    assert {r["list"] for r in rows if r["dimension"] == "total"} == {""}
    assert (
        "• Website page views by page (2024): a partial list (9 of the categories, as "
        "published), so its rows add up to less than the total"
    ) in " ".join(result.stdout.split())


def test_web_without_a_table_in_the_period_exits_1() -> None:
    """A period no period file covers is no data: exit 1, the periods named."""
    result = invoke("web", "2019", "-d", EXAMPLES)

    assert result.exit_code == 1
    assert result.stderr.startswith("error: no website or campaign table measured within 2019")


def test_web_suppresses_small_counts() -> None:
    """--suppress hides the small places and enough others; the audit finds none exposed."""
    result = invoke(
        "web", "2020", "--by", "place", "-d", EXAMPLES, "-f", "csv", "--suppress", "500"
    )

    assert result.exit_code == 0, result.stderr
    rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
    hidden = {r[3] for r in rows if r[4] == "c"}
    assert {"Sandnes", "Drammen", "Tromsø"} <= hidden  # 434, 439, 497
    assert "Oslo" not in hidden
    # the same table, protected in process: the independent audit narrows no hidden count
    from alarmcli import dataset, web
    from alarmcli.audit import audit
    from alarmcli.suppression import SUPPRESSED, protect

    published = protect([web.table(dataset.load(EXAMPLES), 2020, by="place")], 500)
    findings = audit(published, 500)
    # the table audited is the one the command printed
    in_process = {r["category"] for r in published[0].records if r["count"] is SUPPRESSED}
    assert in_process == hidden
    assert {f.key[3] for f in findings} >= {"Sandnes", "Drammen", "Tromsø"}
    assert all(f.safe for f in findings), [f for f in findings if not f.safe]


# --- the non-additive rule ----------------------------------------------------------------

#: Figure commands and the arguments they are run with; every command of the app that
#: reads counts must be here or in NOT_FIGURES, so a new command cannot skip this test.
PERIODS = ("2024", "2024-01..2024-06", "2024-03")
RUNS: dict[str, list[list[str]]] = {
    "summary": [[p] for p in PERIODS] + [[p, "-c", "web"] for p in PERIODS],
    "series": [[p, "-c", "web"] for p in PERIODS],
    "compare": [
        ["2023", "2024"],
        ["2023", "2024", "--by", "month"],
        ["2023-01..2023-06", "2024-01..2024-06"],
        ["2023", "2024", "--by", "hour", "-c", "web"],
    ],
    "breakdown": [[p, "--by", "hour", "-c", "web"] for p in PERIODS],
    "sites": [[p, "-c", "web"] for p in PERIODS],
    "crosstab": [[p, "--rows", "hour", "--columns", "site", "-c", "web"] for p in PERIODS],
    "audit": [["2024", "--suppress", "3"]],
    "web": [[p] for p in PERIODS],
    "opening": [[p, "-c", "web"] for p in PERIODS] + [["2024"]],
    "times": [[p, "-c", "web", "--by", by] for p in PERIODS for by in ("total", "month")],
}
NOT_FIGURES = {"validate", "aggregate", "import", "schema", "report", "chart"}
COUNTS = {"total", "previous_total", "count", "count_a", "count_b", "peak_count", "low_count",
          "column_total", "change", "low", "high"}  # fmt: skip
RATES = {"per_month", "per_day", "per_day_a", "per_day_b", "per_day_change_pct"}
SHARES = {"share_pct", "change_pct"}
MEASURED = {"2024": 3_000_001, "2024-01..2024-06": 1_500_001}


def users(month: int) -> int:
    """A month's unique users: a power of two, so no sum of two or more months is one."""
    return 2 ** (month + 9)


def non_additive_dir(tmp_path: Path) -> Path:
    """2023 and 2024 with small phone and visit counts; 2024's users by month and by hour."""
    for year in (2023, 2024):
        for m in range(1, 13):
            month = f"{year}-{m:02d}"
            rows: list[tuple[object, ...]] = [
                (month, "phone", "answered", "total", "", m),
                (month, "phone", "answered", "site", "oslo", m),
                *month_rows([month], visits=m + 20),
            ]
            if year == 2024:
                rows += [
                    (month, "web", "users", "total", "", users(m)),
                    (month, "web", "users", "hour", "0", users(m) - 5),
                    (month, "web", "users", "hour", "1", 5),
                ]
            write_counts(tmp_path, f"{year}/{month}.csv", rows)
    write_counts(
        tmp_path,
        "2024/web-2024.csv",
        [(p, "web", "users", "total", "", n, "", "") for p, n in MEASURED.items()],
        header=HEADER,
    )
    return tmp_path


def allowed_counts() -> set[int]:
    """Every users count a command may show: a month's own, or a figure as measured."""
    single = {users(m) for m in range(1, 13)} | {users(m) - 5 for m in range(1, 13)} | {5}
    return single | set(MEASURED.values())


def numbers(record: dict[str, Any], columns: set[str]) -> list[int | float]:
    return [v for k, v in record.items() if k in columns and isinstance(v, int | float)]


def test_every_figure_command_is_checked() -> None:
    """The runs below cover every command of the app that shows figures."""
    commands = {c.name for c in app.registered_commands}
    assert commands == set(RUNS) | NOT_FIGURES


def test_no_command_sums_a_non_additive_figure_across_months(tmp_path: Path) -> None:
    """Every users figure any command shows is one month's own or one measured figure.

    Monthly users are powers of two, so a sum of two or more months is none of them;
    the measured figures are odd. Changes and shares must come from such figures, and
    users have no per-month or per-day rate. (Before period files, summary 2024 showed
    the twelve months' sum.)
    """
    directory = non_additive_dir(tmp_path)
    counts = allowed_counts()
    differences = {a - b for a in counts for b in counts}
    shares = {ar.percent(a, b) for a in counts for b in counts} | {
        ar.change_percent(a, b) for a in counts for b in counts
    }
    seen = 0
    for command, runs in RUNS.items():
        for args in runs:
            result = invoke(command, *args, "-d", directory, "-f", "json")
            assert result.exit_code in {0, 1}, (command, args, result.output)
            if result.exit_code:
                continue
            for record in json.loads(result.stdout):
                if record.get("metric") not in {"users", "reached"}:
                    continue
                seen += 1
                where = (command, args, record)
                # a count is a month's own or as measured; only a change may be a difference
                assert all(v in counts for v in numbers(record, COUNTS - {"change"})), where
                assert all(v in differences for v in numbers(record, {"change"})), where
                assert numbers(record, RATES) == [], where
                assert all(v in shares for v in numbers(record, SHARES)), where
    assert seen == 4 + 19 + 3  # summary (2024, 2024-01..2024-06), series, web show users


def test_summary_shows_the_measured_users_and_nothing_else(tmp_path: Path) -> None:
    """summary 2024 shows 3 000 001 users as measured; 2024-02..2024-03 none, and says why."""
    directory = non_additive_dir(tmp_path)

    year = invoke("summary", "2024", "-c", "web", "-d", directory, "-f", "csv")
    months = invoke("summary", "2024-02..2024-03", "-c", "web", "-d", directory, "-f", "csv")

    assert year.stdout.splitlines()[-1] == "web,users,2024,3000001,,,,12,,,,,2024,,,"
    assert "users" not in months.stdout
    assert months.stderr == (
        "warning: Website users: none shown for 2024-02..2024-03; users do not add up across "
        "months, and no period file holds a figure measured over 2024-02..2024-03 (alarm "
        "series shows each month's own)\n"
    )


def test_the_2020_users_are_measured_since_july() -> None:
    """The 2020 website opened in July: its users are the figure of 2020-07..2020-12."""
    result = invoke("summary", "2020", "-c", "web", "-d", EXAMPLES, "-f", "csv")

    assert result.stdout.splitlines()[-1] == "web,users,2020,21896,,,,6,,,,,2020,,,"
    assert re.search(
        r"warning: Website users: the figure measured over 2020-07\.\.2020-12 "
        r"\(.*web-2020\.csv:4\)",
        result.stderr,
    )


def test_a_share_is_exact() -> None:
    """A share is count / total rounded once: 556 of 30 213 visits is 1.8 %."""
    result = invoke("web", "2020", "--by", "visit_frequency", "-d", EXAMPLES, "-f", "json")
    record = next(
        r for r in json.loads(result.stdout) if r["category"] == "9-14" and r["metric"] == "visits"
    )

    assert record["share_pct"] == ar.round_half_away(Fraction(556 * 100, 30213)) == 1.8


# --- the JSON Schema's model and the reader, on any row ------------------------------------

TEXT = st.one_of(
    st.just(""),
    st.sampled_from(["/barn", "Oslo kommune", " Oslo", "Oslo\t", "9-14", "201+", "0", "9-4"]),
    st.text(max_size=210),
)


@settings(max_examples=300, deadline=None)
@given(
    period=st.sampled_from(
        ["2024", "2024-06", "2020-07..2020-12", "2024-13", "2024-05..2024-03", " 2024", "24"]
    ),
    channel=st.sampled_from(["web", "campaign", "webb"]),
    metric=st.sampled_from(
        [
            "visits",
            "pageviews",
            "users",
            "reached",
            "exposures",
            "opens",
            "clicks",
            "swipe_ups",
            "answered",
        ]
    ),
    dimension=st.sampled_from(
        ["total", "source", "device", "page", "place", "visit_frequency", "region", "site"]
    ),
    category=TEXT,
    count=st.integers(0, 10**13),
    campaign=TEXT,
    listed=st.sampled_from(["", "partial", "top"]),
)
def test_the_model_and_the_reader_agree_on_any_row(
    period: str,
    channel: str,
    metric: str,
    dimension: str,
    category: str,
    count: int,
    campaign: str,
    listed: str,
) -> None:
    """schemas/period-row.schema.json's model accepts exactly the rows the reader accepts."""
    cells = {
        "period": period, "channel": channel, "metric": metric, "dimension": dimension,
        "category": category, "count": str(count), "campaign": campaign, "list": listed,
    }  # fmt: skip
    row, found = parse_row("p.csv", 2, cells)
    try:
        PeriodRow(**{**cells, "count": count})
        accepted = True
    except ValidationError:
        accepted = False

    assert (row is not None and not found) == accepted, (cells, found)


def half_year(tmp_path: Path, period_rows: Iterable[tuple[object, ...]]) -> Path:
    """Visits July-December 2020 only (the site opened in July), and a period file."""
    for m in range(7, 13):
        month = f"2020-{m:02d}"
        write_counts(tmp_path, f"2020/{month}.csv", month_rows([month]))
    write_counts(tmp_path, "2020/web.csv", period_rows, header=HEADER)
    return tmp_path


def test_users_measured_over_the_months_with_data_are_the_years(tmp_path: Path) -> None:
    """No users in the month files; 40 measured over July-December, when the site had
    visits: summary 2020 shows 40 as the year's."""
    half_year(tmp_path, [("2020-07..2020-12", "web", "users", "total", "", 40, "", "")])
    rows = [r for r in run_csv("summary", "2020", "-d", tmp_path) if r["metric"] == "users"]
    assert [(r["total"], r["months"]) for r in rows] == [("40", "6")]


def test_one_months_users_are_not_the_years(tmp_path: Path) -> None:
    """Users measured over September only, when the site had visits July-December: not
    2020's users; no row, and a note."""
    half_year(tmp_path, [("2020-09", "web", "users", "total", "", 8, "", "")])
    result = invoke("summary", "2020", "-d", tmp_path, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert ",users," not in result.stdout
    assert "Website users: none shown for 2020" in result.stderr


@pytest.mark.parametrize(
    ("header", "newline"),
    [
        ("period,channel,metric,dimension,category,count", "\r"),
        ("Period,Channel,Metric,Dimension,Category,Count", "\n"),
    ],
    ids=["lone CR", "capitals"],
)
def test_a_period_header_is_known_as_one(tmp_path: Path, header: str, newline: str) -> None:
    """A period file with old Mac line ends is read; one with capitalised columns is
    named as a period file with misspelt columns, not a count file without `month`."""
    data_dir(tmp_path, [])
    (tmp_path / "2024" / "web.csv").write_text(
        newline.join([header, "2024,web,users,total,,5", ""]), encoding="utf-8"
    )
    result = invoke("validate", tmp_path)
    if newline == "\r":
        assert result.exit_code == 0, result.stdout
    else:
        assert "it needs period,channel,metric,dimension,category,count" in result.stdout
        assert "no column `month`" not in result.stdout


def test_one_months_users_in_both_files_must_agree(tmp_path: Path) -> None:
    """June's users are 7 in the month file and 9 in a period file: one of them is wrong."""
    for m in range(1, 13):
        month = f"2024-{m:02d}"
        rows = [*month_rows([month]), (month, "web", "users", "total", "", 7)]
        write_counts(tmp_path, f"2024/{month}.csv", rows)
    write_counts(
        tmp_path,
        "2024/web.csv",
        [("2024-06", "web", "users", "total", "", 9, "", "")],
        header=HEADER,
    )
    assert problems(tmp_path) == [("web.csv", 2, "sum-mismatch")]


def test_a_backwards_period_says_so(tmp_path: Path) -> None:
    data_dir(tmp_path, [("2024-05..2024-03", "web", "users", "total", "", 5, "", "")])
    result = invoke("validate", tmp_path)
    assert "web.csv:2: `2024-05..2024-03` runs backwards; write the earlier month first" in (
        result.stdout
    )


def test_a_table_across_the_year_boundary_is_named(tmp_path: Path) -> None:
    """A campaign measured over 2023-12..2024-01 lies in neither year: a note says so."""
    data_dir(
        tmp_path, [TOTAL, ("2023-12..2024-01", "campaign", "reached", "total", "", 5000, "Jul", "")]
    )
    result = invoke("web", "2024", "-d", tmp_path, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert "tables measured over 2023-12..2024-01 reach outside 2024" in result.stderr


def test_compare_says_it_leaves_out_users() -> None:
    result = invoke("compare", "2023", "2024", "-c", "web", "-d", EXAMPLES, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert ",users," not in result.stdout
    assert "Website users: not compared here, as they do not add up across months" in (
        result.stderr
    )


def test_a_web_table_with_hidden_rows_is_listed_by_id() -> None:
    """Places listed largest first would bound a hidden place by its neighbours; with
    anything hidden they are listed by name (the total first), visit frequencies as ever."""
    result = invoke(
        "web", "2020", "--by", "place", "-d", EXAMPLES, "-f", "csv", "--suppress", "500"
    )
    assert result.exit_code == 0, result.stderr
    rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
    places = [r[3] for r in rows if r[2] == "place"]
    assert "c" in {r[4] for r in rows}
    assert places == sorted(places)
    assert rows[0][2] == "total"
