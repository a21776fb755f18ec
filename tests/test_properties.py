"""Properties: generated data directories, the validator against the model, the arithmetic."""

from __future__ import annotations

import itertools
import re
import tempfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from alarmcli import arithmetic, dataset, taxonomy
from alarmcli.contract import (
    AGE_MAX,
    AGE_MIN,
    DURATIONS,
    EXHAUSTIVE,
    METRICS_BY_CHANNEL,
    MULTI_LABEL,
    TAXONOMY_DIMENSIONS,
    Channel,
    Dimension,
    Metric,
)
from alarmcli.loading import FILE, FILE_MONTH, LINE
from alarmcli.periods import days_in_month, month_id
from alarmcli.problems import Code
from alarmcli.schemas import CountRow
from alarmcli.validation import validate
from conftest import write_counts

TAX = taxonomy.builtin()
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- (a) generated directories

Row = tuple[str, str, str, str, str, str]


def categories(dimension: Dimension, month: str) -> list[str]:
    """Every valid category of ``dimension`` in ``month``, built-in taxonomy."""
    if dimension is Dimension.HOUR:
        return [str(h) for h in range(24)]
    if dimension is Dimension.DAY:
        return [str(d) for d in range(1, days_in_month(int(month[:4]), int(month[5:])) + 1)]
    if dimension is Dimension.AGE:
        return [*(str(a) for a in range(AGE_MIN, AGE_MAX + 1)), "unknown"]
    return sorted(TAX.ids(dimension))


#: A category that no dimension knows, per dimension (for breaking a row).
UNKNOWN_CATEGORY = {
    Dimension.HOUR: "24",
    Dimension.DAY: "32",
    Dimension.AGE: "26",
    **dict.fromkeys(TAXONOMY_DIMENSIONS, "not_a_known_id"),
}


def some_categories(dimension: Dimension, month: str, most: int) -> st.SearchStrategy[list[str]]:
    """1 to ``most`` distinct valid categories of ``dimension`` in ``month``."""
    return st.lists(
        st.sampled_from(categories(dimension, month)), min_size=1, max_size=most, unique=True
    )


@dataclass
class Group:
    """The rows of one month, channel and metric, and where the total row is."""

    rows: list[Row] = field(default_factory=list)
    total_index: int | None = None  # index into rows


@st.composite
def split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    """``parts`` whole numbers ≥ 0 that sum to ``total``."""
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(bounds)]


@st.composite
def group_rows(draw: st.DrawFn, month: str, channel: Channel, metric: Metric) -> Group:
    """A valid month, channel and metric: a total, exhaustive breakdowns, multi-label rows."""
    total = draw(st.integers(0, 400))
    exhaustive = draw(st.lists(st.sampled_from(sorted(EXHAUSTIVE)), max_size=2, unique=True))
    has_total = not exhaustive or draw(st.booleans())
    group = Group()
    head = (month, channel.value, metric.value)
    if has_total:
        group.total_index = 0
        group.rows.append((*head, "total", "", str(total)))
    for dim in exhaustive:
        cats = draw(some_categories(dim, month, 5))
        for cat, n in zip(cats, draw(split(total, len(cats))), strict=True):
            group.rows.append((*head, dim.value, cat, str(n)))
    multi = draw(st.lists(st.sampled_from(sorted(MULTI_LABEL)), max_size=2, unique=True))
    for dim in multi:
        cats = draw(some_categories(dim, month, 4))
        for cat in cats:
            group.rows.append((*head, dim.value, cat, str(draw(st.integers(0, total)))))
    return group


@dataclass
class DataFile:
    """One monthly file as it will be written, with its groups in file order."""

    name: str
    groups: list[Group]
    sep: str
    bom: bool
    newline: str

    def rows(self) -> list[Row]:
        return [row for g in self.groups for row in g.rows]


