"""Service calendars (``[service.CHANNEL]`` in taxonomy.toml): edge cases worked by hand.

The calendar's days and hours, the daylight-saving days, the ``HH-HH`` hours, properties
of the per-day base, and the commands on real files: ``validate`` reports counts when a
channel was closed, the figure commands divide per-day figures by the days it was open,
and a data directory without ``[service]`` gives the output it gave before calendars.
"""

from __future__ import annotations

import calendar as cal
import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alarmcli import taxonomy
from alarmcli.periods import days_covered, month_id, year_months
from alarmcli.schemas import Service as ServiceModel
from alarmcli.services import (
    HOURS,
    Calendar,
    Hours,
    Service,
    hours_text,
    month_hours,
    parse_hours,
)
from conftest import invoke, write_counts

ALL_WEEK = frozenset(range(7))
MON_FRI = frozenset(range(5))
SAT_SUN = frozenset({5, 6})
OSLO = "Europe/Oslo"


def chat(service: Service) -> Calendar:
    """A calendar where chat has ``service`` and every other channel is open round the clock."""
    return Calendar({"chat": service})


def span(low: int, high: int) -> frozenset[int]:
    return frozenset(range(low, high))


# ---------------------------------------------------------------- days


def test_opening_mid_month_in_a_leap_year() -> None:
    """Opened on 15 February 2024: February has 15 open days of 29, the year 321 of 366."""
    c = chat(Service(opened=date(2024, 2, 15)))
    # February 2024 has 29 days (leap year); open the 15th … 29th: 29 - 14 = 15
    assert c.days("chat", ["2024-02"]) == 15
    assert c.closed_dates("chat", "2024-02") == frozenset(range(1, 15))
    # January 0, February 15, March–December 31+30+31+30+31+31+30+31+30+31 = 306: 321
    assert c.days("chat", ["2024-01"]) == 0
    assert c.days("chat", year_months(2024)) == 321
    assert c.closed_throughout("chat", "2024-01") == HOURS
    assert c.closed_throughout("chat", "2024-02") == frozenset()
    # another channel has no calendar: every day counts
    assert c.days("phone", year_months(2024)) == 366


def test_chat_opened_on_7_april_2020() -> None:
    """The examples' chat: 269 days in 2020, 177 in April–September, 24 in April."""
    c = chat(Service(opened=date(2020, 4, 7)))
    # April: 30 - 6 = 24; May–December: 31+30+31+31+30+31+30+31 = 245; 24 + 245 = 269
    assert c.days("chat", ["2020-04"]) == 24
    assert c.days("chat", year_months(2020)) == 269
    # April–September: 24 + 31 + 30 + 31 + 31 + 30 = 177 (183 calendar days)
    april_september = [f"2020-{m:02d}" for m in range(4, 10)]
    assert c.days("chat", april_september) == 177
    # a month named twice is counted once
    assert c.days("chat", [*april_september, "2020-04"]) == 177
    assert c.open_hours("chat", date(2020, 4, 6)) == frozenset()
    assert c.open_hours("chat", date(2020, 4, 7)) == HOURS


def test_closed_after_its_closed_day() -> None:
    """``closed = 2022-06-10`` is the last open day: June has 10 days, July none."""
    c = chat(Service(closed=date(2022, 6, 10)))
    assert c.open_hours("chat", date(2022, 6, 10)) == HOURS
    assert c.open_hours("chat", date(2022, 6, 11)) == frozenset()
    assert c.days("chat", ["2022-06"]) == 10
    assert c.closed_dates("chat", "2022-06") == frozenset(range(11, 31))
    assert c.days("chat", ["2022-07"]) == 0
    assert c.closed_throughout("chat", "2022-07") == HOURS
    # January–June 2022: 31 + 28 + 31 + 30 + 31 + 10 = 161
    assert c.days("chat", year_months(2022)) == 161


def test_closed_days() -> None:
    """Christmas Eve and Day closed: December 2024 has 29 open days and no closed hour."""
    c = chat(Service(closed_days=frozenset({date(2024, 12, 24), date(2024, 12, 25)})))
    assert c.days("chat", ["2024-12"]) == 29
    assert c.closed_dates("chat", "2024-12") == {24, 25}
    assert c.closed_throughout("chat", "2024-12") == frozenset()
    # 29 days × 24 hours (no daylight-saving change in December)
    assert c.service_hours("chat", ["2024-12"]) == 696
    assert c.days("chat", ["2023-12"]) == 31


def test_opening_hours_change_mid_month() -> None:
    """Round the clock until 14 January 2024, 14-24 from the 15th.

    No hour was closed throughout January (the 1st … 14th were open round the clock);
    00-14 are closed throughout February.
    """
    c = chat(
        Service(
            hours=(
                Hours(date(2024, 1, 1), HOURS, ALL_WEEK),
                Hours(date(2024, 1, 15), span(14, 24), ALL_WEEK),
            )
        )
    )
    assert c.open_hours("chat", date(2024, 1, 14)) == HOURS
    assert c.open_hours("chat", date(2024, 1, 15)) == span(14, 24)
    assert c.closed_throughout("chat", "2024-01") == frozenset()
    assert c.closed_throughout("chat", "2024-02") == span(0, 14)
    assert c.days("chat", ["2024-01"]) == 31
    # 14 days × 24 + 17 days × 10 = 336 + 170 = 506
    assert c.service_hours("chat", ["2024-01"]) == 506


