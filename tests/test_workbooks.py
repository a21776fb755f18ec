"""Spreadsheets in and out: count workbooks, `alarm import` of a wide tally, --format xlsx."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import python_calamine as pc
import xlsxwriter

from alarmcli.contract import COUNT_COLUMNS
from conftest import invoke

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "data"
TALLY = ROOT / "examples" / "tally-2024.xlsx"
Sheet = Callable[[xlsxwriter.Workbook], None]


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Write ``sheets`` (rows from A1; ``None`` leaves a cell empty) as an xlsx workbook."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(path)
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write_datetime(i, j, value, book.add_format({"num_format": "mmm yy"}))
                elif value is not None:
                    sheet.write(i, j, value)
    book.close()
    return path


def rows_of(directory: Path) -> set[tuple[str, ...]]:
    """Every count row of the csv files below ``directory``."""
    out = set()
    for path in directory.rglob("????-??.csv"):  # the month files, not the period files
        with path.open(encoding="utf-8") as handle:
            out |= {tuple(r[c] for c in COUNT_COLUMNS) for r in csv.DictReader(handle)}
    return out


def copy_taxonomy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(EXAMPLES / "taxonomy.toml", data)
    return data


# --- count files as workbooks ----------------------------------------------------------

HEADER = list(COUNT_COLUMNS)


def test_a_month_workbook_counts_like_its_csv(tmp_path: Path) -> None:
    """A month's counts in 2024-06.xlsx (numbers as numbers, the month a date) give the
    same figures as the same counts in 2024-06.csv."""
    data = tmp_path / "data"
    workbook(
        data / "2024" / "2024-06.xlsx",
        {
            "Ark1": [
                HEADER,
                [dt.date(2024, 6, 1), "phone", "answered", "total", None, 1473],
                ["2024-06", "phone", "answered", "site", "kristiansand", 1400],
                ["2024-06", "phone", "answered", "site", "oslo", 73],
            ]
        },
    )
    result = invoke("summary", "2024", "-d", data, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "phone,answered,2024,1473," in result.stdout
    assert invoke("validate", data).exit_code == 0


def test_a_year_workbook_has_a_sheet_per_month_and_names_sheet_and_row(tmp_path: Path) -> None:
    """2024.xlsx with sheets 2024-01 and 2024-02: both read; a bad count and a row of the
    wrong month are named FILE[SHEET]:ROW, with the header on row 3."""
    path = workbook(
        tmp_path / "data" / "2024.xlsx",
        {
            "2024-01": [[], [], HEADER, ["2024-01", "phone", "answered", "total", None, 10]],
            "2024-02": [
                HEADER,
                ["2024-02", "phone", "answered", "total", None, "ti"],
                ["2024-03", "phone", "answered", "total", None, 5],
            ],
        },
    )
    result = invoke("validate", tmp_path / "data", "--all")
    assert result.exit_code == 1
    assert f"{path}[2024-02]:2: " in result.stdout
    assert f"{path}[2024-02]:3: " in result.stdout
    assert "2024-01]" not in result.stdout


def test_a_sheet_without_the_columns_is_a_problem_not_skipped(tmp_path: Path) -> None:
    """A notes sheet in a count workbook is reported (missing columns), never ignored."""
    path = workbook(
        tmp_path / "d" / "2024-01.xlsx",
        {
            "2024-01": [HEADER, ["2024-01", "phone", "answered", "total", None, 10]],
            "Notater": [["Husk å sjekke oktober"]],
        },
    )
    result = invoke("validate", tmp_path / "d")
    assert result.exit_code == 1
    assert f"{path}[Notater]:1: the header has no column `month`" in result.stdout


def test_a_damaged_workbook_is_named(tmp_path: Path) -> None:
    """Bytes that are not a workbook: exit 1 naming the file, no traceback."""
    path = tmp_path / "d" / "2024-01.xlsx"
    path.parent.mkdir()
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = invoke("validate", tmp_path / "d")
    assert result.exit_code == 1
    assert str(path) in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("far", [(199, 59), (1_048_575, 16_383)])
def test_a_sheet_spanning_millions_of_cells_is_refused_before_it_is_read(
    tmp_path: Path, far: tuple[int, int]
) -> None:
    """A 5 KB workbook with one stray cell far out (XFD1048576) would be filled in cell by
    cell, gigabytes and minutes: refused at once, naming the last cell. A stray cell that
    keeps the sheet under the limit is read, and the counts with it."""
    path = tmp_path / "d" / "2024" / "2024-01.xlsx"
    path.parent.mkdir(parents=True)
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("2024-01")
    sheet.write_row(0, 0, list(COUNT_COLUMNS))
    sheet.write_row(1, 0, ["2024-01", "phone", "answered", "total", "", 5])
    sheet.write(*far, " ")
    book.close()
    result = invoke("validate", tmp_path / "d")
    if far[0] < 1000:
        assert "cannot be read" not in result.stdout
        assert f"{path}[2024-01]:200: this row has 7 cells, the header has 6" in result.stdout
    else:
        assert result.exit_code == 1
        assert f"{path}: cannot be read: a sheet reaches cell XFD1048576" in result.stdout


def far_cell_workbook(path: Path) -> None:
    """A count workbook with one stray cell at XFD1048576."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("2024-01")
    sheet.write_row(0, 0, list(COUNT_COLUMNS))
    sheet.write_row(1, 0, ["2024-01", "phone", "answered", "total", "", 5])
    sheet.write(1_048_575, 16_383, " ")
    book.close()