@st.composite
def data_files(draw: st.DrawFn) -> list[DataFile]:
    """A valid data directory: random months over 1-3 years, each its own file."""
    first = draw(st.integers(2000, 2030))
    years = draw(st.integers(1, 3))
    months = draw(
        st.lists(
            st.tuples(st.integers(first, first + years - 1), st.integers(1, 12)),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    files = []
    for year, mon in months:
        month = month_id(year, mon)
        # counts only: a sum of seconds needs its contacts, a rule of its own (test_times)
        pairs = [(c, m) for c, ms in METRICS_BY_CHANNEL.items() for m in ms if m not in DURATIONS]
        chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=3, unique=True))
        groups = [draw(group_rows(month, c, m)) for c, m in chosen]
        files.append(
            DataFile(
                name=f"{year}/{month}.csv",
                groups=groups,
                sep=draw(st.sampled_from([",", ";"])),
                bom=draw(st.booleans()),
                newline=draw(st.sampled_from(["\n", "\r\n"])),
            )
        )
    return files


def write_all(root: Path, files: list[DataFile]) -> None:
    for f in files:
        write_counts(root, f.name, f.rows(), sep=f.sep, bom=f.bom, newline=f.newline)


BREAKAGES = ("bad count", "unknown category", "changed breakdown count")


@given(files=data_files(), data=st.data())
@SETTINGS
def test_generated_directory_valid_then_one_row_broken(
    files: list[DataFile], data: st.DataObject
) -> None:
    """A generated valid directory has no problems; one broken row is reported where it is.

    A bad count or an unknown category is reported at that row's line and nowhere else
    (a breakdown with an unreadable count has no sum to compare). A breakdown count
    changed to another number is reported once, at its group's total row.
    """
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_all(root, files)
        report = dataset.check([root], root)
        assert report.problems == []
        assert report.rows == sum(len(f.rows()) for f in files)

        kind = data.draw(st.sampled_from(BREAKAGES), label="breakage")
        file = data.draw(st.sampled_from(files), label="file")
        group = data.draw(st.sampled_from(file.groups), label="group")
        breakdown = [i for i, r in enumerate(group.rows) if r[3] != "total"]
        exhaustive = [i for i in breakdown if Dimension(group.rows[i][3]) in EXHAUSTIVE]
        if kind == "unknown category":
            assume(breakdown)
            index = data.draw(st.sampled_from(breakdown), label="row")
        elif kind == "changed breakdown count":
            assume(exhaustive and group.total_index is not None)
            index = data.draw(st.sampled_from(exhaustive), label="row")
        else:
            index = data.draw(st.integers(0, len(group.rows) - 1), label="row")
        row = group.rows[index]
        month, channel, metric, dim, cat, count = row
        if kind == "bad count":
            bad = data.draw(st.sampled_from(["-1", "1.5", "x", "", "1 000", "+3", "1e3"]))
            group.rows[index] = (month, channel, metric, dim, cat, bad)
            expected = (index, Code.BAD_COUNT)
        elif kind == "unknown category":
            unknown = UNKNOWN_CATEGORY[Dimension(dim)]
            group.rows[index] = (month, channel, metric, dim, unknown, count)
            expected = (index, Code.UNKNOWN_CATEGORY)
        else:
            delta = data.draw(st.sampled_from([-1, 1, 7]))
            assume(int(count) + delta >= 0)
            group.rows[index] = (month, channel, metric, dim, cat, str(int(count) + delta))
            assert group.total_index is not None
            expected = (group.total_index, Code.SUM_MISMATCH)
        write_all(root, [file])

        report = dataset.check([root], root)

        line = 2 + sum(len(g.rows) for g in file.groups[: file.groups.index(group)]) + expected[0]
        found = [(p.file, p.line, p.code) for p in report.problems]
        assert found == [(str(root / file.name), line, expected[1])]


# ---------------------------------------------------------------- (b) validator and model agree

