"""Finding count files and reading them into one frame of text cells with file and line.

Reading never judges values (that is :mod:`alarmcli.validation`); it only turns bytes
into rows, and reports files that cannot be read as rows at all: an empty or binary
file, text that is not UTF-8, a missing column, a row with too many or too few cells.
A fast path hands the file to polars (small files together, one read for many); a
file that polars cannot read cell for cell, line for line, is read again with the
standard ``csv`` module for exact diagnosis.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
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
class Chunk:
    """The rows of one count file, or of several read together, as read.

    ``cells`` has the contract's six columns, as text or as categoricals. A chunk of one
    file read whole by polars (``name`` given) holds nothing more: its rows are the
    file's lines from 2 on, in order. Any other chunk's ``cells`` also has the columns
    ``file``, ``line`` and ``file_month``.
    """

    cells: pl.DataFrame
    name: str | None = None
    file_month: str | None = None

    def frame(self) -> pl.DataFrame:
        """The rows as text cells with ``file``, ``line`` and ``file_month``."""
        import polars as pl

        text = [pl.col(c).cast(pl.String) for c in COUNT_COLUMNS]
        if self.name is None:
            return self.cells.select(FILE, LINE, *text, FILE_MONTH)
        return self.cells.select(
            pl.lit(self.name).alias(FILE),
            pl.int_range(2, pl.len() + 2, dtype=pl.Int64).alias(LINE),
            *text,
            pl.lit(self.file_month, dtype=pl.String).alias(FILE_MONTH),
        )


@dataclass
class Read:
    """What reading some count files gave: the rows in chunks, and the problems."""

    chunks: list[Chunk] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @cached_property
    def frame(self) -> pl.DataFrame:
        """Every row as text cells with ``file``, ``line`` and ``file_month``, in order."""
        import polars as pl

        frames = [chunk.frame() for chunk in self.chunks]
        return pl.concat(frames, how="vertical") if frames else empty_frame()

    @property
    def rows(self) -> int:
        """How many rows were read."""
        return sum(chunk.cells.height for chunk in self.chunks)


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
    """Read count files: their rows in chunks (:attr:`Read.frame` is all of them as text).

    The rows of the files of :data:`SMALL_FILE` bytes or more come first, in the order
    given, then those of the smaller ones. Files under :data:`TOGETHER` bytes whose
    header and lines are plain are read together (:func:`_read_together`); any other
    file is read on its own (:func:`read_file`), by the exact reader straight away if
    polars refused its lines there.
    """
    import polars as pl

    paths = list(paths)
    read = Read(files=len(paths))
    rows, together, refused = _read_together(paths)
    labels = _labels(paths)
    run: list[int] = []  # the larger files read together since the last chunk
    small = _Cells()  # the rows of the small files read on their own
    order: list[int] = []  # the position in paths of each of those rows
    for i, path in enumerate(paths):
        if i in together:
            if not together[i]:
                run.append(i)
            continue
        before = len(small.lines)
        chunk, file_problems = read_file(path, small, exact=i in refused)
        order += [i] * (len(small.lines) - before)
        read.problems.extend(file_problems)
        if chunk is not None:
            read.chunks += _chunks(labels, rows[False], run)
            read.chunks.append(chunk)
            run = []
    read.chunks += _chunks(labels, rows[False], run)
    if order:
        types = cell_types()
        alone = small.frame().select(
            *(pl.col(c).cast(types[c]) for c in COUNT_COLUMNS),
            LINE,
            pl.Series(_ORDER, order, dtype=pl.UInt32),
        )
        rows[True] = pl.concat([rows[True], alone]).sort(_ORDER, maintain_order=True)
    read.chunks += _chunks(labels, rows[True])
    return read


#: Files under this many bytes are read together, up to this many bytes at a time, those
#: with the same header by one polars read (:func:`_read_together`): polars' start-up
#: per file would cost more than the reading (100 000 one-row files).
TOGETHER = 4 * 2**20
#: A column of the frames :func:`read_files` joins: the row's file, as its position.
_ORDER = "order"
#: Files read together: by separator and columns, each file's position in the paths read
#: and its lines after the header.
_Groups = dict[tuple[str, tuple[str, ...]], list[tuple[int, bytes]]]


def _read_together(
    paths: list[Path],
) -> tuple[dict[bool, pl.DataFrame], dict[int, bool], set[int]]:
    """The rows of the plain files under :data:`TOGETHER` bytes, read together, in order.

    The rows of the small files (under :data:`SMALL_FILE` bytes) and of the others,
    apart; which files were read, by position in ``paths``, and whether small; and the
    files with a plain header whose lines are not plain (``refused``: polars would refuse
    them, or read them otherwise, however often asked). Plain: a header line that
    :func:`read_file` accepts, lines that polars reads as the csv module does
    (:func:`_plain`, then :func:`_read_group`); a byte-order mark is dropped, as
    :func:`read_file` drops it.
    """
    import polars as pl

    from alarmcli.workbooks import is_workbook

    headers: dict[bytes, tuple[str, list[str]] | None] = {}
    groups: _Groups = {}
    pending = 0  # bytes in groups
    parts: list[pl.DataFrame] = []
    read: set[int] = set()
    refused: set[int] = set()
    small: set[int] = set()  # the small files
    for i, path in enumerate(paths):
        try:
            size = path.stat().st_size
            if is_workbook(path) or size >= TOGETHER:
                continue
            data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
        except OSError:
            continue  # (read_file reports it)
        plain = _plain_file(data, headers)
        if plain is None:
            continue
        (separator, columns), body = plain
        if body is None:
            refused.add(i)
            continue
        if pending + len(body) > TOGETHER:  # (the memory it takes stays bounded)
            _read_groups(groups, parts, read, refused)
            pending = 0
        groups.setdefault((separator, tuple(columns)), []).append((i, body))
        pending += len(body)
        if len(data) < SMALL_FILE:  # (as read_file tells, without the mark)
            small.add(i)
    _read_groups(groups, parts, read, refused)
    rows = pl.concat(parts, rechunk=False) if parts else _no_rows()
    if len(parts) > 1:
        rows = rows.sort(_ORDER, maintain_order=True)
    is_small = pl.col(_ORDER).is_in(list(small))
    together = {i: i in small for i in read}
    return {False: rows.filter(~is_small), True: rows.filter(is_small)}, together, refused


def _plain_file(
    data: bytes, headers: dict[bytes, tuple[str, list[str]] | None]
) -> tuple[tuple[str, list[str]], bytes | None] | None:
    """The header and the lines after it of a file, the last ending in a newline.

    ``None`` unless the header is plain (:func:`_plain_header`, remembered in
    ``headers``); the lines ``None`` unless UTF-8 and plain (:func:`_plain`).
    """
    end = data.find(b"\n")
    if end < 0:
        return None
    if data[:end] not in headers:
        headers[data[:end]] = _plain_header(data[:end])
    header = headers[data[:end]]
    if header is None:
        return None
    body = data[end + 1 :]
    body += b"" if not body or body.endswith(b"\n") else b"\n"
    try:
        body.decode("utf-8")  # (polars would refuse the lines of all files read with it)
    except UnicodeDecodeError:
        return header, None
    return header, (body if _plain(body, *header) else None)


def _read_groups(
    groups: _Groups, parts: list[pl.DataFrame], read: set[int], refused: set[int]
) -> None:
    """Read each group of files (:func:`_read_group`) into ``parts``, and empty ``groups``.

    The files read (their positions) are added to ``read``, those polars refused to
    ``refused``. A group polars cannot read whole is read in halves, so that one bad
    file sends only itself to be read alone.
    """
    for (separator, columns), files in groups.items():
        todo = [files]
        while todo:
            some = todo.pop()
            group = _read_group(some, separator, list(columns))
            if group is not None:
                parts.append(group[0])
                read |= group[1]
                refused |= {i for i, _ in some} - group[1]
            elif len(some) > 1:
                todo += [some[len(some) // 2 :], some[: len(some) // 2]]
            else:
                refused.add(some[0][0])
    groups.clear()


def _read_group(
    files: list[tuple[int, bytes]], separator: str, columns: list[str]
) -> tuple[pl.DataFrame, set[int]] | None:
    """Plain files with the same header (``columns``) read as one; which were.

    ``files`` are each file's position and its lines after the header. The frame has
    the contract's columns, ``line`` and ``order`` (the position), blank lines dropped
    as :func:`finish` drops them. A file with a row polars may read otherwise than the
    csv module (:func:`_odd`) is left out; all are where polars cannot read the lines
    one row a line.
    """
    import polars as pl

    schema = _schema(columns)
    frame = _rows(b"".join(body for _, body in files), separator, schema)
    if frame is None:
        return None
    lines = pl.DataFrame(
        {_ORDER: [i for i, _ in files], LINE: [body.count(b"\n") for _, body in files]},
        schema={_ORDER: pl.UInt32(), LINE: pl.Int64()},
    )
    lines = lines.filter(pl.col(LINE) > 0).select(
        _ORDER, pl.int_ranges(2, pl.col(LINE) + 2, dtype=pl.Int64).alias(LINE)
    )
    frame = frame.hstack(lines.explode(LINE))  # each row's file and line
    odd = frame.filter(_odd(frame, columns))[_ORDER].unique()
    if len(odd):
        frame = frame.filter(~pl.col(_ORDER).is_in(odd.implode()))
    if frame["month"].null_count():
        frame = frame.filter(~pl.all_horizontal(pl.col(list(COUNT_COLUMNS)).is_null()))
    cells = frame.select(
        *(_category() if c == "category" else c for c in COUNT_COLUMNS), LINE, _ORDER
    )
    return cells, {i for i, _ in files} - set(odd)


def _no_rows() -> pl.DataFrame:
    """The columns :func:`_read_group` gives, without rows."""
    import polars as pl

    types = cell_types()
    return pl.DataFrame(schema={**types, LINE: pl.Int64(), _ORDER: pl.UInt32()})


def _labels(paths: list[Path]) -> pl.DataFrame:
    """Each file's ``file`` and ``file_month`` (from its name), by position in ``paths``."""
    import polars as pl

    months = [match[1] if (match := FILE_MONTH_RE.match(p.name)) else None for p in paths]
    names = [str(p) for p in paths]
    return pl.DataFrame(
        {FILE: names, FILE_MONTH: months}, schema=dict.fromkeys((FILE, FILE_MONTH), pl.String)
    )


