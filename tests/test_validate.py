"""``alarm validate``: every rule of the count-file contract, broken once, through the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import invoke, write_counts

HEADER = "month,channel,metric,dimension,category,count"
TOTAL = ("2024-06", "phone", "answered", "total", "", 10)


def validate(*args: str | Path) -> tuple[int, list[str]]:
    """Run ``alarm validate --all ARGS``; its exit code, stdout lines, then stderr lines."""
    result = invoke("validate", "--all", *args)
    return result.exit_code, result.stdout.splitlines() + result.stderr.splitlines()


def check_one(tmp_path: Path, rows: list[tuple[object, ...]], name: str = "2024-06.csv") -> Path:
    """Write ``rows`` to ``tmp_path/name`` and return the path."""
    return write_counts(tmp_path, name, rows)


# ---------------------------------------------------------------- row rules


@pytest.mark.parametrize(
    ("row", "message"),
    [
        pytest.param(
            ("2024-6", "phone", "answered", "total", "", 10),
            "`2024-6` is not a month; write YYYY-MM, as in 2024-06",
            id="bad-month",
        ),
        pytest.param(
            ("2024-13", "phone", "answered", "total", "", 10),
            "`2024-13` is not a month; write YYYY-MM, as in 2024-06",
            id="month-13",
        ),
        pytest.param(
            ("2024-07", "phone", "answered", "total", "", 10),
            "the month is 2024-07 in a file named 2024-06.csv, which holds that month only",
            id="month-mismatch",
        ),
        pytest.param(
            ("2024-06", "fone", "answered", "total", "", 10),
            "unknown channel `fone` (did you mean `phone`?); "
            "it is one of phone, sms, chat, email, ungno, web",
            id="unknown-channel",
        ),
        pytest.param(
            ("2024-06", "web", "answered", "total", "", 10),
            "unknown metric `answered`; web has visits, pageviews, users",
            id="web-answered",
        ),
        pytest.param(
            ("2024-06", "phone", "visits", "total", "", 10),
            "unknown metric `visits`; phone has answered, missed, answer_seconds, "
            "talk_seconds, abandon_seconds",
            id="phone-visits",
        ),
        pytest.param(
            ("2024-06", "phone", "answered", "sites", "oslo", 10),
            "unknown dimension `sites` (did you mean `site`?); it is one of total, site, gender, "
            "age, caller, topic, outcome, on_behalf, hour, day",
            id="unknown-dimension",
        ),
        pytest.param(
            ("2024-06", "phone", "missed", "total", "oslo", 10),
            "a total row has an empty category, not `oslo`",
            id="total-with-category",
        ),
        pytest.param(
            ("2024-06", "phone", "answered", "site", "", 10),
            "a site row needs a category",
            id="breakdown-without-category",
        ),
        pytest.param(
            ("2024-06", "phone", "answered", "site", "olso", 10),
            "unknown site `olso` (did you mean `oslo`?); add it to taxonomy.toml if it is new",
            id="unknown-site-hint",
        ),
        pytest.param(
            ("2024-06", "phone", "answered", "topic", "mental_health/suicid", 1),
            "unknown topic `mental_health/suicid` (did you mean `mental_health/suicide` or "
            "`mental_health` or `mental_health/anxiety`?); "
            "add it to taxonomy.toml if it is new",
            id="unknown-topic-hint",
        ),
        pytest.param(
            ("2024-06", "phone", "answered", "hour", "24", 10),
            "hour `24` is not a whole hour from 0 to 23",
            id="hour-24",
        ),
        pytest.param(
            ("2024-06", "phone", "answered", "day", "31", 10),
            "day `31` is not a day of 2024-06, which has days 1 to 30",
            id="june-31",
        ),
        pytest.param(
            ("2024-06", "phone", "answered", "age", "26", 10),
            "age `26` is not a whole number of years from 0 to 25, or unknown",
            id="age-26",
        ),
        pytest.param(
            ("2024-06", "phone", "missed", "total", "", -1),
            "the count `-1` is not a whole number ≥ 0",
            id="count-negative",
        ),
        pytest.param(
            ("2024-06", "phone", "missed", "total", "", "1.5"),
            "the count `1.5` is not a whole number ≥ 0",
            id="count-decimal",
        ),
        pytest.param(
            ("2024-06", "phone", "missed", "total", "", "1 473"),
            "the count `1 473` is not a whole number ≥ 0",
            id="count-thousands-space",
        ),
        pytest.param(
            ("2024-06", "phone", "missed", "total", "", ""),
            "the count is empty",
            id="count-empty",
        ),
    ],
)
def test_row_rule(tmp_path: Path, row: tuple[object, ...], message: str) -> None:
    """It reports a row that breaks a row rule as FILE:LINE: message, and exits 1."""
    path = check_one(tmp_path, [TOTAL, row])

    code, lines = validate(path)

    assert (code, lines) == (1, [f"{path}:3: {message}", "1 file, 2 rows: 1 problem"])


def test_every_problem_in_one_run(tmp_path: Path) -> None:
    """It reports every broken row of a file in one run, in line order, and exits 1."""
    path = check_one(
        tmp_path,
        [
            ("2024-06", "phone", "missed", "total", "", "x"),
            TOTAL,
            ("2024-06", "chat", "answered", "site", "olso", 3),
            ("2024-6", "sms", "answered", "total", "", 1),
        ],
    )

    code, lines = validate(path)

    assert code == 1
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        f"{path}:2",
        f"{path}:4",
        f"{path}:5",
    ]
    assert lines[-1] == "1 file, 4 rows: 3 problems"


def test_day_29_in_february_depends_on_leap_year(tmp_path: Path) -> None:
    """It rejects day 29 and 30 in February 2023, accepts day 29 in February 2024, exits 1."""
    feb_2023 = write_counts(
        tmp_path,
        "2023-02.csv",
        [("2023-02", "phone", "answered", "day", day, 1) for day in ("28", "29", "30")],
    )
    feb_2024 = write_counts(
        tmp_path,
        "2024-02.csv",
        [("2024-02", "phone", "answered", "day", day, 1) for day in ("28", "29")],
    )

    code, lines = validate(feb_2023, feb_2024)

    assert (code, lines) == (
        1,
        [
            f"{feb_2023}:3: day `29` is not a day of 2023-02, which has days 1 to 28",
            f"{feb_2023}:4: day `30` is not a day of 2023-02, which has days 1 to 28",
            "2 files, 5 rows: 2 problems",
        ],
    )


def test_day_29_valid_in_leap_february(tmp_path: Path) -> None:
    """It accepts day 29 of February 2024 and exits 0."""
    path = write_counts(tmp_path, "2024-02.csv", [("2024-02", "chat", "missed", "day", "29", 4)])

    assert validate(path) == (0, ["1 file, 1 row: no problems"])


def test_age_unknown_is_valid_age_26_is_not(tmp_path: Path) -> None:
    """It accepts age `unknown` and 0-25, rejects 26, and exits 1."""
    path = check_one(
        tmp_path,
        [
            ("2024-06", "phone", "answered", "age", "0", 1),
            ("2024-06", "phone", "answered", "age", "25", 1),
            ("2024-06", "phone", "answered", "age", "unknown", 1),
            ("2024-06", "phone", "answered", "age", "26", 1),
        ],
    )

    assert validate(path) == (
        1,
        [
            f"{path}:5: age `26` is not a whole number of years from 0 to 25, or unknown",
            "1 file, 4 rows: 1 problem",
        ],
    )


# ---------------------------------------------------------------- cross-row rules


def test_duplicate_key_across_files_names_first_place(tmp_path: Path) -> None:
    """It reports a key given in two files at the second, naming the first, and exits 1."""
    first = write_counts(
        tmp_path,
        "2024/2024-06.csv",
        [TOTAL, ("2024-06", "phone", "answered", "site", "oslo", 10)],
    )
    second = write_counts(
        tmp_path,
        "extra.csv",
        [
            ("2024-06", "chat", "answered", "total", "", 1),
            ("2024-06", "phone", "answered", "site", "oslo", 10),
        ],
    )

    code, lines = validate("--data-dir", tmp_path)

    assert (code, lines) == (
        1,
        [
            f"{second}:3: 2024-06 phone answered site oslo is given twice; "
            f"it is first given at {first}:3",
            "2 files, 4 rows: 1 problem",
        ],
    )


def test_exhaustive_breakdown_must_sum_to_total(tmp_path: Path) -> None:
    """It reports a site breakdown that does not sum to the total at the total row; exits 1."""
    path = check_one(
        tmp_path,
        [
            TOTAL,
            ("2024-06", "phone", "answered", "site", "oslo", 7),
            ("2024-06", "phone", "answered", "site", "bergen", 2),
            ("2024-06", "phone", "answered", "gender", "girl", 10),
        ],
    )

    assert validate(path) == (
        1,
        [
            f"{path}:2: the site rows of 2024-06 phone answered sum to 9 ({path}:3), "
            "but the total is 10, a difference of -1",
            "1 file, 4 rows: 1 problem",
        ],
    )


def test_breakdowns_without_total_must_agree(tmp_path: Path) -> None:
    """It reports disagreeing breakdowns without a total at the later one's first line."""
    path = check_one(
        tmp_path,
        [
            ("2024-06", "phone", "answered", "site", "oslo", 7),
            ("2024-06", "phone", "answered", "gender", "girl", 2),
            ("2024-06", "phone", "answered", "gender", "boy", 3),
        ],
    )

    code, lines = validate(path)

    assert (code, lines) == (
        1,
        [
            f"{path}:3: 2024-06 phone answered has no total row, so its breakdowns must agree, "
            f"but site to 7 ({path}:2), gender to 5 ({path}:3)",
            "1 file, 3 rows: 1 problem",
        ],
    )


