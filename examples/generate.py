"""Generate the example data directory ``examples/data`` for 2023 and 2024.

The counts are made up, except the figures that Alarmtelefonen's annual report for 2024
publishes: those come out exactly (see ``examples/README.md``). The script uses the
standard library only and fixed random seeds, so running it twice writes identical bytes.
Every count-file rule and every published figure is asserted before anything is written.

Run from the repository root::

    python examples/generate.py
"""

from __future__ import annotations

import calendar
import random
import tomllib
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

SEED = 116111
HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "data"
BUILTIN_TAXONOMY = HERE.parent / "src" / "alarmcli" / "data" / "taxonomy.toml"
YEARS = (2023, 2024)
HEADER = "month,channel,metric,dimension,category,count"

Key = tuple[str, str, str, str, str]  # month, channel, metric, dimension, category

CHANNELS = ("phone", "sms", "chat", "email", "ungno", "web")
METRICS = ("answered", "missed", "visits", "pageviews", "users")
DIMENSIONS = (
    "total",
    "site",
    "gender",
    "age",
    "caller",
    "topic",
    "outcome",
    "on_behalf",
    "hour",
    "day",
)
EXHAUSTIVE = ("site", "gender", "age", "caller", "hour", "day")
MULTI_LABEL = ("topic", "outcome", "on_behalf")

# The sites this data directory adds to the built-in taxonomy (the answering network).
EXTRA_SITES: dict[str, tuple[str, str]] = {
    "agder": ("Barnevernvakten i Agder", "Agder"),
    "vestfold": ("Barnevernvakten i Vestfold", "Vestfold"),
    "telemark": ("Barnevernvakten i Telemark", "Telemark"),
    "innlandet": ("Barnevernvakten i Innlandet", "Innlandet"),
    "moere_romsdal": ("Barnevernvakten i Møre og Romsdal", "Møre og Romsdal"),
    "sunnmoere": ("Sunnmøre barnevernvakt", "Sunnmøre"),
    "nordland": ("Barnevernvakten i Nordland", "Nordland"),
    "troms": ("Barnevernvakten i Troms", "Troms"),
    "finnmark": ("Barnevernvakten i Finnmark", "Finnmark"),
    "rogaland": ("Barnevernvakten i Rogaland", "Rogaland"),
    "oestfold": ("Barnevernvakten i Østfold", "Østfold"),
    "buskerud": ("Barnevernvakten i Buskerud", "Buskerud"),
    "haugaland": ("Haugaland barnevernvakt", "Haugaland"),
}

GENDERS = ("girl", "boy", "other", "unknown")
CALLERS = ("child", "parent", "other_adult", "professional", "unknown")
AGES = (*(str(a) for a in range(26)), "unknown")
OUTCOMES = (
    "advice",
    "referred_child_welfare",
    "referred_child_welfare_emergency",
    "referred_health",
    "referred_police",
    "concern_report",
    "other",
)
ON_BEHALF = (
    "child_welfare",
    "child_welfare_emergency",
    "police",
    "ambulance_er",
    "therapist",
    "public_network",
    "other",
)
# Share of a topic group's contacts that carry each sub-topic (a contact may carry several).
SUB_TOPICS: dict[str, dict[str, float]] = {
    "violence": {
        "parental_abuse": 0.50,
        "bullying": 0.28,
        "online_abuse": 0.14,
        "sexual_abuse": 0.16,
    },
    "conflict": {"parents_ordinary": 0.75, "parents_harassment": 0.30},
    "health_development": {
        "grief_loneliness_fear": 0.45,
        "love_friends": 0.40,
        "body_puberty": 0.25,
    },
    "mental_health": {"suicide": 0.38, "self_harm": 0.30, "depression": 0.22, "anxiety": 0.20},
}
TOPICS = tuple(t for g, subs in SUB_TOPICS.items() for t in (g, *(f"{g}/{s}" for s in subs)))