def rewritten(path: Path, change: Callable[[str, bytes], tuple[str, bytes]]) -> None:
    """The workbook at ``path`` with each part renamed or changed by ``change``."""
    import zipfile

    with zipfile.ZipFile(path) as book:
        parts = [change(name, book.read(name)) for name in book.namelist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts:
            book.writestr(name, data)


def test_a_sheet_stored_elsewhere_in_the_workbook_is_measured_too(tmp_path: Path) -> None:
    """A workbook may keep its sheet at any path its links name (xl/sheet1.xml)."""
    path = tmp_path / "d" / "2024" / "2024-01.xlsx"
    far_cell_workbook(path)

    def move(name: str, data: bytes) -> tuple[str, bytes]:
        data = data.replace(b"worksheets/sheet1.xml", b"sheet1.xml")
        return name.replace("xl/worksheets/sheet1.xml", "xl/sheet1.xml"), data

    rewritten(path, move)
    result = invoke("validate", tmp_path / "d")
    assert f"{path}: cannot be read: a sheet reaches cell XFD1048576" in result.stdout


def test_a_damaged_sheet_is_named_not_a_traceback(tmp_path: Path) -> None:
    """A sheet whose compressed bytes are damaged: exit 1 naming the file, as calamine says."""
    import zipfile

    path = tmp_path / "d" / "2024" / "2024-01.xlsx"
    far_cell_workbook(path)
    with zipfile.ZipFile(path) as book:
        info = book.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start : start + 16] = bytes(16)  # the start of its deflate stream
    path.write_bytes(bytes(data))
    result = invoke("validate", tmp_path / "d")
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{path}: cannot be read:" in result.stdout


# --- alarm import ----------------------------------------------------------------------


def test_importing_the_example_tally_gives_the_example_counts(tmp_path: Path) -> None:
    """examples/tally-2024.xlsx (written from examples/data by examples/tally.py, the round
    trip count files → xlsx → import) gives back every 2024 count but the daily ones, the
    two-dimensional ones (topic*age) and the sums of seconds, which a wide tally does not
    keep."""
    data = copy_taxonomy(tmp_path)
    result = invoke("import", TALLY, "-d", data)
    assert result.exit_code == 0, result.output
    assert "12 months written (2024-01 to 2024-12)" in result.stderr
    expected = {
        r
        for r in rows_of(EXAMPLES / "2024")
        if r[3] != "day" and "*" not in r[3] and not r[2].endswith("_seconds")
    }
    assert rows_of(data) == expected


MONTHS = ["januar", "februar", "mars"]


