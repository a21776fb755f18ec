"""Generate the example data directory ``examples/data`` for 2019 to 2024.

The counts are made up, except the figures that Alarmtelefonen's annual reports for 2020
and 2024 publish: those come out exactly (see ``examples/README.md``). The script uses the
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
YEARS = (2019, 2020, 2021, 2022, 2023, 2024)
# 2021 replaced the 2020 topic list ("andre forhold ved barnets situasjon" …) by groups
# with sub-topics; the example taxonomy dates each list's ids.
NEW_TOPICS_FROM = 2021
HEADER = "month,channel,metric,dimension,category,count"

Key = tuple[str, str, str, str, str]  # month, channel, metric, dimension, category

CHANNELS = ("phone", "sms", "chat", "email", "ungno", "web")
METRICS = (
    "answered",
    "missed",
    "visits",
    "pageviews",
    "users",
    "answer_seconds",
    "talk_seconds",
    "abandon_seconds",
)
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
    "topic*age",
)
EXHAUSTIVE = ("site", "gender", "age", "caller", "hour", "day")
# Two-dimensional rows (`topic*age`, category `TOPIC*AGE`): 2024 chat only.
TOPIC_BY_AGE = "topic*age"
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
    "follo": ("Follo barnevernvakt", "Follo"),
    "salten": ("Salten barnevernvakt", "Salten"),
}
# Sites that answered in some years only: (valid_from, valid_to).
SITE_YEARS = {"follo": (None, 2021), "salten": (None, 2021)}
# The 2019-2020 topic list's own ids, (nb, en); `mental_health`, `conflict` and `violence`
# were kept in 2021, the built-in `other` ("andre forhold ved barnets situasjon") was not.
OLD_TOPICS: dict[str, tuple[str, str]] = {
    "behaviour_problems": ("Atferdsproblemer barn/unge", "Behaviour problems"),
    "abuse": ("Overgrep", "Abuse"),
    "sexuality": ("Seksualitet", "Sexuality"),
}


def whole_part(count: int, factor: float) -> int:
    """``count`` × ``factor`` to a whole number, half up (a made-up year from another)."""
    return int(count * factor + 0.5)


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
TOPICS = (
    *(t for g, subs in SUB_TOPICS.items() for t in (g, *(f"{g}/{s}" for s in subs))),
    "other",
    *OLD_TOPICS,
)

# Published in the 2020 and 2024 reports (or implied by them); asserted below.
PHONE = {2019: 11274, 2020: 14033, 2021: 13480, 2022: 12790, 2023: 12983, 2024: 14242}
PHONE_JUNE_2024 = 1473
PHONE_FIXED = {2020: {11: 809, 12: 1243}, 2024: {6: PHONE_JUNE_2024}}
CHAT = {2020: 14322, 2021: 22840, 2022: 21030, 2023: 19150, 2024: 8770}
CHAT_MARCH_2024 = 974
CHAT_BUSIEST_DAY_2024 = (1, 11, 49)  # 11 January: 49 chats
# Chat opened on 7 April 2020: answered and missed chats a month, April to December.
CHAT_2020 = (1502, 1230, 1180, 980, 940, 1190, 1963, 2832, 2505)
CHAT_MISSED_2020 = (64, 52, 41, 35, 23, 48, 96, 183, 78)
# Fixed days of 2020: (month, day, chats).
CHAT_DAYS_2020 = ((11, 23, 161), (12, 23, 111), (12, 29, 116))
CHAT_GENDER_2020 = {"girl": 9454, "boy": 1768, "other": 286, "unknown": 2814}
SMS = {2019: 1846, 2020: 2064, 2021: 4480, 2022: 4310, 2023: 4105, 2024: 3620}
UNGNO = {2019: 168, 2020: 204, 2021: 410, 2022: 472, 2023: 513, 2024: 350}
EMAIL = {2019: 152, 2020: 188, 2021: 236, 2022: 241, 2023: 247, 2024: 214}
WEB = {
    2020: {"visits": 30213, "pageviews": 48426, "users": 24118},  # July-December
    2021: {"visits": 52870, "pageviews": 70160, "users": 38020},
    2022: {"visits": 58940, "pageviews": 76310, "users": 42480},
    2023: {"visits": 64210, "pageviews": 81457, "users": 46102},
    2024: {"visits": 71776, "pageviews": 89882, "users": 52347},
}
# 2020: the new website opened on 1 July.
WEB_FROM = {2020: 7}
CHAT_OPEN_2024 = tuple(range(14, 24))  # 14:00-24:00
CHAT_GENDER_2024 = {"girl": 6485, "boy": 1517, "other": 88, "unknown": 680}
# Chats in 2024 by children aged 11-13 about these topics (the cross-tab of the age chapter).
TOPICS_AGED_11_13_2024 = {
    "violence/parental_abuse": 317,
    "mental_health/suicide": 352,
    "violence/bullying": 176,
    "violence/online_abuse": 48,
}
AGED_11_13 = ("11", "12", "13")
UNGNO_GENDER_2024 = {"girl": 259, "boy": 67, "other": 24, "unknown": 0}
CONCERN_REPORTS = {
    2019: {"phone": 48},
    2020: {"phone": 62, "chat": 63},
    2021: {"phone": 41, "chat": 52},
    2022: {"phone": 24, "chat": 37},
    2023: {"phone": 13, "chat": 21},
    2024: {"phone": 6, "chat": 12},
}
# Concern reports sent in December 2020: 4 after phone calls, 5 after chats.
CONCERN_DECEMBER_2020 = {"phone": 4, "chat": 5}
# on_behalf police and ambulance_er: 2024 phone 10 and chat 6, 2023 phone 13 published.
EMERGENCY = {
    2019: {"phone": {"police": 5, "ambulance_er": 4}},
    2020: {"phone": {"police": 8, "ambulance_er": 6}, "chat": {"police": 6, "ambulance_er": 5}},
    2021: {"phone": {"police": 7, "ambulance_er": 7}, "chat": {"police": 9, "ambulance_er": 8}},
    2022: {"phone": {"police": 6, "ambulance_er": 8}, "chat": {"police": 8, "ambulance_er": 9}},
    2023: {"phone": {"police": 7, "ambulance_er": 6}, "chat": {"police": 8, "ambulance_er": 7}},
    2024: {"phone": {"police": 6, "ambulance_er": 4}, "chat": {"police": 2, "ambulance_er": 4}},
}
# Topic groups a year per channel; mental_health 2024 over phone, sms, chat is 3 230.
TOPIC_GROUPS = {
    # 2019-2020: the old list. 2020: "andre forhold" leads the phone topics, then mental
    # health, behaviour problems and conflict; chat: mental health, then conflict, abuse,
    # sexuality and violence. Mental health over phone and chat: 6 356.
    2019: {
        "phone": {
            "other": 2710,
            "mental_health": 1620,
            "behaviour_problems": 1280,
            "conflict": 1090,
        },
    },
    2020: {
        "phone": {
            "other": 3400,
            "mental_health": 2150,
            "behaviour_problems": 1500,
            "conflict": 1300,
        },
        "chat": {
            "mental_health": 4206,
            "conflict": 2300,
            "abuse": 1500,
            "sexuality": 1200,
            "violence": 1000,
        },
    },
    2021: {
        "phone": {
            "violence": 1320,
            "conflict": 1120,
            "health_development": 1580,
            "mental_health": 1260,
        },
        "sms": {"violence": 520, "conflict": 470, "health_development": 900, "mental_health": 500},
        "chat": {
            "violence": 4100,
            "conflict": 3200,
            "health_development": 6100,
            "mental_health": 4300,
        },
    },
    2022: {
        "phone": {
            "violence": 1290,
            "conflict": 1080,
            "health_development": 1560,
            "mental_health": 1190,
        },
        "sms": {"violence": 500, "conflict": 450, "health_development": 880, "mental_health": 470},
        "chat": {
            "violence": 3850,
            "conflict": 2950,
            "health_development": 5700,
            "mental_health": 3800,
        },
    },
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
# Phone calls a year per answering site; Kristiansand takes what is left where not given.
# 2020: 20 network sites; Oslo 3.0 a day, Trondheim 2.1, Romerike 1.4, Asker and Bærum
# 1.0, Bergen 1.0 (366 days), the others fewer than 1; Kristiansand just over 50 %.
NETWORK_2020 = {
    "oslo": 1098,
    "trondheim": 769,
    "romerike": 512,
    "bergen": 370,
    "asker_baerum": 366,
    "rogaland": 330,
    "vestfold": 300,
    "buskerud": 290,
    "oestfold": 280,
    "innlandet": 270,
    "agder": 250,
    "telemark": 240,
    "follo": 240,
    "moere_romsdal": 230,
    "nordland": 220,
    "troms": 210,
    "sunnmoere": 200,
    "haugaland": 180,
    "salten": 150,
    "finnmark": 120,
}
# December 2020: 1 243 calls, 711 of them answered in Kristiansand.
KRISTIANSAND_DECEMBER_2020 = 711
SITES = {
    2019: {**{s: whole_part(n, 0.8) for s, n in NETWORK_2020.items()}, "unknown": 52},
    2020: {"kristiansand": 7368, **NETWORK_2020, "unknown": 40},
    2021: {
        **{s: whole_part(n, 1.02) for s, n in NETWORK_2020.items() if s != "haugaland"},
        "haugaland": 95,
        "unknown": 45,
    },
    2022: {
        **{s: whole_part(n, 0.98) for s, n in NETWORK_2020.items() if s not in SITE_YEARS},
        "unknown": 38,
    },
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
# Chats by hour in 2020: the busiest between 22:00 and 02:00.
CHAT_HOURS_2020 = (
    1450, 1350, 1000, 900,
    700, 480, 300, 220, 290, 380, 470, 560, 700, 820,
    700, 720, 750, 780, 820, 870, 950, 1050, 1150, 1220,
)  # fmt: skip
# Phone calls 08:00-16:00 (hours 8-15): closed by day until mid-March 2020 (these months
# count none); 8 a day from March to November 2020 (275 days: 2 200), 20 a day in December
# (31 days: 620).
DAYTIME_HOURS = range(8, 16)
PHONE_DAYTIME_2020 = {"2020-03..2020-11": 2200, "2020-12": 620}
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
    2021: (1.10, 1.05, 1.10, 1.00, 1.00, 0.85, 0.75, 0.85, 1.00, 1.05, 1.10, 1.15),
    2022: (1.10, 1.05, 1.10, 1.00, 1.00, 0.85, 0.75, 0.85, 1.00, 1.05, 1.10, 1.15),
    2023: (1.10, 1.05, 1.10, 1.00, 1.00, 0.85, 0.75, 0.85, 1.00, 1.05, 1.10, 1.15),
    2024: (1.15, 1.05, 1.30, 0.95, 0.95, 0.80, 0.72, 0.85, 0.95, 1.00, 1.05, 0.97),
}
SMS_SEASON = (1.08, 1.02, 1.05, 0.98, 0.97, 0.85, 0.78, 0.92, 1.02, 1.08, 1.10, 1.15)
WEB_SEASON = {
    2020: (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.80, 0.95, 1.05, 1.10, 1.05, 1.20),
    2021: (1.00, 0.95, 1.05, 0.95, 0.95, 0.80, 0.70, 0.90, 1.05, 1.10, 1.15, 1.20),
    2022: (1.00, 0.95, 1.05, 0.95, 0.95, 0.80, 0.70, 0.90, 1.05, 1.10, 1.15, 1.20),
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

    def months(self, year: int, channel: str, metric: str = "answered") -> list[str]:
        """The months of ``year`` that have a total row: a channel may open mid-year."""
        return [m for m in months_of(year) if (m, channel, metric, "total", "") in self.values]

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


def add_totals(
    counts: Counts, year: int, channel: str, totals: Sequence[int], first: int = 1
) -> None:
    """The total rows of ``channel``'s answered contacts, month by month from ``first``."""
    for month, total in zip(months_of(year)[first - 1 :], totals, strict=True):
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
    for month, row in zip(counts.months(year, channel), table, strict=True):
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
    for month in counts.months(year, channel):
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
    months = counts.months(year, channel)
    totals = [counts.total(m, channel) for m in months]
    for group, year_count in TOPIC_GROUPS[year][channel].items():
        monthly = apportion(year_count, jitter([float(t) for t in totals], rng, 0.1))
        subs = SUB_TOPICS.get(group, {}) if year >= NEW_TOPICS_FROM else {}
        for month, group_count in zip(months, monthly, strict=True):
            values = {group: group_count}
            for sub, share in subs.items():
                count = whole(group_count * share * rng.uniform(0.85, 1.15))
                values[f"{group}/{sub}"] = min(group_count, count)
            counts.add(month, channel, "answered", "topic", values)