# Published in the 2024 report (or implied by it); asserted below.
PHONE = {2023: 12983, 2024: 14242}
PHONE_JUNE_2024 = 1473
CHAT = {2023: 19150, 2024: 8770}
CHAT_MARCH_2024 = 974
CHAT_BUSIEST_DAY_2024 = (1, 11, 49)  # 11 January: 49 chats
SMS = {2023: 4105, 2024: 3620}
UNGNO = {2023: 513, 2024: 350}
EMAIL = {2023: 247, 2024: 214}
WEB = {
    2023: {"visits": 64210, "pageviews": 81457, "users": 46102},
    2024: {"visits": 71776, "pageviews": 89882, "users": 52347},
}
CHAT_OPEN_2024 = tuple(range(14, 24))  # 14:00-24:00
CHAT_GENDER_2024 = {"girl": 6485, "boy": 1517, "other": 88, "unknown": 680}
UNGNO_GENDER_2024 = {"girl": 259, "boy": 67, "other": 24, "unknown": 0}
CONCERN_REPORTS = {2023: {"phone": 13, "chat": 21}, 2024: {"phone": 6, "chat": 12}}
# on_behalf police and ambulance_er: 2024 phone 10 and chat 6, 2023 phone 13 published.
EMERGENCY = {
    2023: {"phone": {"police": 7, "ambulance_er": 6}, "chat": {"police": 8, "ambulance_er": 7}},
    2024: {"phone": {"police": 6, "ambulance_er": 4}, "chat": {"police": 2, "ambulance_er": 4}},
}
# Topic groups a year per channel; mental_health 2024 over phone, sms, chat is 3 230.
TOPIC_GROUPS = {
    2023: {
        "phone": {
            "violence": 1300,
            "conflict": 1050,
            "health_development": 1550,
            "mental_health": 1150,
        },
        "sms": {"violence": 480, "conflict": 430, "health_development": 850, "mental_health": 450},
        "chat": {
            "violence": 3600,
            "conflict": 2700,
            "health_development": 5200,
            "mental_health": 3500,
        },
    },
    2024: {
        "phone": {
            "violence": 1450,
            "conflict": 1100,
            "health_development": 1700,
            "mental_health": 1270,
        },
        "sms": {"violence": 420, "conflict": 380, "health_development": 760, "mental_health": 400},
        "chat": {
            "violence": 1650,
            "conflict": 1250,
            "health_development": 2400,
            "mental_health": 1560,
        },
    },
}
# Phone calls a year per answering site; Kristiansand 2023 takes what is left.
SITES = {
    2024: {
        "kristiansand": 8972,
        "oslo": 1281,
        "asker_baerum": 659,
        "romerike": 549,
        "trondheim": 476,
        "bergen": 310,
        "rogaland": 280,
        "vestfold": 240,
        "buskerud": 220,
        "oestfold": 210,
        "innlandet": 190,
        "agder": 150,
        "telemark": 140,
        "moere_romsdal": 130,
        "nordland": 120,
        "sunnmoere": 110,
        "troms": 110,
        "finnmark": 60,
        "unknown": 35,
    },
    2023: {
        "oslo": 1168,
        "trondheim": 620,
        "romerike": 529,
        "asker_baerum": 475,
        "bergen": 350,
        "rogaland": 250,
        "vestfold": 215,
        "buskerud": 200,
        "oestfold": 195,
        "innlandet": 175,
        "agder": 140,
        "telemark": 135,
        "moere_romsdal": 125,
        "nordland": 115,
        "sunnmoere": 100,
        "troms": 105,
        "finnmark": 55,
        "haugaland": 90,
        "unknown": 40,
    },
}
# Chats a year per hour in 2023 (open round the clock): hours 0-13, closed in 2024, sum to
# 10 140, of which 0-3 sum to 5 043.
CHAT_HOURS_2023 = (
    1450, 1350, 1200, 1043,
    800, 520, 300, 220, 290, 380, 470, 560, 700, 857,
    700, 720, 750, 780, 820, 870, 950, 1050, 1150, 1220,
)  # fmt: skip
# Chats a year per single age in 2024 (ages 0-25, unknown last); ages 5-13 sum to 3 376.
CHAT_AGES_2024 = (
    0, 0, 0, 4, 8, 26, 40, 90, 150, 220, 350, 500, 850,
    1150, 1350, 1200, 900, 600, 230, 60, 25, 8, 5, 3, 2, 2,
    997,
)  # fmt: skip
UNGNO_AGES_2024 = (
    0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 6, 18, 40,
    68, 62, 50, 38, 26, 12, 5, 2, 0, 0, 0, 0, 0,
    20,
)  # fmt: skip

