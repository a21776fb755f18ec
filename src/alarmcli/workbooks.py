"""Count files kept as spreadsheets (``.xlsx``, ``.xlsm``, ``.ods``), read like csv files.

A workbook holds count rows in the contract's long format on one or more sheets: a
workbook per month (``2024-06.xlsx``) or per year (``2024.xlsx`` with a sheet per month,
each named ``2024-01`` … ``2024-12``). Every non-empty sheet is read: its first non-empty
row is the header, the rows below it are counts, and each cell becomes the text a csv file
would hold (``1473`` for the number 1473, ``2024-06`` for a date in the month column), so
the same validation applies, cell for cell. A problem is named ``FILE[SHEET]:ROW``.

Read with python-calamine (Rust's calamine: the reader polars uses), imported only when a
workbook is read.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import IO, TYPE_CHECKING

from alarmcli.problems import Code, Problem

if TYPE_CHECKING:
    import polars as pl

#: Suffixes of spreadsheet files, matched in any case.
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".ods"})
MONTH_RE = re.compile(r"^[0-9]{4}-[0-9]{2}$")


def is_workbook(path: Path) -> bool:
    """Whether ``path`` names a spreadsheet (not an Excel lock file ``~$name.xlsx``)."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith("~$")


def cell_text(value: object, *, month: bool = False) -> str:
    """A spreadsheet cell as the text a csv file would hold.

    Whole numbers lose Excel's ``.0``; a date in the month column is its ``YYYY-MM``;
    other dates are ISO dates; an empty cell is empty.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m") if month else value.isoformat()
    return str(value)


#: The most cells a sheet may span, from A1 to its last cell: calamine holds every cell
#: of the span in memory, so a 5 KB workbook with one cell at XFD1048576 would take many
#: gigabytes. Counts fill a few thousand.
MAX_CELLS = 10_000_000
#: A cell's or a row's position in a worksheet's XML, inside its tag (not in a text):
#: ``<c r="XFD1048576"``, ``<row r="12"``, ``<x:c s="1" r="B2"``.
_POSITION = re.compile(rb'<(?:\w+:)?(?:c|row)\b[^>]*?\sr="([A-Z]{0,3})([0-9]{1,7})"')
#: Bytes of a worksheet's XML scanned at a time.
_SCAN = 1 << 24
#: The longest tag carried from one read to the next (a cell's has a few attributes).
_LONGEST_TAG = 1 << 16


def _check_span(path: Path) -> None:
    """Refuse an .xlsx or .xlsm sheet that spans more than :data:`MAX_CELLS` cells.

    Read from the positions the XML of every part gives rows and cells (a sheet may be
    stored anywhere the workbook points to), before calamine fills the span in. A
    workbook that is not a zip file, or whose parts cannot be read, is left to calamine
    to name.

    Raises:
        OSError: a sheet spans too many cells (naming its last cell).
    """
    import zipfile
    import zlib

    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return
    try:
        with zipfile.ZipFile(path) as book:
            spans = [_span(book.open(m)) for m in book.namelist() if m.lower().endswith(".xml")]
    except (OSError, zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError):
        return  # damaged or encrypted: calamine names it
    for rows, columns in spans:
        if rows * columns > MAX_CELLS:
            last = f"{_column_letters(columns)}{rows}"
            raise OSError(
                f"a sheet reaches cell {last}, {rows:,} rows by {columns:,} columns; "
                f"alarm reads at most {MAX_CELLS:,} cells a sheet: delete the cells "
                "outside the counts"
            )


def _span(xml: IO[bytes]) -> tuple[int, int]:
    """The last row and column any ``r="…"`` position in a worksheet's XML names."""
    rows = columns = 0
    tail = b""
    while chunk := xml.read(_SCAN):
        text = tail + chunk
        for letters, digits in _POSITION.findall(text):
            rows = max(rows, int(digits))
            columns = max(columns, _column_number(letters.decode()))
        start = text.rfind(b"<")  # a tag cut at the chunk's end is read whole with the next
        tail = text[start:] if start >= 0 and len(text) - start <= _LONGEST_TAG else b""
    return rows, max(columns, 1)