def test_breakdowns_without_total_that_agree_are_valid(tmp_path: Path) -> None:
    """It accepts agreeing exhaustive breakdowns without a total row and exits 0."""
    path = check_one(
        tmp_path,
        [
            ("2024-06", "phone", "answered", "site", "oslo", 5),
            ("2024-06", "phone", "answered", "gender", "girl", 2),
            ("2024-06", "phone", "answered", "gender", "boy", 3),
            ("2024-06", "phone", "answered", "topic", "violence", 5),
        ],
    )

    assert validate(path) == (0, ["1 file, 4 rows: no problems"])


def test_multi_label_row_may_not_exceed_total(tmp_path: Path) -> None:
    """It accepts topics summing past the total, rejects one topic over it, and exits 1."""
    path = check_one(
        tmp_path,
        [
            TOTAL,
            ("2024-06", "phone", "answered", "topic", "violence", 10),
            ("2024-06", "phone", "answered", "topic", "conflict", 9),
            ("2024-06", "phone", "answered", "outcome", "advice", 11),
        ],
    )

    assert validate(path) == (
        1,
        [
            f"{path}:5: 2024-06 phone answered outcome advice counts 11, more than the total "
            "of 10 answered phone contacts in 2024-06",
            "1 file, 4 rows: 1 problem",
        ],
    )


