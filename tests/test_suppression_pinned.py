"""Suppression's choices pinned: exactly which cells of the 2024 report it hides.

``suppression.protect`` is deterministic; making it faster must not change what it
hides, nor the intervals the audit then finds. The golden file holds, for thresholds
3, 5, 10 and 50 over every table of the 2024 report on the examples (protected with the
figure commands' tables of 2024, as the report is published), each hidden figure
(table, record, column), each hidden count's key and its interval. Set
``UPDATE_GOLDEN=1`` to rewrite it after a deliberate change, then read the diff.

On random small releases, ``protect`` hides what the plain procedure it speeds up hides
(:func:`reference_protect`: publish, describe and attack from scratch with one integer
program per end on the whole model, try each candidate on tables published anew, every
round), and the audit finds the same intervals as that attack.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pytest
from highspy import HighsModelStatus, HighsVarType, ObjSense, kHighsInf
from highspy._core import _Highs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alarmcli import arithmetic as ar
from alarmcli import config, dataset
from alarmcli.audit import Facts, audit
from alarmcli.figures import LOWEST, PEAK, SERIES_COLUMNS, SUMMARY_COLUMNS, Table
from alarmcli.report import _figures
from alarmcli.suppression import (
    SUPPRESSED,
    TRIALS,
    Key,
    Release,
    _note,
    protect,
    publish,
    release,
)
from alarmcli.times import MEANS, MISSED, RATE, TIMES_COLUMNS
from alarmcli.yearly import chain
from test_suppression import one_way

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "data"
GOLDEN = Path(__file__).resolve().parent / "golden" / "suppression-report-2024.json"
DATA = dataset.load(EXAMPLES)


def report_tables(year: int) -> list[Table]:
    """Every table the report of ``year`` publishes on the examples."""
    return _figures(DATA, year, config.load(EXAMPLES).report).tables


def choices(tables: list[Table], threshold: int) -> dict[str, Any]:
    """What ``protect`` hides in the report's tables and the intervals the audit of them
    finds, as plain data: the report's tables as ``build`` publishes them, protected with
    the figure commands' (the year's base release)."""
    rel = chain(DATA, 2024, threshold, config.load(EXAMPLES).report, tables)[2024]
    out = [c for t in tables if (c := rel.copy_of(t)) is not None]
    assert len(out) == len(tables)
    cells = [
        [t, table.kind, i, column]
        for t, table in enumerate(out)
        for i, record in enumerate(table.records)
        for column, value in record.items()
        if value is SUPPRESSED
    ]
    findings = audit(out, threshold)
    return {
        "cells": cells,
        "counts": [[*f.key[:4], list(f.key[4]), f.low, f.high] for f in findings],
    }


@pytest.fixture(scope="module")
def tables() -> list[Table]:
    return report_tables(2024)


@pytest.mark.parametrize("threshold", [3, 5, 10, 50])
def test_protect_hides_what_it_hid(tables: list[Table], threshold: int) -> None:
    """The 2024 report's hidden cells and the audit's intervals are the golden file's."""
    found = json.loads(json.dumps(choices(tables, threshold)))
    golden = json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}
    if os.environ.get("UPDATE_GOLDEN"):
        golden[str(threshold)] = found
        GOLDEN.write_text(dump(golden), encoding="utf-8")
    assert found == golden[str(threshold)]
    assert all(high - low >= threshold for *_, low, high in found["counts"])