def _column_number(letters: str) -> int:
    """``A`` is 1, ``Z`` 26, ``AA`` 27, ``XFD`` 16 384; a row's position has none (0)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _column_letters(number: int) -> str:
    """The inverse of :func:`_column_number`."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheets(path: Path) -> list[tuple[str, list[list[object]]]]:
    """Every sheet of a workbook as rows of cells from A1 (row 1 is index 0).

    Raises:
        OSError: the workbook cannot be opened or is not a workbook (damaged, encrypted),
            or a sheet spans more than :data:`MAX_CELLS` cells.
    """
    import python_calamine as pc

    _check_span(path)
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
        found: list[tuple[str, list[list[object]]]] = []
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            found.append((name, [list(row) for row in rows]))
    except (pc.CalamineError, pc.PasswordError, pc.ZipError, pc.XmlError, ValueError) as error:
        raise OSError(str(error) or type(error).__name__) from error
    return found


def read_workbook(path: Path) -> tuple[pl.DataFrame | None, list[Problem]]:
    """Every non-empty sheet of a count workbook as text cells with file, line and month."""
    import polars as pl

    from alarmcli import loading

    try:
        book = sheets(path)
    except OSError as error:
        return None, [
            Problem.of(
                str(path), None, None, Code.FILE_UNREADABLE, "file.unreadable", reason=str(error)
            )
        ]
    frames: list[pl.DataFrame] = []
    problems: list[Problem] = []
    file_month = loading.FILE_MONTH_RE.match(path.name)
    for sheet, rows in book:
        name = f"{path}[{sheet}]"
        month = sheet if MONTH_RE.match(sheet) else (file_month[1] if file_month else None)
        frame, sheet_problems = _read_sheet(name, rows, month)
        problems += sheet_problems
        if frame is not None:
            frames.append(frame)
    if not frames and not problems:
        return None, [Problem.of(str(path), None, None, Code.EMPTY_FILE, "file.empty-workbook")]
    return (pl.concat(frames) if frames else None), problems


def _read_sheet(
    name: str, rows: list[list[object]], file_month: str | None
) -> tuple[pl.DataFrame | None, list[Problem]]:
    import polars as pl

    from alarmcli import loading
    from alarmcli.contract import COUNT_COLUMNS

    filled = [i for i, row in enumerate(rows) if any(cell_text(c) for c in row)]
    if not filled:
        return None, []  # an empty sheet holds no counts
    top = filled[0]
    header = {j: cell_text(c).strip() for j, c in enumerate(rows[top]) if cell_text(c).strip()}
    problems = loading.check_header(name, list(header.values()), line=top + 1)
    if problems:
        return None, problems
    where = {column: j for j, column in header.items()}
    cells: dict[str, list[str]] = {c: [] for c in COUNT_COLUMNS}
    lines: list[int] = []
    for i in filled[1:]:
        row = rows[i]
        extra = [j for j, c in enumerate(row) if j not in header and cell_text(c)]
        if extra:
            problems.append(
                Problem.of(
                    name,
                    i + 1,
                    None,
                    Code.RAGGED_ROW,
                    "file.ragged-row",
                    cells=len(header) + len(extra),
                    columns=len(header),
                )
            )
            continue
        for column in COUNT_COLUMNS:
            j = where[column]
            cells[column].append(
                cell_text(row[j] if j < len(row) else None, month=column == "month")
            )
        lines.append(i + 1)
    frame = pl.DataFrame(
        {
            loading.LINE: pl.Series(lines, dtype=pl.Int64),
            **{c: pl.Series(v, dtype=pl.String) for c, v in cells.items()},
        }
    )
    return loading.finish(frame, name, file_month), problems
