"""Problems found in input files: a stable code, a location and a message from a template.

A report of problems is plain data; the CLI decides how to show it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from alarmcli.messages import Message, hint, msg, printable


class Code(StrEnum):
    """Stable reason codes: scripts may match on these, so they are never renamed."""

    FILE_UNREADABLE = "file-unreadable"
    EMPTY_FILE = "empty-file"
    BINARY_FILE = "binary-file"
    ENCODING = "encoding"
    MISSING_COLUMN = "missing-column"
    DUPLICATE_COLUMN = "duplicate-column"
    RAGGED_ROW = "ragged-row"
    MISSING_VALUE = "missing-value"
    BAD_MONTH = "bad-month"
    MONTH_MISMATCH = "month-mismatch"
    BAD_CHANNEL = "bad-channel"
    BAD_METRIC = "bad-metric"
    BAD_DIMENSION = "bad-dimension"
    BAD_CATEGORY = "bad-category"
    UNKNOWN_CATEGORY = "unknown-category"
    CATEGORY_YEARS = "category-out-of-years"
    BAD_COUNT = "bad-count"
    DUPLICATE_ROW = "duplicate-row"
    SUM_MISMATCH = "sum-mismatch"
    BREAKDOWNS_DISAGREE = "breakdowns-disagree"
    EXCEEDS_TOTAL = "exceeds-total"
    MISSING_TOTAL = "missing-total"
    NO_FILES = "no-files"
    TAXONOMY = "taxonomy"
    CONFIG = "config"
    IMPORT = "import"
    BAD_LOG_ROW = "bad-log-row"
    CLOSED = "closed"
    NO_CONTACTS = "no-contacts"
    BAD_PERIOD = "bad-period"
    BAD_CAMPAIGN = "bad-campaign"
    BAD_LIST = "bad-list"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, at a file and line (1-based; the header is line 1).

    ``message`` is the English sentence (the JSON report's ``message``); ``detail``, where
    given, is the same sentence as data, for :meth:`text` to word in another language.
    """

    file: str
    line: int | None
    column: str | None
    code: Code
    message: str
    detail: Message | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        file: str,
        line: int | None,
        column: str | None,
        code: Code,
        key: str,
        /,
        **params: Any,  # noqa: ANN401
    ) -> Problem:
        """A problem whose message is the catalogue's ``key`` with ``params``."""
        detail = msg(key, **params)
        return cls(file, line, column, code, detail.text("en"), detail)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``, safe to print (control characters written out)."""
        return printable(self.detail.text(lang) if self.detail else self.message)

    def line_text(self, lang: str = "en") -> str:
        """``FILE:LINE: message`` on one line, whatever the file name or values hold."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{printable(where)}: {self.text(lang)}"

    def __str__(self) -> str:
        """``FILE:LINE: message`` in English on one line."""
        return self.line_text("en")

    def as_dict(self) -> dict[str, Any]:
        """The problem as a JSON-ready dict: file, line, column, code, message."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": str(self.code),
            "message": self.message,
        }


def sort_key(problem: Problem) -> tuple[str, int, str, str]:
    """Order problems by file, then line, then column, then code."""
    return (problem.file, problem.line or 0, problem.column or "", str(problem.code))


def closest_hint(candidates: list[str]) -> str:
    """The `` (did you mean `x`?)`` tail of a message in English, or nothing."""
    return hint(candidates).text("en")


#: A value longer than this is no misspelling of an id: no search for close ones.
CLOSEST_MAX_LENGTH = 64
#: With more choices than this, only the few sharing most letter pairs are compared.
CLOSEST_POOL = 200
#: Distinct values searched in one run: a column of free text (200 000 unknown sites) gets
#: hints for the first ones searched (in the order the problems are worded: the rows of a
#: log; for count files, the order they are read in), not seconds of searching.
CLOSEST_SEARCHES = 1000


def closest(value: str, choices: Sequence[str], n: int = 3) -> list[str]:
    """The ``choices`` nearest to a mistyped ``value``, best first: the one did-you-mean.

    The search is bounded: each distinct value is searched once, a value longer than
    :data:`CLOSEST_MAX_LENGTH` not at all, no more than :data:`CLOSEST_SEARCHES` values in
    a run, and among many choices (a taxonomy of 10 000 sites) only the
    :data:`CLOSEST_POOL` that share most letter pairs with ``value``.
    """
    if len(value) > CLOSEST_MAX_LENGTH or not choices:
        return []
    asked = (value, tuple(choices), n)
    if asked not in _searched:
        if len(_searched) >= CLOSEST_SEARCHES:
            return []
        _searched[asked] = _closest(*asked)
    return list(_searched[asked])


#: The searches made so far in this run, and what each found.
_searched: dict[tuple[str, tuple[str, ...], int], tuple[str, ...]] = {}


def new_run() -> None:
    """Give a run its own :data:`CLOSEST_SEARCHES` (the CLI starts one per command)."""
    _searched.clear()


def _closest(value: str, choices: tuple[str, ...], n: int) -> tuple[str, ...]:
    pool: Sequence[str] = choices
    if len(choices) > CLOSEST_POOL:
        pairs = _pairs(value)
        index = _pair_index(choices)
        pool = sorted(choices, key=lambda c: -len(pairs & index[c]))[:CLOSEST_POOL]
    return tuple(difflib.get_close_matches(value, pool, n=n, cutoff=0.6))


@cache
def _pair_index(choices: tuple[str, ...]) -> dict[str, frozenset[str]]:
    return {c: _pairs(c) for c in choices}


def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))
