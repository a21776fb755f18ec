"""Files read together are read as each file alone, by the csv module.

:func:`alarmcli.loading.read_files` reads plain files under ``TOGETHER`` bytes with one
polars read per header and maps the rows back to their files and lines; any file that
polars may read otherwise than the csv module is read on its own. Whatever the files
hold, the rows (with file and line) and the problems are those of reading each file
alone with the exact reader.
"""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from alarmcli import loading, taxonomy, validation
from alarmcli.problems import Code
from conftest import reading

BUILTIN = taxonomy.builtin()
HEADERS = [
    "month,channel,metric,dimension,category,count",
    "count;category;dimension;metric;channel;month",  # another separator and order
    "month,channel,metric,dimension,count,category",  # the category last
    "month,channel,metric,dimension,category,count,note",  # a column besides the contract's
    "note,month,channel,metric,dimension,category,count",  # ... before them
]
CELLS = ["2024-01", "phone", "answered", "total", "site", "oslo", "7", "", '""', " ", "é"]
FAULTS = [
    "bom", "utf-16", "cp1252", "nul", "ragged", "quoted", "quoted-newline", "lone-cr",
    "empty", "cr-only", "missing-column", "spaces-row", "note-only", "long-and-short",
    "bom-in-line",
]  # fmt: skip


@st.composite
def count_file(draw: st.DrawFn) -> bytes:
    """A small count file: plain, or with blank lines, empty cells, one of ``FAULTS``."""
    header = draw(st.sampled_from(HEADERS))
    sep = ";" if ";" in header else ","
    width = header.count(sep) + 1
    row = st.lists(st.sampled_from(CELLS), min_size=width, max_size=width).map(sep.join)
    valid = sep.join(
        {"month": "2024-01", "channel": "phone", "metric": "answered", "dimension": "total"}.get(
            c, "3" if c == "count" else ""
        )
        for c in header.split(sep)
    )
    blank = st.sampled_from(["", sep * (width - 1)])
    lines = draw(st.lists(st.one_of(st.just(valid), row, blank), max_size=8))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join([header, *lines]) + draw(st.sampled_from(["", newline]))
    fault = draw(st.one_of(st.none(), st.sampled_from(FAULTS)))
    event(f"fault: {fault}")
    extra = {
        "ragged": valid + sep + "7",
        "quoted": valid.replace("2024-01", '"2024-01"'),
        "quoted-newline": valid.replace("phone", '"ph\none"'),
        "lone-cr": valid.replace("phone", "ph\rone"),
        "nul": valid.replace("phone", "ph\x00one"),
        "spaces-row": sep.join([" "] * width),  # skipped by the csv module
        "note-only": sep * (width - 1) + "x",  # the contract's cells empty, not the row
        # a cell too many and one too few: the separators add up
        "long-and-short": valid + sep + "7" + newline + valid.rpartition(sep)[0],
        "bom-in-line": "\ufeff" + valid,  # as cat header.csv export.csv makes
    }
    if fault in extra:
        lines.insert(draw(st.integers(0, len(lines))), extra[fault])
        text = newline.join([header, *lines]) + newline
    data = text.encode("utf-8")
    if fault == "bom":
        data = codecs.BOM_UTF8 + data
    elif fault == "utf-16":
        data = text.encode("utf-16")
    elif fault == "cp1252":
        data = (text + valid.replace("phone", "phøne") + newline).encode("cp1252")
    elif fault == "empty":
        data = draw(st.sampled_from([b"", b"\n", b" \r\n"]))
    elif fault == "cr-only":
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    elif fault == "missing-column":
        data = data.replace(b"metric", b"metrc", 1)
    return data


def write(tmp: str, files: list[bytes]) -> list[Path]:
    """The files, named by month or not, in a directory; their paths, sorted."""
    paths = []
    for i, data in enumerate(files):
        path = Path(tmp) / (f"2024-{i + 1:02}.csv" if i % 2 else f"counts-{i}.csv")
        path.write_bytes(data)
        paths.append(path)
    return sorted(paths)


