"""``alarm aggregate``: contact logs to monthly count files, nothing lost.

Every test runs the CLI in-process on real files in a temporary directory, except the
few that need to break the file system half way, which call the core directly.
"""

from __future__ import annotations

import csv
import gzip
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alarmcli import aggregate as core
from alarmcli import atomic
from alarmcli.contract import COUNT_COLUMNS
from alarmcli.errors import DataError
from alarmcli.taxonomy import builtin
from conftest import invoke

OSLO = ZoneInfo("Europe/Oslo")
HEADER = ",".join(COUNT_COLUMNS)
TAXONOMY = builtin()
SITES = sorted(TAXONOMY.labels[core.Dimension.SITE])
GENDERS = sorted(TAXONOMY.labels[core.Dimension.GENDER])
CALLERS = sorted(TAXONOMY.labels[core.Dimension.CALLER])
TOPICS = sorted(TAXONOMY.labels[core.Dimension.TOPIC])
OUTCOMES = sorted(TAXONOMY.labels[core.Dimension.OUTCOME])
ON_BEHALF = sorted(TAXONOMY.labels[core.Dimension.ON_BEHALF])
MULTI = {"topics": "topic", "outcomes": "outcome", "on_behalf": "on_behalf"}
EXHAUSTIVE = ("site", "gender", "age", "caller")

Log = Sequence[Mapping[str, object]]
Counts = dict[tuple[str, str, str, str, str], int]


# --- helpers ----------------------------------------------------------------------------