def add_outcomes(counts: Counts, year: int, channel: str) -> None:
    """Outcomes and contacts made on the caller's behalf, with the published yearly counts."""
    rng = rng_for(year, channel, "outcome")
    months = counts.months(year, channel)
    totals = [counts.total(m, channel) for m in months]
    if year == 2020:  # December's concern reports are published
        december = CONCERN_DECEMBER_2020[channel]
        rest = CONCERN_REPORTS[year][channel] - december
        concern = [*spread_year(rest, totals[:-1], rng), december]
    else:
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
    for month in counts.months(year, channel):
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


def add_days(
    counts: Counts, year: int, channel: str, fixed: Sequence[tuple[int, int, int]] = ()
) -> None:
    """Daily counts of each month; ``fixed`` days (month, day, count) are published.

    11 January 2024 is the busiest chat day of 2024. Chat opened on 7 April 2020, so
    April's first six days count none.
    """
    rng = rng_for(year, channel, "day")
    if (year, channel) == (2024, "chat"):
        fixed = (CHAT_BUSIEST_DAY_2024,)
    for month in counts.months(year, channel):
        weights = day_weights(month, rng)
        if (year, channel) == (2020, "chat") and month == "2020-04":
            weights[:6] = [0.0] * 6
        total = counts.total(month, channel)
        pinned = {d: n for m, d, n in fixed if month == f"{year}-{m:02d}"}
        for day in pinned:
            weights[day - 1] = 0.0
        parts = apportion(total - sum(pinned.values()), weights)
        for day, count in pinned.items():
            parts[day - 1] = count
        counts.add(month, channel, "answered", "day", {str(d + 1): c for d, c in enumerate(parts)})