PHONE_SEASON = (1.00, 0.95, 1.02, 0.98, 1.05, 1.20, 1.00, 1.03, 0.97, 1.00, 0.98, 1.04)
CHAT_SEASON = {
    2023: (1.10, 1.05, 1.10, 1.00, 1.00, 0.85, 0.75, 0.85, 1.00, 1.05, 1.10, 1.15),
    2024: (1.15, 1.05, 1.30, 0.95, 0.95, 0.80, 0.72, 0.85, 0.95, 1.00, 1.05, 0.97),
}
SMS_SEASON = (1.08, 1.02, 1.05, 0.98, 0.97, 0.85, 0.78, 0.92, 1.02, 1.08, 1.10, 1.15)
WEB_SEASON = {
    2023: (1.00, 0.95, 1.05, 0.95, 0.95, 0.80, 0.70, 0.90, 1.05, 1.10, 1.15, 1.20),
    2024: (1.00, 0.95, 1.35, 0.95, 0.90, 0.80, 0.70, 0.95, 1.00, 1.05, 1.05, 1.45),
}
# Phone calls by hour of day: low at night, highest in the evening.
PHONE_HOURS = (
    0.60, 0.45, 0.35, 0.25, 0.18, 0.15, 0.20, 0.35, 0.60, 0.80, 0.90, 0.95,
    1.00, 1.05, 1.15, 1.25, 1.30, 1.30, 1.30, 1.35, 1.40, 1.40, 1.20, 0.90,
)  # fmt: skip
CHAT_HOURS_2024 = (0.75, 0.80, 0.85, 0.90, 0.95, 1.00, 1.10, 1.20, 1.30, 1.35)
# Chats by weekday (Monday first): fewer on Friday and Saturday evenings.
CHAT_WEEKDAYS = (1.05, 1.05, 1.00, 1.00, 0.88, 0.90, 1.12)
# Shares of a month's contacts; `unknown` takes the rest.
CALLER_SHARES = {"child": 0.38, "parent": 0.16, "other_adult": 0.12, "professional": 0.06}
SMS_GENDER = {"girl": 0.70, "boy": 0.20, "other": 0.02}
OUTCOME_SHARES = {
    "phone": {
        "advice": 0.52,
        "referred_child_welfare": 0.035,
        "referred_child_welfare_emergency": 0.025,
        "referred_health": 0.012,
        "referred_police": 0.008,
        "other": 0.09,
    },
    "chat": {
        "advice": 0.68,
        "referred_child_welfare": 0.04,
        "referred_child_welfare_emergency": 0.015,
        "referred_health": 0.03,
        "referred_police": 0.01,
        "other": 0.06,
    },
}
ON_BEHALF_SHARES = {
    "phone": {
        "child_welfare": 0.012,
        "child_welfare_emergency": 0.025,
        "therapist": 0.004,
        "public_network": 0.006,
        "other": 0.005,
    },
    "chat": {
        "child_welfare": 0.006,
        "child_welfare_emergency": 0.008,
        "therapist": 0.020,
        "public_network": 0.012,
        "other": 0.004,
    },
}


# --- arithmetic -----------------------------------------------------------------------


def rng_for(*key: object) -> random.Random:
    """A random generator of its own for each purpose, so one change moves nothing else."""
    return random.Random("-".join(str(k) for k in (SEED, *key)))


def jitter(weights: Sequence[float], rng: random.Random, spread: float) -> list[float]:
    """Multiply each weight by a random factor in ``1 +- spread``."""
    return [w * rng.uniform(1 - spread, 1 + spread) for w in weights]


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into whole parts proportional to ``weights`` (largest remainder)."""
    assert total >= 0
    if total == 0:
        return [0] * len(weights)
    weight_sum = sum(weights)
    assert weight_sum > 0, "nothing to apportion to"
    quotas = [total * w / weight_sum for w in weights]
    parts = [int(q) for q in quotas]
    order = sorted(range(len(quotas)), key=lambda i: (parts[i] - quotas[i], weights[i] == 0, i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    assert sum(parts) == total
    return parts


def fill_table(
    row_totals: Sequence[int], col_totals: Sequence[int], rng: random.Random, spread: float
) -> list[list[int]]:
    """A table of whole numbers with the given row and column sums, randomly shaped.

    Each row is apportioned in proportion to what its columns still need; the last row
    takes the rest, so both margins come out exactly.
    """
    assert sum(row_totals) == sum(col_totals)
    remaining = list(col_totals)
    table = []
    for i, total in enumerate(row_totals):
        if i == len(row_totals) - 1:
            row = list(remaining)
        else:
            row = apportion(total, jitter(remaining, rng, spread))
        assert all(0 <= x <= r for x, r in zip(row, remaining, strict=True))
        remaining = [r - x for r, x in zip(remaining, row, strict=True)]
        table.append(row)
    return table


def months_of(year: int) -> list[str]:
    """The twelve month ids of ``year``."""
    return [f"{year}-{m:02d}" for m in range(1, 13)]


def days_in(month: str) -> int:
    """Days in a month id, leap years counted."""
    return calendar.monthrange(int(month[:4]), int(month[5:]))[1]


def round1(numerator: int, denominator: int, scale: int = 1, decimals: int = 1) -> float:
    """``numerator / denominator * scale`` rounded half away from zero, as published."""
    value = Fraction(numerator * scale, denominator)
    rounded = int(abs(value) * 10**decimals + Fraction(1, 2))
    return (-1 if value < 0 else 1) * rounded / 10**decimals


def whole(value: float) -> int:
    """Round a non-negative float to a whole number, half up."""
    return int(value + 0.5)


# --- the counts -------------------------------------------------------------------------


class Counts:
    """Every count of the example data, keyed by month, channel, metric, dimension, category."""

    def __init__(self) -> None:
        self.values: dict[Key, int] = {}

    def add(
        self, month: str, channel: str, metric: str, dimension: str, values: Mapping[str, int]
    ) -> None:
        """Add one row per category; a key may be given once only."""
        for category, count in values.items():
            key = (month, channel, metric, dimension, category)
            assert key not in self.values, f"duplicate row {key}"
            assert isinstance(count, int), key
            assert count >= 0, key
            self.values[key] = count

    def total(self, month: str, channel: str, metric: str = "answered") -> int:
        """The total row of a month, channel and metric."""
        return self.values[(month, channel, metric, "total", "")]

    def get(self, month: str, channel: str, metric: str, dimension: str, category: str) -> int:
        """One count, or 0 where there is no row."""
        return self.values.get((month, channel, metric, dimension, category), 0)

    def year_sum(self, year: int, channel: str, metric: str, dimension: str, category: str) -> int:
        """A category summed over the months of ``year``."""
        return sum(self.get(m, channel, metric, dimension, category) for m in months_of(year))


def month_totals(
    year: int, total: int, season: Sequence[float], rng: random.Random, fixed: Mapping[int, int]
) -> list[int]:
    """A year's total spread over months by ``season``, some months ``fixed`` (1-based)."""
    free = [m for m in range(12) if m + 1 not in fixed]
    parts = apportion(total - sum(fixed.values()), jitter([season[m] for m in free], rng, 0.03))
    result = [0] * 12
    for m, count in zip(free, parts, strict=True):
        result[m] = count
    for month, count in fixed.items():
        result[month - 1] = count
    assert sum(result) == total, year
    return result