ROW_CODES = {
    Code.BAD_MONTH,
    Code.MONTH_MISMATCH,
    Code.BAD_CHANNEL,
    Code.BAD_METRIC,
    Code.BAD_DIMENSION,
    Code.UNKNOWN_CATEGORY,
    Code.BAD_COUNT,
}
NEAR_MONTHS = [
    *("2024-06", "2023-02", "2024-02", "1999-12"),
    *("2024-6", "2024-13", "2024-00", "24-06", "2024/06", ""),
]
NEAR_CHANNELS = [*(c.value for c in Channel), "fone", "Phone", ""]
NEAR_METRICS = [*(m.value for m in Metric), "answerd", ""]
NEAR_DIMENSIONS = [*(d.value for d in Dimension), "sites", ""]
NEAR_CATEGORIES = sorted(
    {
        "",
        *(i for d in TAXONOMY_DIMENSIONS for i in TAX.ids(d)),
        *(str(n) for n in range(-1, 33)),
        "05",
        "00",
        "unknown",
        "1.0",
        "a/b",
    }
)
NEAR_COUNTS = ["0", "1", "10", "007", "1473", "-1", "1.5", "", "1 473", "+3", "1e3", "x"]


def model_accepts(row: dict[str, str]) -> bool:
    """Whether ``CountRow`` accepts the row, its count read as a whole number when it is one."""
    count: object = row["count"]
    if row["count"].isascii() and row["count"].isdigit():
        count = int(row["count"])
    try:
        CountRow.model_validate({**row, "count": count})
    except ValidationError:
        return False
    return True


@st.composite
def near_rows(draw: st.DrawFn) -> dict[str, str]:
    """A valid row with each cell, now and then, swapped for a near-valid string."""
    month = draw(st.sampled_from(NEAR_MONTHS[:4]))
    channel = draw(st.sampled_from(list(Channel)))
    dimension = draw(st.sampled_from(list(Dimension)))
    valid_categories = [""] if dimension is Dimension.TOTAL else categories(dimension, month)
    row = {
        "month": month,
        "channel": channel.value,
        "metric": draw(st.sampled_from(METRICS_BY_CHANNEL[channel])).value,
        "dimension": dimension.value,
        "category": draw(st.sampled_from(valid_categories)),
        "count": draw(st.sampled_from(NEAR_COUNTS[:5])),
    }
    near = {
        "month": NEAR_MONTHS,
        "channel": NEAR_CHANNELS,
        "metric": NEAR_METRICS,
        "dimension": NEAR_DIMENSIONS,
        "category": NEAR_CATEGORIES,
        "count": NEAR_COUNTS,
    }
    for column in draw(st.lists(st.sampled_from(sorted(near)), max_size=2, unique=True)):
        row[column] = draw(st.sampled_from(near[column]))
    return row


@given(rows=st.lists(near_rows(), min_size=1, max_size=40))
@settings(max_examples=200, deadline=None)
def test_validator_agrees_with_count_row_model(rows: list[dict[str, str]]) -> None:
    """A row passes the vectorised row checks exactly when CountRow accepts it.

    The model does not know the taxonomy, so a well-formed id (lower-case letters, digits,
    ``_`` and ``/``) that is merely not in the built-in taxonomy is not held against the
    validator.
    """
    frame = pl.DataFrame(
        {
            FILE: ["f.csv"] * len(rows),
            LINE: list(range(2, len(rows) + 2)),
            **{k: [r[k] for r in rows] for k in rows[0]},
            FILE_MONTH: pl.Series([None] * len(rows), dtype=pl.String),
        },
        schema_overrides={LINE: pl.Int64},
    )
    taxonomy_dims = {d.value for d in TAXONOMY_DIMENSIONS}

    problems = validate(frame, TAX).problems

    for line, row in enumerate(rows, start=2):
        membership_only = row["dimension"] in taxonomy_dims and bool(
            re.fullmatch(r"[a-z0-9_/]+", row["category"])
        )
        row_problems = [
            p
            for p in problems
            if p.line == line
            and p.code in ROW_CODES
            and not (p.code is Code.UNKNOWN_CATEGORY and membership_only)
        ]
        assert (row_problems == []) == model_accepts(row), (row, row_problems)