def dump(golden: dict[str, dict[str, list[list[Any]]]]) -> str:
    """The golden file's text: one hidden figure or count a line, for a readable diff."""
    parts = []
    for threshold, found in sorted(golden.items(), key=lambda kv: int(kv[0])):
        lists = [
            f'"{name}": [\n' + ",\n".join(json.dumps(row) for row in rows) + "\n]"
            for name, rows in found.items()
        ]
        parts.append(f'"{threshold}": {{\n' + ",\n".join(lists) + "\n}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def reference_protect(tables: list[Table], threshold: int) -> list[Table]:
    """Suppression as a plain loop: each round publishes the tables, audits every hidden
    count from scratch, and tries each candidate for the first exposed one on tables
    published anew (what ``protect`` did before it described the tables once)."""
    if threshold <= 1:
        return list(tables)
    rel = release(tables)
    hidden = {k for k, v in rel.values.items() if 0 < v < threshold}
    if not hidden:
        return list(tables)
    while True:
        published = publish(rel, hidden)
        found = reference_audit(published, hidden)
        exposed = [f for f in found if f.high - f.low < threshold]
        if not exposed:
            break
        hidden.add(reference_next(rel, hidden, exposed[0].key, threshold))
    for table in published:
        if any(SUPPRESSED in r.values() for r in table.records):
            table.notes.append(_note(threshold))
    return published


class Interval(NamedTuple):
    key: Key
    low: float
    high: float


def reference_audit(tables: list[Table], keys: Iterable[Key]) -> list[Interval]:
    """The interval of each of ``keys`` (hidden in ``tables``), in the audit's order: the
    tables described from scratch, each count solved for on the whole model, an integer
    program for each end (as the audit did before it split the model and relaxed it)."""
    model = Facts(tables).model(set())
    order = sorted(keys)
    for k in order:
        model.var(k)
    h: Any = _Highs()
    h.setOptionValue("output_flag", False)
    n = len(model.index)
    lower = np.array([1.0 if k in model.hidden else 0.0 for k in model.index])
    h.addVars(n, lower, np.full(n, kHighsInf))
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.array([HighsVarType.kInteger] * n))
    for coefs, low, high in model.rows:
        cols = np.array(list(coefs), dtype=np.int32)
        values = np.array(list(coefs.values()))
        h.addRow(max(low, -kHighsInf), min(high, kHighsInf), len(cols), cols, values)
    out = []
    for k in order:
        h.changeColCost(model.index[k], 1.0)
        ends = []
        for sense in (ObjSense.kMinimize, ObjSense.kMaximize):
            h.changeObjectiveSense(sense)
            h.run()
            status = h.getModelStatus()
            if status == HighsModelStatus.kOptimal:
                ends.append(round(h.getInfo().objective_function_value))
            else:
                assert sense == ObjSense.kMaximize, status
                assert status in {
                    HighsModelStatus.kUnbounded,
                    HighsModelStatus.kUnboundedOrInfeasible,
                }
                ends.append(math.inf)
        h.changeColCost(model.index[k], 0.0)
        out.append(Interval(k, *ends))
    return out


def reference_next(rel: Release, hidden: set[Key], exposed: Key, n: int) -> Key:
    """The count to hide next for ``exposed``, searched for from scratch."""
    relations = [{r.whole, *r.parts} for s in rel.structures for r in s.relations]
    wholes = {r.whole for s in rel.structures for r in s.relations}

    def order(keys: set[Key]) -> list[Key]:
        shown = [k for k in keys if k in rel.values and k not in hidden and rel.values[k] > 0]
        return sorted(shown, key=lambda k: (k in wholes, rel.values[k], k))

    # the counts sharing a relation with it; where all are hidden, one relation further …
    reached, candidates = {exposed}, []
    while not candidates:
        near = {k for r in relations if reached.intersection(r) for k in r}
        if near == reached:
            break
        reached, candidates = near, order(near)
    candidates = candidates or order(set(rel.values))
    inner = [k for k in candidates if k not in wholes] or candidates
    ties = {k: sum(1 for r in relations if k in r and hidden.intersection(r)) for k in inner}
    inner = [k for k in inner if ties[k] == max(ties.values())]
    totals = [k for k in candidates if k in wholes and k not in inner]
    for k in [*inner[:TRIALS], *totals[:TRIALS]]:
        ((_, low, high),) = reference_audit(publish(rel, hidden | {k}), [exposed])
        if high - low >= n:
            return k
    return max(inner, key=lambda k: (rel.values[k], k))


def series(totals: list[int], previous: list[int | None]) -> Table:
    """The monthly series of phone calls answered, with last year's months where given, and
    the busiest and quietest month marked as ``alarm series`` marks them."""
    peak = max(range(len(totals)), key=lambda m: (totals[m], -m))
    low = min(range(len(totals)), key=lambda m: (totals[m], m))
    marks = {peak: PEAK, low: LOWEST} if len(totals) > 1 else {}
    records = [
        {
            "channel": "phone",
            "metric": "answered",
            "month": f"2024-{m:02d}",
            "count": count,
            "days": 31,
            "per_day": ar.per_day(count, 31),
            "previous_count": before,
            "change": ar.change(count, before),
            "change_pct": ar.change_percent(count, before),
            "mark": marks.get(m - 1, ""),
        }
        for m, (count, before) in enumerate(zip(totals, previous, strict=True), start=1)
    ]
    return Table("series", SERIES_COLUMNS, records)