def write_log(path: Path, rows: Log, *, sep: str = ",", columns: Sequence[str] = ()) -> Path:
    """Write a CSV contact log (gzip-compressed when the name ends in .gz)."""
    header = list(columns) or list(dict.fromkeys(c for row in rows for c in row))
    path.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, delimiter=sep, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def read_counts(data_dir: Path) -> Counts:
    """Every count below ``data_dir``, by month, channel, metric, dimension, category."""
    counts: Counts = {}
    for path in sorted(data_dir.glob("*/*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                key = (
                    row["month"],
                    row["channel"],
                    row["metric"],
                    row["dimension"],
                    row["category"],
                )
                assert key not in counts, f"{key} twice"
                counts[key] = int(row["count"])
    return counts


def contact(
    started_at: str, channel: str = "chat", status: str = "answered", **cells: str
) -> dict[str, str]:
    return {"started_at": started_at, "channel": channel, "status": status, **cells}


def tally(rows: Log, columns: Iterable[str], tz: ZoneInfo = OSLO) -> Counts:
    """The counts of a log, tallied independently in plain Python."""
    counts: Counter[tuple[str, str, str, str, str]] = Counter()
    present = set(columns)
    for row in rows:
        when = datetime.fromisoformat(str(row["started_at"]))
        if when.tzinfo is not None:
            when = when.astimezone(tz)
        key = (f"{when.year:04d}-{when.month:02d}", str(row["channel"]), str(row["status"]))
        counts[(*key, "total", "")] += 1
        counts[(*key, "hour", str(when.hour))] += 1
        counts[(*key, "day", str(when.day))] += 1
        values = {}
        for column in EXHAUSTIVE:
            if column in present:
                value = str(row.get(column) or "unknown")
                if column == "age" and value.isdigit():
                    value = str(int(value))
                counts[(*key, column, value)] += 1
                values[column] = value
        if row["status"] != "answered":
            continue
        for column, dimension in MULTI.items():
            if column in present:
                ids = {i for i in str(row.get(column) or "").split("|") if i}
                if column == "topics":
                    ids |= {i.split("/")[0] for i in ids}
                for i in ids:
                    counts[(*key, dimension, i)] += 1
                    if "age" in values:  # the cross-tab by age
                        counts[(*key, f"{dimension}*age", f"{i}*{values['age']}")] += 1
    return dict(counts)


def run(*args: str | Path) -> tuple[int, str, str]:
    result = invoke("aggregate", *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def tree(directory: Path) -> dict[str, bytes]:
    """Every file below ``directory`` (hidden ones too) and its bytes."""
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


# --- the counts ---------------------------------------------------------------------------

OFFSETS = st.sampled_from(["", "", "Z", "+01:00", "+02:00", "-05:30"])
MOMENTS = (
    st.datetimes(min_value=datetime(2023, 12, 30), max_value=datetime(2024, 2, 2))
    | st.datetimes(min_value=datetime(2024, 3, 30), max_value=datetime(2024, 4, 1))
    | st.datetimes(min_value=datetime(2024, 10, 26), max_value=datetime(2024, 10, 28))
)


@st.composite
def logs(draw: st.DrawFn) -> tuple[list[dict[str, str]], list[str]]:
    """A contact log: some optional columns, rows with any mix of values and offsets."""
    optional = [c for c in (*EXHAUSTIVE, *MULTI) if draw(st.booleans())]

    def labels(ids: Sequence[str]) -> st.SearchStrategy[str]:
        return st.lists(st.sampled_from(ids), max_size=4).map("|".join)

    cells = {
        "site": st.sampled_from(["", *SITES]),
        "gender": st.sampled_from(["", *GENDERS]),
        "age": st.sampled_from(["", "unknown", "0", "07", "13", "25"]),
        "caller": st.sampled_from(["", *CALLERS]),
        "topics": labels(TOPICS),
        "outcomes": labels(OUTCOMES),
        "on_behalf": labels(ON_BEHALF),
    }
    rows = []
    for _ in range(draw(st.integers(1, 40))):
        moment = draw(MOMENTS).replace(microsecond=0).isoformat()
        row = {
            "started_at": moment + draw(OFFSETS),
            "channel": draw(st.sampled_from(["phone", "sms", "chat", "email", "ungno"])),
            "status": draw(st.sampled_from(["answered", "missed"])),
        }
        row.update({c: draw(cells[c]) for c in optional})
        rows.append(row)
    return rows, optional


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs())
def test_counts_equal_a_plain_python_tally(log: tuple[list[dict[str, str]], list[str]]) -> None:
    """Every count, of every dimension, equals an independent tally of the log."""
    rows, optional = log
    with tempfile.TemporaryDirectory() as tmp:
        path = write_log(Path(tmp) / "log.csv", rows)
        code, _, stderr = run(path, "--data-dir", Path(tmp) / "data")
        assert code == 0, stderr
        assert read_counts(Path(tmp) / "data") == tally(rows, optional)


def test_writes_sorted_count_files(tmp_path: Path) -> None:
    """It writes one file per month, rows in a fixed order, with a closing account."""
    log = write_log(
        tmp_path / "chats.csv",
        [
            contact(
                "2025-01-02T10:15:00", site="oslo", topics="violence/bullying|mental_health/suicide"
            ),
            contact(
                "2025-01-02T09:00:00", site="", topics="mental_health/anxiety|mental_health/suicide"
            ),
            contact("2025-01-31T23:59:59", status="missed", site="oslo", topics="other"),
            contact("2025-02-01T00:00:00", channel="phone", site="bergen"),
        ],
    )
    code, stdout, stderr = run(log, "--data-dir", tmp_path / "data")
    assert code == 0
    assert stdout == ""
    assert (
        stderr == "4 rows read, 4 aggregated, 0 rejected; 2 months written (2025-01 to 2025-02)\n"
    )
    assert (tmp_path / "data/2025/2025-01.csv").read_text(encoding="utf-8") == "\n".join(
        [
            HEADER,
            "2025-01,chat,answered,total,,2",
            "2025-01,chat,answered,site,oslo,1",
            "2025-01,chat,answered,site,unknown,1",
            "2025-01,chat,answered,topic,mental_health,2",
            "2025-01,chat,answered,topic,mental_health/anxiety,1",
            "2025-01,chat,answered,topic,mental_health/suicide,2",
            "2025-01,chat,answered,topic,violence,1",
            "2025-01,chat,answered,topic,violence/bullying,1",
            "2025-01,chat,answered,hour,9,1",
            "2025-01,chat,answered,hour,10,1",
            "2025-01,chat,answered,day,2,2",
            "2025-01,chat,missed,total,,1",
            "2025-01,chat,missed,site,oslo,1",
            "2025-01,chat,missed,hour,23,1",
            "2025-01,chat,missed,day,31,1",
            "",
        ]
    )
    assert (tmp_path / "data/2025/2025-02.csv").read_bytes().count(b"\r") == 0


def test_topic_group_counts_a_contact_once(tmp_path: Path) -> None:
    """Two sub-topics of one group, and the group itself, count the group once."""
    log = write_log(
        tmp_path / "log.csv",
        [
            contact(
                "2025-01-05T12:00:00",
                topics="mental_health/suicide|mental_health|mental_health/anxiety|mental_health/suicide",
            )
        ],
    )
    assert run(log, "--data-dir", tmp_path / "data")[0] == 0
    counts = read_counts(tmp_path / "data")
    assert counts["2025-01", "chat", "answered", "topic", "mental_health"] == 1
    assert counts["2025-01", "chat", "answered", "topic", "mental_health/suicide"] == 1


# --- time -------------------------------------------------------------------------------


def test_new_years_eve_counts_in_december(tmp_path: Path) -> None:
    """23:30 on 31 December counts in December, written locally or in UTC."""
    log = write_log(
        tmp_path / "log.csv",
        [
            contact("2024-12-31T23:30:00"),
            contact("2024-12-31T22:30:00Z"),
            contact("2025-01-01T00:00:00+01:00"),
        ],
    )
    assert run(log, "--data-dir", tmp_path / "data")[0] == 0
    counts = read_counts(tmp_path / "data")
    assert counts["2024-12", "chat", "answered", "hour", "23"] == 2
    assert counts["2024-12", "chat", "answered", "day", "31"] == 2
    assert counts["2025-01", "chat", "answered", "total", ""] == 1
    assert counts["2025-01", "chat", "answered", "hour", "0"] == 1


def test_daylight_saving_changes_count_where_the_local_clock_puts_them(tmp_path: Path) -> None:
    """In spring no UTC time falls in 02:00-03:00; in autumn two hours do."""
    utc_times = [
        "2024-03-31T00:30:00Z",  # 01:30 CET
        "2024-03-31T01:30:00Z",  # 03:30 CEST: 02:xx does not exist that night
        "2024-10-27T00:30:00Z",  # 02:30 CEST
        "2024-10-27T01:30:00Z",  # 02:30 CET, the second time round
        "2024-10-27T02:30:00+01:00",  # 02:30 CET again, written with its offset
        "2024-10-27T02:30:00",  # naive: the local clock as written
    ]
    log = write_log(tmp_path / "log.csv", [contact(t, channel="phone") for t in utc_times])
    assert run(log, "--data-dir", tmp_path / "data")[0] == 0
    counts = read_counts(tmp_path / "data")
    hours = {k[4]: n for k, n in counts.items() if k[3] == "hour"}
    assert {k: n for k, n in counts.items() if k[0] == "2024-03" and k[3] == "hour"} == {
        ("2024-03", "phone", "answered", "hour", "1"): 1,
        ("2024-03", "phone", "answered", "hour", "3"): 1,
    }
    assert counts["2024-10", "phone", "answered", "hour", "2"] == 4
    assert set(hours) == {"1", "2", "3"}


def test_other_time_zone(tmp_path: Path) -> None:
    """--tz moves times with an offset into that zone and leaves naive times alone."""
    log = write_log(
        tmp_path / "log.csv", [contact("2024-07-01T03:00:00Z"), contact("2024-07-01T03:00:00")]
    )
    code, _, stderr = run(log, "--data-dir", tmp_path / "data", "--tz", "America/New_York")
    assert code == 0, stderr
    counts = read_counts(tmp_path / "data")
    assert counts["2024-06", "chat", "answered", "hour", "23"] == 1
    assert counts["2024-07", "chat", "answered", "hour", "3"] == 1


def test_unknown_time_zone_is_a_usage_error(tmp_path: Path) -> None:
    """An unknown --tz exits 2, naming the closest zone, and writes nothing."""
    log = write_log(tmp_path / "log.csv", [contact("2024-07-01T03:00:00")])
    code, _, stderr = run(log, "--data-dir", tmp_path / "data", "--tz", "Europe/Olso")
    assert code == 2
    assert "unknown time zone `Europe/Olso` (did you mean `Europe/Oslo`" in stderr
    assert not (tmp_path / "data").exists()


# --- bad rows -----------------------------------------------------------------------------

BAD_LOG = [
    contact("2025-01-03T10:00:00", site="oslo", age="12", topics="violence/bullying"),
    contact("2025-01-03T11:00:00", site="osloo", topics="violence/bullyng"),
    contact("03.01.2025 12:00", site="oslo"),
    contact("2025-01-03T13:00:00", channel="fax", status="", age="30"),
    contact("2025-01-03T14:00:00", site="bergen", topics="mental_health/suicide"),
]


def test_bad_rows_stop_the_run(tmp_path: Path) -> None:
    """Every bad cell is reported as FILE:LINE: message, and nothing is written."""
    log = write_log(tmp_path / "log.csv", BAD_LOG)
    code, _, stderr = run(log, "--data-dir", tmp_path / "data")
    assert code == 1
    assert stderr.splitlines() == [
        f"{log}:3: unknown site `osloo` (did you mean `oslo`?); "
        "add it to taxonomy.toml if it is new",
        f"{log}:3: unknown topic `violence/bullyng` "
        "(did you mean `violence/bullying` or `violence`?); add it to taxonomy.toml if it is new",
        f"{log}:4: started_at `03.01.2025 12:00` is not an ISO 8601 date and time "
        "(2024-03-05T22:14:03, or with an offset: +01:00, Z)",
        f"{log}:5: age 30 is out of range 0-25",
        f"{log}:5: unknown channel `fax`; expected phone, sms, chat, email, ungno",
        f"{log}:5: missing status",
        "error: 3 bad rows; nothing written "
        "(give --rejects FILE to set them aside and count the rest)",
    ]
    assert not (tmp_path / "data").exists()


def test_bad_rows_go_to_rejects(tmp_path: Path) -> None:
    """With --rejects the bad rows are set aside with their reasons; the rest count."""
    log = write_log(tmp_path / "log.csv", BAD_LOG)
    rejects = tmp_path / "rejects.csv"
    code, _, stderr = run(log, "--data-dir", tmp_path / "data", "--rejects", rejects)
    assert code == 0, stderr
    assert stderr == (
        f"5 rows read, 2 aggregated, 3 rejected (to {rejects}); 1 month written (2025-01)\n"
    )
    table = pl.read_csv(rejects, infer_schema=False)
    assert table.columns == [*BAD_LOG[0], "file", "line", "reason"]
    assert table["line"].to_list() == ["3", "4", "5"]
    assert table["site"].to_list() == ["osloo", "oslo", None]
    assert table["reason"][0] == (
        "unknown site `osloo` (did you mean `oslo`?); add it to taxonomy.toml if it is new; "
        "unknown topic `violence/bullyng` (did you mean `violence/bullying` or `violence`?); "
        "add it to taxonomy.toml if it is new"
    )
    counts = read_counts(tmp_path / "data")
    assert counts["2025-01", "chat", "answered", "total", ""] == 2
    assert counts["2025-01", "chat", "answered", "topic", "violence"] == 1
    assert sum(n for k, n in counts.items() if k[3] == "site") == 2


def test_all_rows_rejected_writes_no_month(tmp_path: Path) -> None:
    """A log of bad rows only, with --rejects, writes the rejects and no month."""
    log = write_log(tmp_path / "log.csv", [contact("yesterday")])
    code, _, stderr = run(log, "--data-dir", tmp_path / "data", "--rejects", tmp_path / "r.csv")
    assert code == 0
    assert (
        stderr
        == f"1 row read, 0 aggregated, 1 rejected (to {tmp_path / 'r.csv'}); 0 months written\n"
    )
    assert not list((tmp_path).glob("data/*/*.csv"))


def test_missing_required_column(tmp_path: Path) -> None:
    """A log without a required column is refused, naming the column."""
    log = write_log(
        tmp_path / "log.csv", [{"started_at": "2025-01-01T00:00:00", "channel": "chat"}]
    )
    code, _, stderr = run(log, "--data-dir", tmp_path / "data")
    assert code == 1
    assert f"{log}:1: missing required column `status`" in stderr.splitlines()


def test_rejects_inside_the_data_dir_is_refused(tmp_path: Path) -> None:
    """A rejects file where it would be read as a count file is a usage error."""
    log = write_log(tmp_path / "log.csv", [contact("2025-01-01T00:00:00")])
    code, _, stderr = run(
        log, "--data-dir", tmp_path / "data", "--rejects", tmp_path / "data/r.csv"
    )
    assert code == 2
    assert "inside the data directory" in stderr


def test_blank_lines_are_not_rows(tmp_path: Path) -> None:
    """A blank line in a CSV log is skipped, and line numbers still match the file."""
    log = tmp_path / "log.csv"
    log.write_text(
        "started_at,channel,status\n2025-01-01T10:00:00,chat,answered\n\n2025-01-01T11:00:00,chat,answred\n",
        encoding="utf-8",
    )
    code, _, stderr = run(log, "--data-dir", tmp_path / "data")
    assert code == 1
    assert stderr.splitlines()[0] == (
        f"{log}:4: unknown status `answred` (did you mean `answered`?); expected answered, missed"
    )


def test_a_metric_is_no_status(tmp_path: Path) -> None:
    """A sum's metric in the status column is an unknown status, not a sum of seconds
    (it was once taken for one, and ``answer_seconds#known`` dropped unread)."""
    log = tmp_path / "log.csv"
    log.write_text(
        "started_at,channel,status\n2025-01-01T10:00:00,chat,answered\n"
        "2025-01-01T11:00:00,chat,talk_seconds\n2025-01-01T12:00:00,chat,answer_seconds#known\n",
        encoding="utf-8",
    )
    code, _, stderr = run(log, "--data-dir", tmp_path / "data")
    assert code == 1
    assert stderr.splitlines()[:2] == [
        f"{log}:3: unknown status `talk_seconds`; expected answered, missed",
        f"{log}:4: unknown status `answer_seconds#known`; expected answered, missed",
    ]
    assert not (tmp_path / "data").exists()


# --- nothing lost -------------------------------------------------------------------------


def test_existing_month_is_not_overwritten(tmp_path: Path) -> None:
    """Without --replace an existing month stops the run, naming it; nothing changes."""
    data = tmp_path / "data"
    log = write_log(
        tmp_path / "log.csv", [contact("2025-01-01T10:00:00"), contact("2025-02-01T10:00:00")]
    )
    assert run(log, "--data-dir", data)[0] == 0
    (data / "2025/2025-02.csv").unlink()
    before = tree(data)
    code, _, stderr = run(log, "--data-dir", data)
    assert code == 1
    assert stderr.splitlines() == [
        "error: the month file for 2025-01 already exists; give --replace to overwrite it "
        "(the old file is kept as a backup)"
    ]
    assert tree(data) == before


def test_replace_keeps_a_backup(tmp_path: Path) -> None:
    """--replace overwrites a month and keeps the old file beside it as a backup."""
    data = tmp_path / "data"
    month = data / "2025/2025-01.csv"
    month.parent.mkdir(parents=True)
    month.write_text(HEADER + "\n2025-01,chat,answered,total,,99\n", encoding="utf-8")
    old = month.read_bytes()
    log = write_log(tmp_path / "log.csv", [contact("2025-01-01T10:00:00")])
    code, _, stderr = run(log, "--data-dir", data, "--replace")
    assert code == 0, stderr
    assert "1 backup kept" in stderr
    backups = list(month.parent.glob("2025-01.csv.*.bak"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == old
    assert read_counts(data)["2025-01", "chat", "answered", "total", ""] == 1
    assert run(log, "--data-dir", data, "--replace")[0] == 0
    assert len(list(month.parent.glob("2025-01.csv.*.bak"))) == 2


def test_failed_rename_leaves_the_data_dir_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that fails half way through its renames undoes them, backups included."""
    data = tmp_path / "data"
    month = data / "2025/2025-01.csv"
    month.parent.mkdir(parents=True)
    month.write_text(HEADER + "\n2025-01,chat,answered,total,,99\n", encoding="utf-8")
    before = tree(data)
    log = write_log(
        tmp_path / "log.csv",
        [
            contact("2025-01-01T10:00:00"),
            contact("2025-02-01T10:00:00"),
            contact("2026-03-01T10:00:00"),
        ],
    )
    real_replace = atomic.os.replace
    calls: list[str] = []

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        calls.append(str(dst))
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space"):
        core.aggregate([log], data, replace=True)
    assert tree(data) == before
    assert not (data / "2026").exists()


def test_failed_write_leaves_the_data_dir_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills while staging leaves no trace: no month, no temporary file."""
    data = tmp_path / "data"
    (data / "2025").mkdir(parents=True)
    before = tree(data)
    log = write_log(
        tmp_path / "log.csv", [contact("2025-01-01T10:00:00"), contact("2025-02-01T10:00:00")]
    )
    calls: list[Path] = []
    real_add = atomic.Stage.add_text

    def full_disk(self: atomic.Stage, target: Path, text: str, *, keep_old: bool) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_add(self, target, text, keep_old=keep_old)

    monkeypatch.setattr(atomic.Stage, "add_text", full_disk)
    with pytest.raises(OSError, match="No space"):
        core.aggregate([log], data)
    assert tree(data) == before


def test_bad_rows_raise_data_error_with_problems(tmp_path: Path) -> None:
    """The core raises DataError carrying one problem per bad cell, with the column."""
    log = write_log(tmp_path / "log.csv", BAD_LOG)
    with pytest.raises(DataError) as caught:
        core.aggregate([log], tmp_path / "data")
    assert [(p.line, p.column, str(p.code)) for p in caught.value.problems] == [
        (3, "site", "bad-log-row"),
        (3, "topics", "bad-log-row"),
        (4, "started_at", "bad-log-row"),
        (5, "age", "bad-log-row"),
        (5, "channel", "bad-log-row"),
        (5, "status", "bad-log-row"),
    ]


# --- inputs -------------------------------------------------------------------------------

ROWS = [
    contact(
        "2024-05-17T08:00:00", channel="phone", site="oslo", age="12", topics="violence/bullying"
    ),
    contact("2024-05-17T20:00:00+02:00", channel="sms", status="missed", site="", age=""),
    contact("2024-06-01T00:15:00", channel="phone", site="bergen", age="7", topics=""),
]
ROW_COLUMNS = ["site", "age", "topics"]


@pytest.mark.parametrize("name", ["log.csv", "log.csv.gz", "log.txt"])
def test_csv_gzip_and_semicolons(tmp_path: Path, name: str) -> None:
    """Comma and semicolon CSV, gzip-compressed or not, count alike."""
    for sep in (",", ";"):
        data = tmp_path / f"data{sep}"
        log = write_log(tmp_path / sep / name, ROWS, sep=sep)
        code, _, stderr = run(log, "--data-dir", data)
        assert code == 0, stderr
        assert read_counts(data) == tally(ROWS, ROW_COLUMNS)


def test_parquet_with_typed_columns(tmp_path: Path) -> None:
    """Parquet logs count alike, with times as datetimes and ages as numbers."""
    frame = pl.DataFrame(
        {
            "started_at": [
                datetime(2024, 5, 17, 8),
                datetime(2024, 5, 17, 20),
                datetime(2024, 6, 1, 0, 15),
            ],
            "channel": ["phone", "sms", "phone"],
            "status": ["answered", "missed", "answered"],
            "site": ["oslo", None, "bergen"],
            "age": [12, None, 7],
            "topics": ["violence/bullying", None, None],
        }
    )
    frame.write_parquet(tmp_path / "naive.parquet")
    utc = frame.with_columns(
        pl.col("started_at").dt.replace_time_zone("Europe/Oslo").dt.convert_time_zone("UTC")
    )
    utc.write_parquet(tmp_path / "utc.parquet")
    expected = tally(
        [{**r, "started_at": r["started_at"].isoformat()} for r in frame.to_dicts()], ROW_COLUMNS
    )
    for name in ("naive", "utc"):
        code, _, stderr = run(tmp_path / f"{name}.parquet", "--data-dir", tmp_path / name)
        assert code == 0, stderr
        assert read_counts(tmp_path / name) == expected


def test_logs_with_different_columns(tmp_path: Path) -> None:
    """Two logs add up; a column only one log has gives rows for its channel only (chats
    without a site column write no site rows, not "unknown")."""
    calls = write_log(
        tmp_path / "calls.csv", [contact("2024-05-01T10:00:00", channel="phone", site="oslo")]
    )
    chats = write_log(
        tmp_path / "chats.csv", [contact("2024-05-01T11:00:00"), contact("2024-05-02T11:00:00")]
    )
    code, _, stderr = run(calls, chats, "--data-dir", tmp_path / "data")
    assert code == 0, stderr
    assert stderr.startswith("3 rows read, 3 aggregated")
    counts = read_counts(tmp_path / "data")
    assert counts["2024-05", "phone", "answered", "site", "oslo"] == 1
    assert counts["2024-05", "chat", "answered", "total", ""] == 2
    assert not any(k[1] == "chat" and k[3] == "site" for k in counts)


def test_output_validates(tmp_path: Path) -> None:
    """What aggregate writes passes alarm validate."""
    rows = [
        contact(
            f"2024-{m:02d}-{d:02d}T{h:02d}:30:00",
            channel=c,
            status=s,
            site="oslo",
            gender="girl",
            age=str(d % 26),
            caller="child",
            topics="mental_health/suicide|violence",
            outcomes="advice",
            on_behalf="police",
        )
        for m, d, h, c, s in [
            (1, 31, 23, "phone", "answered"),
            (2, 29, 0, "chat", "missed"),
            (2, 1, 12, "sms", "answered"),
        ]
    ]
    log = write_log(tmp_path / "log.csv", rows)
    assert run(log, "--data-dir", tmp_path / "data")[0] == 0
    result = invoke("validate", "--data-dir", tmp_path / "data")
    assert result.exit_code == 0, result.output


def test_example_log_aggregates(tmp_path: Path) -> None:
    """The README's example log aggregates without a bad row."""
    example = Path(__file__).resolve().parent.parent / "examples/logs/chats-2025-01.csv"
    code, _, stderr = run(example, "--data-dir", tmp_path / "data")
    assert code == 0, stderr
    assert stderr.startswith("200 rows read, 200 aggregated, 0 rejected; 1 month written (2025-01)")


def test_time_forms_beyond_the_first_rows(tmp_path: Path) -> None:
    """Offsets, fractions and a space for T count alike, however late they first appear."""
    rows = [contact("2024-05-01T10:00:00") for _ in range(1500)]
    rows += [
        contact("2024-05-01T08:00:00Z"),
        contact("2024-05-01 10:00:00.250"),
        contact("2024-05-01T10:59:59.999999+02:00"),
        contact("2024-05-01 12:00:00+0400"),
    ]
    log = write_log(tmp_path / "log.csv", rows)
    code, _, stderr = run(log, "--data-dir", tmp_path / "data")
    assert code == 0, stderr
    assert read_counts(tmp_path / "data")["2024-05", "chat", "answered", "hour", "10"] == 1504


def test_replace_backs_up_months_not_rejects(tmp_path: Path) -> None:
    """--replace keeps old month files; a rejects file is simply written anew."""
    data, rejects = tmp_path / "data", tmp_path / "out/rejects.csv"
    log = write_log(tmp_path / "log.csv", BAD_LOG)
    for _ in range(2):
        code, _, stderr = run(log, "--data-dir", data, "--rejects", rejects, "--replace")
        assert code == 0, stderr
    assert [p.name for p in rejects.parent.iterdir()] == ["rejects.csv"]
    assert len(list(data.glob("2025/2025-01.csv.*.bak"))) == 1
    assert len(pl.read_csv(rejects)) == 3


def test_log_not_in_utf8(tmp_path: Path) -> None:
    """A log in another encoding is refused, naming the file."""
    log = tmp_path / "log.csv"
    log.write_bytes(
        "started_at,channel,status,site\n2025-01-01T10:00:00,chat,answered,bær\n".encode("cp1252")
    )
    code, _, stderr = run(log, "--data-dir", tmp_path / "data")
    assert code == 1
    assert stderr.splitlines()[0] == f"{log}: not UTF-8 text; save the log as UTF-8"


# ---------------------------------------------------------------- found in review


def test_rejects_cannot_be_a_log(tmp_path: Path) -> None:
    """--rejects naming one of the logs is refused and the log is left as it was."""
    log = write_log(tmp_path / "log.csv", [contact("2025-01-01T00:00:00")])
    before = log.read_bytes()
    code, _, stderr = run(log, "--data-dir", tmp_path / "data", "--rejects", log)
    assert code == 2
    assert "is one of the logs being read" in stderr
    assert log.read_bytes() == before


def test_line_numbers_follow_quoted_line_breaks(tmp_path: Path) -> None:
    """A bad row after a cell spanning two lines is named at its own line, 4."""
    log = tmp_path / "log.csv"
    log.write_text(
        "started_at,channel,status,note\n"
        '2024-06-01T12:00:00,phone,answered,"two\nlines"\n'
        "2024-06-01T12:00:00,fax,answered,x\n",
        encoding="utf-8",
    )
    code, _, stderr = run(log, "--data-dir", tmp_path / "data")
    assert code == 1
    assert stderr.splitlines()[0].startswith(f"{log}:4: unknown channel `fax`")


def test_float_ages_from_parquet_are_whole_years(tmp_path: Path) -> None:
    """Ages stored as floats (12.0) count as whole years; 12.5 is still refused."""
    frame = pl.DataFrame(
        {
            "started_at": ["2024-06-01T12:00:00"] * 2,
            "channel": ["chat"] * 2,
            "status": ["answered"] * 2,
            "age": [12.0, None],
        }
    )
    frame.write_parquet(tmp_path / "log.parquet")
    code, _, _ = run(tmp_path / "log.parquet", "--data-dir", tmp_path / "data")
    assert code == 0
    counts = read_counts(tmp_path / "data")
    assert counts[("2024-06", "chat", "answered", "age", "12")] == 1
    assert counts[("2024-06", "chat", "answered", "age", "unknown")] == 1

    frame.with_columns(age=pl.Series([12.5, None])).write_parquet(tmp_path / "half.parquet")
    code, _, stderr = run(tmp_path / "half.parquet", "--data-dir", tmp_path / "data2")
    assert code == 1
    assert "age `12.5` is not a whole number" in stderr


# --- slices -------------------------------------------------------------------------------

NOTES = st.text(alphabet='ab"\n,;|', max_size=6)  # an ignored column, quoted by the writer


@st.composite
def flawed_logs(draw: st.DrawFn) -> tuple[list[dict[str, str]], list[str], set[int]]:
    """A log with a note column (quotes, line breaks) and some rows made bad: a
    misspelt site, a time that does not parse, an unknown topic; their row numbers."""
    rows, optional = draw(logs())
    bad: set[int] = set()
    for i, row in enumerate(rows):
        row["note"] = draw(NOTES)
        flaw = draw(st.sampled_from(["", "", "", "started_at", "site", "topics"]))
        if flaw == "started_at":
            row["started_at"] = "yesterday"
        elif flaw in optional:
            row[flaw] = "osloo" if flaw == "site" else "violence/bullyng|violence/bullying"
        else:
            continue
        bad.add(i)
    return rows, optional, bad


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flawed_logs(), st.sampled_from(["csv", "parquet"]))
def test_counts_in_slices_equal_a_plain_python_tally(
    log: tuple[list[dict[str, str]], list[str], set[int]], form: str
) -> None:
    """Counted a few rows (or bytes) at a time, with bad rows set aside, a log gives the
    tally of its good rows, and every bad row, at its line, goes to the rejects."""
    rows, optional, bad = log
    good = [row for i, row in enumerate(rows) if i not in bad]
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr(core, "_SLICE_ROWS", 3)
        patch.setattr(core, "_SLICE_BYTES", 100)
        patch.setattr(core, "_MERGE_EVERY", 2)
        path = write_log(Path(tmp) / "log.csv", rows)
        if form == "parquet":
            path = Path(tmp) / "log.parquet"
            pl.DataFrame(rows, schema=list(rows[0]), orient="row").write_parquet(path)
        rejects = Path(tmp) / "rejects.csv"
        code, _, stderr = run(path, "--data-dir", Path(tmp) / "data", "--rejects", rejects)
        assert code == 0, stderr
        assert read_counts(Path(tmp) / "data") == tally(good, optional)
        lines = pl.read_csv(rejects, infer_schema=False)["line"].to_list() if bad else []
        if form == "parquet":
            assert lines == [str(i + 1) for i in sorted(bad)]
        else:  # the line a row starts on: a note with a line break moves the rows after it
            starts = [2 + i + sum(r["note"].count("\n") for r in rows[:i]) for i in sorted(bad)]
            assert lines == [str(line) for line in starts]