def test_unreadable_count_in_breakdown_is_reported_once(tmp_path: Path) -> None:
    """It reports an unreadable count in a breakdown at its row only, not as a sum; exits 1."""
    path = check_one(
        tmp_path,
        [
            TOTAL,
            ("2024-06", "phone", "answered", "site", "oslo", "ti"),
            ("2024-06", "phone", "answered", "site", "bergen", 2),
        ],
    )

    assert validate(path) == (
        1,
        [f"{path}:3: the count `ti` is not a whole number ≥ 0", "1 file, 3 rows: 1 problem"],
    )


# ---------------------------------------------------------------- taxonomy.toml


def test_taxonomy_toml_adds_a_site(tmp_path: Path) -> None:
    """It accepts a site that the data directory's taxonomy.toml adds, and exits 0."""
    rows = [TOTAL, ("2024-06", "phone", "answered", "site", "drammen", 10)]
    path = write_counts(tmp_path, "2024/2024-06.csv", rows)
    unknown = f"{path}:3: unknown site `drammen`; add it to taxonomy.toml if it is new"
    assert validate("--data-dir", tmp_path) == (1, [unknown, "1 file, 2 rows: 1 problem"])

    (tmp_path / "taxonomy.toml").write_text(
        '[site]\ndrammen = { nb = "Drammen barnevernvakt", en = "Drammen" }\n', "utf-8"
    )

    assert validate("--data-dir", tmp_path) == (0, ["1 file, 2 rows: no problems"])
    # a file path finds the nearest taxonomy.toml above it
    assert validate(path) == (0, ["1 file, 2 rows: no problems"])


