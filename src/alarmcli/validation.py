"""Every rule of the count-file contract, checked over all files at once.

Each rule is a vectorised polars expression over the whole frame; messages are made only
for the rows that break a rule. Data that breaks none is the common case, and is told
cheaply first (:func:`validate_read`): the row rules on each distinct value once, the
cross-row rules on the columns' dictionary codes. Only data with some problem is then
checked row by row, for the messages. Nothing here prints or exits: the result is data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from alarmcli import durations, services
from alarmcli.contract import (
    AGE_MAX,
    AGE_MIN,
    COUNT_MAX_DIGITS,
    COUNT_RE,
    CROSS,
    CROSSTAB_CHOICES,
    DURATION_METRICS,
    EXHAUSTIVE,
    METRICS_BY_CHANNEL,
    MULTI_LABEL,
    TAXONOMY_DIMENSIONS,
    UNKNOWN,
    Channel,
    Dimension,
)
from alarmcli.loading import FILE, FILE_MONTH, LINE, Read, cell_types
from alarmcli.messages import Message, hint, msg
from alarmcli.periods import MONTH_PATTERN, days_in_month, parse_month
from alarmcli.problems import Code, Problem, closest, sort_key

if TYPE_CHECKING:
    import polars as pl

    from alarmcli.taxonomy import Taxonomy

KEY = ["month", "channel", "metric", "dimension", "category"]
#: Dimensions a cross-tab may combine (a day of the month pairs with nothing).
CROSSABLE = frozenset(CROSSTAB_CHOICES)
GROUP = ["month", "channel", "metric"]
NUMBERED = frozenset({Dimension.HOUR, Dimension.DAY, Dimension.AGE})

# Names of the per-row check columns, in the order their messages are reported.
ROW_CHECKS = (
    "month", "month_match", "channel", "metric", "dimension", "category", "category_years",
    "count",
)  # fmt: skip
STRUCTURAL = ("month", "channel", "metric", "dimension", "count")


@dataclass
class Validated:
    """The result of validation: the problems, the valid rows typed, the resolved totals.

    ``counts`` has the key's five columns (text, or categorical from
    :func:`validate_read`) and ``count`` as an integer, made when collected (from
    :func:`validate`, also ``file`` and ``line``); ``totals``
    has ``month``, ``channel``, ``metric`` as text and ``count``, sorted.
    """

    problems: list[Problem]
    counts: pl.LazyFrame
    totals: pl.DataFrame


def validate(frame: pl.DataFrame, taxonomy: Taxonomy) -> Validated:
    """Check every row and every cross-row rule; collect every problem.

    Args:
        frame: text cells from :func:`alarmcli.loading.read_files`.
        taxonomy: the categories that exist.

    Returns:
        The problems, sorted by file and line, and the rows that passed the row checks
        with ``count`` as an integer, one per key, plus the total of each month,
        channel and metric as the contract resolves it.
    """
    import polars as pl

    checked = frame.with_columns(
        **{f"ok_{name}": expr for name, expr in _row_checks(taxonomy).items()}
    )
    ok_cols = [f"ok_{name}" for name in ROW_CHECKS]
    bad = checked.filter(~pl.all_horizontal(ok_cols))
    problems = [p for row in bad.iter_rows(named=True) for p in _row_problems(row, taxonomy)]

    good = checked.filter(pl.all_horizontal([f"ok_{name}" for name in STRUCTURAL])).select(
        FILE, LINE, *KEY, pl.col("count").cast(pl.Int64)
    )
    duplicates = _duplicates(good)
    if duplicates:
        problems.extend(duplicates)
        good = good.unique(subset=KEY, keep="first", maintain_order=True)
    # A breakdown with an unreadable count has no known sum: its row is reported, its sum not.
    unreadable = checked.filter(
        pl.all_horizontal([f"ok_{name}" for name in STRUCTURAL if name != "count"])
        & ~pl.col("ok_count")
    ).select(*GROUP, "dimension")
    totals, total_problems = _resolve_totals(good, unreadable)
    problems.extend(total_problems)
    # A total that would come from an unreadable count is missing for that reason alone.
    totalling = [Dimension.TOTAL.value, *(d.value for d in EXHAUSTIVE)]
    unreadable_totals = unreadable.filter(pl.col("dimension").is_in(totalling)).select(GROUP)
    problems.extend(_multi_label(good, totals, unreadable_totals))
    problems.extend(_crosstabs(good, totals))
    problems.extend(services.check(good, taxonomy.calendar))
    problems.extend(durations.check(good, totals))
    problems.sort(key=sort_key)
    return Validated(problems=problems, counts=good.lazy(), totals=totals)


def _row_checks(taxonomy: Taxonomy) -> dict[str, pl.Expr]:
    """One boolean expression per row rule; ``True`` where the row keeps the rule.

    Pairs that depend on each other (channel and metric, dimension and category) are
    joined into one string and looked up in the set of valid pairs: one hash lookup
    per row instead of a branch per channel or dimension.
    """
    import polars as pl

    month, channel, metric = pl.col("month"), pl.col("channel"), pl.col("metric")
    dimension, category, count = pl.col("dimension"), pl.col("category"), pl.col("count")
    month_ok = month.str.contains(MONTH_PATTERN)
    long_day = (dimension == Dimension.DAY.value) & category.is_in(["29", "30", "31"])
    month_days = pl.when(long_day & month_ok).then(
        (month + "-01").str.to_date("%Y-%m-%d", strict=False).dt.month_end().dt.day()
    )
    past_month_end = (category.cast(pl.Int64, strict=False) > month_days).fill_null(value=False)
    known_channel = channel.is_in([c.value for c in Channel])
    two = dimension.str.contains(CROSS, literal=True)
    d1, d2 = _parts(dimension)
    c1, c2 = _parts(category)
    crossable = list(CROSSABLE)
    known_cross = two & d1.is_in(crossable) & d2.is_in(crossable) & (d1 != d2)
    known_cross = known_cross & (dimension.str.count_matches(CROSS, literal=True) == 1)
    known_dimension = dimension.is_in([d.value for d in Dimension]) | known_cross.fill_null(
        value=False
    )
    pairs = _category_pairs(taxonomy)
    cross_category = (
        (category.str.count_matches(CROSS, literal=True) == 1)
        & pl.concat_str([d1, c1], separator=_SEP).is_in(pairs)
        & pl.concat_str([d2, c2], separator=_SEP).is_in(pairs)
    ).fill_null(value=False)
    # metric and category are judged only where channel and dimension are known
    return {
        "month": month_ok,
        "month_match": pl.col(FILE_MONTH).is_null() | (month == pl.col(FILE_MONTH)) | ~month_ok,
        "channel": known_channel,
        "metric": pl.concat_str([channel, metric], separator=_SEP).is_in(_metric_pairs())
        | ~known_channel,
        "dimension": known_dimension,
        "category": pl.when(two)
        .then(cross_category)
        .otherwise(
            pl.concat_str([dimension, category], separator=_SEP).is_in(pairs) & ~past_month_end
        )
        | ~known_dimension,
        "category_years": pl.when(two)
        .then(_in_years(taxonomy, d1, c1) & _in_years(taxonomy, d2, c2))
        .otherwise(_in_years(taxonomy, dimension, category)),
        "count": count.str.contains(COUNT_RE),
    }


def _parts(column: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The two sides of a cross-tab's ``topic*age`` or ``violence*12``."""
    split = column.str.split_exact(CROSS, 1)
    return split.struct.field("field_0"), split.struct.field("field_1")


