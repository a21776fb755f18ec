"""Months and days: the one definition of month ids, month lengths and days covered."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True, order=True)
class Period:
    """A run of whole months: a year (``2024``), a month (``2024-06``) or a range.

    ``Period.parse("2020-04..2020-09")`` covers April to September 2020: 183 days.
    """

    first: str
    last: str

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2024``, ``2024-06`` or ``2020-04..2020-09`` (both ends included).

        Raises:
            ValueError: anything else, or a range that runs backwards.
        """
        text = given = text.strip()
        if re.fullmatch(r"[0-9]{4}", text):
            text = f"{text}-01..{text}-12"
        first, sep, last = text.partition("..")
        if not sep:
            last = first
        if not (is_month(first) and is_month(last)):
            msg = (
                f"{given!r} is not a period: write a year (2024), a month (2024-06) "
                "or a range (2020-04..2020-09)"
            )
            raise ValueError(msg)
        if first < "0001-01":
            msg = f"{given!r} is not a period: the years start at 0001"
            raise ValueError(msg)
        if last < first:
            msg = f"{text!r} runs backwards: write the earlier month first ({last}..{first})"
            raise ValueError(msg)
        return cls(first, last)

    @classmethod
    def of_year(cls, year: int) -> Period:
        """The whole of ``year``."""
        return cls(month_id(year, 1), month_id(year, 12))

    @property
    def year(self) -> int:
        """The year the period starts in."""
        return parse_month(self.first)[0]

    @property
    def is_year(self) -> bool:
        """Whether the period is one calendar year."""
        return self.first.endswith("-01") and self.last == month_id(self.year, 12)

    def years(self) -> list[int]:
        """The calendar years it touches, in order: 2023-11..2024-02 touches 2023 and 2024."""
        return list(range(self.year, parse_month(self.last)[0] + 1))

    def months(self) -> list[str]:
        """Its month ids, in order."""
        return [_month(i) for i in range(_ordinal(self.first), _ordinal(self.last) + 1)]

    def shift(self, years: int) -> Period:
        """The same months ``years`` later (``-1``: a year earlier)."""
        return Period(shift_year(self.first, years), shift_year(self.last, years))

    def __str__(self) -> str:
        if self.is_year:
            return str(self.year)
        return self.first if self.first == self.last else f"{self.first}..{self.last}"


def _ordinal(month: str) -> int:
    """Months since 0000-01: consecutive months are consecutive numbers."""
    year, mon = parse_month(month)
    return year * 12 + mon - 1


def _month(ordinal: int) -> str:
    return month_id(ordinal // 12, ordinal % 12 + 1)


def runs(months: Iterable[str]) -> list[Period]:
    """Distinct months as runs of consecutive ones, in order.

    ``runs(["2024-01", "2024-03", "2024-04", "2024-05"])`` is 2024-01 and 2024-03..2024-05.
    """
    out: list[Period] = []
    for month in sorted(set(months)):
        if out and _ordinal(month) == _ordinal(out[-1].last) + 1:
            out[-1] = Period(out[-1].first, month)
        else:
            out.append(Period(month, month))
    return out


def as_period(value: int | Period) -> Period:
    """A year (an int, as the figure functions took before periods) as its period."""
    return Period.of_year(value) if isinstance(value, int) else value