def test_hours_entries_are_sorted_by_their_first_day() -> None:
    """The entries apply by date, in whatever order the file lists them."""
    late, early = (
        Hours(date(2024, 1, 15), span(14, 24), ALL_WEEK),
        Hours(date(2024, 1, 1), HOURS, ALL_WEEK),
    )
    model = ServiceModel.model_validate(
        {
            "hours": [
                {"from": late.start, "open": ["14-24"]},
                {"from": early.start, "open": ["00-24"]},
            ]
        }
    )
    assert Service.of(model).hours == (early, late)


def test_weekday_hours() -> None:
    """Monday–Friday 15-23 and Saturday, Sunday 00-24 from 1 January 2024 (a Monday).

    January 2024: four whole weeks (20 weekdays, 8 weekend days), then Monday 29 …
    Wednesday 31: 23 weekdays, 8 weekend days. Hours: 23 × 8 + 8 × 24 = 184 + 192 = 376.
    """
    assert date(2024, 1, 1).weekday() == 0
    weekdays = Hours(date(2024, 1, 1), span(15, 23), MON_FRI)
    weekend = Hours(date(2024, 1, 1), HOURS, SAT_SUN)
    c = chat(Service(hours=(weekdays, weekend)))
    assert c.open_hours("chat", date(2024, 1, 5)) == span(15, 23)  # Friday
    assert c.open_hours("chat", date(2024, 1, 6)) == HOURS  # Saturday
    assert c.service_hours("chat", ["2024-01"]) == 376
    assert c.days("chat", ["2024-01"]) == 31
    # open round the clock at weekends: no hour closed throughout the month
    assert c.closed_throughout("chat", "2024-01") == frozenset()

    # weekdays only: the weekends are closed days
    only = chat(Service(hours=(weekdays,)))
    assert only.days("chat", ["2024-01"]) == 23
    assert only.closed_dates("chat", "2024-01") == {6, 7, 13, 14, 20, 21, 27, 28}
    assert only.closed_throughout("chat", "2024-01") == HOURS - span(15, 23)


def test_entries_from_one_day_make_up_the_week() -> None:
    """A change of hours describes the whole week: a weekday it does not list is closed.

    Round the clock from 2024-01-01, Monday–Friday 14-24 from 2024-02-01 (a Thursday):
    February's 8 weekend days (3, 4, 10, 11, 17, 18, 24, 25) are closed, 29 - 8 = 21 open.
    """
    c = chat(
        Service(
            hours=(
                Hours(date(2024, 1, 1), HOURS, ALL_WEEK),
                Hours(date(2024, 2, 1), span(14, 24), MON_FRI),
            )
        )
    )
    assert c.days("chat", ["2024-02"]) == 21
    assert c.closed_dates("chat", "2024-02") == {3, 4, 10, 11, 17, 18, 24, 25}


def test_hours_past_midnight() -> None:
    """``22-08`` is 22–24 and 00–08 of the same date; 08-22 closed throughout the month."""
    c = chat(Service(hours=(Hours(date(2024, 1, 1), parse_hours("22-08"), ALL_WEEK),)))
    assert c.open_hours("chat", date(2024, 1, 10)) == {22, 23, 0, 1, 2, 3, 4, 5, 6, 7}
    assert c.closed_throughout("chat", "2024-01") == span(8, 22)
    assert c.days("chat", ["2024-01"]) == 31
    # 31 days × 10 hours; in March the hour 02–03 of Sunday 31 March does not exist in Oslo
    assert c.service_hours("chat", ["2024-01"]) == 310
    assert c.service_hours("chat", ["2024-03"], OSLO) == 309


def test_an_empty_list_of_hours_is_a_closed_day() -> None:
    """``open = []`` on Sundays: no hours, so Sundays are not counted as open days."""
    c = chat(
        Service(
            hours=(
                Hours(date(2024, 1, 1), HOURS, ALL_WEEK - {6}),
                Hours(date(2024, 1, 1), frozenset(), frozenset({6})),
            )
        )
    )
    # January 2024's Sundays: 7, 14, 21, 28
    assert c.closed_dates("chat", "2024-01") == {7, 14, 21, 28}
    assert c.days("chat", ["2024-01"]) == 27


def test_all_channels_is_open_when_any_contact_channel_is() -> None:
    """``all``: a day counts when any contact channel was open (phone has no calendar)."""
    c = chat(Service(opened=date(2020, 4, 7)))
    assert c.has("all")
    assert c.days("all", ["2020-04"]) == 30
    both = Calendar(
        {
            "chat": Service(opened=date(2020, 4, 7)),
            **{ch: Service(opened=date(2020, 4, 3)) for ch in ("phone", "sms", "email", "ungno")},
        }
    )
    # every contact channel opened on the 3rd or the 7th: the 3rd … 30th, 28 days
    assert both.days("all", ["2020-04"]) == 28
    assert not Calendar({"web": Service(opened=date(2020, 4, 7))}).has("all")
    # among the channels that have data: chat alone opened on the 7th, 24 days
    assert c.days("all", ["2020-04"], among=["chat"]) == 24


# ---------------------------------------------------------------- daylight saving