def spread_year(year_total: int, weights: Sequence[int], rng: random.Random) -> list[int]:
    """A small yearly count (concern reports …) spread over months in proportion to weights."""
    return apportion(year_total, jitter([float(w) for w in weights], rng, 0.5))


def add_totals(counts: Counts, year: int, channel: str, totals: Sequence[int]) -> None:
    """The total rows of ``channel``'s answered contacts, month by month."""
    for month, total in zip(months_of(year), totals, strict=True):
        counts.add(month, channel, "answered", "total", {"": total})


def add_table(
    counts: Counts,
    year: int,
    channel: str,
    dimension: str,
    *,
    categories: Sequence[str],
    table: Sequence[Sequence[int]],
) -> None:
    """Rows of an exhaustive breakdown: one table row per month, one column per category."""
    for month, row in zip(months_of(year), table, strict=True):
        counts.add(month, channel, "answered", dimension, dict(zip(categories, row, strict=True)))


def add_by_shares(
    counts: Counts,
    year: int,
    channel: str,
    dimension: str,
    shares: Mapping[str, float],
    *,
    rest: str = "unknown",
) -> None:
    """An exhaustive breakdown from shares of each month's total; ``rest`` takes the rest."""
    rng = rng_for(year, channel, dimension)
    for month in months_of(year):
        total = counts.total(month, channel)
        weights = jitter(list(shares.values()), rng, 0.12)
        weights.append(max(0.0, 1 - sum(shares.values())) * rng.uniform(0.85, 1.15))
        parts = apportion(total, weights)
        counts.add(
            month, channel, "answered", dimension, dict(zip([*shares, rest], parts, strict=True))
        )


def add_topics(counts: Counts, year: int, channel: str) -> None:
    """Topic groups (a yearly count spread by month) and their sub-topics (shares of the group)."""
    rng = rng_for(year, channel, "topic")
    totals = [counts.total(m, channel) for m in months_of(year)]
    for group, year_count in TOPIC_GROUPS[year][channel].items():
        monthly = apportion(year_count, jitter([float(t) for t in totals], rng, 0.1))
        for month, group_count in zip(months_of(year), monthly, strict=True):
            values = {group: group_count}
            for sub, share in SUB_TOPICS[group].items():
                count = whole(group_count * share * rng.uniform(0.85, 1.15))
                values[f"{group}/{sub}"] = min(group_count, count)
            counts.add(month, channel, "answered", "topic", values)


