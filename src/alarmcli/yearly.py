"""One protected release per year and threshold, which every published table agrees with.

Protected one at a time, two tables at the same threshold can pin a count each hides: a
cross-tab hides a cell, a breakdown shows its row, and the row less the cells shown is
the cell. So, for a year Y and threshold N:

1. **The base release** R(Y): every table the figure commands publish for Y
   (:func:`suppression.year_release`) and every table of Y's report, each once,
   protected together once. It depends only on the data, Y, N and the report's
   settings, so every command and the report hide the same counts of it.
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
count, :func:`suppression.protect` raises rather than publish.

A period that is not one year (a month, a range, two periods compared) is protected with
the base releases of every year it touches, as each was protected alone: the same hidden
counts as every command on those years. Two years' releases share counts (a year's
release shows the year before's months as its previous figures) and are each protected
without the other: that they are safe together is not checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from alarmcli.errors import NoDataError
from alarmcli.suppression import protect, year_release

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
    before: Sequence[Table] = (),
) -> Base:
    """R(``year``) protected at ``threshold``: the figure commands' tables and ``report``'s.

    ``report``: the tables of the year's report (:func:`alarmcli.report.tables`). A table
    both publish is in the release once. ``before``: the year before's release as
    published, which it is protected with (frozen).

    Raises:
        NoDataError: the year has no counts.
    """
    tables: list[Table] = []
    for table in (*year_release(dataset, year), *report):
        if table not in tables:
            tables.append(table)
    return Base(tables, protect(tables, threshold, frozen=before))


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
        ValueError: a hidden count that hiding more of ``table``'s own counts cannot protect.
    """
    if threshold <= 1:
        return table
    touched = set(years)
    releases = chain(dataset, max(touched), threshold, settings)
    for year in sorted(touched, reverse=True):
        if year in releases and (copy := releases[year].copy_of(table)) is not None:
            return copy
    near = touched | {y - 1 for y in touched}
    frozen = [t for y in sorted(near) if y in releases for t in releases[y].published]
    return protect([table], threshold, frozen=frozen)[0]