def tally(body: list[list[object]], header: list[object] | None = None) -> dict[str, list]:
    """A phone sheet: a merged title, a header row, then ``body``."""
    top: list[object] = ["", *(header or MONTHS), "Sum"]
    return {"Telefon": [["Telefonstatistikk 2024"], [], top, *body]}


def test_import_reads_headers_blank_rows_sum_rows_and_formulas(tmp_path: Path) -> None:
    """Merged title, a blank row inside a section, a Sum row at the bottom (checked, not
    imported), a formula with its value, month headers as dates: all read."""
    path = tmp_path / "tally 2024.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Telefon")
    sheet.merge_range(0, 0, 0, 4, "Telefonstatistikk")
    for j, month in enumerate([dt.date(2024, 1, 1), dt.date(2024, 2, 1)], start=1):
        sheet.write_datetime(2, j, month, book.add_format({"num_format": "mmm yy"}))
    sheet.write(2, 3, "Sum")
    sheet.write_row(3, 0, ["Besvarte", 10, 20])
    sheet.write_formula(3, 3, "=SUM(B4:C4)", None, 30)
    sheet.write(5, 0, "Svarsted")
    sheet.write_row(6, 0, ["Alarmtelefonen i Kristiansand", 7, 15, 22])
    sheet.write_row(8, 0, ["Oslo barnevernvakt", 3, 5, 8])  # after a blank row
    sheet.write(9, 0, "Sum")
    sheet.write_formula(9, 1, "=SUM(B7:B9)", None, 10)
    sheet.write_formula(9, 2, "=SUM(C7:C9)", None, 20)
    book.close()
    data = copy_taxonomy(tmp_path)
    result = invoke("import", path, "-d", data)
    assert result.exit_code == 0, result.output
    assert rows_of(data) == {
        ("2024-01", "phone", "answered", "total", "", "10"),
        ("2024-02", "phone", "answered", "total", "", "20"),
        ("2024-01", "phone", "answered", "site", "kristiansand", "7"),
        ("2024-02", "phone", "answered", "site", "kristiansand", "15"),
        ("2024-01", "phone", "answered", "site", "oslo", "3"),
        ("2024-02", "phone", "answered", "site", "oslo", "5"),
    }


def test_a_wrong_sum_row_is_refused(tmp_path: Path) -> None:
    """A Sum row that is not the sum of its section: the row and column are named."""
    path = workbook(
        tmp_path / "tally-2024.xlsx",
        tally([["Besvarte", 10], [], ["Kjønn"], ["Jente", 6], ["Gutt", 4], ["Sum", 11]]),
    )
    data = copy_taxonomy(tmp_path)
    result = invoke("import", path, "-d", data)
    assert result.exit_code == 1
    assert (
        f"{path}[Telefon]:9: the sum row says 11 in column B, the rows above add up to 10"
        in result.stderr
    )
    assert not (data / "2024").exists()


def test_unmatched_labels_are_listed_with_a_hint_and_nothing_is_written(tmp_path: Path) -> None:
    """Every label that maps to nothing is named at its row with the closest labels."""
    path = workbook(
        tmp_path / "tally-2024.xlsx",
        tally([["Besvarte", 10], ["Kjønn"], ["Jentr", 6], ["Gutt", 4], ["Temaer"], ["x", 1]]),
    )
    data = copy_taxonomy(tmp_path)
    result = invoke("import", path, "-d", data)
    assert result.exit_code == 1
    assert (
        f"{path}[Telefon]:6: `Jentr` is not a gender in the taxonomy (did you mean `jente`"
        in result.stderr
    )
    assert f"{path}[Telefon]:8: `Temaer` has no numbers" in result.stderr
    assert "nothing was written" in result.stderr
    assert not (data / "2024").exists()


def test_a_sheet_that_is_not_a_channel_is_named(tmp_path: Path) -> None:
    path = workbook(tmp_path / "tally-2024.xlsx", {"Telefn": [["", "januar"], ["Besvarte", 1]]})
    result = invoke("import", path, "-d", copy_taxonomy(tmp_path))
    assert result.exit_code == 1
    assert "sheet `Telefn` is not named after a channel (did you mean `telefon`" in result.stderr