def add_outcomes(counts: Counts, year: int, channel: str) -> None:
    """Outcomes and contacts made on the caller's behalf, with the published yearly counts."""
    rng = rng_for(year, channel, "outcome")
    months = months_of(year)
    totals = [counts.total(m, channel) for m in months]
    concern = spread_year(CONCERN_REPORTS[year][channel], totals, rng)
    emergency = {k: spread_year(v, totals, rng) for k, v in EMERGENCY[year][channel].items()}
    for i, (month, total) in enumerate(zip(months, totals, strict=True)):
        outcome = {
            k: whole(total * s * rng.uniform(0.8, 1.2)) for k, s in OUTCOME_SHARES[channel].items()
        }
        outcome["concern_report"] = concern[i]
        counts.add(month, channel, "answered", "outcome", {k: outcome[k] for k in OUTCOMES})
        behalf = {
            k: whole(total * s * rng.uniform(0.7, 1.3))
            for k, s in ON_BEHALF_SHARES[channel].items()
        }
        behalf.update({k: v[i] for k, v in emergency.items()})
        counts.add(month, channel, "answered", "on_behalf", {k: behalf[k] for k in ON_BEHALF})


def add_hours(
    counts: Counts, year: int, channel: str, profile: Sequence[float], hours: Sequence[int]
) -> None:
    """An hour-of-day breakdown of each month from a daily ``profile`` over ``hours``."""
    rng = rng_for(year, channel, "hour")
    for month in months_of(year):
        parts = apportion(counts.total(month, channel), jitter(profile, rng, 0.08))
        counts.add(
            month,
            channel,
            "answered",
            "hour",
            {str(h): c for h, c in zip(hours, parts, strict=True)},
        )


def day_weights(month: str, rng: random.Random) -> list[float]:
    """How busy each day of a month is: weekday, Christmas and random variation."""
    year, mon = int(month[:4]), int(month[5:])
    weights = []
    for day in range(1, days_in(month) + 1):
        weight = CHAT_WEEKDAYS[calendar.weekday(year, mon, day)] * rng.uniform(0.82, 1.18)
        if mon == 12 and day >= 23:
            weight *= 1.2
        weights.append(weight)
    return weights


def add_days(counts: Counts, year: int, channel: str) -> None:
    """Daily counts of each month; 11 January 2024 is the busiest chat day of 2024."""
    rng = rng_for(year, channel, "day")
    for month in months_of(year):
        weights = day_weights(month, rng)
        total = counts.total(month, channel)
        busiest_month, busiest_day, busiest_count = CHAT_BUSIEST_DAY_2024
        if (year, channel) == (2024, "chat") and month == f"2024-{busiest_month:02d}":
            weights[busiest_day - 1] = 0.0
            parts = apportion(total - busiest_count, weights)
            parts[busiest_day - 1] = busiest_count
        else:
            parts = apportion(total, weights)
        counts.add(month, channel, "answered", "day", {str(d + 1): c for d, c in enumerate(parts)})


# --- the channels ---------------------------------------------------------------------------


def make_phone(counts: Counts, year: int) -> None:
    """Answered calls: totals, sites, callers, topics, outcomes and hours."""
    fixed = {6: PHONE_JUNE_2024} if year == 2024 else {}
    totals = month_totals(year, PHONE[year], PHONE_SEASON, rng_for(year, "phone"), fixed)
    add_totals(counts, year, "phone", totals)
    sites = dict(SITES[year])
    if "kristiansand" not in sites:
        sites = {"kristiansand": PHONE[year] - sum(sites.values()), **sites}
    site_table = fill_table(totals, list(sites.values()), rng_for(year, "phone", "site"), 0.15)
    add_table(counts, year, "phone", "site", categories=list(sites), table=site_table)
    add_by_shares(counts, year, "phone", "caller", CALLER_SHARES)
    add_topics(counts, year, "phone")
    add_outcomes(counts, year, "phone")
    add_hours(counts, year, "phone", PHONE_HOURS, range(24))


def make_chat(counts: Counts, year: int) -> None:
    """Answered and missed chats: totals, gender, age, topics, outcomes, hours and days."""
    fixed = {3: CHAT_MARCH_2024} if year == 2024 else {}
    totals = month_totals(year, CHAT[year], CHAT_SEASON[year], rng_for(year, "chat"), fixed)
    add_totals(counts, year, "chat", totals)
    rng = rng_for(year, "chat", "breakdowns")
    if year == 2024:
        genders = list(CHAT_GENDER_2024.values())
        ages = list(CHAT_AGES_2024)
    else:
        genders = apportion(CHAT[year], [0.72, 0.17, 0.015, 0.095])
        older = [
            w * (1.25 if i >= 15 else 0.85 if i <= 12 else 1.0)
            for i, w in enumerate(CHAT_AGES_2024)
        ]
        ages = apportion(CHAT[year], older)
    add_table(
        counts,
        year,
        "chat",
        "gender",
        categories=GENDERS,
        table=fill_table(totals, genders, rng, 0.1),
    )
    add_table(
        counts, year, "chat", "age", categories=AGES, table=fill_table(totals, ages, rng, 0.1)
    )
    add_topics(counts, year, "chat")
    add_outcomes(counts, year, "chat")
    if year == 2023:
        hours = fill_table(totals, CHAT_HOURS_2023, rng, 0.08)
        add_table(counts, year, "chat", "hour", categories=[str(h) for h in range(24)], table=hours)
    else:
        add_hours(counts, year, "chat", CHAT_HOURS_2024, CHAT_OPEN_2024)
    add_days(counts, year, "chat")
    missed_share = 0.05 if year == 2023 else 0.12
    for month, total in zip(months_of(year), totals, strict=True):
        missed = whole(total * missed_share * rng.uniform(0.6, 1.4))
        counts.add(month, "chat", "missed", "total", {"": missed})