def test_bad_taxonomy_toml_is_reported_at_its_lines(tmp_path: Path) -> None:
    """It reports each invalid entry of taxonomy.toml at its line, and exits 1."""
    write_counts(tmp_path, "2024/2024-06.csv", [TOTAL])
    toml = tmp_path / "taxonomy.toml"
    toml.write_text(
        "[site]\n"
        'drammen = { nb = "Drammen", en = "Drammen" }\n'
        'Moss = { nb = "Moss", en = "Moss" }\n'
        "[gender]\n"
        'nonbinary = { nb = "Ikke-binær" }\n',
        "utf-8",
    )

    code, lines = validate("--data-dir", tmp_path)

    assert code == 1
    assert lines[:2] == [
        f"{toml}:3: `site.Moss` is not a valid id: use lower-case letters a-z, digits and _",
        f"{toml}:5: `gender.nonbinary.en` is missing",
    ]


def test_taxonomy_toml_that_is_not_toml(tmp_path: Path) -> None:
    """It reports a taxonomy.toml that is not TOML at the line where it breaks; exits 1."""
    write_counts(tmp_path, "2024/2024-06.csv", [TOTAL])
    toml = tmp_path / "taxonomy.toml"
    toml.write_text('[site]\ndrammen = { nb = "Drammen"\n', "utf-8")

    code, lines = validate("--data-dir", tmp_path)

    assert code == 1
    assert lines[0] == f"{toml}:2: not valid TOML: Unclosed inline table"


# ---------------------------------------------------------------- structure


def write_bytes(tmp_path: Path, data: bytes, name: str = "2024-06.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data", [b"", b"\n\r\n  \n", b"\xef\xbb\xbf"], ids=["zero", "blank", "bom"]
)
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    """It reports an empty file, naming the header it needs, and exits 1."""
    path = write_bytes(tmp_path, data)

    assert validate(path) == (
        1,
        [
            f"{path}: the file is empty; a count file starts with the header row {HEADER}",
            "1 file, 0 rows: 1 problem",
        ],
    )


def test_binary_file(tmp_path: Path) -> None:
    """It reports a binary file at the line of its first NUL byte, and exits 1."""
    path = write_bytes(
        tmp_path, f"{HEADER}\n2024-06,phone,answered,total,,1\n".encode() + b"\x00\x89PNG"
    )

    assert validate(path) == (
        1,
        [
            f"{path}:3: this is not a text file (it holds binary data); a count file is CSV text",
            "1 file, 0 rows: 1 problem",
        ],
    )


def test_windows_1252_file_suggests_utf8(tmp_path: Path) -> None:
    """It reports a Windows-1252 `æ` at its line, suggests saving as UTF-8, and exits 1."""
    text = f"{HEADER}\n2024-06,phone,answered,total,,1\n2024-06,phone,answered,site,bærum,1\n"
    path = write_bytes(tmp_path, text.encode("cp1252"))

    assert validate(path) == (
        1,
        [
            f"{path}:3: the file is not UTF-8 (byte 0xE6, `æ` in Windows-1252); "
            "save it as UTF-8 (in Excel: CSV UTF-8)",
            "1 file, 0 rows: 1 problem",
        ],
    )