# --- the channels ---------------------------------------------------------------------------


def make_phone(counts: Counts, year: int) -> None:
    """Answered calls: totals, sites, callers, topics, outcomes and hours."""
    fixed = PHONE_FIXED.get(year, {})
    totals = month_totals(year, PHONE[year], PHONE_SEASON, rng_for(year, "phone"), fixed)
    add_totals(counts, year, "phone", totals)
    sites = dict(SITES[year])
    if "kristiansand" not in sites:
        sites = {"kristiansand": PHONE[year] - sum(sites.values()), **sites}
    rng = rng_for(year, "phone", "site")
    if year == 2020:
        site_table = sites_2020(totals, sites, rng)
    else:
        site_table = fill_table(totals, list(sites.values()), rng, 0.15)
    add_table(counts, year, "phone", "site", categories=list(sites), table=site_table)
    add_by_shares(counts, year, "phone", "caller", CALLER_SHARES)
    add_topics(counts, year, "phone")
    add_outcomes(counts, year, "phone")
    if year < 2021:
        add_phone_hours_by_day_and_night(counts, year)
    else:
        add_hours(counts, year, "phone", PHONE_HOURS, range(24))


def sites_2020(
    totals: Sequence[int], sites: Mapping[str, int], rng: random.Random
) -> list[list[int]]:
    """2020's sites by month: December's 1 243 calls with 711 in Kristiansand."""
    december = [KRISTIANSAND_DECEMBER_2020]
    others = {s: n for s, n in sites.items() if s != "kristiansand"}
    december += apportion(totals[11] - KRISTIANSAND_DECEMBER_2020, list(others.values()))
    rest = [n - d for n, d in zip(sites.values(), december, strict=True)]
    return [*fill_table(totals[:11], rest, rng, 0.15), december]


def add_phone_hours_by_day_and_night(counts: Counts, year: int) -> None:
    """Calls by hour before the phone was open by day: none 08-16 until March 2020.

    From March 2020 on, 2 200 calls 08-16 over March to November and 620 in December.
    """
    rng = rng_for(year, "phone", "hour")
    months = counts.months(year, "phone")
    totals = [counts.total(m, "phone") for m in months]
    daytime = [0] * 12
    if year == 2020:
        daytime[2:11] = apportion(PHONE_DAYTIME_2020["2020-03..2020-11"], totals[2:11])
        daytime[11] = PHONE_DAYTIME_2020["2020-12"]
    night = [h for h in range(24) if h not in DAYTIME_HOURS]
    for month, total, day in zip(months, totals, daytime, strict=True):
        by_night = apportion(total - day, jitter([PHONE_HOURS[h] for h in night], rng, 0.08))
        by_day = apportion(day, jitter([PHONE_HOURS[h] for h in DAYTIME_HOURS], rng, 0.08))
        values = dict(zip(map(str, night), by_night, strict=True))
        values |= dict(zip(map(str, DAYTIME_HOURS), by_day, strict=True))
        counts.add(month, "phone", "answered", "hour", {str(h): values[str(h)] for h in range(24)})


def make_chat(counts: Counts, year: int) -> None:
    """Answered and missed chats: totals, gender, age, topics, outcomes, hours and days."""
    if year == 2020:  # opened on 7 April
        totals = list(CHAT_2020)
        add_totals(counts, year, "chat", totals, first=4)
    else:
        fixed = {3: CHAT_MARCH_2024} if year == 2024 else {}
        totals = month_totals(year, CHAT[year], CHAT_SEASON[year], rng_for(year, "chat"), fixed)
        add_totals(counts, year, "chat", totals)
    rng = rng_for(year, "chat", "breakdowns")
    if year == 2024:
        genders = list(CHAT_GENDER_2024.values())
        ages = list(CHAT_AGES_2024)
    elif year == 2020:  # the largest age group 12-15
        genders = list(CHAT_GENDER_2020.values())
        younger = [w * (1.3 if 12 <= i <= 15 else 1.0) for i, w in enumerate(CHAT_AGES_2024)]
        ages = apportion(CHAT[year], younger)
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
    elif year == 2024:
        add_hours(counts, year, "chat", CHAT_HOURS_2024, CHAT_OPEN_2024)
    else:
        profile = CHAT_HOURS_2020 if year == 2020 else CHAT_HOURS_2023
        add_hours(counts, year, "chat", [float(h) for h in profile], range(24))
    add_days(counts, year, "chat", CHAT_DAYS_2020 if year == 2020 else ())
    if year == 2024:
        add_topics_by_age(counts, year, "chat")
    missed_share = 0.12 if year == 2024 else 0.05
    for i, (month, total) in enumerate(zip(counts.months(year, "chat"), totals, strict=True)):
        if year == 2020:
            missed = CHAT_MISSED_2020[i]
        else:
            missed = whole(total * missed_share * rng.uniform(0.6, 1.4))
        counts.add(month, "chat", "missed", "total", {"": missed})


