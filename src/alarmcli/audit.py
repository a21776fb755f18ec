"""The audit: an attack on published tables that finds how closely each hidden count is known.

It reads only what the tables publish (counts, shares, per-day figures, changes, with their
one-decimal rounding) and the facts every reader of the contract knows (exhaustive rows
add up to their total; no multi-label row exceeds it; a year lies between its peak month
and twelve times it; a hidden count is at least 1, since zeros are published). For each
hidden count it solves two integer programs with HiGHS, the smallest and the largest
value consistent with all of that. A count is safe when that interval is at least N wide:
``high − low ≥ N``.

It never sees which counts suppression chose or why, so it checks suppression instead of
repeating it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from alarmcli.suppression import SUPPRESSED, Key, describe, over_time

if TYPE_CHECKING:
    from alarmcli.figures import Table

#: Half the last digit of a figure rounded to one decimal.
HALF = 0.05


@dataclass(frozen=True)
class Finding:
    """How closely a hidden count can be worked out from a release: ``low ≤ count ≤ high``."""

    key: Key
    low: float
    high: float
    threshold: int

    @property
    def width(self) -> float:
        """``high − low``: infinite when nothing bounds the count from above."""
        return self.high - self.low

    @property
    def safe(self) -> bool:
        """Whether the interval is at least the threshold wide."""
        return self.width >= self.threshold


class _Model:
    """Linear facts over the unknown counts; published counts enter as constants."""

    def __init__(self, known: dict[Key, int], hidden: set[Key]) -> None:
        self.known = known
        self.hidden = hidden
        self.index: dict[Key, int] = {}
        self.rows: list[tuple[dict[int, float], float, float]] = []

    def var(self, k: Key) -> int:
        return self.index.setdefault(k, len(self.index))

    def add(self, terms: Sequence[tuple[float, Key]], low: float, high: float) -> None:
        """``low ≤ Σ coef × count ≤ high``, with published counts moved to the bounds."""
        coefs: dict[int, float] = {}
        constant = 0.0
        for coef, k in terms:
            if k in self.known:
                constant += coef * self.known[k]
            else:
                i = self.var(k)
                coefs[i] = coefs.get(i, 0.0) + coef
        if coefs:
            self.rows.append((coefs, low - constant, high - constant))


def audit(tables: Sequence[Table], threshold: int) -> list[Finding]:
    """Every hidden count of tables published together, with its feasible interval.

    Raises:
        ValueError: the published figures contradict each other (no count fits them).
    """
    model = _facts(tables)
    hidden = sorted(model.hidden)
    if not hidden:
        return []
    for k in hidden:
        model.var(k)
    return [
        Finding(k, low, high, threshold)
        for k, (low, high) in zip(hidden, _bounds(model, hidden), strict=True)
    ]


def interval(tables: Sequence[Table], k: Key) -> tuple[float, float]:
    """The smallest and largest value the published ``tables`` allow for the hidden ``k``."""
    model = _facts(tables)
    model.var(k)
    return _bounds(model, [k])[0]


def _facts(tables: Sequence[Table]) -> _Model:
    structures = [describe(t) for t in tables]
    known: dict[Key, int] = {}
    hidden: set[Key] = set()
    for table, structure in zip(tables, structures, strict=True):
        for cell in structure.cells:
            value = table.records[cell.record][cell.column]
            if value is SUPPRESSED:
                hidden.add(cell.key)
            elif isinstance(value, int):
                known[cell.key] = value
    model = _Model(known, hidden - set(known))
    inf = math.inf
    for structure in [*structures, over_time(structures)]:
        for r in structure.relations:
            if r.op == "sum":
                model.add([(1.0, r.whole), *((-1.0, p) for p in r.parts)], 0.0, 0.0)
            elif r.op == "within":
                for p in r.parts:
                    model.add([(1.0, r.whole), (-1.0, p)], 0.0, inf)
            else:  # peak: part ≤ whole ≤ factor × part
                (part,) = r.parts
                model.add([(1.0, r.whole), (-1.0, part)], 0.0, inf)
                model.add([(1.0, r.whole), (-float(r.factor), part)], -inf, 0.0)
    for table, structure in zip(tables, structures, strict=True):
        for d in structure.derived:
            value = table.records[d.record][d.column]
            if isinstance(value, int | float):
                _derived(model, d.op, d.keys, d.factor, float(value))
    return model


def _derived(model: _Model, op: str, keys: tuple[Key, ...], factor: float, p: float) -> None:
    """What a published figure says about its counts, within its rounding."""
    inf = math.inf
    if op == "hide":  # says nothing about the counts
        return
    if op == "diff":  # b − a, exact
        a, b = keys
        model.add([(1.0, b), (-1.0, a)], p, p)
    elif op == "per":  # a / factor, to one decimal
        (a,) = keys
        model.add([(1.0, a)], (p - HALF) * factor, (p + HALF) * factor)
    elif op == "ratio":  # factor × a / b, to one decimal
        a, b = keys
        model.add([(factor, a), (-(p + HALF), b)], -inf, 0.0)
        model.add([(factor, a), (-(p - HALF), b)], 0.0, inf)
    else:  # change_pct: 100 (factor × b − a) / a, to one decimal
        a, b = keys
        model.add([(100.0 * factor, b), (-(100.0 + p + HALF), a)], -inf, 0.0)
        model.add([(100.0 * factor, b), (-(100.0 + p - HALF), a)], 0.0, inf)


def _bounds(model: _Model, hidden: list[Key]) -> list[tuple[float, float]]:
    """The smallest and largest integer value of each hidden count (HiGHS, one model)."""
    import numpy as np
    from highspy import HighsModelStatus, HighsVarType, ObjSense, kHighsInf
    from highspy._core import _Highs  # the solver without the banner Highs() prints

    h: Any = _Highs()
    h.setOptionValue("output_flag", False)
    n = len(model.index)
    lower = np.array([1.0 if k in model.hidden else 0.0 for k in model.index])
    h.addVars(n, lower, np.full(n, kHighsInf))
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.array([HighsVarType.kInteger] * n))
    for coefs, low, high in model.rows:
        cols = np.array(list(coefs), dtype=np.int32)
        h.addRow(
            max(low, -kHighsInf),
            min(high, kHighsInf),
            len(cols),
            cols,
            np.array(list(coefs.values())),
        )
    out = []
    for k in hidden:
        i = model.index[k]
        h.changeColCost(i, 1.0)
        ends = []
        for sense in (ObjSense.kMinimize, ObjSense.kMaximize):
            h.changeObjectiveSense(sense)
            h.run()
            status = h.getModelStatus()
            if status == HighsModelStatus.kOptimal:
                ends.append(round(h.getInfo().objective_function_value))
            elif sense == ObjSense.kMaximize and status in {
                HighsModelStatus.kUnbounded,
                HighsModelStatus.kUnboundedOrInfeasible,
            }:
                ends.append(math.inf)
            else:
                raise ValueError(f"the published figures admit no value for {k}: {status}")
        h.changeColCost(i, 0.0)
        out.append((ends[0], ends[1]))
    return out


AUDIT_COLUMNS = (
    "channel", "metric", "dimension", "category", "months", "low", "high", "width", "safe",
)  # fmt: skip


def findings_table(findings: Sequence[Finding], threshold: int) -> Table:
    """The findings as a table, the narrowest interval first; empty width when unbounded."""
    from alarmcli.figures import Note, Table

    table = Table(
        "audit",
        AUDIT_COLUMNS,
        [],
        title={
            "en": f"Hidden counts and what the published figures reveal (threshold {threshold})",
            "nb": f"Skjulte tall og hva de publiserte tallene røper (terskel {threshold})",
        },
    )
    for f in sorted(findings, key=lambda f: (f.width, f.key)):
        channel, metric, dimension, category, months = f.key
        table.records.append(
            {
                "channel": channel,
                "metric": metric,
                "dimension": dimension,
                "category": category,
                "months": f"{months[0]}..{months[-1]}" if len(months) > 1 else months[0],
                "low": int(f.low),
                "high": None if math.isinf(f.high) else int(f.high),
                "width": None if math.isinf(f.width) else int(f.width),
                "safe": "yes" if f.safe else "NO",
            }
        )
    exposed = sum(not f.safe for f in findings)
    table.notes.append(
        Note(
            f"{len(findings)} hidden counts; {exposed} can be worked out to within less than "
            f"{threshold}; an empty high means no upper bound",
            f"{len(findings)} skjulte tall; {exposed} kan regnes ut til nærmere enn "
            f"{threshold}; tom øvre grense betyr ingen grense",
        )
    )
    return table