@pytest.mark.parametrize(
    ("hours", "month", "expected"),
    [
        # 31 days × 24 hours = 744; Sunday 31 March 2024 has 23 hours in Oslo (02 → 03)
        pytest.param(HOURS, "2024-03", 743, id="march-round-the-clock"),
        # Sunday 27 October 2024 has 25 (03 → 02): 744 + 1
        pytest.param(HOURS, "2024-10", 745, id="october-round-the-clock"),
        # 00-04 every day: 31 × 4 = 124, less the 02–03 that 31 March does not have
        pytest.param(span(0, 4), "2024-03", 123, id="march-00-04"),
        # … and 02–03 twice on 27 October: 124 + 1
        pytest.param(span(0, 4), "2024-10", 125, id="october-00-04"),
        # the afternoon and evening never change: 31 × 10
        pytest.param(span(14, 24), "2024-03", 310, id="march-14-24"),
        pytest.param(span(14, 24), "2024-10", 310, id="october-14-24"),
        # 30 days × 24 in April: no change
        pytest.param(HOURS, "2024-04", 720, id="april"),
    ],
)
def test_daylight_saving_days(hours: frozenset[int], month: str, expected: int) -> None:
    """Service hours are elapsed time in Oslo: the clock's missing and doubled hour count."""
    c = chat(Service(hours=(Hours(date(2024, 1, 1), hours, ALL_WEEK),)))
    assert c.service_hours("chat", [month], OSLO) == expected
    # in UTC every day has 24 hours
    assert c.service_hours("chat", [month], "UTC") == len(hours) * days_covered([month])


def test_service_hours_default_to_oslo_time() -> None:
    """Without a time zone the hours are Oslo's (round the clock: 743 in March 2024)."""
    assert Calendar().service_hours("phone", ["2024-03"]) == 743


# ---------------------------------------------------------------- HH-HH


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("14-24", span(14, 24)),
        ("00-24", HOURS),
        ("00-04", span(0, 4)),
        ("22-08", span(22, 24) | span(0, 8)),
        ("22-02", {22, 23, 0, 1}),
        ("23-00", {23}),
        ("0-1", {0}),
        (" 15-23 ", span(15, 23)),
    ],
)
def test_parse_hours(text: str, hours: frozenset[int]) -> None:
    """``HH-HH`` is the clock hours from the first up to (not including) the second."""
    assert parse_hours(text) == hours


@pytest.mark.parametrize(
    "text",
    [
        "14-25",
        "14-14",
        "00-00",
        "24-02",
        "24-24",
        "1424",
        "14-",
        "-14",
        "a-b",
        "",
        "14--2",
        "14-2-3",
        "-1-3",
        "14.5-16",
    ],
)
def test_parse_hours_errors(text: str) -> None:
    """A range that is not two clock hours, or an empty one, is a ValueError naming it."""
    with pytest.raises(ValueError, match="is not a range of clock hours"):
        parse_hours(text)


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (set(), ""),
        (HOURS, "00-24"),
        ({0, 1, 2, 3, 14, 15}, "00-04, 14-16"),
        (span(22, 24) | span(0, 8), "22-08"),  # one run past midnight
        ({23, 0}, "23-01"),
        ({0, 23, 5}, "23-01, 05-06"),
        ({3}, "03-04"),
        ([14, 15, 14], "14-16"),
    ],
)
def test_hours_text(hours: set[int], text: str) -> None:
    """Hours as ranges, as taxonomy.toml writes them, joined past midnight; none is empty."""
    assert hours_text(hours) == text


def test_parse_and_text_round_trip_every_range() -> None:
    """Every ``HH-HH`` comes back from its hours in one form (``23-00`` as ``23-24``)."""
    for low in range(24):
        for high in range(25):
            if low == high:
                continue
            hours = parse_hours(f"{low:02d}-{high:02d}")
            assert hours_text(hours) == f"{low:02d}-{high or 24:02d}"


@given(st.frozensets(st.integers(0, 23)))
def test_hours_text_round_trips_any_hours(hours: frozenset[int]) -> None:
    """Parsing each range of ``hours_text`` gives back the hours."""
    text = hours_text(hours)
    back = frozenset().union(*(parse_hours(p) for p in text.split(", ")) if hours else ())
    assert back == hours
    assert (text == "") == (not hours)


# ---------------------------------------------------------------- properties

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# Oslo's years 1895 (local mean time to CET), 1940 (summer time until 1942) and 1942
# (back to CET) do not balance; every year since 1946 has both changes or neither.
@SETTINGS
@given(st.integers(1946, 2200))
def test_round_the_clock_hours_of_a_year(year: int) -> None:
    """Round the clock, any year has 24 hours × its days: the two DST days balance."""
    days = 366 if cal.isleap(year) else 365
    assert Calendar().service_hours("phone", year_months(year), OSLO) == 24 * days


DAYS = st.dates(date(2018, 11, 1), date(2026, 2, 28))
MONTHS = st.lists(
    st.tuples(st.integers(2019, 2025), st.integers(1, 12)).map(lambda ym: month_id(*ym)),
    max_size=14,
)


@st.composite
def services(draw: st.DrawFn) -> Service:
    """Any calendar: maybe opened, maybe closed, hours over time by weekday, closed days."""
    opened = draw(st.none() | DAYS)
    closed = draw(st.none() | DAYS)
    if opened and closed and closed < opened:
        opened, closed = closed, opened
    entries = draw(
        st.lists(
            st.builds(
                Hours,
                DAYS,
                st.frozensets(st.integers(0, 23)),
                st.frozensets(st.integers(0, 6), min_size=1),
            ),
            max_size=4,
        )
    )
    return Service(
        opened,
        closed,
        tuple(sorted(entries, key=lambda h: h.start)),
        draw(st.frozensets(DAYS, max_size=10)),
    )


@SETTINGS
@given(services(), MONTHS)
def test_days_add_up_over_months(service: Service, months: list[str]) -> None:
    """The days over a set of months are the sum over each month, at most the calendar's."""
    c = chat(service)
    total = c.days("chat", months)
    assert total == sum(c.days("chat", [m]) for m in set(months))
    assert total <= days_covered(months)
    # and each month's days are those not closed all day
    for month in set(months):
        every = days_covered([month])
        assert c.days("chat", [month]) == every - len(c.closed_dates("chat", month))


