"""Loading a data directory: files → validation → one typed frame with resolved totals.

This is the only way the figures reach data, so no command can read a file its own way
or derive a total differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from alarmcli import loading, periodic, taxonomy
from alarmcli.atomic import leftovers
from alarmcli.contract import DURATION_METRICS, NON_ADDITIVE
from alarmcli.errors import DataError
from alarmcli.messages import msg
from alarmcli.problems import Code, Problem, sort_key

if TYPE_CHECKING:
    import polars as pl

    from alarmcli.taxonomy import Taxonomy
    from alarmcli.validation import Validated


@dataclass(frozen=True)
class Report:
    """What validating some files found."""

    problems: list[Problem]
    files: int
    rows: int
    leftovers: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Dataset:
    """Valid counts of a data directory.

    Attributes:
        counts: one row per month, channel, metric, dimension and category, with
            ``year`` (int), ``month`` (``YYYY-MM``) and ``count`` (int).
        totals: the total of each month, channel and metric, stated or derived from
            an exhaustive breakdown as the contract says.
        taxonomy: the categories, built-in and the directory's own.
        durations: the rows of sums of durations (``answer_seconds`` …), which are not
            counts and so are kept apart from them, with the same columns.
        duration_totals: the total of each month, channel and duration metric.
        measures: the figures of the period files, each for the period it was measured
            over (:mod:`alarmcli.periodic`).
        unsummed: the month totals of metrics that do not add up across months (the
            website's unique users), kept out of ``counts`` and ``totals`` so that no
            figure sums them; :meth:`monthly` shows each month's own.
    """

    counts: pl.DataFrame
    totals: pl.DataFrame
    taxonomy: Taxonomy
    durations: pl.DataFrame
    duration_totals: pl.DataFrame
    measures: periodic.Measures
    unsummed: pl.DataFrame

    def monthly(self) -> pl.DataFrame:
        """Each month's total of every metric, additive or not (what a bar chart shows)."""
        import polars as pl

        if self.unsummed.is_empty():
            return self.totals
        return pl.concat([self.totals, self.unsummed], how="vertical")

    def years(self) -> list[int]:
        """The years that have any count, in order."""
        return sorted(self.totals["year"].unique().to_list())


def find_taxonomy_dir(paths: Sequence[Path]) -> Path | None:
    """The nearest directory at or above the first path that holds a ``taxonomy.toml``."""
    if not paths:
        return None
    start = paths[0].resolve()
    for candidate in [start, *start.parents]:
        if (candidate / taxonomy.TAXONOMY_FILE).is_file():
            return candidate
    return None


@dataclass(frozen=True)
class _Checked:
    """What :func:`_check` found besides the report, for :func:`_dataset` to type."""

    result: Validated
    taxonomy: Taxonomy
    measures: periodic.Measures


def _check(paths: Sequence[Path], taxonomy_dir: Path | None) -> tuple[Report, _Checked | None]:
    from alarmcli.validation import validate_read

    try:
        tax = taxonomy.load(taxonomy_dir) if taxonomy_dir else taxonomy.builtin()
    except DataError as error:
        return Report(error.problems, 0, 0), None
    found, problems = loading.discover(paths)
    files, period_files = periodic.split(found)
    measures, period_problems, period_rows = periodic.read(period_files)
    problems += period_problems
    if not found and not problems:
        where = ", ".join(str(p) for p in paths)
        problems.append(Problem.of(where, None, None, Code.NO_FILES, "file.no-count-files"))
    read = loading.read_files(files)
    result = validate_read(read, tax)
    problems += periodic.check_months(
        measures, result.totals.select("month", "channel", "metric", "count").iter_rows()
    )
    problems = sorted([*problems, *read.problems, *result.problems], key=sort_key)
    temporary = [t for p in paths for t in leftovers(p)]
    report = Report(problems, read.files + len(period_files), read.rows + period_rows, temporary)
    return report, _Checked(result, tax, measures)


def _dataset(checked: _Checked) -> Dataset:
    """The typed frames the figures read: text cells, ``year`` and ``count`` as integers."""
    import polars as pl

    text = [pl.col(c).cast(pl.String) for c in ("channel", "metric", "dimension", "category")]
    month = pl.col("month").cast(pl.String)
    year = month.str.slice(0, 4).cast(pl.Int32).alias("year")
    counts = checked.result.counts.select(month, year, *text, "count").collect()
    totals = checked.result.totals.select("month", year, "channel", "metric", "count")
    timed = pl.col("metric").is_in(DURATION_METRICS)
    additive = ~pl.col("metric").is_in(list(NON_ADDITIVE))
    return Dataset(
        counts=counts.filter(~timed & additive),
        totals=totals.filter(~timed & additive),
        taxonomy=checked.taxonomy,
        durations=counts.filter(timed),
        duration_totals=totals.filter(timed),
        measures=checked.measures,
        unsummed=totals.filter(~additive),
    )


def check(paths: Sequence[Path], taxonomy_dir: Path | None) -> Report:
    """Validate count files (or directories of them) against a taxonomy; never raises."""
    return _check(paths, taxonomy_dir)[0]


def load(data_dir: Path) -> Dataset:
    """The valid dataset of ``data_dir``.

    Raises:
        DataError: the directory is missing, empty, or holds any invalid file.
    """
    if not data_dir.is_dir():
        raise DataError(
            [Problem.of(str(data_dir), None, None, Code.NO_FILES, "file.no-data-dir")],
            msg("error.no-data"),
        )
    report, checked = _check([data_dir], data_dir)
    if report.problems or checked is None:
        raise DataError(
            report.problems,
            msg("error.problems-in", n=len(report.problems), path=str(data_dir)),
        )
    return _dataset(checked)
