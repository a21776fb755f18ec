"""The cheap check of clean data and the row-by-row check agree, on random files.

``validation.validate_read`` first tells clean data cheaply (:func:`validation._clean`:
row rules on distinct values, uniqueness and sums on dictionary codes) and checks row by
row (:func:`validation.validate`) only where that finds anything. Both must agree on
every file: clean exactly when the row-by-row check finds no problem, with the same
counts and totals. Files are read whole, a piece at a time, or with the small files.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from alarmcli import loading, taxonomy, validation
from conftest import invoke, reading

BUILTIN = taxonomy.builtin()
#: ``violence`` counted from 2024 only (a 2023 row of it breaks rule 5); the phone open
#: 08-20 from 2024 and closed on 5 January 2024 (a count at 03 or on that day is an error).
DATED = """
[topic]
violence = { nb = "Vold", en = "Violence", valid_from = 2024 }

[service.phone]
hours = [{ from = 2024-01-01, open = ["08-20"] }]
closed_days = [2024-01-05]
"""
HEADER = "month,channel,metric,dimension,category,count"
KEY = ["month", "channel", "metric", "dimension", "category"]
SITES = ["oslo", "bergen", "unknown"]
GENDERS = ["girl", "boy", "unknown"]
TOPICS = ["violence", "conflict", "mental_health/suicide"]
HOURS = ["3", "12"]
MUTATIONS = [
    "none", "duplicate", "count+1", "bad-count", "unknown-site", "day-31", "bad-month",
    "bad-channel", "drop-total", "cell-over-total",
]  # fmt: skip


@st.composite
def groups(draw: st.DrawFn, month: str, channel: str, metric: str) -> list[list[str]]:
    """Valid rows of one month, channel and metric: a total, breakdowns that add up."""
    total = draw(st.integers(0, 40))
    rows = []
    stated = draw(st.booleans())
    if stated:
        rows.append([month, channel, metric, "total", "", str(total)])
    exhaustive = draw(st.sets(st.sampled_from(["site", "gender", "day", "hour"]), max_size=2))
    for dimension in sorted(exhaustive):
        ids = {"site": SITES, "gender": GENDERS, "day": ["1", "5", "28", "29"], "hour": HOURS}[
            dimension
        ]
        cut = sorted(
            draw(st.lists(st.integers(0, total), min_size=len(ids) - 1, max_size=len(ids) - 1))
        )
        parts = [b - a for a, b in zip([0, *cut], [*cut, total], strict=True)]
        rows += [
            [month, channel, metric, dimension, i, str(n)] for i, n in zip(ids, parts, strict=True)
        ]
    if stated or exhaustive:
        for topic in draw(st.sets(st.sampled_from(TOPICS), max_size=2)):
            rows.append([month, channel, metric, "topic", topic, str(draw(st.integers(0, total)))])
        if draw(st.booleans()):  # a cell whose margins are not in the file
            rows.append([month, channel, metric, "outcome*age", "advice*7", str(total)])
    return rows


@st.composite
def count_files(draw: st.DrawFn) -> tuple[str, str]:
    """A count file's name and text: valid, or with one mutation."""
    months = draw(st.sets(st.sampled_from(["2024-01", "2024-02", "2023-02"]), min_size=1))
    keys = [
        ("phone", "answered"),
        ("chat", "answered"),
        ("chat", "missed"),
        ("chat", "talk_seconds"),  # sums of durations need their contacts
        ("phone", "abandon_seconds"),
    ]
    rows = [
        row
        for month in sorted(months)
        for channel, metric in draw(st.sets(st.sampled_from(keys), min_size=1))
        for row in draw(groups(month, channel, metric))
    ]
    if not rows:
        rows = [[sorted(months)[0], "phone", "answered", "total", "", "1"]]
    mutation = draw(st.sampled_from(MUTATIONS))
    i = draw(st.integers(0, len(rows) - 1))
    row = rows[i]
    if mutation == "duplicate":
        rows.insert(draw(st.integers(0, len(rows))), list(row))
    elif mutation == "count+1":
        row[5] = str(int(row[5]) + 1)
    elif mutation == "bad-count":
        row[5] = draw(st.sampled_from(["x", "-1", "1.5", " 3", "0001234567890123"]))
    elif mutation == "unknown-site":
        row[3], row[4] = "site", "osloo"
    elif mutation == "day-31":
        row[3], row[4] = "day", "31"
    elif mutation == "bad-month":
        row[0] = "2024-13"
    elif mutation == "bad-channel":
        row[1] = "fax"
    elif mutation == "drop-total":
        rows = [r for r in rows if r[3] != "total" or r is not row]
    elif mutation == "cell-over-total":
        rows.append([row[0], row[1], row[2], "topic*gender", "violence*girl", "41"])
    draw(st.randoms()).shuffle(rows)
    name = draw(st.sampled_from(["counts.csv", f"{sorted(months)[0]}.csv"]))
    return name, "\n".join([HEADER, *(",".join(r) for r in rows)]) + "\n"


