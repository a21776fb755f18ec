"""Months and days: the one definition of month ids, month lengths and days covered."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable

MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
_MONTH_RE = re.compile(MONTH_PATTERN)


def is_month(text: str) -> bool:
    """Tell whether ``text`` is a month id ``YYYY-MM``."""
    return _MONTH_RE.fullmatch(text) is not None


def parse_month(text: str) -> tuple[int, int]:
    """Split ``"2024-03"`` into ``(2024, 3)``.

    Raises:
        ValueError: ``text`` is not a month id.
    """
    if not is_month(text):
        msg = f"not a month (YYYY-MM): {text!r}"
        raise ValueError(msg)
    return int(text[:4]), int(text[5:])


def month_id(year: int, month: int) -> str:
    """Format a month id: ``month_id(2024, 3) == "2024-03"``."""
    return f"{year:04d}-{month:02d}"


def days_in_month(year: int, month: int) -> int:
    """Days in a month, leap years counted: ``days_in_month(2024, 2) == 29``."""
    return calendar.monthrange(year, month)[1]


def days_covered(months: Iterable[str]) -> int:
    """Days in a set of month ids, each counted once.

    The whole of 2024 covers 366 days; 2024-03 alone covers 31.
    """
    return sum(days_in_month(*parse_month(m)) for m in set(months))


def shift_year(month: str, years: int) -> str:
    """The same month ``years`` later: ``shift_year("2024-03", -1) == "2023-03"``."""
    year, mon = parse_month(month)
    return month_id(year + years, mon)


def year_months(year: int) -> list[str]:
    """The twelve month ids of ``year``, in order."""
    return [month_id(year, m) for m in range(1, 13)]