def make_sms(counts: Counts, year: int) -> None:
    """Answered text messages: totals, gender and topics."""
    add_totals(
        counts, year, "sms", month_totals(year, SMS[year], SMS_SEASON, rng_for(year, "sms"), {})
    )
    add_by_shares(counts, year, "sms", "gender", SMS_GENDER)
    add_topics(counts, year, "sms")


def make_email(counts: Counts, year: int) -> None:
    """Answered e-mails: totals only."""
    add_totals(
        counts,
        year,
        "email",
        month_totals(year, EMAIL[year], SMS_SEASON, rng_for(year, "email"), {}),
    )


def make_ungno(counts: Counts, year: int) -> None:
    """Questions answered on ung.no: totals, gender and age."""
    totals = month_totals(year, UNGNO[year], SMS_SEASON, rng_for(year, "ungno"), {})
    add_totals(counts, year, "ungno", totals)
    if year == 2024:
        genders = list(UNGNO_GENDER_2024.values())
        ages = list(UNGNO_AGES_2024)
    else:
        genders = apportion(UNGNO[year], [0.73, 0.20, 0.06, 0.01])
        ages = apportion(UNGNO[year], UNGNO_AGES_2024)
    rng = rng_for(year, "ungno", "breakdowns")
    add_table(
        counts,
        year,
        "ungno",
        "gender",
        categories=GENDERS,
        table=fill_table(totals, genders, rng, 0.15),
    )
    add_table(
        counts, year, "ungno", "age", categories=AGES, table=fill_table(totals, ages, rng, 0.15)
    )


def make_web(counts: Counts, year: int) -> None:
    """Website visits, page views and users: totals only."""
    rng = rng_for(year, "web")
    visits = month_totals(year, WEB[year]["visits"], WEB_SEASON[year], rng, {})
    for metric, year_total in WEB[year].items():
        monthly = visits if metric == "visits" else apportion(year_total, jitter(visits, rng, 0.05))
        for month, count in zip(months_of(year), monthly, strict=True):
            counts.add(month, "web", metric, "total", {"": count})


def generate() -> Counts:
    """Every count of 2023 and 2024."""
    counts = Counts()
    for year in YEARS:
        make_phone(counts, year)
        make_sms(counts, year)
        make_chat(counts, year)
        make_email(counts, year)
        make_ungno(counts, year)
        make_web(counts, year)
    return counts


# --- checks -------------------------------------------------------------------------------


def taxonomy_ids(extra_toml: str) -> dict[str, set[str]]:
    """The ids of each taxonomy dimension: built-in plus this directory's ``taxonomy.toml``."""
    ids: dict[str, set[str]] = {}
    for text in (BUILTIN_TAXONOMY.read_text("utf-8"), extra_toml):
        for dimension, table in tomllib.loads(text).items():
            if isinstance(table, dict) and dimension != "groups":
                ids.setdefault(dimension, set()).update(table)
    return ids


def category_ok(dimension: str, category: str, month: str, ids: Mapping[str, set[str]]) -> bool:
    """Tell whether a category is valid for its dimension (and month, for days)."""
    if dimension == "total":
        return category == ""
    if dimension == "hour":
        return category.isdigit() and 0 <= int(category) <= 23
    if dimension == "day":
        return category.isdigit() and 1 <= int(category) <= days_in(month)
    if dimension == "age":
        return category == "unknown" or (category.isdigit() and 0 <= int(category) <= 25)
    return category in ids[dimension]