def text_counts(frame: pl.LazyFrame) -> pl.DataFrame:
    return frame.select(pl.col(KEY).cast(pl.String), "count").collect()


@given(
    file=count_files(),
    how=st.sampled_from(["small", "together", "whole", "pieces"]),
    dated=st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_cheap_check_agrees_with_row_by_row(file: tuple[str, str], how: str, dated: bool) -> None:
    name, text = file
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(text, "utf-8")
        TAX = BUILTIN  # noqa: N806
        if dated:
            (Path(tmp) / taxonomy.TAXONOMY_FILE).write_text(DATED, "utf-8")
            TAX = taxonomy.load(Path(tmp))  # noqa: N806
        with reading(how):
            read = loading.read_files([path])
        with reading("exact"):
            exact = loading.read_files([path])
    assert read.frame.equals(exact.frame)
    assert read.problems == exact.problems

    clean = validation._clean(read, TAX)
    checked = validation.validate(read.frame, TAX)

    event("clean" if clean is not None else "with problems")
    assert (clean is not None) == (not checked.problems), checked.problems
    if clean is not None:
        assert clean.totals.equals(checked.totals)
        assert text_counts(clean.counts).equals(text_counts(checked.counts))
    assert validation.validate_read(read, TAX).problems == checked.problems


CELLS = ["2024-01", "phone", "answered", "total", "", "7", " oslo", '"a,b"', '"x\ny"', "é", "\r"]
CELLS += [" ", '""']  # a row of blank cells the csv module skips, polars does not


@given(
    lines=st.lists(
        st.one_of(
            st.lists(st.sampled_from(CELLS), min_size=5, max_size=7).map(",".join),
            st.sampled_from(["", " ", "\x00", "2024-01;phone"]),
        ),
        max_size=12,
    ),
    newline=st.sampled_from(["\n", "\r\n"]),
    piece=st.integers(1, 64),
)
@example(lines=[",".join(["2024-01"] * 6) + ","], newline="\n", piece=4096)  # a 7th cell
@settings(max_examples=300, deadline=None)
def test_any_file_read_alike_in_pieces_and_by_the_csv_module(
    lines: list[str], newline: str, piece: int
) -> None:
    """Whatever a file holds, reading it a piece at a time gives what the exact reader does."""
    text = newline.join([HEADER, *lines])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "counts.csv"
        path.write_bytes(text.encode("utf-8"))
        with reading("pieces"):
            loading.PIECE = piece
            read = loading.read_files([path])
        with reading("exact"):
            exact = loading.read_files([path])
    assert read.problems == exact.problems
    assert read.frame.equals(exact.frame)


def _month_rows(channels: list[str]) -> list[list[str]]:
    """Valid rows of 2024-01: per channel and metric, a total of 310, days and hours."""
    out = []
    for channel in channels:
        for metric in ("answered", "missed"):
            out.append(["2024-01", channel, metric, "total", "", "310"])
            out += [
                ["2024-01", channel, metric, "day", str(d), "40" if d == 1 else "9"]
                for d in range(1, 32)
            ]
            out += [
                ["2024-01", channel, metric, "hour", str(h), "310" if h == 0 else "0"]
                for h in range(24)
            ]
    return out


@pytest.mark.parametrize(
    "case",
    [
        "text after a closing quote",  # the csv module reads "40"5 as 405, polars as 40
        "a space after a closing quote",  # "2024-01" , is `2024-01 ` to the csv module
        "a short row",  # the category column last, and a row without it
    ],
)
def test_a_large_file_reads_as_the_csv_module_reads_it(tmp_path: Path, case: str) -> None:
    """The same problem in a small file and in one over SMALL_FILE (read in pieces by
    polars): the same problem at the same line (found by an adversarial review)."""
    from alarmcli.loading import SMALL_FILE

    found = {}
    for size, channels in (
        ("small", ["phone"]),
        ("big", ["phone", "sms", "chat", "email", "ungno"]),
    ):
        rows = _month_rows(channels)
        header = "month,channel,metric,dimension,category,count"
        lines = [",".join(r) for r in rows]
        if case.startswith("text"):
            lines[1] = '2024-01,phone,answered,day,1,"40"5'
        elif case.startswith("a space"):
            lines[1] = '"2024-01" ,phone,answered,day,1,40'
        else:
            header = "month,channel,metric,dimension,count,category"
            lines = [",".join([*r[:4], r[5], r[4]]) for r in rows]
            lines[0] = "2024-01,phone,answered,total,310"
        path = tmp_path / size / "2024-01.csv"
        path.parent.mkdir()
        path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
        assert (path.stat().st_size >= SMALL_FILE) == (size == "big")
        result = invoke("validate", path.parent, "--format", "json")
        assert result.exit_code == 1, result.stdout
        found[size] = {(p["line"], p["code"]) for p in json.loads(result.stdout) if p["line"] <= 3}
    assert found["big"] == found["small"]