def test_ragged_rows(tmp_path: Path) -> None:
    """It reports rows with too many or too few cells at their lines, and exits 1."""
    path = write_bytes(
        tmp_path,
        (
            f"{HEADER}\n"
            "2024-06,phone,answered,total,,10,5\n"
            "2024-06,phone,missed,total\n"
            "2024-06,chat,missed,total,,3\n"
        ).encode(),
    )

    assert validate(path) == (
        1,
        [
            f"{path}:2: this row has 7 cells, the header has 6",
            f"{path}:3: this row has 4 cells, the header has 6",
            "1 file, 1 row: 2 problems",
        ],
    )


def test_missing_column_with_typo_hint(tmp_path: Path) -> None:
    """It reports a missing column on line 1, naming the misspelt one, and exits 1."""
    path = write_bytes(
        tmp_path, b"month,chanel,metric,dimension,category,count\n2024-06,phone,answered,total,,1\n"
    )

    assert validate(path) == (
        1,
        [
            f"{path}:1: the header has no column `channel` (is it misspelt as `chanel`?); "
            f"it needs {HEADER}",
            "1 file, 0 rows: 1 problem",
        ],
    )


def test_semicolons_bom_crlf_and_any_column_order(tmp_path: Path) -> None:
    """It reads a `;`-separated file with a BOM and CRLF, columns in any order; exits 0."""
    path = write_counts(
        tmp_path,
        "2024-06.csv",
        [
            ("phone", 10, "total", "", "2024-06", "answered"),
            ("phone", 10, "site", "oslo", "2024-06", "answered"),
        ],
        header=("channel", "count", "dimension", "category", "month", "metric"),
        sep=";",
        newline="\r\n",
        bom=True,
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbfchannel;count;")

    assert validate(path) == (0, ["1 file, 2 rows: no problems"])


def test_semicolon_file_problems_keep_their_lines(tmp_path: Path) -> None:
    """It reports problems of a `;` CRLF file with a BOM at the right lines, and exits 1."""
    path = write_counts(
        tmp_path,
        "2024-06.csv",
        [TOTAL, ("2024-06", "phone", "answered", "site", "olso", 10)],
        sep=";",
        newline="\r\n",
        bom=True,
    )

    code, lines = validate(path)

    assert code == 1
    assert lines[0].startswith(f"{path}:3: unknown site `olso`")


def test_quoted_fields(tmp_path: Path) -> None:
    """It reads quoted cells, with separators inside quotes, as their text; exits 0."""
    path = write_bytes(
        tmp_path,
        (
            b'"month","channel","metric","dimension","category","count"\n'
            b'"2024-06","phone","answered","total","","10"\n'
            b'"2024-06","phone","answered","topic","mental_health/suicide","3"\n'
            b'2024-06,phone,answered,topic,"violence",4\n'
        ),
    )

    assert validate(path) == (0, ["1 file, 3 rows: no problems"])


def test_spaces_around_a_value_are_reported_not_removed(tmp_path: Path) -> None:
    """A cell with spaces around its value is named with the fix, not silently trimmed."""
    path = write_bytes(
        tmp_path,
        (
            b"month,channel,metric,dimension,category,count\n"
            b"2024-06,phone,answered,total,,10\n"
            b'2024-06,phone,answered,topic," violence ",4\n'
        ),
    )

    assert validate(path) == (
        1,
        [
            f"{path}:3: the category ` violence ` has spaces around it; write `violence`",
            "1 file, 2 rows: 1 problem",
        ],
    )


def test_quoted_separator_in_a_cell_is_one_cell(tmp_path: Path) -> None:
    """It reads `"os,lo"` as one unknown category, not a ragged row, and exits 1."""
    path = write_bytes(
        tmp_path,
        f'{HEADER}\n2024-06,phone,answered,total,,10\n2024-06,phone,answered,site,"os,lo",10\n'.encode(),
    )

    code, lines = validate(path)

    assert code == 1
    assert lines == [
        f"{path}:3: unknown site `os,lo` (did you mean `oslo`?); "
        "add it to taxonomy.toml if it is new",
        "1 file, 2 rows: 1 problem",
    ]


def test_blank_lines_keep_line_numbers(tmp_path: Path) -> None:
    """It skips blank lines but counts them, reporting the true line, and exits 1."""
    path = write_bytes(
        tmp_path,
        f"{HEADER}\n2024-06,phone,answered,total,,10\n\n2024-06,sms,missed,total,,x\n".encode(),
    )

    assert validate(path) == (
        1,
        [f"{path}:4: the count `x` is not a whole number ≥ 0", "1 file, 2 rows: 1 problem"],
    )


# ---------------------------------------------------------------- output and behaviour


def test_json_format(tmp_path: Path) -> None:
    """It writes problems as a JSON list of file, line, column, code, message; exits 1."""
    path = check_one(
        tmp_path,
        [TOTAL, ("2024-06", "phone", "answered", "site", "olso", 10)],
    )

    result = invoke("validate", path, "--format", "json")

    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "file": str(path),
            "line": 3,
            "column": "category",
            "code": "unknown-category",
            "message": "unknown site `olso` (did you mean `oslo`?); "
            "add it to taxonomy.toml if it is new",
        }
    ]
    assert result.stderr == "1 file, 2 rows: 1 problem\n"