def _in_years(taxonomy: Taxonomy, dimension: pl.Expr, category: pl.Expr) -> pl.Expr:
    """True where a category is valid in its month's year (most ids: every year)."""
    import polars as pl

    dated = taxonomy.dated()
    if not dated:
        return pl.lit(value=True)
    pair = pl.concat_str([dimension, category], separator=_SEP)
    keys = [f"{dim.value}{_SEP}{key}" for dim, key, _ in dated]
    first = pair.replace_strict(
        keys, [label.valid_from or 0 for *_, label in dated], default=0, return_dtype=pl.Int64
    )
    last = pair.replace_strict(
        keys, [label.valid_to or 9999 for *_, label in dated], default=9999, return_dtype=pl.Int64
    )
    year = pl.col("month").str.slice(0, 4).cast(pl.Int64, strict=False)
    return year.is_between(first, last).fill_null(value=True)


_SEP = "\x1f"  # the unit separator: in no id, so "a␟b" names one pair


def _metric_pairs() -> list[str]:
    """Every valid ``channel␟metric``."""
    return [f"{c.value}{_SEP}{m.value}" for c, ms in METRICS_BY_CHANNEL.items() for m in ms]


def _category_pairs(taxonomy: Taxonomy) -> list[str]:
    """Every valid ``dimension␟category``; a day up to 31 (month ends are checked apart)."""
    numbered = {
        Dimension.TOTAL: [""],
        Dimension.HOUR: [str(h) for h in range(24)],
        Dimension.DAY: [str(d) for d in range(1, 32)],
        Dimension.AGE: [*(str(a) for a in range(AGE_MIN, AGE_MAX + 1)), UNKNOWN],
    }
    ids = {**numbered, **{dim: sorted(taxonomy.ids(dim)) for dim in TAXONOMY_DIMENSIONS}}
    return [f"{dim.value}{_SEP}{c}" for dim, cats in ids.items() for c in cats]


