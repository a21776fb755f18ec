"""Finding count files and reading them into one frame of text cells with file and line.

Reading never judges values (that is :mod:`alarmcli.validation`); it only turns bytes
into rows, and reports files that cannot be read as rows at all: an empty or binary
file, text that is not UTF-8, a missing column, a row with too many or too few cells.
A fast path hands the file to polars; a file that polars cannot read cell for cell,
line for line, is read again with the standard ``csv`` module for exact diagnosis.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from alarmcli.contract import COUNT_COLUMNS
from alarmcli.messages import hint
from alarmcli.problems import Code, Problem, closest

if TYPE_CHECKING:
    import polars as pl

FILE_MONTH_RE = re.compile(r"^([0-9]{4}-[0-9]{2})\.(csv|xlsx|xlsm|ods)$", re.IGNORECASE)
#: The suffix of a count file, in any case (``.csv``, ``.CSV`` as some exports write it).
CSV_SUFFIX = ".csv"
#: Columns of the frame :func:`read_files` returns, besides the contract's six.
FILE, LINE, FILE_MONTH = "file", "line", "file_month"


@dataclass
class Read:
    """What reading some count files gave: one frame of text cells, and the problems."""

    frame: pl.DataFrame
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Every ``*.csv`` at or below ``paths``, sorted; a path that does not exist is a problem.

    Count files are ``*.csv`` and spreadsheets (``*.xlsx``, ``*.xlsm``, ``*.ods``); the
    suffix is matched in any case: ``2024-06.CSV`` is a count file too.
    """
    from alarmcli.workbooks import is_workbook

    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            for p in path.rglob("*"):
                counts = p.suffix.lower() == CSV_SUFFIX or is_workbook(p)
                if not counts or _hidden(p.relative_to(path)) or p.is_dir():
                    continue
                if p.is_file():
                    found.append(p)
                else:
                    problems.append(_not_a_file(p))
        elif path.is_file():
            found.append(path)
        elif path.exists():
            problems.append(_not_a_file(path))
        else:
            problems.append(Problem.of(str(path), None, None, Code.NO_FILES, "file.missing"))
    unique = {p.resolve(): p for p in sorted(found, reverse=True)}  # each file once
    return sorted(unique.values()), problems


def _not_a_file(path: Path) -> Problem:
    """A path that is no regular file: a link to nothing, a pipe, a device (never read)."""
    key = "file.not-regular" if path.exists() else "file.dangling-link"
    return Problem.of(str(path), None, None, Code.FILE_UNREADABLE, key)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def read_files(paths: Iterable[Path]) -> Read:
    """Read count files into one frame of strings with ``file``, ``line`` and ``file_month``."""
    import polars as pl

    frames: list[pl.DataFrame] = []
    problems: list[Problem] = []
    small = _Cells()  # the rows of every small file, made into one frame at the end
    count = 0
    for path in paths:
        count += 1
        frame, file_problems = read_file(path, small)
        problems.extend(file_problems)
        if frame is not None:
            frames.append(frame)
    if small.lines:
        frames.append(small.frame())
    frame = pl.concat(frames, how="vertical") if frames else empty_frame()
    return Read(frame=frame, problems=problems, files=count)


#: A file smaller than this is read by the standard ``csv`` module into rows shared with
#: the other small files: polars' start-up per file would cost more than the reading
#: (100 000 one-row files).
SMALL_FILE = 16 * 1024


@dataclass
class _Cells:
    """Rows of count files gathered as columns of text, to become one frame."""

    files: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    cells: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in COUNT_COLUMNS})
    months: list[str | None] = field(default_factory=list)

    def add(self, path: Path, columns: list[str], rows: list[list[str]], lines: list[int]) -> None:
        """Add a file's rows; ``columns`` are its header, in its order."""
        match = FILE_MONTH_RE.match(path.name)
        self.files += [str(path)] * len(rows)
        self.months += [match[1] if match else None] * len(rows)
        self.lines += lines
        for column in COUNT_COLUMNS:
            i = columns.index(column)
            self.cells[column] += [row[i] for row in rows]

    def frame(self) -> pl.DataFrame:
        """The rows as a frame with the columns :func:`read_file` gives."""
        import polars as pl

        return pl.DataFrame(
            {
                FILE: pl.Series(self.files, dtype=pl.String),
                LINE: pl.Series(self.lines, dtype=pl.Int64),
                **{c: pl.Series(v, dtype=pl.String) for c, v in self.cells.items()},
                FILE_MONTH: pl.Series(self.months, dtype=pl.String),
            }
        )