def test_json_format_valid_is_empty_list(tmp_path: Path) -> None:
    """It writes an empty JSON list for valid files and exits 0."""
    path = check_one(tmp_path, [TOTAL])

    result = invoke("validate", path, "--format", "json")

    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_input_files_are_not_modified(tmp_path: Path) -> None:
    """It leaves every input file byte for byte as it was, with its mtime, valid or not."""
    paths = [
        check_one(tmp_path, [TOTAL, ("2024-06", "phone", "answered", "site", "olso", 10)]),
        write_counts(
            tmp_path,
            "2024-07.csv",
            [("2024-07", "phone", "answered", "total", "", 1)],
            sep=";",
            bom=True,
            newline="\r\n",
        ),
        write_bytes(tmp_path, "month,channel\næ\n".encode("cp1252"), "2024-08.csv"),
    ]
    (tmp_path / "taxonomy.toml").write_text(
        '[site]\nmoss = { nb = "Moss", en = "Moss" }\n', "utf-8"
    )
    paths.append(tmp_path / "taxonomy.toml")
    for path in paths:  # an old mtime, so a rewrite within the same second would show
        os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}
    listing = sorted(tmp_path.rglob("*"))

    code, _ = validate("--data-dir", tmp_path)

    assert code == 1
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths} == before
    assert sorted(tmp_path.rglob("*")) == listing


def test_valid_directory(tmp_path: Path) -> None:
    """It exits 0 with `no problems` for a valid directory of several years."""
    for month in ("2023-12", "2024-01", "2024-02"):
        write_counts(
            tmp_path,
            f"{month[:4]}/{month}.csv",
            [
                (month, "phone", "answered", "total", "", 10),
                (month, "phone", "answered", "site", "oslo", 4),
                (month, "phone", "answered", "site", "kristiansand", 6),
                (month, "phone", "answered", "hour", "23", 10),
                (month, "phone", "answered", "topic", "mental_health/suicide", 10),
                (month, "web", "visits", "total", "", 100),
            ],
        )

    assert validate("--data-dir", tmp_path) == (0, ["3 files, 18 rows: no problems"])


def test_data_dir_from_environment(tmp_path: Path) -> None:
    """It validates $ALARM_DATA_DIR when no path or --data-dir is given, and exits 1."""
    path = write_counts(
        tmp_path, "2024-06.csv", [("2024-06", "phone", "answered", "total", "", "x")]
    )

    result = invoke("validate", env={"ALARM_DATA_DIR": str(tmp_path)})

    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{path}:2: the count `x` is not a whole number ≥ 0"


@pytest.mark.parametrize("option", [[], ["--data-dir"]], ids=["path", "data-dir"])
def test_nonexistent_path_is_an_error_not_a_traceback(tmp_path: Path, option: list[str]) -> None:
    """It reports a path that does not exist in one line, and exits 1 without a traceback."""
    missing = tmp_path / "nowhere"

    result = invoke("validate", *option, missing)

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == f"{missing}: no such file or directory\n"
    assert result.stderr == "0 files, 0 rows: 1 problem\n"