def _chunks(labels: pl.DataFrame, rows: pl.DataFrame, run: list[int] | None = None) -> list[Chunk]:
    """A chunk of ``rows``, with their files' ``labels``, unless it has none.

    With ``run``, of the rows of the files ``run[0]`` to ``run[-1]`` only.
    """
    import polars as pl

    if run is not None:
        if not run:
            return []
        start = int(rows[_ORDER].search_sorted(run[0], "left"))
        rows = rows.slice(start, int(rows[_ORDER].search_sorted(run[-1], "right")) - start)
    if rows.is_empty():
        return []
    order = pl.col(_ORDER)
    return [
        Chunk(
            rows.select(
                pl.lit(labels[FILE]).gather(order),
                LINE,
                *COUNT_COLUMNS,
                pl.lit(labels[FILE_MONTH]).gather(order),
            )
        )
    ]


#: A file smaller than this shares a chunk with the other small files, after the rest:
#: read together with them (:data:`TOGETHER`) where plain, else by the standard ``csv``
#: module, as polars' start-up per file would cost more than the reading.
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


def read_file(
    path: Path, small: _Cells | None = None, exact: bool = False
) -> tuple[Chunk | None, list[Problem]]:
    """Read one count file into a chunk of cells, and its problems.

    The chunk is ``None`` when the file cannot be read as rows, or when it is small and
    ``small`` is given: its rows are then added to ``small``. A workbook is read sheet by
    sheet (:mod:`alarmcli.workbooks`). With ``exact`` (polars is known to refuse the
    lines), or once polars refuses a piece, the lines go to the exact reader only.
    """
    from alarmcli.workbooks import is_workbook, read_workbook

    if is_workbook(path):
        frame, problems = read_workbook(path)
        return (None if frame is None else Chunk(frame)), problems
    with contextlib.suppress(OSError):  # (an unreadable file is reported below)
        if not exact and (small is None or path.stat().st_size >= SMALL_FILE):
            chunk, exact = _read_in_pieces(path)
            if chunk is not None:
                return chunk, []
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
    if not data or data.isspace():  # (not data.strip(): that copies the whole file)
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
        return None, [encoding_problem(name, data, error)]
    if "\r" in header_text:
        return None, problem(Code.RAGGED_ROW, "file.header-cr", 1)
    try:
        separator, columns = header_cells(header_text)
    except csv.Error as error:
        return None, problem(Code.RAGGED_ROW, "file.header-unreadable", 1, reason=str(error))
    header_problems = check_header(name, columns)
    if header_problems:
        return None, header_problems
    if small is not None and len(data) < SMALL_FILE:
        return _exact_read(name, data, separator, columns, small)
    lines = b"" if header_end < 0 else data[header_end + 1 :]
    frame = None if exact else _piece(lines, separator, _schema(columns))
    if frame is None:
        return _exact_read(name, data, separator, columns)
    return _finish(frame, path), []


