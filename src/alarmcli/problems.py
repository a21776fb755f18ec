"""Problems found in input files: a stable code, a location and a message from a template.

A report of problems is plain data; the CLI decides how to show it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


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
    BAD_COUNT = "bad-count"
    DUPLICATE_ROW = "duplicate-row"
    SUM_MISMATCH = "sum-mismatch"
    BREAKDOWNS_DISAGREE = "breakdowns-disagree"
    EXCEEDS_TOTAL = "exceeds-total"
    MISSING_TOTAL = "missing-total"
    NO_FILES = "no-files"
    TAXONOMY = "taxonomy"
    BAD_LOG_ROW = "bad-log-row"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, at a file and line (1-based; the header is line 1)."""

    file: str
    line: int | None
    column: str | None
    code: Code
    message: str

    def __str__(self) -> str:
        """``FILE:LINE: message`` on one line: line breaks in quoted values are escaped."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{where}: {message}"

    def as_dict(self) -> dict[str, Any]:
        """The problem as a JSON-ready dict: file, line, column, code, message."""
        data = asdict(self)
        data["code"] = str(self.code)
        return data


def sort_key(problem: Problem) -> tuple[str, int, str, str]:
    """Order problems by file, then line, then column, then code."""
    return (problem.file, problem.line or 0, problem.column or "", str(problem.code))


def closest_hint(candidates: list[str], question: str = "did you mean") -> str:
    """The `` (did you mean `x`?)`` tail of a message, or nothing when there is no close id."""
    if not candidates:
        return ""
    quoted = " or ".join(f"`{c}`" for c in candidates)
    return f" ({question} {quoted}?)"