def add_topics_by_age(counts: Counts, year: int, channel: str) -> None:
    """``topic*age`` cells of every topic: each topic's ages add up to its topic row.

    Sub-topics come first; a group's cell at an age is at least each of its sub-topics'
    (a group counts the contacts with any of them). The topics of 11-13 year olds that
    the 2024 report publishes are fixed; other cells follow the ages.
    """
    rng = rng_for(year, channel, TOPIC_BY_AGE)
    months = counts.months(year, channel)
    ages = {m: [counts.get(m, channel, "answered", "age", a) for a in AGES] for m in months}
    young = [AGES.index(a) for a in AGED_11_13]
    topics = [t for t in TOPICS if counts.year_sum(year, channel, "answered", "topic", t)]
    cells: dict[tuple[str, str], list[int]] = {}
    for topic in sorted(topics, key=lambda t: "/" not in t):
        monthly = [counts.get(m, channel, "answered", "topic", topic) for m in months]
        fixed = TOPICS_AGED_11_13_2024.get(topic) if year == 2024 else None
        young_months = apportion(fixed, [float(n) for n in monthly]) if fixed else None
        for i, (month, count) in enumerate(zip(months, monthly, strict=True)):
            margin = ages[month]
            lower = [0] * len(AGES)
            for sub in (t for t in topics if t.startswith(topic + "/")):
                lower = [max(x, y) for x, y in zip(lower, cells[(month, sub)], strict=True)]
            room = [max(0.0, a - x) for a, x in zip(margin, lower, strict=True)]
            if young_months is None:
                extra = apportion(count - sum(lower), jitter(room, rng, 0.2))
            else:
                on_young = [room[j] if j in young else 0.0 for j in range(len(AGES))]
                others = [0.0 if j in young else room[j] for j in range(len(AGES))]
                extra = [
                    a + b
                    for a, b in zip(
                        apportion(young_months[i], on_young),
                        apportion(count - young_months[i], jitter(others, rng, 0.2)),
                        strict=True,
                    )
                ]
            row = [x + e for x, e in zip(lower, extra, strict=True)]
            assert all(n <= a for n, a in zip(row, margin, strict=True)), (month, topic)
            cells[(month, topic)] = row
    for month in months:
        counts.add(
            month,
            channel,
            "answered",
            TOPIC_BY_AGE,
            {
                f"{topic}*{age}": n
                for topic in topics
                for age, n in zip(AGES, cells[(month, topic)], strict=True)
                if n
            },
        )


def make_sms(counts: Counts, year: int) -> None:
    """Answered text messages: totals, gender and topics."""
    add_totals(
        counts, year, "sms", month_totals(year, SMS[year], SMS_SEASON, rng_for(year, "sms"), {})
    )
    add_by_shares(counts, year, "sms", "gender", SMS_GENDER)
    if "sms" in TOPIC_GROUPS[year]:
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
            if int(month[5:]) >= WEB_FROM.get(year, 1):  # 2020: the new website from July
                counts.add(month, "web", metric, "total", {"": count})


# Sums of seconds (2024): ung.no's answer time, 1.8 days over the 350 questions (the 2024
# report: "Svartiden var 1,8 dager"); chat's times are made up: about 50 seconds to answer,
# 24 minutes a conversation, 75 seconds before a missed chat gave up.
UNGNO_ANSWER_SECONDS_2024 = 350 * 155_520  # 1.8 days = 155 520 s, a question
CHAT_MEAN_SECONDS_2024 = {"answer_seconds": 50, "talk_seconds": 1_440, "abandon_seconds": 75}


def add_times(counts: Counts) -> None:
    """The 2024 sums of seconds: each month's share of the year's by its contacts, jittered."""
    rng = rng_for(2024, "times")
    months = months_of(2024)
    answered = [counts.total(m, "ungno") for m in months]
    sums = apportion(UNGNO_ANSWER_SECONDS_2024, jitter(answered, rng, 0.3))
    for month, total in zip(months, sums, strict=True):
        counts.add(month, "ungno", "answer_seconds", "total", {"": total})
    for metric, mean in CHAT_MEAN_SECONDS_2024.items():
        status = "missed" if metric == "abandon_seconds" else "answered"
        contacts = [counts.total(m, "chat", status) for m in months]
        sums = apportion(mean * sum(contacts), jitter(contacts, rng, 0.2))
        for month, total in zip(months, sums, strict=True):
            counts.add(month, "chat", metric, "total", {"": total})


def generate() -> Counts:
    """Every count of 2019 to 2024."""
    counts = Counts()
    for year in YEARS:
        make_phone(counts, year)
        make_sms(counts, year)
        if year in CHAT:  # opened in April 2020
            make_chat(counts, year)
        make_email(counts, year)
        make_ungno(counts, year)
        if year in WEB:
            make_web(counts, year)
    add_times(counts)
    return counts


# --- period files: the website's tables and the campaigns, as measured ---------------------

PERIOD_HEADER = "period,channel,metric,dimension,category,count,campaign,list"
PeriodRow = tuple[str, str, str, str, str, int, str, str]  # as PERIOD_HEADER, count an int