def check_contract(counts: Counts, ids: Mapping[str, set[str]]) -> None:
    """Assert the count-file rules: totals present, categories known, sums exact."""
    sums: dict[tuple[str, str, str, str], int] = {}
    for (month, channel, metric, dimension, category), count in counts.values.items():
        assert month[:4] in {str(y) for y in YEARS}, month
        assert channel in CHANNELS, channel
        assert (metric in {"visits", "pageviews", "users"}) == (channel == "web"), (channel, metric)
        assert dimension in DIMENSIONS, dimension
        assert category_ok(dimension, category, month, ids), (month, channel, dimension, category)
        assert (month, channel, metric, "total", "") in counts.values, (month, channel, metric)
        total = counts.total(month, channel, metric)
        if dimension in MULTI_LABEL:
            assert count <= total, (month, channel, metric, dimension, category)
        if dimension in EXHAUSTIVE:
            sums[(month, channel, metric, dimension)] = (
                sums.get((month, channel, metric, dimension), 0) + count
            )
        if dimension == "topic" and "/" in category:
            group = category.split("/")[0]
            assert count <= counts.get(month, channel, metric, "topic", group), (month, category)
    for (month, channel, metric, dimension), value in sums.items():
        assert value == counts.total(month, channel, metric), (
            month,
            channel,
            metric,
            dimension,
            value,
        )


def check_figures(counts: Counts) -> None:  # noqa: PLR0915 - an assert per published figure
    """Assert every figure the 2024 report publishes, and the shape the brief asks for."""
    c = counts

    def year_total(year: int, channel: str, metric: str = "answered") -> int:
        return sum(c.total(m, channel, metric) for m in months_of(year))

    def monthly(year: int, channel: str) -> list[int]:
        return [c.total(m, channel) for m in months_of(year)]

    phone = monthly(2024, "phone")
    assert year_total(2024, "phone") == 14242
    assert year_total(2023, "phone") == 12983
    assert round1(14242 - 12983, 12983, 100) == 9.7
    assert phone[5] == 1473
    assert all(p < 1473 for i, p in enumerate(phone) if i != 5)
    assert all(1050 <= p <= 1473 for p in phone)
    assert round1(14242, 366) == 38.9

    sites = {
        s: c.year_sum(2024, "phone", "answered", "site", s)
        for s in ids_in(c, 2024, "phone", "site")
    }
    assert sum(sites.values()) == 14242
    assert round1(sites["kristiansand"], 14242, 100, 0) == 63
    assert abs(round1(sites["kristiansand"], 14242, 100) - 63.0) <= 0.4
    assert len([s for s in sites if s not in {"kristiansand", "unknown"}]) == 17
    published = {"oslo": 3.5, "asker_baerum": 1.8, "romerike": 1.5, "trondheim": 1.3}
    for site, per_day in published.items():
        assert round1(sites[site], 366) == per_day, site
    for site, count in sites.items():
        if site not in {"kristiansand", *published}:
            assert round1(count, 366) < 0.9, site

    chat = monthly(2024, "chat")
    assert year_total(2024, "chat") == 8770
    assert year_total(2023, "chat") == 19150
    assert round1(8770 - 19150, 19150, 100) == -54.2
    assert chat[2] == 974
    assert all(x < 974 for i, x in enumerate(chat) if i != 2)
    days = [
        (m, d, c.get(m, "chat", "answered", "day", str(d)))
        for m in months_of(2024)
        for d in range(1, 32)
    ]
    busiest = max(days, key=lambda x: x[2])
    assert busiest == ("2024-01", 11, 49)
    assert sum(1 for x in days if x[2] == 49) == 1

    closed_2024 = [h for h in range(24) if h not in CHAT_OPEN_2024]
    hours_2023 = {h: c.year_sum(2023, "chat", "answered", "hour", str(h)) for h in range(24)}
    assert sum(hours_2023[h] for h in closed_2024) == 10140
    assert sum(hours_2023[h] for h in range(4)) == 5043
    assert max(hours_2023, key=lambda h: hours_2023[h]) in {22, 23, 0, 1}
    for month in months_of(2024):
        assert all(c.get(month, "chat", "answered", "hour", str(h)) == 0 for h in closed_2024)

    genders = {g: c.year_sum(2024, "chat", "answered", "gender", g) for g in GENDERS}
    assert genders == CHAT_GENDER_2024
    assert [round1(genders[g], 8770, 100, 0) for g in GENDERS] == [74, 17, 1, 8]
    ages = {a: c.year_sum(2024, "chat", "answered", "age", a) for a in AGES}
    young = sum(ages[str(a)] for a in range(5, 14))
    assert young == 3376
    assert round1(young, 8770, 100) == 38.5
    known = sorted((n, a) for a, n in ages.items() if a != "unknown")
    assert {a for _, a in known[-4:]} == {"13", "14", "15", "16"}

    mental = sum(
        c.year_sum(2024, ch, "answered", "topic", "mental_health")
        for ch in ("phone", "sms", "chat")
    )
    assert mental == 3230
    for year, by_channel in CONCERN_REPORTS.items():
        for channel, expected in by_channel.items():
            assert c.year_sum(year, channel, "answered", "outcome", "concern_report") == expected
    assert sum(CONCERN_REPORTS[2024].values()) == 18
    assert sum(CONCERN_REPORTS[2023].values()) == 34

    def emergency(year: int, channel: str) -> int:
        return sum(
            c.year_sum(year, channel, "answered", "on_behalf", k)
            for k in ("police", "ambulance_er")
        )

    assert (emergency(2024, "phone"), emergency(2024, "chat"), emergency(2023, "phone")) == (
        10,
        6,
        13,
    )

    assert year_total(2024, "sms") == 3620
    assert year_total(2024, "ungno") == 350
    assert year_total(2023, "ungno") == 513
    ungno = [c.year_sum(2024, "ungno", "answered", "gender", g) for g in GENDERS]
    assert [round1(n, 350, 100, 0) for n in ungno[:3]] == [74, 19, 7]
    ungno_ages = {
        a: c.year_sum(2024, "ungno", "answered", "age", a) for a in AGES if a != "unknown"
    }
    assert max(ungno_ages, key=lambda a: ungno_ages[a]) == "13"
    assert year_total(2024, "web", "visits") == 71776
    assert year_total(2024, "web", "pageviews") == 89882