def test_directory_without_count_files(tmp_path: Path) -> None:
    """It reports a directory with no *.csv in it, and exits 1."""
    assert validate(tmp_path) == (
        1,
        [f"{tmp_path}: no count files (*.csv, *.xlsx, *.ods) here", "0 files, 0 rows: 1 problem"],
    )


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    """It exits 2 on an unknown --format."""
    result = invoke("validate", tmp_path, "--format", "xml")

    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_help_ends_with_an_example() -> None:
    """It documents itself, ending the description with an example."""
    result = invoke("validate", "--help")

    assert result.exit_code == 0
    assert "Example: alarm validate --data-dir examples/data" in result.stdout


# ---------------------------------------------------------------- found in review


def test_old_mac_line_endings_are_read(tmp_path: Path) -> None:
    """A file with carriage returns only (Excel's "CSV (Macintosh)") reads line by line."""
    path = write_bytes(
        tmp_path,
        b"month,channel,metric,dimension,category,count\r"
        b"2024-06,phone,answered,total,,10\r"
        b"2024-06,phone,answered,site,olso,10\r",
    )

    code, lines = validate(path)
    assert code == 1
    assert lines[0].startswith(f"{path}:3: unknown site `olso` (did you mean `oslo`?)")


def test_utf16_is_an_encoding_problem(tmp_path: Path) -> None:
    """A UTF-16 file is named as such, with the fix, not as binary data."""
    text = "month,channel,metric,dimension,category,count\n2024-06,phone,answered,total,,1\n"
    path = write_bytes(tmp_path, text.encode("utf-16"))

    assert validate(path) == (
        1,
        [
            f"{path}:1: the file is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)",
            "1 file, 0 rows: 1 problem",
        ],
    )


def test_a_count_too_large_to_be_real(tmp_path: Path) -> None:
    """A count over 12 digits is refused, so that no sum can overflow."""
    path = check_one(tmp_path, [("2024-06", "phone", "answered", "total", "", "9" * 13)])

    code, lines = validate(path)
    assert code == 1
    assert lines[0] == (
        f"{path}:2: the count `{'9' * 13}` is larger than any real count (at most 12 digits)"
    )


def test_multi_label_rows_need_a_total(tmp_path: Path) -> None:
    """Topic rows of a month with no total and no exhaustive breakdown are reported once."""
    path = check_one(
        tmp_path,
        [
            ("2024-06", "chat", "answered", "topic", "violence", "5"),
            ("2024-06", "chat", "answered", "topic", "conflict", "7"),
        ],
    )

    code, lines = validate(path)
    assert code == 1
    assert lines == [
        f"{path}:2: 2024-06 chat answered has topic rows but no total: give a total row "
        "(or an exhaustive breakdown such as site), so that shares can be computed",
        "1 file, 2 rows: 1 problem",
    ]


def test_a_file_named_twice_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same file reached by a relative and an absolute path is not its own duplicate."""
    path = check_one(tmp_path, [("2024-06", "phone", "answered", "total", "", "1")])
    monkeypatch.chdir(tmp_path)

    assert validate(path.name, path) == (0, ["1 file, 1 row: no problems"])


def test_a_broken_link_is_reported(tmp_path: Path) -> None:
    """A *.csv link to nothing is a problem, not silently skipped."""
    check_one(tmp_path, [("2024-06", "phone", "answered", "total", "", "1")])
    (tmp_path / "2024-07.csv").symlink_to(tmp_path / "gone.csv")

    code, lines = validate(tmp_path)
    assert code == 1
    assert f"{tmp_path / '2024-07.csv'}: cannot be read: a link to nothing" in lines


def test_header_names_with_spaces_are_read(tmp_path: Path) -> None:
    """A header cell with a space after the separator (`month, channel`) names its column."""
    path = write_bytes(
        tmp_path,
        b"month, channel,metric,dimension,category ,count\n2024-06,phone,answered,total,,1\n",
    )

    assert validate(path) == (0, ["1 file, 1 row: no problems"])