@SETTINGS
@given(services(), st.dates(date(2019, 1, 1), date(2025, 12, 31)))
def test_a_month_profile_is_its_days(service: Service, day: date) -> None:
    """A month's profile (one week repeated where the calendar does not change) is, day
    for day, what the calendar says of each day."""
    profile = month_hours(service, day.isoformat()[:7])
    assert len(profile) == cal.monthrange(day.year, day.month)[1]
    assert profile[day.day - 1] == service.open_hours(day)


@SETTINGS
@given(services(), st.dates(date(2019, 1, 1), date(2025, 12, 31)))
def test_a_closed_hour_is_closed_every_day(service: Service, day: date) -> None:
    """An hour closed throughout a month is closed on each of its days."""
    c = chat(service)
    month = day.isoformat()[:7]
    assert not c.closed_throughout("chat", month) & c.open_hours("chat", day)
    if day.day in c.closed_dates("chat", month):
        assert c.open_hours("chat", day) == frozenset()
    else:
        assert c.open_hours("chat", day)


# ---------------------------------------------------------------- alarm validate

HEADER = ("month", "channel", "metric", "dimension", "category", "count")

CALENDAR = """\
[service.chat]
opened = 2020-04-07
closed_days = [2020-04-10]
hours = [
  { from = 2020-04-07, open = ["00-24"] },
  { from = 2020-04-20, open = ["14-24"] },
]
"""