def ids_in(counts: Counts, year: int, channel: str, dimension: str) -> list[str]:
    """The categories a year has for a channel's answered breakdown, in first-seen order."""
    seen: dict[str, None] = {}
    for month, ch, metric, dim, category in counts.values:
        if month.startswith(str(year)) and (ch, metric, dim) == (channel, "answered", dimension):
            seen[category] = None
    return list(seen)


# --- writing ----------------------------------------------------------------------------------


def taxonomy_toml() -> str:
    """This data directory's own taxonomy: the network sites the built-in one lacks."""
    lines = [
        "# Sites of the example data directory, added to alarmcli's built-in taxonomy.",
        "# The answering network (svarnettverket) of 2023-2024; names are illustrative.",
        "# `haugaland` answered in 2023 only. Generated by examples/generate.py.",
        "",
        "[site]",
    ]
    lines += [f'{key} = {{ nb = "{nb}", en = "{en}" }}' for key, (nb, en) in EXTRA_SITES.items()]
    lines += [
        "",
        "# Named groups, counted together by `--groups` (the 2024 report's figures).",
        *GROUPS,
    ]
    return "\n".join(lines) + "\n"


GROUPS = [
    "[groups.on_behalf]",
    'acute = { nb = "Politi eller AMK/legevakt", en = "Police or ambulance/ER", '
    'members = ["police", "ambulance_er"] }',
    "",
    "[groups.caller]",
    'adults = { nb = "Voksne", en = "Adults", '
    'members = ["parent", "other_adult", "professional"] }',
]


def sort_key(key: Key) -> tuple[int, ...]:
    """Order rows by channel, metric, dimension, then category in a readable order."""
    month, channel, metric, dimension, category = key
    return (
        int(month[5:]),
        CHANNELS.index(channel),
        METRICS.index(metric),
        DIMENSIONS.index(dimension),
        category_rank(dimension, category),
    )


def category_rank(dimension: str, category: str) -> int:
    """Numbers in numeric order, taxonomy ids in taxonomy order; ``unknown`` last."""
    if dimension == "total":
        return 0
    if dimension in {"hour", "day", "age"}:
        return 99 if category == "unknown" else int(category)
    order = {
        "site": ["kristiansand", *SITES[2024], *SITES[2023]],
        "gender": GENDERS,
        "caller": CALLERS,
        "topic": TOPICS,
        "outcome": OUTCOMES,
        "on_behalf": ON_BEHALF,
    }[dimension]
    ranked = [c for c in dict.fromkeys(order) if c != "unknown"]
    return len(ranked) if category == "unknown" else ranked.index(category)


def render(counts: Counts, month: str) -> str:
    """One month's count file as text."""
    keys = sorted((k for k in counts.values if k[0] == month), key=sort_key)
    lines = [HEADER, *(",".join([*k, str(counts.values[k])]) for k in keys)]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Generate, check and write ``examples/data``."""
    counts = generate()
    taxonomy = taxonomy_toml()
    check_contract(counts, taxonomy_ids(taxonomy))
    check_figures(counts)
    DATA_DIR.mkdir(exist_ok=True)
    (DATA_DIR / "taxonomy.toml").write_text(taxonomy, encoding="utf-8", newline="\n")
    for year in YEARS:
        (DATA_DIR / str(year)).mkdir(exist_ok=True)
        for month in months_of(year):
            path = DATA_DIR / str(year) / f"{month}.csv"
            path.write_text(render(counts, month), encoding="utf-8", newline="\n")
    print(f"wrote {len(counts.values)} counts in {DATA_DIR}")


if __name__ == "__main__":
    main()