def _row_problems(row: dict[str, Any], taxonomy: Taxonomy) -> list[Problem]:
    """The messages for one row that broke at least one row rule."""
    problems = []
    for name in ROW_CHECKS:
        if row[f"ok_{name}"] is False:
            column = _COLUMN_OF.get(name, name)
            code, describe = _RULES[name]
            value = row[column]
            if value != value.strip():
                detail = msg("row.spaces", column=column, value=value, fix=value.strip())
            elif value == "" and name in _EMPTY_IS_MISSING:
                detail = msg("row.empty", column=column)
            else:
                detail = describe(row, taxonomy)
            problems.append(Problem(row[FILE], row[LINE], column, code, detail.text(), detail))
    return problems


#: The column a rule judges, where its name is not the column's.
_COLUMN_OF = {"month_match": "month", "category_years": "category"}
#: Rules whose message for an empty cell is "the COLUMN is empty".
_EMPTY_IS_MISSING = frozenset({"month", "channel", "metric", "dimension", "count"})


def _month_message(row: dict[str, Any], _: Taxonomy) -> Message:
    return msg("row.bad-month", value=row["month"])


def _month_match_message(row: dict[str, Any], _: Taxonomy) -> Message:
    return msg("row.month-mismatch", month=row["month"], file_month=row[FILE_MONTH])


def _choice_message(column: str, value: str, choices: list[str]) -> Message:
    return msg(
        "row.unknown-choice",
        column=column,
        value=value,
        hint=hint(closest(value, choices, n=2)),
        choices=choices,
    )


def _channel_message(row: dict[str, Any], _: Taxonomy) -> Message:
    return _choice_message("channel", row["channel"], [c.value for c in Channel])


def _metric_message(row: dict[str, Any], _: Taxonomy) -> Message:
    allowed = [m.value for m in METRICS_BY_CHANNEL[Channel(row["channel"])]]
    value = row["metric"]
    return msg(
        "row.unknown-metric",
        value=value,
        hint=hint(closest(value, allowed, n=2)),
        channel=row["channel"],
        choices=allowed,
    )


def _dimension_message(row: dict[str, Any], _: Taxonomy) -> Message:
    if CROSS in row["dimension"]:
        return msg("row.bad-crosstab", value=row["dimension"], choices=sorted(CROSSABLE))
    return _choice_message("dimension", row["dimension"], [d.value for d in Dimension])


def _cross_parts(row: dict[str, Any]) -> list[dict[str, Any]]:
    """A cross-tab row as its two one-dimensional parts (``topic``/``violence``, …)."""
    dimensions, categories = row["dimension"].split(CROSS), row["category"].split(CROSS)
    return [
        {**row, "dimension": d, "category": c} for d, c in zip(dimensions, categories, strict=False)
    ]


