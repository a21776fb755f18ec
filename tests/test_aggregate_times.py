"""alarm aggregate with answered_at and ended_at: sums of seconds, checked and exact."""

from __future__ import annotations

import csv
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import invoke

HEADER = ["started_at", "channel", "status", "site", "answered_at", "ended_at"]


def write_log(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def month_rows(data: Path, month: str = "2024-03") -> dict[tuple[str, str, str, str], int]:
    path = data / month[:4] / f"{month}.csv"
    with path.open(encoding="utf-8") as text:
        return {
            (r["channel"], r["metric"], r["dimension"], r["category"]): int(r["count"])
            for r in csv.DictReader(text)
        }


CALLS = [
    # 30 s to answer, 15 min 30 s talk
    [
        "2024-03-05T22:14:03",
        "phone",
        "answered",
        "oslo",
        "2024-03-05T22:14:33",
        "2024-03-05T22:30:03",
    ],
    # 10.5 s to answer rounds to 11; 600 s talk
    [
        "2024-03-05T23:00:00",
        "phone",
        "answered",
        "bergen",
        "2024-03-05T23:00:10.5",
        "2024-03-05T23:10:10.5",
    ],
    # gave up after 75 s and 15 s
    ["2024-03-06T01:00:00", "phone", "missed", "", "", "2024-03-06T01:01:15"],
    ["2024-03-07T01:00:00", "phone", "missed", "oslo", "", "2024-03-07T01:00:15"],
]


def test_sums_of_seconds_by_total_site_and_hour(tmp_path: Path) -> None:
    """Worked by hand from the four calls: to answer 30 + 11 = 41 s, talk 930 + 600 =
    1 530 s, missed waited 75 + 15 = 90 s; each by site and by hour, adding up."""
    log = write_log(tmp_path / "calls.csv", CALLS)
    data = tmp_path / "data"
    result = invoke("aggregate", log, "--data-dir", data)
    assert result.exit_code == 0, result.output
    rows = month_rows(data)
    assert rows[("phone", "answer_seconds", "total", "")] == 41
    assert rows[("phone", "answer_seconds", "site", "oslo")] == 30
    assert rows[("phone", "answer_seconds", "site", "bergen")] == 11
    assert rows[("phone", "answer_seconds", "hour", "23")] == 11
    assert rows[("phone", "talk_seconds", "total", "")] == 1530
    assert rows[("phone", "abandon_seconds", "total", "")] == 90
    assert rows[("phone", "abandon_seconds", "site", "unknown")] == 75
    assert not any(k[1].endswith("_seconds") and k[2] in {"day", "topic"} for k in rows)
    assert invoke("validate", data).exit_code == 0
    times = invoke("times", "2024", "--data-dir", data, "--unit", "s", "-f", "csv")
    # answer rate 2 / 4; 41 / 2 = 20.5 s; 1 530 / 2 = 765 s; 90 / 2 = 45 s
    assert "phone,total,,2,2,50.0,20.5,765.0,45.0,s,2024" in times.stdout


def test_only_logs_with_the_columns_give_sums(tmp_path: Path) -> None:
    calls = write_log(tmp_path / "calls.csv", CALLS)
    chats = write_log(
        tmp_path / "chats.csv",
        [["2024-03-05T20:00:00", "chat", "answered"]],
        header=["started_at", "channel", "status"],
    )
    data = tmp_path / "data"
    assert invoke("aggregate", calls, chats, "--data-dir", data).exit_code == 0
    rows = month_rows(data)
    assert ("phone", "answer_seconds", "total", "") in rows
    assert not any(k[0] == "chat" and k[1].endswith("_seconds") for k in rows)


def test_wrong_times_are_named_at_their_lines(tmp_path: Path) -> None:
    log = write_log(
        tmp_path / "bad.csv",
        [
            [
                "2024-03-05T22:14:03",
                "chat",
                "answered",
                "",
                "2024-03-05T22:14:00",
                "2024-03-05T22:30:03",
            ],
            ["2024-03-05T23:00:00", "chat", "answered", "", "", "2024-03-05T23:10:10"],
            [
                "2024-03-06T01:00:00",
                "chat",
                "missed",
                "",
                "2024-03-06T01:00:05",
                "2024-03-06T01:01:15",
            ],
            ["2024-03-07T01:00:00", "chat", "missed", "", "", "soon"],
            [
                "2024-03-07T02:00:00",
                "chat",
                "answered",
                "",
                "2024-03-07T02:00:05",
                "2024-03-07T02:00:01",
            ],
            [
                "2024-03-07T03:00:00",
                "chat",
                "answered",
                "",
                "2024-03-07T03:00:05",
                "2024-03-07T03:10:01",
            ],
        ],
    )
    data = tmp_path / "data"
    result = invoke("aggregate", log, "--data-dir", data)
    assert result.exit_code == 1
    lines = [line.removeprefix(f"{log}:") for line in result.stderr.splitlines()[:5]]
    assert lines == [
        "2: answered_at `2024-03-05T22:14:00` is before started_at",
        "3: missing answered_at",
        "4: a missed contact has answered_at `2024-03-06T01:00:05`; leave it empty, or make "
        "the status answered",
        "5: ended_at `soon` is not an ISO 8601 date and time (2024-03-05T22:14:03)",
        "6: ended_at `2024-03-07T02:00:01` is before answered_at",
    ]
    assert not data.exists()
    rejects = tmp_path / "rejects.csv"
    result = invoke("aggregate", log, "--data-dir", data, "--rejects", rejects)
    assert result.exit_code == 0, result.output
    rows = month_rows(data)
    # only the last chat: 5 s to answer, 596 s talk
    assert rows[("chat", "answered", "total", "")] == 1
    assert rows[("chat", "answer_seconds", "total", "")] == 5
    assert rows[("chat", "talk_seconds", "total", "")] == 596


START = datetime(2024, 3, 1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 28 * 24 * 3600 - 1),  # when in March it started, in seconds
            st.booleans(),  # answered
            st.integers(0, 10**7),  # milliseconds to the answer (or to giving up)
            st.integers(0, 10**7),  # milliseconds of talk
            st.sampled_from(["oslo", "bergen", ""]),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_sums_equal_a_plain_tally_of_each_contacts_rounded_seconds(
    contacts: list[tuple[int, bool, int, int, str]],
) -> None:
    """Each contact's duration rounded to whole seconds, then summed: by site and total."""
    rows, tally = [], {"answer": 0, "talk": 0, "abandon": 0}
    by_site: dict[str, int] = {}
    for offset, answered, wait_ms, talk_ms, site in contacts:
        start = START + timedelta(seconds=offset)
        waited = start + timedelta(milliseconds=wait_ms)
        iso = "%Y-%m-%dT%H:%M:%S.%f"
        if answered:
            end = waited + timedelta(milliseconds=talk_ms)
            rows.append(
                [f"{start:{iso}}", "chat", "answered", site, f"{waited:{iso}}", f"{end:{iso}}"]
            )
            tally["answer"] += (wait_ms + 500) // 1000
            tally["talk"] += (talk_ms + 500) // 1000
            by_site[site or "unknown"] = by_site.get(site or "unknown", 0) + (wait_ms + 500) // 1000
        else:
            rows.append([f"{start:{iso}}", "chat", "missed", site, "", f"{waited:{iso}}"])
            tally["abandon"] += (wait_ms + 500) // 1000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        log = write_log(root / "log.csv", rows)
        result = invoke("aggregate", log, "--data-dir", root / "data")
        assert result.exit_code == 0, result.output
        counts = month_rows(root / "data")
        assert invoke("validate", root / "data").exit_code == 0
    for name, total in tally.items():
        written = counts.get(("chat", f"{name}_seconds", "total", ""))
        status = "missed" if name == "abandon" else "answered"
        if any(r[2] == status for r in rows):
            assert written == total, name
        else:
            assert written is None
    for site, total in by_site.items():
        assert counts[("chat", "answer_seconds", "site", site)] == total


def test_durations_are_elapsed_time_across_the_clock_changes(tmp_path: Path) -> None:
    """31 March 2024, Oslo: 01:59 to 03:01 on the clock is 2 minutes; 00:59Z to 01:01Z too.
    27 October: 02:50+02:00 to 02:10+01:00 is 20 minutes later, not before it."""
    log = write_log(
        tmp_path / "dst.csv",
        [
            [
                "2024-03-31T00:59:00Z",
                "chat",
                "answered",
                "",
                "2024-03-31T01:01:00Z",
                "2024-03-31T01:11:00Z",
            ],
            [
                "2024-03-31T01:59:00",
                "phone",
                "answered",
                "",
                "2024-03-31T03:01:00",
                "2024-03-31T03:02:00",
            ],
            [
                "2024-10-27T02:50:00+02:00",
                "chat",
                "answered",
                "",
                "2024-10-27T02:10:00+01:00",
                "2024-10-27T02:20:00+01:00",
            ],
        ],
    )
    data = tmp_path / "data"
    result = invoke("aggregate", log, "--data-dir", data)
    assert result.exit_code == 0, result.output
    march, october = month_rows(data), month_rows(data, "2024-10")
    assert march[("chat", "answer_seconds", "total", "")] == 120
    assert march[("phone", "answer_seconds", "total", "")] == 120
    assert (
        march[("chat", "talk_seconds", "total", "")],
        march[("phone", "talk_seconds", "total", "")],
    ) == (600, 60)
    assert october[("chat", "answer_seconds", "total", "")] == 1200


def test_a_sum_only_where_every_contact_has_its_time(tmp_path: Path) -> None:
    """Calls with answer times and calls without, in one month: 100 s over 1 of 4 calls
    would give a mean of 25 s; no sum is written, rather than a wrong one."""
    timed = write_log(
        tmp_path / "a.csv",
        [
            [
                "2024-03-05T10:00:00",
                "phone",
                "answered",
                "oslo",
                "2024-03-05T10:01:40",
                "2024-03-05T10:05:00",
            ]
        ],
    )
    plain = write_log(
        tmp_path / "b.csv",
        [["2024-03-06T10:00:00", "phone", "answered", "oslo"]] * 3,
        header=["started_at", "channel", "status", "site"],
    )
    data = tmp_path / "data"
    assert invoke("aggregate", timed, plain, "--data-dir", data).exit_code == 0
    rows = month_rows(data)
    assert rows[("phone", "answered", "total", "")] == 4
    assert not any(k[1].endswith("_seconds") for k in rows)


def test_contacts_when_the_calendar_has_the_channel_closed_are_refused(tmp_path: Path) -> None:
    """A chat at 10:00 where taxonomy.toml opens chat 14-24: the month file would not
    validate, so nothing is written and the hour is named."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "taxonomy.toml").write_text(
        '[service.chat]\nhours = [{ from = 2024-01-01, open = ["14-24"] }]\n', encoding="utf-8"
    )
    log = write_log(
        tmp_path / "chats.csv",
        [["2024-03-05T10:00:00", "chat", "answered"], ["2024-03-05T15:00:00", "chat", "answered"]],
        header=["started_at", "channel", "status"],
    )
    result = invoke("aggregate", log, "--data-dir", data)
    assert result.exit_code == 1
    assert "chat was closed at 10-11 throughout 2024-03" in result.stderr
    assert "nothing written" in result.stderr
    assert not (data / "2024").exists()
