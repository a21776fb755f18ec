"""One protected release per year and threshold, which every published table agrees with.

Protected one at a time, two tables at the same threshold can pin a count each hides: a
cross-tab hides a cell, a breakdown shows its row, and the row less the cells shown is
the cell. So, for a year Y and threshold N:

1. **The base release** R(Y): every table the figure commands publish for Y
   (:func:`suppression.year_release`) and every table of Y's report, each once,
   protected together once, with R(Y − 1) as published frozen (a year's tables show the
   year before's totals, months and sites as previous figures; two releases protected
   apart could together pin a count both hide, as 2023's and 2024's did email's 2023
   months at 40 on the examples). It depends only on the data up to Y, N and the
   report's settings, so every command and the report hide the same counts of it, and a
   new year's data leaves the releases before it as they were.
2. **A command's table** T is protected with R(Y) as published, frozen
   (:func:`suppression.protect`): a count R publishes stays published in T, one R hides
   is hidden in T, and T's own counts (a month, a named group, a day that R does not
   show) are hidden as needed so that, with R as published, no hidden count is narrower
   than N. A table that is one of R's is published as R's protected copy.

Why stage 2 ends safe: with every own count of T hidden, T publishes R's published counts
at R's values, and figures derived only from published counts (a figure derived from a
hidden count is hidden with it): nothing that a reader of R does not know, which stage 1
made safe. Two facts can remain that R's own attack did not use: a relation T states
between counts of R that R's tables do not state (the contract holds it whatever is
published), and each hidden own count of T being at least 1. Where either narrows a
count, :func:`suppression.protect` raises and the command stops with a message rather
than publish (not seen on the examples, at thresholds 3, 10 and 50).

Stage 1 of each year is stage 2 with R(Y) as T and R(Y − 1) as the release, so it ends
safe the same way.

A period that is not one year (a month, a range, two periods compared) is protected with
the base releases of every year it touches and of the years before them (whose counts
its previous figures show): the same hidden counts as every command on those years.
Releases more than a year apart share no count; a table touching three years or more is
attacked with all of them, though each release was protected only with the one before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from alarmcli.errors import AlarmError, NoDataError
from alarmcli.messages import msg
from alarmcli.suppression import UnprotectableError, year_release
from alarmcli.suppression import protect as protect_with

if TYPE_CHECKING:
    from alarmcli.dataset import Dataset
    from alarmcli.figures import Table
    from alarmcli.schemas import ReportSettings


@dataclass(frozen=True)
class Base:
    """A year's base release: its tables as computed, and as published (protected)."""

    tables: list[Table]
    published: list[Table]

    def copy_of(self, table: Table) -> Table | None:
        """The published copy of ``table`` if it is one of the release's, else None."""
        for computed, published in zip(self.tables, self.published, strict=True):
            if computed == table:
                return published
        return None


def base(
    dataset: Dataset,
    year: int,
    threshold: int,
    report: Sequence[Table],
    before: Sequence[Table],
) -> Base:
    """R(``year``) protected at ``threshold``: the figure commands' tables and ``report``'s.

    ``report``: the tables of the year's report (:func:`alarmcli.report.tables`). A table
    both publish is in the release once. ``before``: the year before's release as
    published, which it is protected with (frozen).

    Raises:
        NoDataError: the year has no counts.
        AlarmError: it cannot be protected with the year before's (:func:`protect`).
    """
    tables: list[Table] = []
    for table in (*year_release(dataset, year), *report):
        if table not in tables:
            tables.append(table)
    return Base(tables, protect(tables, threshold, before))


def chain(
    dataset: Dataset,
    until: int,
    threshold: int,
    settings: ReportSettings,
    report: Sequence[Table] | None = None,
) -> dict[int, Base]:
    """The base release of every year with counts up to ``until``, from the first.

    Each is protected with the one before it frozen: a year's release shows the year
    before's totals, months and sites as its previous figures, so two releases protected
    apart could together pin a count both hide. ``report``: ``until``'s report tables, if
    already computed.
    """
    from alarmcli.report import tables

    out: dict[int, Base] = {}
    before: Sequence[Table] = ()
    for year in (y for y in dataset.years() if y <= until):
        own = report if year == until and report is not None else None
        try:
            out[year] = base(
                dataset, year, threshold, own or tables(dataset, year, settings), before
            )
        except NoDataError:  # a year with counts but no release (no contact channel)
            continue
        before = out[year].published
    return out


def published(
    table: Table,
    dataset: Dataset,
    years: Iterable[int],
    threshold: int,
    settings: ReportSettings,
) -> Table:
    """``table``, of a period touching ``years``, as published with their base releases.

    Those of the years and of the years before them (whose counts a year's tables show as
    previous figures).

    Raises:
        AlarmError: a hidden count that hiding more of ``table``'s own counts cannot protect.
    """
    touched = set(years)
    releases = chain(dataset, max(touched), threshold, settings)
    for year in sorted(touched, reverse=True):
        if year in releases and (copy := releases[year].copy_of(table)) is not None:
            return copy
    near = touched | {y - 1 for y in touched}
    frozen = [t for y in sorted(near) if y in releases for t in releases[y].published]
    return protect([table], threshold, frozen)[0]


def protect(tables: Sequence[Table], threshold: int, frozen: Sequence[Table]) -> list[Table]:
    """:func:`suppression.protect` with ``frozen``; a failure is the user's to act on.

    Raises:
        AlarmError: a hidden count that hiding more of ``tables``' own counts cannot protect
            (a higher threshold, or fewer tables, may do).
    """
    try:
        return protect_with(tables, threshold, frozen=frozen)
    except UnprotectableError:
        raise AlarmError(msg("suppress.unprotectable", threshold=threshold)) from None