# Unique users of a whole period (not the sum of the months' users; made up). 2020: every
# visitor's first visit to the site opened on 1 July (the visit frequency's bucket 1).
WEB_USERS = {"2020-07..2020-12": 21896, "2023": 41387, "2024": 47903}
# The 2020 report's tables ("Kilde Brukere Sidevisninger", "Mest besøkte sider",
# "Steder", "Antall besøkt"); its "Brukere" column of visit frequency holds visits.
SOURCES_2020 = (
    ("google / organic", 8957, 34380),
    ("(direct) / (none)", 4963, 6007),
    ("ung.no / referral", 3891, 2102),
    ("Snapchat / (not set)", 1298, 1108),
    ("m.facebook.com / referral", 473, 723),
    ("bing / organic", 234, 521),
    ("helsenorge.no / referral", 229, 382),
    ("login.edialog24.com / referral", 202, 266),
    ("psykiskhelse.no / referral", 134, 1028),
    ("baidu / organic", 117, 790),
)  # source, users, page views
PAGES_2020 = (
    ("Forsiden", 33160), ("/ungdom", 3338), ("/barn", 1758), ("/goderad", 1263),
    ("/omalarmtelefonen", 1169), ("/voksen", 904), ("/informasjonsmateriell", 702),
    ("/goderad/ensomhet", 634), ("/goderad/negative-tanker", 492),
    ("/aktuelt/alarmtelefonen-for-barn-og-unge-apner-chat-tjeneste", 450),
)  # fmt: skip
PLACES_2020 = (
    ("Oslo", 7221), ("Annet", 2331), ("Bergen", 1235), ("Trondheim", 1150),
    ("Kristiansand", 1319), ("Stavanger", 1537), ("Bærum", 525), ("Tromsø", 497),
    ("Sandnes", 434), ("Drammen", 439),
)  # fmt: skip
VISIT_FREQUENCY_2020 = (
    ("1", 21896, 34380),
    ("2", 3803, 6007),
    ("3", 1194, 2102),
    ("4", 619, 1108),
    ("5", 381, 723),
    ("6", 257, 521),
    ("7", 198, 382),
    ("8", 160, 266),
    ("9-14", 556, 1028),
    ("15-25", 421, 790),
    ("26-50", 388, 651),
    ("51-100", 242, 361),
    ("101-200", 98, 107),
)  # fmt: skip  (bucket, visits, page views)
# Visits by device (the reports' charts are lost; made up, adding up to the visits).
DEVICES = {
    "2020-07..2020-12": (("mobile", 19638), ("desktop", 9672), ("tablet", 903)),
    "2024": (("mobile", 52112), ("desktop", 17954), ("tablet", 1710)),
}
# The 2024 report's tables ("Kilde Brukere Økter", "Mest besøkte sider", "Sted/by Besøk").
SOURCES_2024 = (
    ("google / organic", 26444, 12685),
    ("[direct] / [none]", 20977, 6022),
    ("snapchat.com / referral", 17567, 371),
    ("nrksuper.no / referral", 13437, 5626),
    ("bufdir.no / referral", 2809, 1500),
    ("bing / organic", 1342, 666),
    ("helsenorge.no / referral", 710, 391),
    ("bekymringsmelding.fiks.ks.no / referral", 564, 217),
    ("chat.mentalhelseungdom.no / referral", 555, 268),
    ("psykiskhelse.no / referral", 204, 103),
)  # source, users, visits (Økter)
# "Forsiden 87 972" alone is more than the 89 882 page views of the year with the next
# page (6 358): we keep the total and read the front page as 67 972 (examples/README.md).
PAGES_2024 = (
    ("Forsiden", 67972), ("Ungdom 13-18 år", 6358), ("Barn 7-12 år", 3777),
    ("Bekymret voksen?", 1851), ("Om Alarmtelefonen", 1226),
    ("Gode råd: Ungdom 13-18 år", 1102), ("Informasjonsmateriell", 951),
    ("Gode råd: Barn 7-12 år", 885), ("Konflikter mellom ungdom og foreldre", 738),
)  # fmt: skip
PLACES_2024 = (
    ("Oslo kommune", 23273), ("Bergen kommune", 9514), ("Ullensaker kommune", 4941),
    ("[not set]", 3884), ("Stavanger kommune", 1923), ("Trondheim kommune", 1910),
    ("Kristiansand kommune", 1159), ("Vennesla kommune", 1053), ("Dublin", 955),
    ("Fredrikstad kommune", 722), ("Drammen kommune", 697), ("Sandnes Kommune", 635),
    ("Asker kommune", 622), ("Bærum", 578), ("Tromsø kommune", 484), ("Sandefjord", 435),
    ("Arendal kommune", 432), ("Skien kommune", 413), ("Moss", 407),
    ("Sarpsborg kommune", 396), ("Tønsberg kommune", 371), ("Bodø kommune", 361),
)  # fmt: skip
# The 2020 report's "Annonsering i sosiale medier": two panels of the same two campaigns
# (week 37, "September"; Christmas week, "Romjula"), read as two ad sets A and B;
# exposures and swipe-ups in all and in Finnmark.
CAMPAIGNS_2020 = (
    ("2020-09", "September A", 211948, 1573, 40327, 262),
    ("2020-12", "Romjula A", 497797, 4203, 56942, 345),
    ("2020-09", "September B", 526819, 3797, 50739, 393),
    ("2020-12", "Romjula B", 288788, 2473, 35983, 208),
)  # period, campaign, exposures, swipe-ups, in Finnmark: exposures, swipe-ups
# The 2024 report: "Vi har nådd 563 623 unike personer, 66 712 åpninger og 22 015 klikk".
CAMPAIGN_2024 = ("2024", "Snapchat (mars og desember)", 563623, 66712, 22015)