def _category_message(row: dict[str, Any], taxonomy: Taxonomy) -> Message:
    if CROSS in row["dimension"]:
        if row["category"].count(CROSS) != 1:
            return msg("row.crosstab-category", value=row["category"], dimension=row["dimension"])
        pairs = set(_category_pairs(taxonomy))
        bad = next(
            p for p in _cross_parts(row) if f"{p['dimension']}{_SEP}{p['category']}" not in pairs
        )
        return _category_message(bad, taxonomy)
    dimension, value = Dimension(row["dimension"]), row["category"]
    if dimension is Dimension.TOTAL:
        return msg("row.total-with-category", value=value)
    if value == "":
        return msg("row.no-category", dimension=dimension.value)
    if dimension in NUMBERED and value.isdigit() and value != str(int(value)):
        return msg("row.leading-zeros", dimension=dimension.value, fix=str(int(value)), value=value)
    if dimension is Dimension.HOUR:
        return msg("row.bad-hour", value=value)
    if dimension is Dimension.DAY:
        month = row["month"]
        days = days_in_month(*parse_month(month)) if row["ok_month"] else 31
        return msg("row.bad-day", value=value, month=month, days=days)
    if dimension is Dimension.AGE:
        return msg("row.bad-age", value=value, low=AGE_MIN, high=AGE_MAX)
    return taxonomy.unknown(dimension, value)


def _years_message(row: dict[str, Any], taxonomy: Taxonomy) -> Message:
    year = int(row["month"][:4])
    for part in _cross_parts(row):
        dimension = Dimension(part["dimension"])
        label = taxonomy.labels.get(dimension, {}).get(part["category"])
        if label is not None and not (label.valid_from or 0) <= year <= (label.valid_to or 9999):
            return taxonomy.out_of_years(dimension, part["category"], year)
    raise AssertionError(row)  # the check failed, so one part is out of its years


def _count_message(row: dict[str, Any], _: Taxonomy) -> Message:
    value = row["count"]
    if value.isdigit():
        return msg("row.count-too-large", value=value, digits=COUNT_MAX_DIGITS)
    return msg("row.bad-count", value=value)


#: Each row rule's reason code and the message of a row that breaks it.
_RULES: dict[str, tuple[Code, Callable[[dict[str, Any], Taxonomy], Message]]] = {
    "month": (Code.BAD_MONTH, _month_message),
    "month_match": (Code.MONTH_MISMATCH, _month_match_message),
    "channel": (Code.BAD_CHANNEL, _channel_message),
    "metric": (Code.BAD_METRIC, _metric_message),
    "dimension": (Code.BAD_DIMENSION, _dimension_message),
    "category": (Code.UNKNOWN_CATEGORY, _category_message),
    "category_years": (Code.CATEGORY_YEARS, _years_message),
    "count": (Code.BAD_COUNT, _count_message),
}


def _describe(row: dict[str, Any], keys: list[str] = KEY) -> str:
    """``2024-06 phone answered site oslo``: what a key names, for messages."""
    return " ".join(str(row[k]) for k in keys if row.get(k))


def _duplicates(good: pl.DataFrame) -> list[Problem]:
    """Every repeat of a key after its first place, naming that place."""
    import polars as pl

    repeated = good.filter(pl.struct(KEY).is_duplicated()).sort(FILE, LINE)
    first: dict[tuple[str, ...], str] = {}
    problems = []
    for row in repeated.iter_rows(named=True):
        key = tuple(row[k] for k in KEY)
        if key not in first:
            first[key] = f"{row[FILE]}:{row[LINE]}"
            continue
        problems.append(
            Problem.of(
                row[FILE],
                row[LINE],
                None,
                Code.DUPLICATE_ROW,
                "row.duplicate",
                key=_describe(row),
                first=first[key],
            )
        )
    return problems