# ---------------------------------------------------------------- (c) arithmetic


@given(
    numerator=st.integers(-(10**9), 10**9),
    denominator=st.integers(1, 10**6),
    decimals=st.integers(0, 3),
)
@settings(max_examples=300, deadline=None)
def test_round_half_away_matches_decimal_round_half_up(
    numerator: int, denominator: int, decimals: int
) -> None:
    """round_half_away of an exact fraction equals Decimal's ROUND_HALF_UP (away from zero)."""
    value = Fraction(numerator, denominator)
    exact = Decimal(numerator) / Decimal(denominator)  # 28 digits: ties are exact here
    step = Decimal(1).scaleb(-decimals)
    # Decimal division can round a value just below a tie up to the tie: compare exactly.
    expected = exact.quantize(step, rounding=ROUND_HALF_UP)
    tie = Fraction(2 * abs(numerator) * 10**decimals, denominator)
    if tie.denominator != 1 or tie.numerator % 2 == 0:  # not exactly on a half
        expected = Decimal(round(value * 10**decimals)).scaleb(-decimals)
    assert arithmetic.round_half_away(value, decimals) == float(expected)


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (Fraction(1225, 100), 12.3),
        (Fraction(-1225, 100), -12.3),
        (Fraction(25, 100), 0.3),
        (Fraction(-25, 100), -0.3),
        (Fraction(1224999, 100000), 12.2),
        (Fraction(0), 0.0),
    ],
)
def test_round_half_away_ties(value: Fraction, rounded: float) -> None:
    """It rounds a half away from zero, both signs, unlike Python's round."""
    assert arithmetic.round_half_away(value) == rounded


@given(numerator=st.one_of(st.none(), st.integers()), scale=st.integers(1, 1000))
def test_ratio_of_zero_or_missing_denominator_is_none(numerator: int | None, scale: int) -> None:
    """A ratio over zero or a missing base is None, whatever the numerator."""
    assert arithmetic.ratio(numerator, 0, scale) is None
    assert arithmetic.ratio(numerator, None, scale) is None
    assert arithmetic.percent(numerator, 0) is None
    assert arithmetic.change_percent(numerator, 0) is None


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (arithmetic.percent(711, 1243), 57.2),
        (arithmetic.per_day(14242, 366), 38.9),
        (arithmetic.ratio(14242, 366), 38.9),
        (arithmetic.per_day(974, 31), 31.4),
        (arithmetic.per_day(8770, 366), 24.0),
        (arithmetic.percent(14033 - 11274, 11274), 24.5),
        (arithmetic.change_percent(14033, 11274), 24.5),
        (arithmetic.change_percent(11274, 14033), -19.7),
        (arithmetic.per_month(14242, 12), 1186.8),
        (arithmetic.percent(49, 400), 12.3),  # 12.25
        (arithmetic.percent(-49, 400), -12.3),  # -12.25
        (arithmetic.change(14033, 11274), 2759),
        (arithmetic.change(None, 11274), None),
        (arithmetic.percent(None, 10), None),
    ],
)
def test_report_figures(figure: float | None, expected: float | None) -> None:
    """The report's figures, worked by hand: 711 of 1 243 is 57.2 %, and so on."""
    assert figure == expected


@pytest.mark.parametrize(
    ("year", "days"), [(1900, 28), (2000, 29), (2023, 28), (2024, 29), (2100, 28)]
)
def test_february_in_leap_years(year: int, days: int) -> None:
    """February has 29 days in leap years: 2000 and 2024 yes, 1900 and 2100 no."""
    assert days_in_month(year, 2) == days