def empty_frame() -> pl.DataFrame:
    """A frame with the columns :func:`read_file` gives, and no rows."""
    import polars as pl

    schema: dict[str, pl.DataType] = {FILE: pl.String(), LINE: pl.Int64()}
    schema.update({c: pl.String() for c in COUNT_COLUMNS})
    schema[FILE_MONTH] = pl.String()
    return pl.DataFrame(schema=schema)


def read_file(path: Path, small: _Cells | None = None) -> tuple[pl.DataFrame | None, list[Problem]]:
    """Read one count file into text cells, and its problems.

    The frame is ``None`` when the file cannot be read as rows, or when it is small and
    ``small`` is given: its rows are then added to ``small``. A workbook is read sheet by
    sheet (:mod:`alarmcli.workbooks`).
    """
    from alarmcli.workbooks import is_workbook, read_workbook

    if is_workbook(path):
        return read_workbook(path)
    name = str(path)

    def problem(
        code: Code,
        key: str,
        line: int | None = None,
        **params: str | None,
    ) -> list[Problem]:
        return [Problem.of(name, line, None, code, key, **params)]

    try:
        data = path.read_bytes()
    except OSError as error:
        return None, problem(Code.FILE_UNREADABLE, "file.unreadable", reason=error.strerror)
    data = data.removeprefix(codecs.BOM_UTF8)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, problem(Code.ENCODING, "file.utf16", 1)
    if b"\r" in data and b"\n" not in data:
        data = data.replace(b"\r", b"\n")  # old Mac line endings: still one line per row
    if not data.strip():
        return None, problem(Code.EMPTY_FILE, "file.empty", header=",".join(COUNT_COLUMNS))
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, problem(Code.BINARY_FILE, "file.binary", data.count(b"\n", 0, nul) + 1)
    long_line = find_long_line(data)
    if long_line is not None:
        line = data.count(b"\n", 0, long_line) + 1
        return None, problem(Code.RAGGED_ROW, "file.long-line", line, limit=str(LONG_LINE >> 20))
    header_end = data.find(b"\n")
    header_bytes = data if header_end < 0 else data[:header_end]
    try:
        header_text = header_bytes.decode("utf-8").rstrip("\r")
    except UnicodeDecodeError as error:
        return None, [_encoding_problem(name, data, error)]
    if "\r" in header_text:
        return None, problem(Code.RAGGED_ROW, "file.header-cr", 1)
    separator = sniff_separator(header_text)
    try:
        with wide_fields():
            columns = [c.strip() for c in next(csv.reader([header_text], delimiter=separator))]
    except csv.Error as error:
        return None, problem(Code.RAGGED_ROW, "file.header-unreadable", 1, reason=str(error))
    header_problems = check_header(name, columns)
    if header_problems:
        return None, header_problems
    if small is not None and len(data) < SMALL_FILE:
        return _exact_read(name, data, separator, columns, small)
    frame = _fast_read(data, separator)
    if frame is None:
        return _exact_read(name, data, separator, columns)
    return _finish(frame, path), []


#: A count file's row is a few dozen bytes: a line of this many bytes is not a row, and
#: reading it as cells would take many times its size in memory.
LONG_LINE = 2**20


def find_long_line(data: bytes, limit: int = LONG_LINE) -> int | None:
    """Where a line of 1.5 × ``limit`` bytes or more starts to run long, else ``None``.

    Looks for a newline in windows of ``limit`` bytes every half ``limit``: a window
    without one lies inside a line at least ``limit`` long, and any line of 1.5 ×
    ``limit`` covers a whole window. A few thousand ``find`` calls per gigabyte.
    """
    step = limit // 2
    for start in range(0, max(len(data) - limit, 0) + 1, step):
        if len(data) - start >= limit and data.find(b"\n", start, start + limit) < 0:
            return start
    return None


def sniff_separator(header: str) -> str:
    """The separator of a header row: ``,`` or ``;`` (Norwegian Excel writes ``;``).

    The one that occurs more often outside quotes; ``,`` on a tie.
    """
    outside = re.sub(r'"[^"]*"', "", header)
    return ";" if outside.count(";") > outside.count(",") else ","