def _resolve_totals(
    good: pl.DataFrame, unreadable: pl.DataFrame
) -> tuple[pl.DataFrame, list[Problem]]:
    """The total of every month, channel and metric, and the breakdowns that contradict it.

    A ``total`` row is the total; without one, the exhaustive breakdowns define it and
    must agree with each other. A breakdown with a row in ``unreadable`` (month, channel,
    metric and dimension of rows whose count is not a number) has no sum to compare.
    """
    import polars as pl

    sums = (
        good.filter(pl.col("dimension").is_in([d.value for d in EXHAUSTIVE]))
        .group_by(*GROUP, "dimension")
        .agg(pl.col("count").sum().alias("sum"), pl.col(FILE).first(), pl.col(LINE).first())
        .join(unreadable, on=[*GROUP, "dimension"], how="anti")
    )
    stated = good.filter(pl.col("dimension") == Dimension.TOTAL.value).select(
        *GROUP,
        pl.col("count").alias("total"),
        pl.col(FILE).alias("tfile"),
        pl.col(LINE).alias("tline"),
    )
    joined = sums.join(stated, on=GROUP, how="left").sort(*GROUP, FILE, LINE)
    problems = [
        Problem.of(
            row["tfile"],
            row["tline"],
            "count",
            Code.SUM_MISMATCH,
            "row.sum-mismatch",
            dimension=row["dimension"],
            key=_describe(row, GROUP),
            sum=row["sum"],
            where=f"{row[FILE]}:{row[LINE]}",
            total=row["total"],
            difference=f"{row['sum'] - row['total']:+d}",
        )
        for row in joined.filter(
            pl.col("total").is_not_null() & (pl.col("sum") != pl.col("total"))
        ).iter_rows(named=True)
    ]
    by_group: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in joined.filter(pl.col("total").is_null()).iter_rows(named=True):
        by_group[tuple(row[g] for g in GROUP)].append(row)
    derived: list[dict[str, Any]] = []
    for rows in by_group.values():  # each group's breakdowns in the order the files give them
        if len({r["sum"] for r in rows}) > 1:
            parts = [
                msg(
                    "row.breakdown-sum",
                    dimension=r["dimension"],
                    sum=r["sum"],
                    where=f"{r[FILE]}:{r[LINE]}",
                )
                for r in rows
            ]
            problems.append(
                Problem.of(
                    rows[1][FILE],
                    rows[1][LINE],
                    "count",
                    Code.BREAKDOWNS_DISAGREE,
                    "row.breakdowns-disagree",
                    key=_describe(rows[0], GROUP),
                    sums=parts,
                )
            )
        else:
            derived.append({**{g: rows[0][g] for g in GROUP}, "count": rows[0]["sum"]})
    schema = {"month": pl.String, "channel": pl.String, "metric": pl.String, "count": pl.Int64}
    totals = pl.concat(
        [
            stated.select(*GROUP, pl.col("total").alias("count")),
            pl.DataFrame(derived, schema=schema),
        ]
    ).sort(GROUP)
    return totals, problems


def _multi_label(
    good: pl.DataFrame, totals: pl.DataFrame, unreadable_totals: pl.DataFrame
) -> list[Problem]:
    """Multi-label rows larger than their month's total, or with no total to be part of.

    A total (or exhaustive) row whose count is unreadable is reported on its own; its
    multi-label rows are not reported again for lacking a total.
    """
    import polars as pl

    multi = good.filter(pl.col("dimension").is_in([d.value for d in MULTI_LABEL]))
    orphans = (
        multi.join(totals, on=GROUP, how="anti")
        .join(unreadable_totals, on=GROUP, how="anti")
        .group_by(*GROUP)
        .agg(pl.col(FILE).first(), pl.col(LINE).first(), pl.col("dimension").first())
        .sort(FILE, LINE)
    )
    problems = [
        Problem.of(
            row[FILE],
            row[LINE],
            None,
            Code.MISSING_TOTAL,
            "row.missing-total",
            key=_describe(row, GROUP),
            dimension=row["dimension"],
        )
        for row in orphans.iter_rows(named=True)
    ]
    return problems + _exceeding(multi, totals)


def _exceeding(rows: pl.DataFrame, totals: pl.DataFrame) -> list[Problem]:
    """Rows that count more than their month's total, each at its line."""
    import polars as pl

    over = rows.join(totals.rename({"count": "total"}), on=GROUP, how="inner").filter(
        pl.col("count") > pl.col("total")
    )
    return [
        Problem.of(
            row[FILE],
            row[LINE],
            "count",
            Code.EXCEEDS_TOTAL,
            "row.exceeds-total",
            key=_describe(row),
            count=row["count"],
            total=row["total"],
            metric=row["metric"],
            channel=row["channel"],
            month=row["month"],
        )
        for row in over.iter_rows(named=True)
    ]