def summary(totals: list[int]) -> Table:
    """The key figures of phone calls answered over the months of ``totals``: the total,
    the busiest and quietest month (a total lies between its peak and months × peak)."""
    months = [f"2024-{m:02d}" for m in range(1, len(totals) + 1)]
    peak = max(range(len(totals)), key=lambda m: (totals[m], -m))
    low = min(range(len(totals)), key=lambda m: (totals[m], m))
    total, days = sum(totals), 31 * len(totals)
    record = {
        "channel": "phone",
        "metric": "answered",
        "year": 2024,
        "total": total,
        "previous_total": None,
        "change": None,
        "change_pct": None,
        "months": len(months),
        "per_month": ar.per_month(total, len(months)),
        "per_day": ar.per_day(total, days),
        "peak_month": months[peak],
        "peak_count": totals[peak],
        "period": "2024",
        "low_month": months[low],
        "low_count": totals[low],
        "days": days,
    }
    spans = {("phone", "answered"): tuple(months)}
    return Table("summary", SUMMARY_COLUMNS, [record], spans=spans)


def test_a_peak_month_is_at_least_its_share_of_the_total() -> None:
    """100 calls over 3 months: the busiest month, hidden, had at least 34 (not 33.3, the
    relaxation's answer, nor 33 rounded from it), and at most 100 - 20 - 21 = 59: the year
    is the sum of its months, the quietest named with 20, and the month before it more."""
    table = summary([46, 34, 20])
    table.records[0]["peak_count"] = SUPPRESSED
    (finding,) = [f for f in audit([table], 5) if not f.implied]  # (not the months)
    assert (finding.low, finding.high) == (34, 59)


def answer_rates(answered: list[int], missed: list[int]) -> Table:
    """Phone calls answered and missed by month, with the answer rate of each month."""
    table = Table("times", TIMES_COLUMNS, [])
    for m, (a, b) in enumerate(zip(answered, missed, strict=True), start=1):
        month = f"2024-{m:02d}"
        means = dict.fromkeys(MEANS)
        rate = ar.percent(a, a + b)
        row = {"answered": a, "missed": b, "answer_rate_pct": rate, **means, "unit": "s"}
        table.records.append({"channel": "phone", "dimension": "month", "category": month, **row})
        name = f"month:{month}"
        for suffix in ("", MISSED, RATE, *(f":{column}" for column in MEANS)):
            table.spans[("phone", f"{name}{suffix}")] = (month,)
    return table


@st.composite
def releases(draw: st.DrawFn) -> list[Table]:
    """Sites by month, the same for the quarter, the monthly series, answer rates and key
    figures: tables tied together by sums within each table and across months, by a peak
    month, by shares, per-day figures, changes and rates of counts never shown, with many
    small counts."""
    months = [f"2024-{m:02d}" for m in range(1, draw(st.integers(1, 3)) + 1)]
    width = draw(st.integers(2, 4))
    count = st.one_of(st.integers(0, 6), st.integers(0, 60))
    grid = [draw(st.lists(count, min_size=width, max_size=width)) for _ in months]
    previous = draw(st.lists(st.none() | count, min_size=len(months), max_size=len(months)))
    tables = [one_way(row, month) for row, month in zip(grid, months, strict=True)]
    if len(months) > 1:
        quarter = one_way([sum(column) for column in zip(*grid, strict=True)])
        quarter.spans = {("phone", "answered"): tuple(months)}
        tables.append(quarter)
    missed = draw(st.lists(count, min_size=len(months), max_size=len(months)))
    totals = [sum(row) for row in grid]
    tables += [series(totals, previous), answer_rates(totals, missed)]
    return [*tables, summary(totals)] if draw(st.booleans()) else tables


def outcome(tables: list[Table], threshold: int, how: Any) -> object:
    """What ``how`` publishes (records and notes of each table), or the error it raises."""
    try:
        return [(t.records, t.notes) for t in how(tables, threshold)]
    except ValueError as error:
        return str(error)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(releases(), st.integers(2, 15))
def test_protect_hides_what_the_plain_loop_hides(tables: list[Table], threshold: int) -> None:
    """On random small releases, ``protect`` hides exactly the cells the plain loop hides,
    and the audit finds the intervals a whole-model integer program finds."""
    out = outcome(tables, threshold, protect)
    assert out == outcome(tables, threshold, reference_protect)
    if isinstance(out, list):
        published = protect(tables, threshold)
        found = [Interval(f.key, f.low, f.high) for f in audit(published, threshold)]
        assert found == reference_audit(published, [f.key for f in found])