def test_counts_that_break_the_contract_are_refused_at_their_row(tmp_path: Path) -> None:
    """Sites that do not add up to the total: validation names the workbook row."""
    path = workbook(
        tmp_path / "tally-2024.xlsx",
        tally([["Besvarte", 10], ["Svarsted"], ["Oslo barnevernvakt", 4]]),
    )
    result = invoke("import", path, "-d", copy_taxonomy(tmp_path))
    assert result.exit_code == 1
    assert f"{path}[Telefon]:" in result.stderr
    assert "sum to 4" in result.stderr


def test_an_existing_month_needs_replace_which_keeps_a_backup(tmp_path: Path) -> None:
    path = workbook(tmp_path / "tally-2024.xlsx", tally([["Besvarte", 10, 11, 12]]))
    data = copy_taxonomy(tmp_path)
    assert invoke("import", path, "-d", data).exit_code == 0
    again = invoke("import", path, "-d", data)
    assert again.exit_code == 1
    assert "--replace" in again.stderr
    replaced = invoke("import", path, "-d", data, "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert len(list((data / "2024").glob("*.bak"))) == 3


def test_the_year_comes_from_the_option_when_nothing_else_says_it(tmp_path: Path) -> None:
    path = workbook(tmp_path / "telling.xlsx", tally([["Besvarte", 10]]))
    data = copy_taxonomy(tmp_path)
    refused = invoke("import", path, "-d", data)
    assert refused.exit_code == 1
    assert "give --year" in refused.stderr
    assert invoke("import", path, "-d", data, "--year", "2023").exit_code == 0
    assert (data / "2023" / "2023-01.csv").is_file()


# --- --format xlsx ---------------------------------------------------------------------


def read_sheet(path: Path) -> tuple[str, list[list[object]]]:
    book = pc.CalamineWorkbook.from_path(str(path))
    (name,) = book.sheet_names
    return name, book.get_sheet_by_name(name).to_python()


def test_summary_as_a_norwegian_workbook(tmp_path: Path) -> None:
    """One sheet: title, Norwegian headings, numbers as numbers, 9.7 % as 0.097 shown as a
    percentage, notes below; two runs give the same bytes."""
    out = tmp_path / "nøkkeltall.xlsx"
    args = ["summary", "2024", "-d", EXAMPLES, "-f", "xlsx", "-o", out, "--lang", "nb"]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    name, rows = read_sheet(out)
    assert name == "Nøkkeltall 2024"
    header = rows[2]
    assert header[:4] == ["Kanal", "Måltall", "År", "Sum"]
    phone = next(r for r in rows if r[0] == "Telefon")
    record = dict(zip(header, phone, strict=True))
    assert record["Sum"] == 14242
    assert record["Endring %"] == pytest.approx(0.097)
    first = out.read_bytes()
    assert invoke(*args).exit_code == 0
    assert out.read_bytes() == first


def test_xlsx_shows_hidden_figures_and_needs_an_output(tmp_path: Path) -> None:
    out = tmp_path / "sites.xlsx"
    result = invoke("sites", "2024", "-d", EXAMPLES, "-f", "xlsx", "-o", out, "--suppress", "100")
    assert result.exit_code == 0, result.output
    _, rows = read_sheet(out)
    assert any(":" in r for r in rows)
    assert any("are hidden" in str(r[0]) for r in rows)
    missing = invoke("sites", "2024", "-d", EXAMPLES, "-f", "xlsx")
    assert missing.exit_code == 2
    assert "--output" in missing.stderr


@pytest.mark.parametrize("cut", range(1, 60))
def test_a_position_cut_between_two_reads_is_still_found(
    monkeypatch: pytest.MonkeyPatch, cut: int
) -> None:
    """A cell tag longer than any fixed overlap, read in pieces cut anywhere inside it."""
    import io

    from alarmcli import workbooks

    xml = b'<row r="1"><c s="12" t="inlineStr" r="XFD1048576"><is><t>x</t></is></c></row>'
    monkeypatch.setattr(workbooks, "_SCAN", cut)
    assert workbooks._span(io.BytesIO(xml)) == (1_048_576, 16_384)