def _crosstabs(good: pl.DataFrame, totals: pl.DataFrame) -> list[Problem]:
    """A cross-tab's cells against its margins: the one-dimensional rows and the total.

    No cell exceeds the total or either margin row; where the other dimension is
    exhaustive (every contact has one age), the cells of a margin's category add up to it
    exactly: the ages of the contacts about violence sum to the violence row.
    """
    import polars as pl

    cross = good.filter(pl.col("dimension").str.contains(CROSS, literal=True))
    if cross.is_empty():
        return []
    (d1, d2), (c1, c2) = _parts(pl.col("dimension")), _parts(pl.col("category"))
    cross = cross.with_columns(d1=d1, d2=d2, c1=c1, c2=c2).sort(FILE, LINE)
    problems = _exceeding(cross, totals)
    margins = good.select(
        *GROUP,
        pl.col("dimension").alias("mdim"),
        pl.col("category").alias("mcat"),
        pl.col("count").alias("margin"),
        pl.col(FILE).alias("mfile"),
        pl.col(LINE).alias("mline"),
    )
    exhaustive = [d.value for d in EXHAUSTIVE]
    for side, other in (("1", "2"), ("2", "1")):
        joined = cross.join(
            margins, left_on=[*GROUP, f"d{side}", f"c{side}"], right_on=[*GROUP, "mdim", "mcat"]
        )
        for row in joined.filter(pl.col("count") > pl.col("margin")).iter_rows(named=True):
            problems.append(
                Problem.of(
                    row[FILE],
                    row[LINE],
                    "count",
                    Code.EXCEEDS_TOTAL,
                    "row.crosstab-exceeds",
                    key=_describe(row),
                    count=row["count"],
                    dimension=row[f"d{side}"],
                    category=row[f"c{side}"],
                    margin=row["margin"],
                    where=f"{row['mfile']}:{row['mline']}",
                )
            )
        sums = (
            joined.filter(pl.col(f"d{other}").is_in(exhaustive))
            .group_by(*GROUP, "dimension", f"d{side}", f"d{other}", f"c{side}", maintain_order=True)
            .agg(
                pl.col("count").sum().alias("sum"),
                pl.col(FILE).first(),
                pl.col(LINE).first(),
                pl.col("margin", "mfile", "mline").first(),
            )
            .filter(pl.col("sum") != pl.col("margin"))
        )
        problems += [
            Problem.of(
                row[FILE],
                row[LINE],
                "count",
                Code.SUM_MISMATCH,
                "row.crosstab-sum",
                cross=row["dimension"],
                key=_describe(row, GROUP),
                category=row[f"c{side}"],
                sum=row["sum"],
                dimension=row[f"d{side}"],
                margin=row["margin"],
                where=f"{row['mfile']}:{row['mline']}",
                other=row[f"d{other}"],
            )
            for row in sums.iter_rows(named=True)
        ]
    return problems


def validate_read(read: Read, taxonomy: Taxonomy) -> Validated:
    """:func:`validate` of ``read.frame``, told cheaply where nothing is wrong.

    Rows that break no rule (the common case) are checked without making the frame of
    text: each row rule on each distinct value once, uniqueness and sums on the columns'
    dictionary codes. Where that finds anything, or cannot tell, :func:`validate`
    checks every row, for every problem's line and message.
    """
    return _clean(read, taxonomy) or validate(read.frame, taxonomy)


#: Valid cells for the columns a probe row does not test (see :func:`_probes`).
_FILLER: dict[str, str | None] = {
    "month": "2000-01",
    "channel": Channel.PHONE.value,
    "metric": "answered",
    "dimension": Dimension.TOTAL.value,
    "category": "",
    "count": "0",
    FILE_MONTH: None,
}