def web_rows(counts: Counts) -> dict[str, list[PeriodRow]]:
    """The period files' rows, by file path below ``examples/data``."""
    files: dict[str, list[PeriodRow]] = {}
    for period, users in WEB_USERS.items():
        year = period[:4]
        months = [
            m for m in months_of(int(year)) if counts.values.get((m, "web", "visits", "total", ""))
        ]
        rows: list[PeriodRow] = [
            (
                period,
                "web",
                metric,
                "total",
                "",
                sum(counts.total(m, "web", metric) for m in months),
                "",
                "",
            )
            for metric in ("visits", "pageviews")
        ]
        rows.append((period, "web", "users", "total", "", users, "", ""))
        files[f"{year}/web-{year}.csv"] = rows
    p2020, p2024 = "2020-07..2020-12", "2024"
    files["2020/web-2020.csv"] += [
        *((p2020, "web", "visits", "device", d, n, "", "") for d, n in DEVICES[p2020]),
        *((p2020, "web", "users", "source", s, u, "", "partial") for s, u, _ in SOURCES_2020),
        *((p2020, "web", "pageviews", "source", s, v, "", "partial") for s, _, v in SOURCES_2020),
        *((p2020, "web", "pageviews", "page", s, v, "", "partial") for s, v in PAGES_2020),
        *((p2020, "web", "visits", "place", s, v, "", "partial") for s, v in PLACES_2020),
        *(
            (p2020, "web", "visits", "visit_frequency", b, v, "", "")
            for b, v, _ in VISIT_FREQUENCY_2020
        ),
        *(
            (p2020, "web", "pageviews", "visit_frequency", b, v, "", "")
            for b, _, v in VISIT_FREQUENCY_2020
        ),
    ]
    files["2024/web-2024.csv"] += [
        *((p2024, "web", "visits", "device", d, n, "", "") for d, n in DEVICES[p2024]),
        *((p2024, "web", "users", "source", s, u, "", "partial") for s, u, _ in SOURCES_2024),
        *((p2024, "web", "visits", "source", s, v, "", "partial") for s, _, v in SOURCES_2024),
        *((p2024, "web", "pageviews", "page", s, v, "", "partial") for s, v in PAGES_2024),
        *((p2024, "web", "visits", "place", s, v, "", "partial") for s, v in PLACES_2024),
    ]
    campaigns: list[PeriodRow] = []
    for period, name, exposures, swipes, region_exposures, region_swipes in CAMPAIGNS_2020:
        campaigns += [
            (period, "campaign", "exposures", "total", "", exposures, name, ""),
            (
                period,
                "campaign",
                "exposures",
                "region",
                "Finnmark",
                region_exposures,
                name,
                "partial",
            ),
            (period, "campaign", "swipe_ups", "total", "", swipes, name, ""),
            (period, "campaign", "swipe_ups", "region", "Finnmark", region_swipes, name, "partial"),
        ]
    files["2020/campaigns-2020.csv"] = campaigns
    period, name, reached, opens, clicks = CAMPAIGN_2024
    files["2024/campaigns-2024.csv"] = [
        (period, "campaign", metric, "total", "", n, name, "")
        for metric, n in (("reached", reached), ("opens", opens), ("clicks", clicks))
    ]
    return files


def check_period_files(files: Mapping[str, Sequence[PeriodRow]]) -> None:
    """The period-file rules (docs/count-files.md) and the reports' figures."""
    for rows in files.values():
        keys = [(r[0], r[1], r[6], r[2], r[3], r[4]) for r in rows]
        assert len(keys) == len(set(keys)), "a row is given twice"
        totals = {(r[0], r[1], r[6], r[2]): r[5] for r in rows if r[3] == "total"}
        lists: dict[tuple[str, ...], list[PeriodRow]] = {}
        for r in rows:
            if r[3] != "total":
                lists.setdefault((r[0], r[1], r[6], r[2], r[3]), []).append(r)
        for (period, channel, campaign, metric, _), members in lists.items():
            total = totals[(period, channel, campaign, metric)]
            assert all(r[5] <= total for r in members), members
            assert len({r[7] for r in members}) == 1, members
            if metric in {"users", "reached"}:
                continue  # one person counts under several sources
            summed = sum(r[5] for r in members)
            assert summed <= total if members[0][7] == "partial" else summed == total, members
    web_2020, web_2024 = files["2020/web-2020.csv"], files["2024/web-2024.csv"]
    got = {(r[2], r[3], r[4]): r[5] for r in web_2020}
    assert got[("visits", "total", "")] == 30213
    assert got[("pageviews", "total", "")] == 48426
    assert got[("visits", "visit_frequency", "9-14")] == 556
    assert got[("pageviews", "visit_frequency", "9-14")] == 1028
    got = {(r[2], r[3], r[4]): r[5] for r in web_2024}
    assert got[("visits", "total", "")] == 71776
    assert got[("pageviews", "total", "")] == 89882
    assert [r[5] for r in files["2024/campaigns-2024.csv"]] == [563623, 66712, 22015]


def render_period_file(rows: Sequence[PeriodRow]) -> str:
    """A period file as text."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PERIOD_HEADER.split(","))
    writer.writerows(rows)
    return out.getvalue()


# --- checks -------------------------------------------------------------------------------


Years = tuple[int, int]  # the first and last year an id is valid in


def taxonomy_ids(extra_toml: str) -> dict[str, dict[str, Years]]:
    """The ids of each taxonomy dimension with their years: built-in plus ``taxonomy.toml``.

    An entry of ``taxonomy.toml`` replaces the built-in one of the same id.
    """
    ids: dict[str, dict[str, Years]] = {}
    for text in (BUILTIN_TAXONOMY.read_text("utf-8"), extra_toml):
        for dimension, table in tomllib.loads(text).items():
            if isinstance(table, dict) and dimension != "groups":
                ids.setdefault(dimension, {}).update(
                    {
                        key: (entry.get("valid_from", 0), entry.get("valid_to", 9999))
                        for key, entry in table.items()
                    }
                )
    return ids


def category_ok(
    dimension: str, category: str, month: str, ids: Mapping[str, Mapping[str, Years]]
) -> bool:
    """Tell whether a category is valid for its dimension in its month's year."""
    if dimension == "total":
        return category == ""
    if dimension == "hour":
        return category.isdigit() and 0 <= int(category) <= 23
    if dimension == "day":
        return category.isdigit() and 1 <= int(category) <= days_in(month)
    if dimension == "age":
        return category == "unknown" or (category.isdigit() and 0 <= int(category) <= 25)
    if dimension == TOPIC_BY_AGE:
        topic, _, age = category.partition("*")
        return category_ok("topic", topic, month, ids) and category_ok("age", age, month, ids)
    if category not in ids[dimension]:
        return False
    first, last = ids[dimension][category]
    return first <= int(month[:4]) <= last