#: A large file is read this many bytes at a time (up to a line's end), so that it is
#: never in memory whole, only its cells (:func:`_read_in_pieces`).
PIECE = 4 * 2**20


def _read_in_pieces(path: Path) -> tuple[Chunk | None, bool]:
    """A plain count file read a piece at a time; no chunk where anything is unusual.

    Plain: no byte-order mark, a header line that :func:`read_file` would accept, lines
    of usual length, no NUL byte, every line one row to polars. Any other file (with a
    problem to report, most likely) is read whole by :func:`read_file`; by the exact
    reader only where polars refused a piece (``True``).
    """
    import polars as pl

    with path.open("rb") as file:
        head = file.read(PIECE)
        end = head.find(b"\n")
        if end < 0 or head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return None, False
        header = _plain_header(head[:end])
        if header is None:
            return None, False
        separator, columns = header
        schema = _schema(columns)
        frames = [pl.DataFrame(schema={c: t for c, t in schema.items() if c in COUNT_COLUMNS})]
        pending = head[end + 1 :]
        del head
        while True:
            block = file.read(PIECE)
            cut = block.rfind(b"\n") + 1
            if block and not cut:
                return None, False  # a line of a whole piece
            piece, pending = pending + block[:cut], block[cut:]  # whole lines, the rest
            if piece:
                frame = _piece(piece, separator, schema)
                if frame is None:
                    return None, True
                frames.append(frame)
            if not block:
                break
    return _finish(pl.concat(frames, rechunk=False), path), False