def _clean(read: Read, taxonomy: Taxonomy) -> Validated | None:
    """The counts and totals of ``read`` where it breaks no rule; ``None`` where it may."""
    import polars as pl

    types = cell_types()
    cells = pl.concat(
        [
            pl.DataFrame(schema=types),
            *(
                chunk.cells.select(pl.col(c).cast(t) for c, t in types.items())
                for chunk in read.chunks
            ),
        ],
        rechunk=False,
    )
    if any(cells.null_count().row(0)):
        return None
    widths = {
        column: int(code or 0).bit_length()
        for column, code in cells.select(pl.col(c).to_physical().max() for c in types)
        .row(0, named=True)
        .items()
    }
    if not _rows_keep_rules(read, cells, taxonomy):
        return None
    distinct_counts = cells["count"].unique()
    codes = cells.select(pl.col("count").to_physical().max().fill_null(0) + 1).item()
    lookup = pl.zeros(codes, pl.Int64, eager=True).scatter(
        distinct_counts.to_physical(), distinct_counts.cast(pl.String).cast(pl.Int64)
    )
    count = pl.lit(lookup).gather(pl.col("count").to_physical()).alias("count")
    if not _unique(cells, widths):
        return None
    totals = _clean_totals(cells, widths, count)
    if totals is None:
        return None
    counts = cells.lazy().select(*KEY, count)
    if _crosstabs(_crosstab_rows(cells, counts), totals):
        return None
    if not _services_kept(counts, taxonomy) or not _durations_kept(cells, counts, totals):
        return None
    return Validated(problems=[], counts=counts, totals=totals)


def _services_kept(counts: pl.LazyFrame, taxonomy: Taxonomy) -> bool:
    """Whether no count falls in a closed month, day or hour (:func:`services.check`).

    Each distinct row is checked once (:func:`services.distinct`).
    """
    calendar = taxonomy.calendar
    if not calendar.services:
        return True
    return not services.check(services.distinct(counts, calendar), calendar)


def _durations_kept(cells: pl.DataFrame, counts: pl.LazyFrame, totals: pl.DataFrame) -> bool:
    """Whether every sum of durations has its contacts (:func:`durations.missing`)."""
    import polars as pl

    if not cells["metric"].unique().cast(pl.String).is_in(DURATION_METRICS).any():
        return True
    types = cell_types()
    stated = totals.lazy().select(
        *(pl.col(c).cast(types[c]) for c in ("month", "channel", "metric")), "count"
    )
    found = durations.missing(counts, stated, types["metric"]).limit(1)
    return found.collect(engine="streaming").is_empty()


def _unique(cells: pl.DataFrame, widths: dict[str, int]) -> bool:
    """Whether every key is unique (rule 1): its codes packed, sorted, neighbours compared."""
    import polars as pl

    key = _packed(widths, KEY)
    if key is None:
        return bool(cells.select(pl.struct(KEY).is_unique().all()).item())
    ordered = cells.lazy().select(key.sort())
    return not ordered.select((pl.first().diff() == 0).any()).collect().item()


def _rows_keep_rules(read: Read, cells: pl.DataFrame, taxonomy: Taxonomy) -> bool:
    """Whether every row keeps every row rule: each rule judged on distinct values.

    A row rule looks at the month (and the file's month), the channel and metric, the
    dimension and category (and, for a day past the 28th or an id valid in some years,
    the month), or the count, so it is judged on each distinct one of these once, in a
    probe row whose other cells are valid (:func:`_probes`).
    """
    import polars as pl

    months = [
        chunk.cells.select(
            pl.col("month").unique(), pl.lit(chunk.file_month, dtype=pl.String).alias(FILE_MONTH)
        )
        if chunk.name is not None
        else chunk.cells.select("month", FILE_MONTH).unique()
        for chunk in read.chunks
    ]
    pairs = _distinct(cells, ["dimension", "category"])
    dated = {f"{d.value}{_SEP}{key}" for d, key, _ in taxonomy.dated()}
    long_days = {f"{Dimension.DAY.value}{_SEP}{day}" for day in ("29", "30", "31")}

    def bound_by(dimension: str, category: str) -> str | None:
        """``month`` where the pair holds a day past the 28th, ``year`` a dated id."""
        split = zip(dimension.split(CROSS), category.split(CROSS), strict=False)
        parts = {f"{d}{_SEP}{c}" for d, c in split}
        return "month" if parts & long_days else "year" if parts & dated else None

    bound = [bound_by(*pair) for pair in pairs.select(pl.all().cast(pl.String)).iter_rows()]
    month_bound = pl.Series(bound, dtype=pl.String).is_not_null()
    values = [
        *months,
        _distinct(cells, ["channel", "metric"]),
        pairs.filter(~month_bound),
        cells.select(pl.col("count").unique()),
    ]
    if month_bound.any():  # a day past the 28th with each month, a dated id each year
        by = pairs.with_columns(pl.Series("by", bound)).filter(month_bound)
        month = pl.col("month").cast(pl.String)
        values.append(
            cells.join(by, on=["dimension", "category"])
            .select(
                pl.when(pl.col("by") == "month")
                .then(month)
                .otherwise(month.str.slice(0, 4) + "-01"),
                "dimension",
                "category",
            )
            .unique()
        )
    checks = list(_row_checks(taxonomy).values())
    return bool(_probes(values).select(pl.all_horizontal(checks).all()).item())


