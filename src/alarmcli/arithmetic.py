"""The arithmetic of every published figure: one definition each, exact until rounded.

Ratios are computed on exact fractions and rounded once, to one decimal, half away
from zero (``12.25 -> 12.3``, ``-12.25 -> -12.3``). A ratio whose base is zero or
missing is ``None``: a figure that cannot be computed, never an error or infinity.
"""

from __future__ import annotations

from fractions import Fraction

DECIMALS = 1


def round_half_away(value: Fraction, decimals: int = DECIMALS) -> float:
    """Round an exact value half away from zero: ``round_half_away(Fraction(1, 8)*100) == 12.5``.

    Python's ``round`` rounds half to even (``round(0.25, 1) == 0.2``); published figures
    round half away from zero (``0.3``).
    """
    scale = 10**decimals
    scaled = abs(value) * scale
    rounded = int(scaled + Fraction(1, 2))  # floor, scaled is non-negative
    sign = -1 if value < 0 else 1
    return float(sign * rounded / scale)


def ratio(numerator: int | None, denominator: int | None, scale: int = 1) -> float | None:
    """``numerator / denominator × scale``, rounded; ``None`` when it cannot be computed.

    >>> ratio(974, 31)
    31.4
    >>> ratio(5, 0) is None
    True
    """
    if numerator is None or denominator is None or denominator == 0:
        return None
    return round_half_away(Fraction(numerator * scale, denominator))


def percent(part: int | None, whole: int | None) -> float | None:
    """Share of ``whole`` in per cent: 711 of 1 243 calls is 57.2 %, not the report's 56 %."""
    return ratio(part, whole, 100)


def change(current: int | None, previous: int | None) -> int | None:
    """Absolute change from ``previous`` to ``current``; ``None`` if either is missing."""
    if current is None or previous is None:
        return None
    return current - previous


def change_percent(current: int | None, previous: int | None) -> float | None:
    """Change in per cent of ``previous``: 11 274 → 14 033 calls is +24.5 %."""
    return percent(change(current, previous), previous)


def per_day(total: int | None, days: int | None) -> float | None:
    """Average a day: 14 242 calls over the 366 days of 2024 is 38.9, not the report's 39.5."""
    return ratio(total, days)


def per_month(total: int | None, months: int | None) -> float | None:
    """Average a month: 14 242 calls over 12 months is 1 186.8."""
    return ratio(total, months)


def rate_change_percent(
    current: int | None, current_days: int, previous: int | None, previous_days: int
) -> float | None:
    """Change in per cent of a per-day rate, computed on exact counts and days.

    40 chats a day over April–September is 7 320 in 183 days; 80 a day over the last
    three months is 7 360 in 92: (7 360/92) / (7 320/183) − 1 = +100.0 %.
    """
    if current is None or previous is None or previous == 0 or not current_days:
        return None
    if not previous_days:
        return None
    rate = Fraction(current, current_days) / Fraction(previous, previous_days)
    return round_half_away((rate - 1) * 100)