def _plain_header(line: bytes) -> tuple[str, list[str]] | None:
    """The separator and columns of a header line with no problem to report, else ``None``."""
    if len(line) >= LONG_LINE:
        return None  # (read_file tells whether it is too long)
    try:
        text = line.decode("utf-8").rstrip("\r")
        separator, columns = header_cells(text)
    except (UnicodeDecodeError, csv.Error):
        return None
    if "\r" in text or "\x00" in text or check_header("", columns):
        return None
    return separator, columns


def header_cells(text: str) -> tuple[str, list[str]]:
    """The separator of a header line and its columns, stripped.

    Raises:
        csv.Error: the line cannot be split into cells.
    """
    separator = sniff_separator(text)
    with wide_fields():
        return separator, [c.strip() for c in next(csv.reader([text], delimiter=separator))]


def _schema(columns: Sequence[str]) -> dict[str, pl.DataType]:
    """The type polars reads each of a file's ``columns`` as (:func:`cell_types`)."""
    import polars as pl

    types = cell_types()
    return {c: types.get(c, pl.String()) for c in columns}


def _piece(piece: bytes, separator: str, schema: dict[str, pl.DataType]) -> pl.DataFrame | None:
    """The rows of some whole lines of a plain file, one a line; ``None`` if not plain.

    ``schema`` is the file's header (:func:`_schema`); the frame has the contract's
    columns. A blank line is a row of nulls (:func:`_finish` drops it).
    """
    if piece and not piece.endswith(b"\n"):
        piece += b"\n"  # polars takes a stray separator at the very end for no cell
    if not _plain(piece, separator, list(schema)):
        return None
    frame = _rows(piece, separator, schema)
    if frame is None or frame.select(_odd(frame, list(schema)).any()).item():
        return None
    return frame