def _probes(values: list[pl.DataFrame]) -> pl.DataFrame:
    """A row of text cells for each row of ``values``, valid filler in its other columns."""
    import polars as pl

    return pl.concat(
        [
            frame.select(
                pl.col(c).cast(pl.String) if c in frame.columns else pl.lit(v, pl.String).alias(c)
                for c, v in _FILLER.items()
            )
            for frame in values
        ]
    )


def _packed(widths: dict[str, int], columns: list[str]) -> pl.Expr | None:
    """The dictionary codes of ``columns`` packed into one integer a row, if they fit.

    32 bits where they fit in those (half the memory to sort), else 64.
    """
    import polars as pl

    bits = sum(widths[c] for c in columns)
    if bits > 64:
        return None
    kind = pl.UInt32 if bits <= 32 else pl.UInt64
    packed = pl.lit(0, kind)
    shift = 0
    for column in reversed(columns):
        packed = packed + pl.col(column).to_physical().cast(kind) * pl.lit(1 << shift, kind)
        shift += widths[column]
    return packed


def _distinct(cells: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """The distinct rows of ``columns`` (a few hundred), a morsel at a time."""
    return cells.lazy().select(columns).unique().collect(engine="streaming")


def _clean_totals(
    cells: pl.DataFrame, widths: dict[str, int], count: pl.Expr
) -> pl.DataFrame | None:
    """The totals where breakdowns and multi-label rows keep rules 2 and 3, else ``None``.

    Grouped by the codes of month, channel and metric packed into one integer.
    """
    import polars as pl

    group = _packed(widths, GROUP)
    if group is None:
        return None

    def rows(kinds: Iterable[Dimension]) -> pl.LazyFrame:
        chosen = pl.col("dimension").is_in([d.value for d in kinds])
        return cells.lazy().filter(chosen).select(*GROUP, "dimension", count, g=group)

    stated, sums, multi = pl.collect_all(
        [
            rows([Dimension.TOTAL]).select(*GROUP, "g", total="count"),
            rows(EXHAUSTIVE)
            .group_by("g", "dimension")
            .agg(pl.col(GROUP).first(), pl.col("count").sum()),
            rows(MULTI_LABEL).group_by("g").agg(pl.col("count").max()),
        ],
        engine="streaming",
    )
    checked = sums.join(stated.select("g", "total"), on="g", how="left")
    if checked.select((pl.col("count") != pl.col("total")).any()).item():
        return None
    derived = (
        checked.filter(pl.col("total").is_null())
        .group_by("g")
        .agg(pl.col(GROUP).first(), pl.col("count").n_unique().alias("n"), pl.col("count").first())
    )
    if derived.select((pl.col("n") > 1).any()).item():
        return None
    totals = pl.concat([stated, derived.select(*GROUP, "g", total="count")])
    over = multi.join(totals, on="g", how="left")
    if over.select((pl.col("total").is_null() | (pl.col("count") > pl.col("total"))).any()).item():
        return None
    return totals.select(pl.col(GROUP).cast(pl.String), count="total").sort(GROUP)


def _crosstab_rows(cells: pl.DataFrame, counts: pl.LazyFrame) -> pl.DataFrame:
    """The rows :func:`_crosstabs` looks at (cells and margins) as text, lines made up."""
    import polars as pl

    names = cells["dimension"].unique().cast(pl.String).to_list()
    crossed = {d for d in names if CROSS in d}
    wanted = crossed | {part for d in crossed for part in d.split(CROSS)}
    return (
        (counts if crossed else counts.clear())
        .filter(pl.col("dimension").is_in(list(wanted)))
        .with_row_index(LINE)
        .select(
            pl.lit("").alias(FILE),
            pl.col(LINE).cast(pl.Int64),
            pl.col(KEY).cast(pl.String),
            "count",
        )
        .collect()
    )