def check_contract(counts: Counts, ids: Mapping[str, Mapping[str, Years]]) -> None:
    """Assert the count-file rules: totals present, categories known, sums exact."""
    sums: dict[tuple[str, ...], int] = {}
    for (month, channel, metric, dimension, category), count in counts.values.items():
        assert month[:4] in {str(y) for y in YEARS}, month
        assert channel in CHANNELS, channel
        assert (metric in {"visits", "pageviews", "users"}) == (channel == "web"), (channel, metric)
        if metric.endswith("_seconds"):
            contacts = counts.total(month, channel, "missed" if "abandon" in metric else "answered")
            assert contacts > 0 or count == 0, (month, channel, metric)
        assert dimension in DIMENSIONS, dimension
        assert category_ok(dimension, category, month, ids), (month, channel, dimension, category)
        assert (month, channel, metric, "total", "") in counts.values, (month, channel, metric)
        total = counts.total(month, channel, metric)
        if dimension in (*MULTI_LABEL, TOPIC_BY_AGE):
            assert count <= total, (month, channel, metric, dimension, category)
        if dimension == TOPIC_BY_AGE:  # within both margins; a topic's ages add up to it
            topic, _, age = category.partition("*")
            assert count <= counts.get(month, channel, metric, "age", age), (month, category)
            margin = (month, channel, metric, "topic", topic)
            sums[margin] = sums.get(margin, 0) + count
        if dimension in EXHAUSTIVE:
            sums[(month, channel, metric, dimension)] = (
                sums.get((month, channel, metric, dimension), 0) + count
            )
        if dimension == "topic" and "/" in category:
            group = category.split("/")[0]
            assert count <= counts.get(month, channel, metric, "topic", group), (month, category)
    for key, value in sums.items():
        if len(key) == 5:  # a topic margin of topic*age cells
            assert value == counts.values[key], key
            continue
        month, channel, metric, dimension = key
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
    for topic, aged_11_13 in TOPICS_AGED_11_13_2024.items():
        cells = [f"{topic}*{age}" for age in AGED_11_13]
        assert sum(c.year_sum(2024, "chat", "answered", TOPIC_BY_AGE, x) for x in cells) == (
            aged_11_13
        )
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


def check_figures_2020(counts: Counts) -> None:  # noqa: PLR0915 - an assert per figure
    """Assert every figure the 2020 report publishes that monthly counts can carry."""
    c = counts

    def year_total(year: int, channel: str, metric: str = "answered") -> int:
        return sum(c.total(m, channel, metric) for m in c.months(year, channel, metric))

    assert year_total(2020, "phone") == 14033
    assert year_total(2019, "phone") == 11274
    assert round1(14033 - 11274, 11274, 100) == 24.5
    assert (c.total("2020-11", "phone"), c.total("2020-12", "phone")) == (809, 1243)
    assert c.get("2020-12", "phone", "answered", "site", "kristiansand") == 711
    sites = {
        s: c.year_sum(2020, "phone", "answered", "site", s)
        for s in ids_in(c, 2020, "phone", "site")
    }
    assert round1(sites["kristiansand"], 14033, 100, 0) > 50
    network = [s for s in sites if s not in {"kristiansand", "unknown"}]
    assert len(network) == 20
    published = {"oslo": 3.0, "trondheim": 2.1, "romerike": 1.4, "asker_baerum": 1.0}
    published["bergen"] = 1.0
    for site, per_day in published.items():
        assert round1(sites[site], 366) == per_day, site
    assert all(round1(sites[s], 366) < 1 for s in network if s not in published)

    chat = [c.total(m, "chat") for m in c.months(2020, "chat")]
    assert c.months(2020, "chat")[0] == "2020-04"
    assert sum(chat) == 14322
    assert (chat[0], chat[-2], chat[-1]) == (1502, 2832, 2505)
    assert max(chat[3], chat[4]) < 1000  # "i underkant av 1 000" in July and August
    missed = [c.total(m, "chat", "missed") for m in c.months(2020, "chat", "missed")]
    assert (min(missed), missed[4], missed[-2], missed[-1]) == (23, 23, 183, 78)
    assert missed.count(23) == 1
    spring, autumn = sum(chat[:6]), sum(chat[6:])
    # Over the days chat was open (from 7 April: 269 in 2020, 177 in April-September):
    # 40 a day, then 80, +100 %; 53.2 a day over the year.
    assert (round1(spring, 177), round1(autumn, 92)) == (39.7, 79.3)
    assert round1(autumn * 177 - spring * 92, spring * 92, 100) == 100.0
    assert round1(sum(chat), 269) == 53.2
    days = {
        (m, d): c.get(m, "chat", "answered", "day", str(d))
        for m in c.months(2020, "chat")
        for d in range(1, days_in(m) + 1)
    }
    assert max(days, key=lambda k: days[k]) == ("2020-11", 23)
    assert sorted(days.values())[-2] < 161
    december = {d: n for (m, d), n in days.items() if m == "2020-12"}
    assert (december[23], december[29]) == (111, 116)
    assert max(december, key=lambda d: december[d]) == 29
    assert sorted(december.values())[-2] == 111
    assert all(days[("2020-04", d)] == 0 for d in range(1, 7))
    hours = {h: c.year_sum(2020, "chat", "answered", "hour", str(h)) for h in range(24)}
    assert set(sorted(hours, key=lambda h: -hours[h])[:4]) == {22, 23, 0, 1}

    genders = {g: c.year_sum(2020, "chat", "answered", "gender", g) for g in GENDERS}
    assert genders == CHAT_GENDER_2020
    assert [round1(genders[g], 14322, 100, 0) for g in GENDERS] == [66, 12, 2, 20]
    ages = {a: c.year_sum(2020, "chat", "answered", "age", str(a)) for a in range(26)}
    assert set(sorted(ages, key=lambda a: -ages[a])[:4]) == {12, 13, 14, 15}

    concern = {
        ch: c.year_sum(2020, ch, "answered", "outcome", "concern_report")
        for ch in ("phone", "chat")
    }
    assert concern == {"phone": 62, "chat": 63}
    assert sum(concern.values()) == 125
    assert c.get("2020-12", "phone", "answered", "outcome", "concern_report") == 4
    assert c.get("2020-12", "chat", "answered", "outcome", "concern_report") == 5
    mental = sum(
        c.year_sum(2020, ch, "answered", "topic", "mental_health") for ch in ("phone", "chat")
    )
    assert mental == 6356
    phone_topics = {
        t: c.year_sum(2020, "phone", "answered", "topic", t)
        for t in ("other", "mental_health", "behaviour_problems", "conflict")
    }
    assert sorted(phone_topics, key=lambda t: -phone_topics[t]) == list(phone_topics)
    chat_topics = TOPIC_GROUPS[2020]["chat"]
    assert sorted(chat_topics, key=lambda t: -chat_topics[t]) == list(chat_topics)

    daytime = {
        m: sum(c.get(m, "phone", "answered", "hour", str(h)) for h in DAYTIME_HOURS)
        for m in months_of(2020)
    }
    assert sum(daytime[m] for m in months_of(2020)[2:11]) == 2200
    assert round1(2200, sum(days_in(m) for m in months_of(2020)[2:11])) == 8.0
    assert round1(daytime["2020-12"], 31) == 20.0
    assert year_total(2020, "sms") == 2064
    assert year_total(2020, "ungno") == 204
    assert c.months(2020, "web", "visits")[0] == "2020-07"
    assert year_total(2020, "web", "visits") == 30213
    assert year_total(2020, "web", "pageviews") == 48426