def _plain(lines: bytes, separator: str, columns: Sequence[str]) -> bool:
    """Whether polars may read ``lines`` (the last ending in a newline) cell for cell.

    Plain cells (:func:`_plain_cells`), no NUL byte, no carriage return but before a
    newline, no byte-order mark (polars drops one that starts its input, where the csv
    module keeps it in the cell), no line of :data:`LONG_LINE` bytes. (Polars refuses
    text that is not UTF-8.)
    """
    step = LONG_LINE // 2
    return (
        _plain_cells(lines, separator, columns)
        and b"\x00" not in lines
        and codecs.BOM_UTF8 not in lines
        and not _lone_cr(lines)
        and all(
            lines.find(b"\n", start, start + step) >= 0
            for start in range(0, len(lines) - step, step)
        )
    )


def _rows(lines: bytes, separator: str, schema: dict[str, pl.DataType]) -> pl.DataFrame | None:
    """Polars' rows of ``lines`` (the contract's columns), if one a line; else ``None``.

    Every column is read, the file's own too: polars refuses a line of too many cells
    only then (told to read some columns, it drops the cells past the schema's end).
    """
    import polars as pl

    wanted = [c for c in schema if c in COUNT_COLUMNS]
    if not lines:
        return pl.DataFrame(schema={c: schema[c] for c in wanted})
    try:
        frame = pl.read_csv(lines, separator=separator, has_header=False, schema=schema)
    except pl.exceptions.PolarsError:
        return None  # a cell polars cannot split: the exact reader tells where
    return frame.select(wanted) if frame.height == lines.count(b"\n") else None


def _odd(frame: pl.DataFrame, columns: Sequence[str]) -> pl.Expr:
    """The rows of ``frame`` (read by :func:`_rows`) the csv module may read otherwise.

    A row missing a cell but the category (a short row, or an empty cell, which polars
    reads as missing); a row of blank cells the csv module skips and polars does not
    (its month empty in quotes, or spaces); a blank line where the file has other
    columns than the contract's (they may hold something, and the row is not blank).
    """
    import polars as pl

    required = [c for c in COUNT_COLUMNS if c != "category"]
    blank = pl.all_horizontal(pl.col(list(COUNT_COLUMNS)).is_null())
    odd = pl.any_horizontal(pl.col(required).is_null()) & ~blank
    if len(columns) > len(COUNT_COLUMNS):
        odd = odd | blank
    months = frame["month"].unique().drop_nulls().cast(pl.String)
    spaces = [month for month in months if not month.strip()]
    return odd | pl.col("month").cast(pl.String).is_in(spaces) if spaces else odd


def _plain_cells(lines: bytes, separator: str, columns: Sequence[str]) -> bool:
    """Whether polars reads ``lines`` cell for cell as the csv module does.

    Polars drops text after a closing quote (``"40"5`` is 40, not 405) and a space after
    one, and fills a short row's last cells with nulls. Such lines go to the exact
    reader, as does any quote but an empty quoted cell (a file of ``"oslo"`` cells is
    read exactly, and more slowly). A short row is found by its null where the last
    column is one every row needs; where it is ``category`` or another column, by the
    count of separators: without other quotes each is a separator, no line has more than
    it should (polars refuses that), so if they add up, none has fewer.
    """
    sep = separator.encode()
    if b'"' in lines and not _only_empty_quoted(lines, sep):
        return False
    if columns[-1] in COUNT_COLUMNS and columns[-1] != "category":
        return True
    count = lines.count(b"\n") - (1 if lines.endswith(b"\n\n") else 0)
    return lines.count(sep) == count * (len(columns) - 1)


def _only_empty_quoted(lines: bytes, sep: bytes) -> bool:
    """Whether every quote in ``lines`` is half of an empty quoted cell, ``,"",``.

    Vectorised (numpy, a dependency: HiGHS needs it too), as a file of such cells
    has quotes in every piece.
    """
    import numpy as np

    data = np.frombuffer(lines, dtype=np.uint8)
    at = np.flatnonzero(data == ord('"'))
    if len(at) % 2 or at[0] == 0 or at[-1] + 1 >= len(data):
        return False
    opening, closing = at[0::2], at[1::2]
    after = data[closing + 1]
    return bool(
        (closing == opening + 1).all()
        and (data[opening - 1] == sep[0]).all()
        and np.isin(after, [sep[0], ord("\r"), ord("\n")]).all()
    )


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


