"""Shared fixtures: run the CLI in-process on real files, with a fixed terminal.

``invoke(*args)`` runs ``alarm`` with a fixed width, no colour and a fixed locale, and
returns typer's ``Result``: ``result.stdout`` and ``result.stderr`` are separate
(``result.output`` is both, interleaved). ``write_counts(dir, name, rows)`` writes a
count file. ``with reading(how):`` reads count files one way (the exact reader, polars,
files together). All are plain functions too, importable as ``from conftest import …``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from alarmcli import loading
from alarmcli.cli import app
from alarmcli.contract import COUNT_COLUMNS

#: The environment every CLI run in the tests gets: a fixed width, no colour, a fixed locale.
TEST_ENV: dict[str, str | None] = {
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "LANG": "C.UTF-8",
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "ALARM_DATA_DIR": None,
}

Row = Sequence[object] | Mapping[str, object]
Invoke = Callable[..., Result]


def invoke(*args: str | Path, env: Mapping[str, str | None] | None = None) -> Result:
    """Run ``alarm ARGS…`` in-process in :data:`TEST_ENV` (plus ``env``); never raises.

    A traceback is not swallowed silently: an unexpected exception leaves
    ``result.exception`` set and exit code 1, and the CLI tests assert on stderr lines,
    so it shows up as a failure.
    """
    runner = CliRunner()
    return runner.invoke(app, [str(a) for a in args], env={**TEST_ENV, **(env or {})})


def count_csv(
    rows: Iterable[Row],
    *,
    header: Sequence[str] = COUNT_COLUMNS,
    sep: str = ",",
    newline: str = "\n",
) -> str:
    """The text of a count file: ``header`` then ``rows``, cells joined by ``sep``.

    A row is a sequence of cells in ``header`` order, or a mapping by column name (a
    missing column is empty). Cells are written as given (``str()``), unquoted, so a
    test can write exactly the bytes it means; quote a cell yourself if it needs it.
    """
    lines = [sep.join(header)]
    for row in rows:
        cells = [row.get(c, "") for c in header] if isinstance(row, Mapping) else list(row)
        lines.append(sep.join(str(c) for c in cells))
    return newline.join(lines) + newline


def write_counts(
    directory: Path,
    name: str,
    rows: Iterable[Row],
    *,
    header: Sequence[str] = COUNT_COLUMNS,
    sep: str = ",",
    newline: str = "\n",
    bom: bool = False,
    encoding: str = "utf-8",
) -> Path:
    """Write a count file ``directory/name`` (parents created) and return its path.

    ``name`` may hold a folder (``"2024/2024-06.csv"``). See :func:`count_csv` for
    ``rows``, ``header``, ``sep`` and ``newline``; ``bom`` prefixes a UTF-8 byte-order
    mark; ``encoding`` lets a test write, say, Windows-1252.

    Example: ``write_counts(tmp_path, "2024/2024-06.csv",
    [("2024-06", "phone", "answered", "total", "", 10)])``.
    """
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data = count_csv(rows, header=header, sep=sep, newline=newline).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


@contextmanager
def reading(how: str) -> Iterator[None]:
    """Read files whole (polars), in pieces of a few lines, with the small files (by the
    csv module: ``exact``), or together with other files (``small`` or ``together``)."""
    before = loading.SMALL_FILE, loading.PIECE, loading.TOGETHER
    if how in ("whole", "pieces", "together"):
        loading.SMALL_FILE = 0
    if how in ("exact", "whole", "pieces"):
        loading.TOGETHER = 0
    if how == "pieces":
        loading.PIECE = 97
    try:
        yield
    finally:
        loading.SMALL_FILE, loading.PIECE, loading.TOGETHER = before


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Commands run as processes keep their output cache in the session's own directory."""
    os.environ["ALARM_CACHE_DIR"] = str(tmp_path_factory.mktemp("alarm-cache"))


@pytest.fixture
def runner() -> CliRunner:
    """A typer ``CliRunner``; its results keep stdout and stderr apart."""
    return CliRunner()


@pytest.fixture(name="invoke")
def invoke_fixture() -> Invoke:
    """:func:`invoke`: run ``alarm ARGS…`` with a fixed terminal and locale."""
    return invoke


@pytest.fixture(name="write_counts")
def write_counts_fixture() -> Callable[..., Path]:
    """:func:`write_counts`: write a count file in a directory."""
    return write_counts