@given(
    files=st.lists(count_file(), min_size=1, max_size=6),
    how=st.sampled_from(["small", "together"]),
)
@example(
    files=[
        b"month,channel,metric,dimension,category,count\n2024-01,phone,answered,total,,3\n\n",
        b"month,channel,metric,dimension,category,count\n , , , , , \n",
        b"month,channel,metric,dimension,category,count\n2024-01,phone,answered,total,,\n",
        b"count;category;dimension;metric;channel;month\r\n3;;total;answered;sms;2024-01\r\n",
    ],
    how="small",
)
@example(  # a cell too many after a column of the file's own: not cut off
    files=[
        b"note,month,channel,metric,dimension,category,count\nx,2024-05,sms,answered,total,,12\n",
        b"note,month,channel,metric,dimension,category,count\nx,2024-06,sms,answered,total,,1,473\n",
    ],
    how="small",
)
@example(  # a mark at the start of the first line polars reads: kept in the month
    files=[
        b"month,channel,metric,dimension,category,count\n\xef\xbb\xbf2024-01,sms,answered,total,,3\n"
    ],
    how="small",
)
@settings(max_examples=300, deadline=None)
def test_files_read_together_as_each_alone(files: list[bytes], how: str) -> None:
    """Small files (``small``) or larger ones (``together``) read together."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = write(tmp, files)
        with reading(how):
            read = loading.read_files(paths)
        with reading("exact"):
            alone = [loading.read_files([path]) for path in paths]
            exact = loading.read_files(paths)
    frames = [a.frame for a in alone if a.chunks]
    assert read.frame.equals(pl.concat(frames) if frames else loading.empty_frame())
    assert read.problems == [p for a in alone for p in a.problems]
    assert (read.files, read.rows) == (len(paths), sum(a.rows for a in alone))
    assert read.frame.equals(exact.frame)
    checked = validation.validate_read(exact, BUILTIN)
    assert validation.validate_read(read, BUILTIN).problems == checked.problems


def test_larger_files_keep_their_place_among_the_others(tmp_path: Path) -> None:
    """Larger files' rows come first, in order, around a workbook and a file read alone;
    the small files' rows last, in order, whether read together or alone."""
    from conftest import write_counts

    header = "month,channel,metric,dimension,category,count\n"
    big = header + "".join(f"2024-01,phone,answered,hour,{h},1\n" for h in range(24)) * 40
    (tmp_path / "a-big.csv").write_text(big, "utf-8")
    (tmp_path / "b-small.csv").write_text(header + "2024-02,sms,missed,total,,2\n", "utf-8")
    (tmp_path / "c-odd.csv").write_text(big.replace(",1\n", ",\n", 1), "utf-8")  # alone
    (tmp_path / "d-small.csv").write_text(header + '"2024-03",sms,missed,total,,2\n', "utf-8")
    (tmp_path / "e-big.csv").write_text(big.replace("2024-01", "2024-05"), "utf-8")
    write_counts(tmp_path, "f.csv", [["2024-06", "chat", "answered", "total", "", "4"]])
    paths = sorted(tmp_path.iterdir())
    assert (tmp_path / "a-big.csv").stat().st_size >= loading.SMALL_FILE
    read = loading.read_files(paths)
    with reading("exact"):
        exact = loading.read_files(paths)
    assert read.frame.equals(exact.frame)
    assert read.problems == exact.problems
    files = read.frame.select(pl.col(loading.FILE).unique(maintain_order=True)).to_series()
    order = ["a-big.csv", "c-odd.csv", "e-big.csv", "b-small.csv", "d-small.csv", "f.csv"]
    assert [Path(f).name for f in files] == order


def test_a_row_of_too_many_cells_is_never_cut_to_fit(tmp_path: Path) -> None:
    """``1,473`` under a header with a column of its own is a ragged row, not a count of 1."""
    from conftest import invoke

    header = "source,month,channel,metric,dimension,category,count\n"
    (tmp_path / "2024-05.csv").write_text(header + "export,2024-05,phone,answered,total,,1200\n")
    (tmp_path / "2024-06.csv").write_text(header + "export,2024-06,phone,answered,total,,1,473\n")
    result = invoke("summary", "2024", "-d", tmp_path, "-f", "csv")
    assert result.exit_code == 1
    assert f"{tmp_path / '2024-06.csv'}:2: this row has 8 cells, the header has 7" in result.stderr


def test_a_file_polars_refused_goes_straight_to_the_exact_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once polars has refused a file's lines alone (or they are not plain), it is not
    asked again, in pieces or whole: the exact reader reads the file, at the same lines."""
    header = "month,channel,metric,dimension,category,count\n"
    rows = "".join(f"2024-01,phone,answered,hour,{n % 24},{n}\n" for n in range(1000))
    ragged = header + rows + "2024-01,sms,missed,total,,1,473\n"
    (tmp_path / "a.csv").write_text(header + rows, "utf-8")
    (tmp_path / "b.csv").write_text(ragged, "utf-8")
    (tmp_path / "c.csv").write_bytes(
        (header + rows).replace("phone", "ph\xf8ne", 1).encode("cp1252")
    )
    (tmp_path / "d.csv").write_text(header + rows.replace("sms", "chat"), "utf-8")
    paths = sorted(tmp_path.iterdir())
    assert min(p.stat().st_size for p in paths) >= loading.SMALL_FILE  # (not the small reader)
    asked: list[bytes] = []
    polars_rows = loading._rows

    def rows_asked(lines: bytes, *args: Any) -> pl.DataFrame | None:
        asked.append(lines)
        return polars_rows(lines, *args)

    monkeypatch.setattr(loading, "_rows", rows_asked)
    read = loading.read_files(paths)
    assert asked.count(ragged.removeprefix(header).encode()) == 1  # alone, once
    assert not [lines for lines in asked if b"ph\xf8ne" in lines]  # not UTF-8: never
    with reading("exact"):
        exact = [loading.read_files([path]) for path in paths]
    assert read.problems == [p for e in exact for p in e.problems]
    assert [(p.line, p.code) for p in read.problems] == [
        (1002, Code.RAGGED_ROW),
        (2, Code.ENCODING),
    ]
    assert read.frame.equals(pl.concat(e.frame for e in exact if e.chunks))

    asked.clear()  # a file read in pieces: a piece polars refuses, then the exact reader
    with reading("pieces"):
        read = loading.read_files([tmp_path / "b.csv"])
    assert [lines for lines in asked if b"1,473" in lines] == [asked[-1]]
    assert [(p.line, p.code) for p in read.problems] == [(1002, Code.RAGGED_ROW)]