def encoding_problem(name: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    """The problem of bytes that are not UTF-8: the line, the byte, what Windows-1252 reads."""
    line = data.count(b"\n", 0, error.start) + 1
    bad = data[error.start : error.start + 1]
    guess = bad.decode("cp1252", errors="replace")
    return Problem.of(
        name, line, None, Code.ENCODING, "file.not-utf8", byte=bad.hex().upper(), guess=guess
    )


def _unreadable_row(name: str, line: int, error: csv.Error) -> Problem:
    return Problem.of(name, line, None, Code.RAGGED_ROW, "file.unreadable", reason=str(error))


def cell_types() -> dict[str, pl.DataType]:
    """The type polars reads each contract column as: categorical, each column its own.

    A column holds few distinct values (some thousand months, a hundred categories), so
    a row costs four bytes a cell, and a rule can be checked once per distinct value.
    """
    import polars as pl

    return {c: pl.Categorical(pl.Categories(f"alarmcli_{c}")) for c in COUNT_COLUMNS}


def _lone_cr(data: bytes) -> bool:
    """Whether a carriage return stands alone: a line break to the csv module, not to polars."""
    return b"\r" in data and data.count(b"\r") != data.count(b"\r\n")


def _exact_read(
    name: str, data: bytes, separator: str, columns: list[str], into: _Cells | None = None
) -> tuple[Chunk | None, list[Problem]]:
    """The standard ``csv`` reader: exact lines, ragged rows reported, blank lines skipped.

    The rows go to ``into`` when it is given (the chunk is then ``None``).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [encoding_problem(name, data, error)]
    cells = into if into is not None else _Cells()
    with wide_fields():
        problems = _exact_rows(name, text, separator, columns, cells)
    return (None if into is not None else Chunk(cells.frame())), problems


def _exact_rows(
    name: str, text: str, separator: str, columns: list[str], into: _Cells
) -> list[Problem]:
    problems: list[Problem] = []
    lines, rows = [], []
    for line, row in exact_rows(name, text, separator, len(columns), problems):
        lines.append(line)
        rows.append(row)
    into.add(Path(name), columns, rows, lines)
    return problems


def exact_rows(
    name: str, text: str, separator: str, width: int, problems: list[Problem]
) -> Iterator[tuple[int, list[str]]]:
    """Each row after the header of a file's ``text``, with its line, by the ``csv`` module.

    Blank rows are skipped; a row of other than ``width`` cells, and text the module
    cannot split, go to ``problems`` at their lines. Read within :func:`wide_fields`.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        problems.append(_unreadable_row(name, 1, error))
        return
    start = reader.line_num + 1
    try:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                if len(row) == width:
                    yield start, row
                else:
                    problems.append(
                        Problem.of(
                            name,
                            start,
                            None,
                            Code.RAGGED_ROW,
                            "file.ragged-row",
                            cells=len(row),
                            columns=width,
                        )
                    )
            start = reader.line_num + 1
    except csv.Error as error:
        problems.append(_unreadable_row(name, start, error))


def _finish(frame: pl.DataFrame, path: Path) -> Chunk:
    """A file read whole by polars as a chunk; a blank line (a row of nulls) dropped."""
    import polars as pl

    match = FILE_MONTH_RE.match(path.name)
    file_month = match[1] if match else None
    if frame["month"].null_count():  # the blank lines go, so the rows need their lines
        lines = frame.with_row_index(LINE, offset=2).with_columns(pl.col(LINE).cast(pl.Int64))
        return Chunk(finish(lines, str(path), file_month))
    cells = frame.select(*(c for c in COUNT_COLUMNS if c != "category"), _category())
    return Chunk(cells.select(COUNT_COLUMNS), str(path), file_month)


def _category() -> pl.Expr:
    """The category as written: polars reads an empty one as missing."""
    import polars as pl

    return pl.col("category").fill_null("")


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
        *(_category() if c == "category" else pl.col(c) for c in COUNT_COLUMNS),
        pl.lit(file_month, dtype=pl.String).alias(FILE_MONTH),
    )