@contextlib.contextmanager
def wide_fields() -> Iterator[None]:
    """Let the standard ``csv`` module read cells of any length (its default stops at 128 KiB).

    Such a cell is reported by what it holds, not by the reader failing on it.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    try:
        yield
    finally:
        csv.field_size_limit(limit)


def check_header(
    name: str, columns: list[str], line: int = 1, required: Sequence[str] = COUNT_COLUMNS
) -> list[Problem]:
    """Every ``required`` column is there, once; ``line`` is the header's line."""
    problems = []
    seen = set()
    for column in columns:
        if column in seen:
            problems.append(
                Problem.of(
                    name,
                    line,
                    column,
                    Code.DUPLICATE_COLUMN,
                    "file.duplicate-column",
                    column=column,
                )
            )
        seen.add(column)
    extra = [c for c in columns if c not in required]
    for missing in (c for c in required if c not in seen):
        problems.append(
            Problem.of(
                name,
                line,
                missing,
                Code.MISSING_COLUMN,
                "file.missing-column",
                column=missing,
                hint=hint(closest(missing, extra, n=1), "hint.misspelt-as"),
                header=",".join(required),
            )
        )
    return problems


def _encoding_problem(name: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    line = data.count(b"\n", 0, error.start) + 1
    bad = data[error.start : error.start + 1]
    guess = bad.decode("cp1252", errors="replace")
    return Problem.of(
        name, line, None, Code.ENCODING, "file.not-utf8", byte=bad.hex().upper(), guess=guess
    )


def _unreadable_row(name: str, line: int, error: csv.Error) -> Problem:
    return Problem.of(name, line, None, Code.RAGGED_ROW, "file.unreadable", reason=str(error))


def _fast_read(data: bytes, separator: str) -> pl.DataFrame | None:
    """Polars' reader, when its rows map one to one onto the file's lines; else ``None``."""
    import polars as pl

    try:
        frame = pl.read_csv(
            data, separator=separator, infer_schema=False, has_header=True, raise_if_empty=False
        )
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError):
        return None
    frame = frame.rename({c: c.strip() for c in frame.columns})  # as the header was checked
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if frame.height != lines - 1:
        return None  # quoted line breaks or dropped lines: line numbers would drift
    required = [c for c in COUNT_COLUMNS if c != "category"]
    partial = pl.any_horizontal(pl.col(required).is_null()) & ~pl.all_horizontal(
        pl.col(list(COUNT_COLUMNS)).is_null()
    )
    if frame.select(partial.any()).item():
        return None  # an empty cell or a short row: let the exact reader tell which
    return frame.with_row_index(LINE, offset=2).with_columns(pl.col(LINE).cast(pl.Int64))


def _exact_read(
    name: str, data: bytes, separator: str, columns: list[str], into: _Cells | None = None
) -> tuple[pl.DataFrame | None, list[Problem]]:
    """The standard ``csv`` reader: exact lines, ragged rows reported, blank lines skipped.

    The rows go to ``into`` when it is given (the frame is then ``None``).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [_encoding_problem(name, data, error)]
    cells = into if into is not None else _Cells()
    with wide_fields():
        problems = _exact_rows(name, text, separator, columns, cells)
    return (None if into is not None else cells.frame()), problems


def _exact_rows(
    name: str, text: str, separator: str, columns: list[str], into: _Cells
) -> list[Problem]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    problems: list[Problem] = []
    try:
        next(reader)
    except csv.Error as error:
        return [_unreadable_row(name, 1, error)]
    rows: list[list[str]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    try:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                if len(row) == len(columns):
                    rows.append(row)
                    lines.append(start)
                else:
                    problems.append(
                        Problem.of(
                            name,
                            start,
                            None,
                            Code.RAGGED_ROW,
                            "file.ragged-row",
                            cells=len(row),
                            columns=len(columns),
                        )
                    )
            start = reader.line_num + 1
    except csv.Error as error:
        problems.append(_unreadable_row(name, start, error))
    into.add(Path(name), columns, rows, lines)
    return problems


def _finish(frame: pl.DataFrame, path: Path) -> pl.DataFrame:
    match = FILE_MONTH_RE.match(path.name)
    return finish(frame, str(path), match[1] if match else None)


def finish(frame: pl.DataFrame, name: str, file_month: str | None) -> pl.DataFrame:
    """Keep the contract's columns with file (``name``), line and the file's month.

    Cells are kept as written (a stray space is reported, not silently removed); only an
    empty category, which polars reads as missing, becomes the empty string.
    """
    import polars as pl

    if frame["month"].null_count():
        frame = frame.filter(~pl.all_horizontal(pl.col(list(COUNT_COLUMNS)).is_null()))
    return frame.select(
        pl.lit(name).alias(FILE),
        pl.col(LINE),
        *(pl.col(c).fill_null("") if c == "category" else pl.col(c) for c in COUNT_COLUMNS),
        pl.lit(file_month, dtype=pl.String).alias(FILE_MONTH),
    )