def validate(*args: str | Path) -> tuple[int, list[str]]:
    """``alarm validate --all ARGS``: the exit code, then stdout's and stderr's lines."""
    result = invoke("validate", "--all", *args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout.splitlines() + result.stderr.splitlines()


def closed_data(root: Path) -> dict[str, Path]:
    """Counts in March 2020 (before chat opened), April (opened the 7th) and May (14-24)."""
    return {
        "03": write_counts(root, "2020/2020-03.csv", [
            ("2020-03", "chat", "missed", "total", "", 0),  # a zero count: not reported
            ("2020-03", "chat", "answered", "total", "", 5),  # line 3: the first count
            ("2020-03", "chat", "answered", "hour", "3", 5),  # the month is reported once
            ("2020-03", "phone", "answered", "total", "", 9),  # phone has no calendar
        ]),
        "04": write_counts(root, "2020/2020-04.csv", [
            ("2020-04", "chat", "answered", "total", "", 100),
            ("2020-04", "chat", "answered", "hour", "3", 40),  # open 7–19 April at 03
            ("2020-04", "chat", "answered", "hour", "15", 60),
            ("2020-04", "chat", "answered", "day", "3", 1),  # line 5: before it opened
            ("2020-04", "chat", "answered", "day", "8", 29),
            ("2020-04", "chat", "answered", "day", "10", 1),  # line 7: a closed day
            ("2020-04", "chat", "answered", "day", "11", 69),
        ]),
        "05": write_counts(root, "2020/2020-05.csv", [
            ("2020-05", "chat", "answered", "total", "", 100),
            ("2020-05", "chat", "answered", "hour", "3", 10),  # line 3: closed all May
            ("2020-05", "chat", "answered", "hour", "15", 90),
            ("2020-05", "chat", "answered", "gender", "girl", 60),
            ("2020-05", "chat", "answered", "gender", "boy", 40),
            ("2020-05", "chat", "answered", "hour*gender", "3*girl", 10),  # line 7
            ("2020-05", "chat", "answered", "hour*gender", "15*girl", 50),
            ("2020-05", "chat", "answered", "hour*gender", "15*boy", 40),
            ("2020-05", "chat", "answered", "hour", "14", 0),  # closed, but counts none
        ]),
    }  # fmt: skip


def test_validate_reports_counts_when_the_channel_was_closed(tmp_path: Path) -> None:
    """A month before ``opened``, an hour closed all month (also as a cross-tab cell), a
    closed day, a day before ``opened``: each at FILE:LINE, exit 1. An hour open on some
    days of the month (03 in April: open 7–19 April) and a zero count are not reported.
    """
    files = closed_data(tmp_path)
    (tmp_path / "taxonomy.toml").write_text(CALENDAR, "utf-8")
    where = "taxonomy.toml [service.chat]"

    assert validate("--data-dir", tmp_path) == (
        1,
        [
            f"{files['03']}:3: chat was not open in 2020-03 ({where}: opened 2020-04-07), "
            "yet the month has counts",
            f"{files['04']}:5: chat was closed on 2020-04-03 ({where}), yet this row counts 1",
            f"{files['04']}:7: chat was closed on 2020-04-10 ({where}), yet this row counts 1",
            f"{files['05']}:3: chat was closed at 03-04 throughout 2020-05 ({where}: open "
            "14-24), yet this row counts 10",
            f"{files['05']}:7: chat was closed at 03-04 throughout 2020-05 ({where}: open "
            "14-24), yet this row counts 10",
            "3 files, 20 rows: 5 problems",
        ],
    )

    result = invoke("validate", "--data-dir", tmp_path, "--format", "json")
    problems = json.loads(result.stdout)
    assert [(Path(p["file"]).name, p["line"], p["code"], p["column"]) for p in problems] == [
        ("2020-03.csv", 3, "closed", None),
        ("2020-04.csv", 5, "closed", "category"),
        ("2020-04.csv", 7, "closed", "category"),
        ("2020-05.csv", 3, "closed", "category"),
        ("2020-05.csv", 7, "closed", "category"),
    ]
    assert result.exit_code == 1

    # the same counts without a calendar: chat open round the clock, nothing to report
    (tmp_path / "taxonomy.toml").write_text("", "utf-8")
    assert validate("--data-dir", tmp_path) == (0, ["3 files, 20 rows: no problems"])


@pytest.mark.parametrize("at_three", [0, 1])
def test_the_cheap_check_judges_the_rows_the_check_judges(tmp_path: Path, at_three: int) -> None:
    """Validation's cheap check (each distinct row once, :func:`services.distinct`) judges
    the rows ``services.check`` judges: a zero count in chat's closed hour, the phone (no
    calendar) at any hour, and a sum of seconds with its contacts are no problem to
    either; one contact at 03 is a problem to both."""
    from alarmcli import loading, validation

    (tmp_path / "taxonomy.toml").write_text(CALENDAR, "utf-8")
    path = write_counts(tmp_path, "2020-05.csv", [
        ("2020-05", "chat", "answered", "total", "", 100 + at_three),
        ("2020-05", "chat", "answered", "hour", "15", 100),
        ("2020-05", "chat", "answered", "hour", "3", at_three),  # line 4: closed all May
        ("2020-05", "chat", "talk_seconds", "total", "", 900),
        ("2020-05", "chat", "talk_seconds", "hour", "15", 900),
        ("2020-05", "phone", "answered", "total", "", 5),
        ("2020-05", "phone", "answered", "hour", "3", 5),
    ])  # fmt: skip
    tax = taxonomy.load(tmp_path)
    read = loading.read_files([path])
    checked = validation.validate(read.frame, tax)
    assert (validation._clean(read, tax) is not None) == (not at_three)
    assert [(p.line, p.code.value) for p in checked.problems] == [(4, "closed")] * at_three


def test_validate_in_norwegian(tmp_path: Path) -> None:
    """The report in Norwegian names the month, the hours and the day the same way."""
    files = closed_data(tmp_path)
    (tmp_path / "taxonomy.toml").write_text(CALENDAR, "utf-8")
    code, lines = validate("--data-dir", tmp_path, "--lang", "nb")
    assert code == 1
    assert lines[0] == (
        f"{files['03']}:3: chat var ikke åpen i 2020-03 (taxonomy.toml [service.chat]: "
        "opened 2020-04-07), men måneden har tall"
    )
    assert lines[2] == (
        f"{files['04']}:7: chat var stengt 2020-04-10 (taxonomy.toml [service.chat]), "
        "men raden teller 1"
    )


def test_validate_closed_after_closed_day(tmp_path: Path) -> None:
    """Counts after the channel closed are reported; those of its last month are not."""
    rows = [("2022-06", "sms", "answered", "total", "", 4)]
    write_counts(tmp_path, "2022/2022-06.csv", rows)
    july = write_counts(tmp_path, "2022/2022-07.csv", [("2022-07", *rows[0][1:])])
    (tmp_path / "taxonomy.toml").write_text("[service.sms]\nclosed = 2022-06-10\n", "utf-8")
    assert validate("--data-dir", tmp_path) == (
        1,
        [
            f"{july}:2: sms was not open in 2022-07 (taxonomy.toml [service.sms]: closed "
            "after 2022-06-10), yet the month has counts",
            "2 files, 2 rows: 1 problem",
        ],
    )


BAD_CALENDAR = """\
# service calendars, each with a mistake
[service.chatt]
opened = 2020-04-07

[service.phone]
opened = "2020-13-01"
hours = [
  { from = 2019-01-01, open = ["16-08"] },
  { from = 2020-01-01, open = ["00-04", "14-25"] },  # a comment with "quotes" and [brackets]
  { from = 2021-01-01, open = ["14-14"] },
  { from = 2022-01-01, open = ["00-24"], weekdays = ["mon", "tues"] },
]

[service.sms]
opened = 2020-04-07
closed = 2020-01-01

[service.email]
closed_days = [
  2020-05-01,
  "2020-05-32",
]
"""


def test_taxonomy_toml_service_errors_at_their_lines(tmp_path: Path) -> None:
    """Each mistake in a service calendar is named at its line (an array's item at its own)."""
    write_counts(tmp_path, "2024/2024-06.csv", [("2024-06", "phone", "answered", "total", "", 1)])
    toml = tmp_path / "taxonomy.toml"
    toml.write_text(BAD_CALENDAR, "utf-8")

    code, lines = validate("--data-dir", tmp_path)

    assert code == 1
    assert sorted(lines[:-1], key=lambda s: int(s.split(":")[1])) == [
        f"{toml}:2: `service.chatt`: `chatt` is not a channel (did you mean `chat`?)",
        f"{toml}:6: `service.phone.opened`: `2020-13-01` is not a date; write it as "
        "2024-01-01, without quotes",
        f"{toml}:9: `service.phone.hours.1.open.1`: `14-25` is not clock hours HH-HH such as "
        "14-24, 22-08 or 00-24",
        f"{toml}:10: `service.phone.hours.2`: an empty range of hours; write 00-24 for round "
        "the clock, [] for closed",
        f"{toml}:11: `service.phone.hours.3.weekdays.1`: `tues` is not a weekday "
        "(mon, tue … sun) (did you mean `tue`?)",
        f"{toml}:14: `service.sms`: `closed` is before `opened`",
        f"{toml}:21: `service.email.closed_days.1`: `2020-05-32` is not a date; write it as "
        "2024-01-01, without quotes",
    ]
    assert lines[-1] == "0 files, 0 rows: 7 problems"


SHAPES = """\
[service.chat]
opened = 2020-04-07
hours = [
  { from = 2020-04-07, open = ["00-24"] },
  { from = 2021-04-07, open = "14-24" },
  { from = 2022-04-07, open = ["14-24"], weekdays = [] },
  { from = 2023-04-07, open = ["14-24"], days = ["mon"] },
  { open = ["14-24"] },
]
closed_days = 2020-05-01
"""


def test_taxonomy_toml_service_shapes_at_their_lines(tmp_path: Path) -> None:
    """A value of the wrong shape says what the key takes, at the entry's line."""
    write_counts(tmp_path, "2024/2024-06.csv", [("2024-06", "chat", "answered", "total", "", 1)])
    toml = tmp_path / "taxonomy.toml"
    toml.write_text(SHAPES, "utf-8")
    path = "`service.chat"
    assert validate("--data-dir", tmp_path) == (
        1,
        [
            f'{toml}:5: {path}.hours.1.open` must be a list such as ["00-04", "14-24"]',
            f"{toml}:6: {path}.hours.2.weekdays` lists no weekday; leave it out for all seven",
            f"{toml}:7: {path}.hours.3.days` is not a key a taxonomy has; check its spelling",
            f"{toml}:8: {path}.hours.4.from` is missing",
            f"{toml}:10: {path}.closed_days` must be a list such as [2024-12-24, 2024-12-25]",
            "0 files, 0 rows: 5 problems",
        ],
    )


def test_array_of_tables_errors_at_their_table(tmp_path: Path) -> None:
    """Hours written as ``[[service.chat.hours]]`` tables: an error at its own table's key."""
    write_counts(tmp_path, "2024/2024-06.csv", [("2024-06", "chat", "answered", "total", "", 1)])
    toml = tmp_path / "taxonomy.toml"
    toml.write_text(
        "[service.chat]\nopened = 2020-04-07\n\n"
        '[[service.chat.hours]]\nfrom = 2020-04-07\nopen = ["00-24"]\n\n'
        '[[service.chat.hours]]\nfrom = 2024-01-01\nopen = ["14-25"]\n',
        "utf-8",
    )
    code, lines = validate("--data-dir", tmp_path)
    assert code == 1
    assert lines[0].startswith(f"{toml}:10: `service.chat.hours.1.open.0`: `14-25` is not")


def test_a_valid_calendar_is_no_problem(tmp_path: Path) -> None:
    """The examples' calendars validate, with counts only when the channels were open."""
    write_counts(tmp_path, "2024/2024-06.csv", [
        ("2024-06", "chat", "answered", "total", "", 30),
        ("2024-06", "chat", "answered", "hour", "14", 10),
        ("2024-06", "chat", "answered", "hour", "23", 20),
        ("2024-06", "phone", "answered", "hour", "3", 7),
    ])  # fmt: skip
    (tmp_path / "taxonomy.toml").write_text(
        (Path(__file__).parent.parent / "examples" / "data" / "taxonomy.toml").read_text("utf-8"),
        "utf-8",
    )
    assert validate("--data-dir", tmp_path) == (0, ["1 file, 4 rows: no problems"])


# ---------------------------------------------------------------- figure commands

#: Chat answered April–December 2020: 10 a day over its open days April–September
#: (opened on 7 April: 24 days in April), 20 a day October–December.
CHAT_2020 = {4: 240, 5: 310, 6: 300, 7: 310, 8: 310, 9: 300, 10: 620, 11: 600, 12: 620}
SERVICES = """\
[service.chat]
opened = 2020-04-07

[service.phone]
closed_days = [2020-12-24, 2020-12-25]
"""


def figures_2020(root: Path, toml: str | None = None) -> Path:
    """Phone 1 000 a month (Oslo 400, Bergen 600) and chat ``CHAT_2020``, April–December."""
    for month, count in CHAT_2020.items():
        m = f"2020-{month:02d}"
        write_counts(root, f"2020/{m}.csv", [
            (m, "phone", "answered", "total", "", 1000),
            (m, "phone", "answered", "site", "oslo", 400),
            (m, "phone", "answered", "site", "bergen", 600),
            (m, "chat", "answered", "total", "", count),
        ])  # fmt: skip
    if toml is not None:
        (root / "taxonomy.toml").write_text(toml, "utf-8")
    return root


def run(*args: str | Path, fmt: str = "csv") -> tuple[str, str]:
    result = invoke(*args, "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_summary_per_day_over_open_days(tmp_path: Path) -> None:
    """Chat over its 269 days, phone over 273 (two closed days), all channels over 275."""
    out, err = run("summary", "2020", "--data-dir", figures_2020(tmp_path, SERVICES))
    phone, chat_row, all_row = rows(out)
    # phone: 9 000 / (275 - 2) = 32.967… → 33.0 (32.7 over 275)
    assert (phone["total"], phone["days"], phone["per_day"]) == ("9000", "273", "33.0")
    # chat: 240 + 310 + 300 + 310 + 310 + 300 + 620 + 600 + 620 = 3 610; / 269 = 13.420… → 13.4
    assert (chat_row["total"], chat_row["days"], chat_row["per_day"]) == ("3610", "269", "13.4")
    assert (chat_row["per_month"], chat_row["months"]) == ("401.1", "9")  # 3 610 / 9 months
    # all: a day counts where any channel was open (phone 1–6 April, chat 24–25 December):
    # 12 610 / 275 = 45.854… → 45.9
    assert (all_row["total"], all_row["days"], all_row["per_day"]) == ("12610", "275", "45.9")
    assert list(phone)[-1] == "days"  # the new column is the last
    assert "Chat: per day over the 269 days it was open, not all 275" in err
    assert "Phone: per day over the 273 days it was open, not all 275" in err
    assert "All channels: per day" not in err

    data = json.loads(run("summary", "2020", "--data-dir", tmp_path, "-c", "chat", fmt="json")[0])
    assert [(r["metric"], r["days"], r["per_day"]) for r in data] == [("answered", 269, 13.4)]


def test_summary_leap_year_opening(tmp_path: Path) -> None:
    """Chat opened 15 February 2024: 10 150 contacts over 321 days, not 335."""
    counts = {2: 150, **dict.fromkeys(range(3, 13), 1000)}
    for month, count in counts.items():
        m = f"2024-{month:02d}"
        write_counts(tmp_path, f"2024/{m}.csv", [(m, "chat", "answered", "total", "", count)])
    (tmp_path / "taxonomy.toml").write_text("[service.chat]\nopened = 2024-02-15\n", "utf-8")
    chat_row, all_row = rows(run("summary", "2024", "--data-dir", tmp_path)[0])
    # 150 + 10 × 1 000 = 10 150; / (15 + 306) = 31.619… → 31.6 (over 29 + 306 = 335: 30.3)
    assert (chat_row["total"], chat_row["days"], chat_row["per_day"]) == ("10150", "321", "31.6")
    # the contact channels together are only chat here: its days, not every calendar day
    assert (all_row["days"], all_row["per_day"]) == ("321", "31.6")
    all_february = next(
        r
        for r in rows(run("series", "2024", "-c", "all", "--data-dir", tmp_path)[0])
        if r["month"] == "2024-02"
    )
    assert (all_february["days"], all_february["per_day"]) == ("15", "10.0")
    series = rows(run("series", "2024", "-c", "chat", "--data-dir", tmp_path)[0])
    # February: 150 / 15 = 10.0
    assert (series[0]["month"], series[0]["days"], series[0]["per_day"]) == (
        "2024-02",
        "15",
        "10.0",
    )


def test_compare_all_per_day_over_the_channels_with_data(tmp_path: Path) -> None:
    """``compare -c all`` counts a day as summary does: where a channel with data was open.

    Only chat has data, opened 15 February 2024: February–March has 15 + 31 = 46 days of
    the contact channels together, not the 60 a phone without a calendar would add.
    """
    counts = {2: 150, 3: 310, 4: 300, 5: 310}
    for month, count in counts.items():
        m = f"2024-{month:02d}"
        write_counts(tmp_path, f"2024/{m}.csv", [(m, "chat", "answered", "total", "", count)])
    (tmp_path / "taxonomy.toml").write_text("[service.chat]\nopened = 2024-02-15\n", "utf-8")
    out, _ = run("compare", "2024-02..2024-03", "2024-04..2024-05", "-c", "all", "-d", tmp_path)
    (row,) = rows(out)
    # 460 / 46 = 10.0 a day; 610 / 61 = 10.0 a day
    assert (row["days_a"], row["per_day_a"], row["days_b"], row["per_day_b"]) == (
        "46",
        "10.0",
        "61",
        "10.0",
    )
    summary = rows(run("summary", "2024-02..2024-03", "-c", "all", "-d", tmp_path)[0])
    assert summary[-1]["days"] == row["days_a"]


def test_series_days_per_month(tmp_path: Path) -> None:
    """April 2020 has 24 chat days: 240 / 24 = 10.0 a day, as every month to September."""
    out, err = run("series", "2020", "-c", "chat", "--data-dir", figures_2020(tmp_path, SERVICES))
    got = [(r["month"], r["days"], r["per_day"]) for r in rows(out)]
    assert got == [
        ("2020-04", "24", "10.0"), ("2020-05", "31", "10.0"), ("2020-06", "30", "10.0"),
        ("2020-07", "31", "10.0"), ("2020-08", "31", "10.0"), ("2020-09", "30", "10.0"),
        ("2020-10", "31", "20.0"), ("2020-11", "30", "20.0"), ("2020-12", "31", "20.0"),
    ]  # fmt: skip
    assert "Chat: per day over the 24 days it was open, not all 30" in err


def test_compare_per_day_over_open_days(tmp_path: Path) -> None:
    """April–September (177 chat days) against October–December (92): 10.0 → 20.0, +100 %."""
    data = figures_2020(tmp_path, SERVICES)
    out, err = run(
        "compare", "2020-04..2020-09", "2020-10..2020-12", "-c", "chat", "--data-dir", data
    )
    (row,) = rows(out)
    # 1 770 / 177 = 10.0; 1 840 / 92 = 20.0; change 70, 70 / 1 770 = 3.95… → 4.0 %
    assert (row["count_a"], row["count_b"], row["change"], row["change_pct"]) == (
        "1770",
        "1840",
        "70",
        "4.0",
    )
    assert (row["days_a"], row["days_b"]) == ("177", "92")
    assert (row["per_day_a"], row["per_day_b"], row["per_day_change_pct"]) == (
        "10.0",
        "20.0",
        "100.0",
    )
    assert "Chat: per day over the 177 days it was open, not all 183" in err


def test_sites_per_day_over_open_days(tmp_path: Path) -> None:
    """Phone closed on 24 and 25 December: the sites' per day over 273 days."""
    out, _ = run("sites", "2020", "--data-dir", figures_2020(tmp_path, SERVICES))
    # Bergen 5 400 / 273 = 19.78… → 19.8; Oslo 3 600 / 273 = 13.18… → 13.2
    assert [(r["site"], r["per_day"], r["days"]) for r in rows(out)] == [
        ("bergen", "19.8", "273"), ("oslo", "13.2", "273")
    ]  # fmt: skip


# Output of the commit before service calendars (c58f3ef^) on ``figures_2020`` without a
# taxonomy.toml: per day over every day of the months with data (April–December: 275).
BEFORE = {
    ("summary", "2020"): """\
channel,metric,year,total,previous_total,change,change_pct,months,per_month,per_day,peak_month,peak_count,period,low_month,low_count
phone,answered,2020,9000,,,,9,1000.0,32.7,2020-04,1000,2020,2020-04,1000
chat,answered,2020,3610,,,,9,401.1,13.1,2020-10,620,2020,2020-04,240
all,answered,2020,12610,,,,9,1401.1,45.9,2020-10,1620,2020,2020-04,1240
""",
    ("series", "2020", "-c", "chat"): """\
channel,metric,month,count,days,per_day,previous_count,change,change_pct,mark
chat,answered,2020-04,240,30,8.0,,,,lowest
chat,answered,2020-05,310,31,10.0,,,,
chat,answered,2020-06,300,30,10.0,,,,
chat,answered,2020-07,310,31,10.0,,,,
chat,answered,2020-08,310,31,10.0,,,,
chat,answered,2020-09,300,30,10.0,,,,
chat,answered,2020-10,620,31,20.0,,,,peak
chat,answered,2020-11,600,30,20.0,,,,
chat,answered,2020-12,620,31,20.0,,,,
""",
    ("compare", "2020-04..2020-09", "2020-10..2020-12", "-c", "chat"): """\
channel,metric,dimension,category,year_a,count_a,year_b,count_b,change,change_pct,period_a,period_b,days_a,days_b,per_day_a,per_day_b,per_day_change_pct
chat,answered,total,,2020,1770,2020,1840,70,4.0,2020-04..2020-09,2020-10..2020-12,183,92,9.7,20.0,106.8
""",
    ("sites", "2020"): """\
channel,site,count,share_pct,per_day,previous_count,change_pct,period
phone,bergen,5400,60.0,19.6,,,2020
phone,oslo,3600,40.0,13.1,,,2020
""",
}  # fmt: skip

#: The same sites table, as it was displayed.
SITES_TABLE_BEFORE = """\
Answering sites 2020

 Channel   Site     Count   Share %   Per day   Previous year   Change %
 ───────────────────────────────────────────────────────────────────────
 Phone     Bergen   5,400     60.0%      19.6               –          –
 Phone     Oslo     3,600     40.0%      13.1               –          –

• Phone answered by site: 9 of 12 months in 2020 (no data for 2020-01..2020-03); totals \
cover those months only
• Phone answered by site: no previous-year figure, 2019 lacks 2019-04..2019-12
"""


@pytest.mark.parametrize(
    "toml",
    [
        None,
        "",
        # a calendar that never closes is no calendar
        '[service.chat]\nhours = [{ from = 2019-01-01, open = ["00-24"] }]\n',
    ],
    ids=["no-taxonomy", "empty-taxonomy", "always-open"],
)
@pytest.mark.parametrize("command", list(BEFORE), ids=lambda c: c[0])
def test_without_a_calendar_the_output_is_as_before(
    tmp_path: Path, toml: str | None, command: tuple[str, ...]
) -> None:
    """Without ``[service]`` every day counts: the output of before, with ``days`` added at
    the end of summary and sites, and no note about open days.
    """
    out, err = run(*command, "--data-dir", figures_2020(tmp_path, toml))
    expected = BEFORE[command]
    if command[0] in {"summary", "sites"}:
        header, *body = expected.splitlines()
        expected = "".join(f"{line}\n" for line in [f"{header},days", *(f"{b},275" for b in body)])
    assert out == expected
    assert "days it was open" not in err


def test_without_a_calendar_the_table_is_as_before(tmp_path: Path) -> None:
    """The displayed table has no ``days`` column: it is the table of before."""
    out, _ = run("sites", "2020", "--data-dir", figures_2020(tmp_path), fmt="table")
    assert out == SITES_TABLE_BEFORE


def test_the_examples_calendars() -> None:
    """The examples' calendars: chat from 2020-04-07, 14-24 from 2024; phone 16-08 before
    15 March 2020, then round the clock.
    """
    c = taxonomy.load(Path(__file__).parent.parent / "examples" / "data").calendar
    assert c.days("chat", year_months(2020)) == 269
    assert c.open_hours("chat", date(2023, 12, 31)) == HOURS
    assert c.closed_throughout("chat", "2024-01") == span(0, 14)
    assert c.open_hours("phone", date(2020, 3, 14)) == span(16, 24) | span(0, 8)
    assert c.open_hours("phone", date(2020, 3, 15)) == HOURS
    # phone: open every day, so its days are every day's
    assert c.days("phone", year_months(2020)) == 366
    assert c.closed_throughout("phone", "2020-03") == frozenset()
    assert c.closed_throughout("phone", "2020-02") == span(8, 16)


def test_the_all_row_counts_each_month_by_the_channels_with_data_then(tmp_path: Path) -> None:
    """Phone (no calendar) has data in January only; SMS opened 10 February 2024. All
    channels: January's 31 days (phone), then SMS's open days: 20 + 31 = 51; summary's
    days are the series' days added up."""
    write_counts(tmp_path, "2024/2024-01.csv", [("2024-01", "phone", "answered", "total", "", 31)])
    for month in ("02", "03"):
        m = f"2024-{month}"
        write_counts(tmp_path, f"2024/{m}.csv", [(m, "sms", "answered", "total", "", 40)])
    (tmp_path / "taxonomy.toml").write_text("[service.sms]\nopened = 2024-02-10\n", "utf-8")
    all_row = rows(run("summary", "2024", "--data-dir", tmp_path)[0])[-1]
    series = rows(run("series", "2024", "-c", "all", "--data-dir", tmp_path)[0])
    assert [r["days"] for r in series] == ["31", "20", "31"]
    assert all_row["days"] == "82"  # 31 + 20 + 31
    assert all_row["per_day"] == "1.4"  # 111 / 82 = 1.353…