def ids_in(counts: Counts, year: int, channel: str, dimension: str) -> list[str]:
    """The categories a year has for a channel's answered breakdown, in first-seen order."""
    seen: dict[str, None] = {}
    for month, ch, metric, dim, category in counts.values:
        if month.startswith(str(year)) and (ch, metric, dim) == (channel, "answered", dimension):
            seen[category] = None
    return list(seen)


# --- writing ----------------------------------------------------------------------------------


def entry(key: str, nb: str, en: str, years: tuple[int | None, int | None] = (None, None)) -> str:
    """One taxonomy line: ``key = { nb = "…", en = "…" }``, with its years where dated."""
    name = f'"{key}"' if "/" in key else key
    dated = "".join(
        f", {k} = {v}" for k, v in zip(("valid_from", "valid_to"), years, strict=True) if v
    )
    return f'{name} = {{ nb = "{nb}", en = "{en}"{dated} }}'


def taxonomy_toml() -> str:
    """This data directory's own taxonomy: network sites, and the topic lists' years."""
    builtin_topics = tomllib.loads(BUILTIN_TAXONOMY.read_text("utf-8"))["topic"]
    lines = [
        "# The example data directory's additions to alarmcli's built-in taxonomy.",
        "# Generated by examples/generate.py.",
        "",
        "# The answering network (svarnettverket) of 2019-2024; names are illustrative.",
        "# `follo` and `salten` answered until 2021, `haugaland` until 2023.",
        "[site]",
    ]
    lines += [
        entry(key, nb, en, SITE_YEARS.get(key, (None, None)))
        for key, (nb, en) in EXTRA_SITES.items()
    ]
    lines += [
        "",
        '# Topics: the list of 2019-2020 (its own ids and the built-in `other`, "andre',
        '# forhold ved barnets situasjon") until 2020; the sub-topics from 2021.',
        "[topic]",
        entry("other", builtin_topics["other"]["nb"], builtin_topics["other"]["en"], (None, 2020)),
    ]
    lines += [entry(key, nb, en, (None, 2020)) for key, (nb, en) in OLD_TOPICS.items()]
    lines += [
        entry(key, label["nb"], label["en"], (NEW_TOPICS_FROM, None))
        for key, label in builtin_topics.items()
        if "/" in key
    ]
    lines += [
        "",
        "# Named groups, counted together by `--groups` (the 2024 report's figures).",
        *GROUPS,
        "",
        *SERVICE,
    ]
    return "\n".join(lines) + "\n"


#: The built-in sites and the example's own, but Kristiansand and unknown.
NETWORK_SITES = ("oslo", "asker_baerum", "romerike", "trondheim", "bergen", *EXTRA_SITES)
GROUPS = [
    "[groups.on_behalf]",
    'acute = { nb = "Politi eller AMK/legevakt", en = "Police or ambulance/ER", '
    'members = ["police", "ambulance_er"] }',
    "",
    "[groups.caller]",
    'adults = { nb = "Voksne", en = "Adults", '
    'members = ["parent", "other_adult", "professional"] }',
    "",
    "# The answering network (svarnettverket): every site but Kristiansand's.",
    "[groups.site]",
    'network = { nb = "Svarnettverket", en = "Answering network", members = ['
    + ", ".join(f'"{site}"' for site in NETWORK_SITES)
    + "] }",
    "",
    "# The hours chat closed in 2024 (the 2024 report: 10 140 chats, 5 043 of them 00-04).",
    "[groups.hour]",
    'night = { nb = "Natt (00–04)", en = "Night (00–04)", members = ["0", "1", "2", "3"] }',
    'closed_2024 = { nb = "Stengt i 2024 (00–14)", en = "Closed in 2024 (00–14)", '
    "members = [" + ", ".join(f'"{h}"' for h in range(14)) + "] }",
]


# The service calendar: per-day figures divide by the days a channel was open, and
# `alarm opening` gives last year's chats in the hours closed in 2024.
SERVICE = [
    "# When each channel was open. The phone answered evenings and nights (16-08) until it",
    "# opened round the clock on 15 March 2020; chat opened on 7 April 2020, round the clock",
    "# until 2023, 14-24 from 2024.",
    "[service.phone]",
    "hours = [",
    '  { from = 2019-01-01, open = ["16-08"] },',
    '  { from = 2020-03-15, open = ["00-24"] },',
    "]",
    "",
    "[service.chat]",
    "opened = 2020-04-07",
    "hours = [",
    '  { from = 2020-04-07, open = ["00-24"] },',
    '  { from = 2024-01-01, open = ["14-24"] },',
    "]",
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
    if dimension == TOPIC_BY_AGE:
        topic, _, age = category.partition("*")
        return category_rank("topic", topic) * 100 + category_rank("age", age)
    order = {
        "site": ["kristiansand", *SITES[2024], *SITES[2023], *NETWORK_2020],
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
    check_figures_2020(counts)
    period_files = web_rows(counts)
    check_period_files(period_files)
    DATA_DIR.mkdir(exist_ok=True)
    (DATA_DIR / "taxonomy.toml").write_text(taxonomy, encoding="utf-8", newline="\n")
    for year in YEARS:
        (DATA_DIR / str(year)).mkdir(exist_ok=True)
        for month in months_of(year):
            path = DATA_DIR / str(year) / f"{month}.csv"
            path.write_text(render(counts, month), encoding="utf-8", newline="\n")
    for name, rows in period_files.items():
        (DATA_DIR / name).write_text(render_period_file(rows), encoding="utf-8", newline="\n")
    print(f"wrote {len(counts.values)} counts in {DATA_DIR}")


if __name__ == "__main__":
    main()
