"""The audit: an attack on published tables that finds how closely each hidden count is known.

It reads only what the tables publish (counts, shares, per-day figures, changes, with their
one-decimal rounding) and the facts every reader of the contract knows (exhaustive rows
add up to their total; no multi-label row exceeds it; a year is the sum of its months and
lies between its named peak month and its number of months times it; a named busiest or
quietest month bounds the other months of its series, and one whose name is hidden is one
of the hidden months; a hidden count is at least 1, since zeros are published). For
each hidden count it solves two integer programs with HiGHS, the smallest and the largest
value consistent with all of that. A count is safe when that interval is at least N
wide: ``high − low ≥ N``.

It never sees which counts suppression chose or why, so it checks suppression instead of
repeating it. Suppression uses the same attack (:class:`Facts`) after each count it hides.

Each integer program is solved on the part of the facts tied to its count, and as a
linear program first: where that optimum has every count (and every 0-or-1 choice of a
hidden extreme) a whole number, it is the integer optimum too, and most are. The linear
optimum is never narrower than the integer one, so a count it finds too narrow is.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from alarmcli.suppression import (
    SUPPRESSED,
    Derived,
    Extreme,
    Key,
    Structure,
    covers,
    describe,
    over_time,
)

if TYPE_CHECKING:
    from alarmcli.figures import Table

#: Half the last digit of a figure rounded to one decimal.
HALF = 0.05
#: How far from a whole number a value may be and count as one (HiGHS's own tolerance).
WHOLE = 1e-6
#: How far an optimum may be off for HiGHS's tolerances, with a wide margin.
SLACK = 1e-3


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

    #: a count no table shows (a month of a summary's year): safe too where it cannot be
    #: small
    implied: bool = False

    @property
    def safe(self) -> bool:
        """Whether the interval is at least the threshold wide (or, implied, above it)."""
        return self.width >= self.threshold or (self.implied and self.low >= self.threshold)


class _Model:
    """Linear facts over the unknown counts; published counts enter as constants."""

    def __init__(self, known: dict[Key, int], hidden: set[Key]) -> None:
        """Facts over ``known`` counts (but those ``hidden`` too) and ``hidden`` ones (≥ 1)."""
        self.known = known
        self.hidden = hidden
        self.index: dict[Key, int] = {}
        self.rows: list[tuple[dict[int, float], float, float]] = []
        self.upper: dict[int, float] = {}  # the binaries' upper bound, 1
        self.ceiling: dict[int, float] = {}  # a count's least upper bound by a row of its own

    def var(self, k: Key) -> int:
        return self.index.setdefault(k, len(self.index))

    def binary(self, k: Key) -> int:
        """A 0-or-1 variable (a choice, not a count)."""
        i = self.var(k)
        self.upper[i] = 1.0
        return i

    @property
    def hidden_columns(self) -> set[int]:
        """The columns of hidden counts: each at least 1, since zeros are published."""
        return {i for k, i in self.index.items() if k in self.hidden}

    def add(self, terms: Sequence[tuple[float, Key]], low: float, high: float) -> None:
        """``low ≤ Σ coef × count ≤ high``, with published counts moved to the bounds."""
        coefs: dict[int, float] = {}
        constant = 0.0
        for coef, k in terms:
            if k in self.known and k not in self.hidden:
                constant += coef * self.known[k]
            else:
                i = self.var(k)
                coefs[i] = coefs.get(i, 0.0) + coef
        if coefs:
            self.rows.append((coefs, low - constant, high - constant))
        if len(coefs) == 1 and not math.isinf(high):
            ((i, coef),) = coefs.items()
            if coef > 0:
                bound = math.floor((high - constant) / coef + WHOLE)
                self.ceiling[i] = min(self.ceiling.get(i, math.inf), bound)


def audit(tables: Sequence[Table], threshold: int) -> list[Finding]:
    """Every hidden count of tables published together, with its feasible interval.

    Raises:
        ValueError: the published figures contradict each other (no count fits them).
    """
    return Facts(tables).findings(threshold)


#: A fact as a row: ``low ≤ Σ coef × count ≤ high``, and the place of the figure it
#: comes from (table, record, column), or None for a relation.
_Row = tuple[list[tuple[float, Key]], float, float, "tuple[int, int, str] | None"]


class Facts:
    """What tables published together say about their counts, described once.

    :meth:`model` gives the facts of the tables as they would be published with some more
    counts hidden, and every figure derived from them (:func:`suppression.publish`):
    the same model as describing those published tables from scratch, built from the
    rows that change with the hidden counts only. Suppression asks it for one set of
    hidden counts after another; the audit for the tables as they are.
    """

    def __init__(self, tables: Sequence[Table], structures: Sequence[Structure] = ()) -> None:
        """``structures``: the tables' and then :func:`over_time`'s, if already described."""
        if not structures:
            described = [describe(t) for t in tables]
            structures = [*described, over_time(described)]
        self.known: dict[Key, int] = {}
        self.marked: set[Key] = set()  # counts the tables already hide
        self.covers: dict[tuple[int, int, str], set[Key]] = {}
        for t, (table, structure) in enumerate(zip(tables, structures, strict=False)):
            for cell in structure.cells:
                value = table.records[cell.record][cell.column]
                if value is SUPPRESSED:
                    self.marked.add(cell.key)
                elif isinstance(value, int):
                    self.known[cell.key] = value
            for (i, column), keys in covers(table, structure).items():
                self.covers[(t, i, column)] = keys
        self.rows: list[_Row] = []
        inf = math.inf
        for structure in structures:
            for r in structure.relations:
                if r.op == "within":
                    for p in r.parts:
                        self._row([(1.0, r.whole), (-1.0, p)], 0.0, inf)
                else:  # sum: whole − parts = 0; most: ≥ 0
                    high = 0.0 if r.op == "sum" else inf
                    self._row([(1.0, r.whole), *((-1.0, p) for p in r.parts)], 0.0, high)
        for t, (table, structure) in enumerate(zip(tables, structures, strict=False)):
            for d in structure.derived:
                value = table.records[d.record][d.column]
                if value is not None and value is not SUPPRESSED:
                    _derived(partial(self._row, place=(t, d.record, d.column)), d, value)
        # the rows of a model: those with a count never shown, less the figures the hidden
        # counts hide, and the rows of the hidden counts that stay (a relation; a figure
        # not hidden with them, as the busiest month's name is not with the year's count)
        self.free: set[int] = set()
        self.relations_of: dict[Key, list[int]] = defaultdict(list)
        self.gone_with: dict[Key, list[int]] = defaultdict(list)
        for n, (terms, _, _, place) in enumerate(self.rows):
            covered = self.covers[place] if place else set()
            for k in covered:
                self.gone_with[k].append(n)
            if any(k not in self.known for _, k in terms):
                self.free.add(n)
            for k in dict.fromkeys(k for _, k in terms if k in self.known and k not in covered):
                self.relations_of[k].append(n)
        # counts no table shows that the facts are about; the busiest and quietest months
        # of series whose months are shown or implied
        implied = dict.fromkeys(k for s in structures for k in s.implied)
        self.implied = [k for k in implied if k not in self.known and k not in self.marked]
        cells = self.known.keys() | self.marked | set(self.implied)
        extremes = (e for s in structures for e in s.extremes)
        self.extremes = [e for e in dict.fromkeys(extremes) if cells.issuperset(e.months)]

    def _row(
        self,
        terms: list[tuple[float, Key]],
        low: float,
        high: float,
        place: tuple[int, int, str] | None = None,
    ) -> None:
        self.rows.append((terms, low, high, place))

    def model(self, hidden: set[Key]) -> _Model:
        """The facts with the counts ``hidden`` hidden too, and what is derived from them."""
        model = _Model(self.known, (self.marked - self.known.keys()) | (hidden & self.known.keys()))
        rows = set(self.free)
        for k in hidden:
            rows.update(self.relations_of.get(k, ()))
        for k in hidden:
            rows.difference_update(self.gone_with.get(k, ()))
        for n in sorted(rows):
            terms, low, high, _ = self.rows[n]
            model.add(terms, low, high)
        for k in self.implied:
            model.var(k)
        named = [(e, _named(e, model)) for e in self.extremes]
        for e, month in named:
            if month is not None:
                _named_extreme(model, e, month)
        bounds = cache(partial(_upper_bounds, model, len(model.rows)))  # before any choice
        for e, month in named:
            if month is None:
                _withheld_extreme(model, e, bounds)
        return model

    def findings(self, threshold: int) -> list[Finding]:
        """Every hidden count's interval (and every implied count's)."""
        model = self.model(set())
        keys = self._hidden(model)
        ends = _Ends(model)
        found = [Finding(k, ends.low(k), ends.high(k), threshold) for k in keys]
        return found + [
            Finding(k, ends.low(k), ends.high(k), threshold, True) for k in self.implied
        ]

    def exposed(self, hidden: set[Key], threshold: int, safe: set[Key]) -> Key | None:
        """The first hidden count, in the order of :func:`audit`, narrower than ``threshold``.

        Counts in ``safe`` are taken as safe and not solved for; those found safe are added.
        """
        model = self.model(hidden)
        keys = self._hidden(model)
        ends = _Ends(model)
        for k in [*keys, *self.implied]:
            if k in safe:
                continue
            if ends.wide(k, threshold):
                safe.add(k)  # hiding more only widens it
            elif not (k in self.implied and ends.low(k) >= threshold):
                return k  # (one that cannot be small may be, once more is hidden: not kept)
        return None

    @staticmethod
    def _hidden(model: _Model) -> list[Key]:
        """The model's hidden counts in the audit's order, each a column of the model."""
        keys = sorted(model.hidden)
        for k in keys:
            model.var(k)
        return keys

    def wide(self, hidden: set[Key], k: Key, threshold: int) -> bool:
        """Whether ``k``'s interval is at least ``threshold`` wide with ``hidden`` hidden too."""
        model = self.model(hidden)
        model.var(k)
        return _Ends(model).wide(k, threshold)


def _derived(add: Callable[..., None], d: Derived, value: object) -> None:
    """What a published figure says about its counts, within its rounding."""
    inf = math.inf
    keys, factor = d.keys, d.factor
    if d.op == "hide":  # says nothing about the counts
        return
    if d.op == "peak":  # the busiest month a: a ≤ the period's count ≤ factor × a
        ((a,), (whole,)) = keys, d.also
        add([(1.0, whole), (-1.0, a)], 0.0, inf)
        add([(1.0, whole), (-factor, a)], -inf, 0.0)
        return
    if not isinstance(value, int | float):
        return
    p = float(value)
    if d.op == "diff":  # b − a, exact
        a, b = keys
        add([(1.0, b), (-1.0, a)], p, p)
    elif d.op == "per":  # a / factor, to one decimal
        (a,) = keys
        add([(1.0, a)], (p - HALF) * factor, (p + HALF) * factor)
    elif d.op == "ratio":  # factor × a / b, to one decimal
        a, b = keys
        add([(factor, a), (-(p + HALF), b)], -inf, 0.0)
        add([(factor, a), (-(p - HALF), b)], 0.0, inf)
    else:  # change_pct: 100 (factor × b − a) / a, to one decimal
        a, b = keys
        add([(100.0 * factor, b), (-(100.0 + p + HALF), a)], -inf, 0.0)
        add([(100.0 * factor, b), (-(100.0 + p - HALF), a)], 0.0, inf)


def _named(e: Extreme, model: _Model) -> Key | None:
    """The month ``e`` names, if its name is published: not where its count is hidden."""
    return e.named if e.named is not None and e.named not in model.hidden else None


def _values(e: Extreme, model: _Model) -> list[int | None]:
    """The months' published counts, None for a hidden one or one no table shows."""
    return [None if m in model.hidden else model.known.get(m) for m in e.months]


def _named_extreme(model: _Model, e: Extreme, named: Key) -> None:
    """A busiest month named with its count: no month more, none before it as many.

    (The quietest likewise: no month fewer, none before it as few.)
    """
    values = _values(e, model)
    first = e.months.index(named)
    count = float(model.known[named])
    for j, m in enumerate(e.months):
        if values[j] is None:
            strict = 1.0 if j < first else 0.0
            if e.op == "peak":
                model.add([(1.0, m)], -math.inf, count - strict)
            else:
                model.add([(1.0, m)], count + strict, math.inf)


def _withheld_extreme(model: _Model, e: Extreme, bounds: Callable[[], list[float]]) -> None:
    """An extreme whose name is hidden: one of the hidden months, past every published one.

    Past every published month, and strictly past those before it (the earliest of equal
    months is named). A disjunction: a binary z per hidden month that may be the
    extreme, Σ z ≥ 1, and z = 1 puts its month past the published ones (big-M, M its
    largest distance to that bound: exact, as the month cannot be farther). Where only
    one month can be it, a plain bound; nothing where every month or none is hidden. A
    busiest month is at least 1, so its M is known. A quietest month's M needs an upper
    bound: a row of its own (a named busiest month's), else one the rows imply
    (:func:`_upper_bounds`); where a month that may be the quietest has none, the
    disjunction is left out (docs/suppression.md, "Limits").
    """
    values = _values(e, model)
    shown = [(j, v) for j, v in enumerate(values) if v is not None]
    hidden = [j for j, v in enumerate(values) if v is None]
    if not shown or not hidden:
        return
    if e.op == "peak":
        if e.tie and values[0] is not None and all(v <= values[0] for _, v in shown):
            return  # all months may be equal, and the first both extremes
        need = {j: float(max(v + (s < j) for s, v in shown)) for j in hidden}
        if min(need.values()) <= 1:  # a hidden month is at least 1: nothing new
            return
        reach = {j: need[j] - 1 for j in hidden}  # z = 0: m ≥ 1
    else:
        need = {j: float(min(v - (s < j) for s, v in shown)) for j in hidden}
        viable = [j for j in hidden if need[j] >= 1] or hidden  # none: no value fits
        if len(viable) > 1:
            columns = {j: model.index[e.months[j]] for j in viable}
            ceiling = model.ceiling
            if all(i in ceiling for i in columns.values()):  # (a named busiest month's)
                far = {j: ceiling[i] - need[j] for j, i in columns.items()}
            else:
                upper = bounds()
                far = {j: upper[i] - need[j] for j, i in columns.items()}
            if any(math.isinf(d) for d in far.values()) or min(far.values()) <= 0:
                return  # unbounded (see above), or a month that is always low enough
            reach = {j: -far[j] for j in viable}
        hidden = viable
    if len(hidden) == 1:
        (j,) = hidden
        if e.op == "peak":
            model.add([(1.0, e.months[j])], need[j], math.inf)
        else:
            model.add([(1.0, e.months[j])], -math.inf, need[j])
        return
    choices = []
    for j in hidden:
        m = e.months[j]
        z = (m[0], m[1], f"{e.op} among", f"{e.months[0][4][0]}..{e.months[-1][4][0]}", m[4])
        model.binary(z)
        choices.append((1.0, z))
        # peak: m − (need − 1) z ≥ 1; low: m + M z ≤ need + M
        if e.op == "peak":
            model.add([(1.0, m), (-reach[j], z)], 1.0, math.inf)
        else:
            model.add([(1.0, m), (-reach[j], z)], -math.inf, need[j] - reach[j])
    model.add(choices, 1.0, math.inf)


def _upper_bounds(model: _Model, rows: int) -> list[float]:
    """An upper bound of each column of ``model`` from its first ``rows`` rows, inf if none.

    Each row bounds a column by the least its other columns can add (at least 1 for a
    hidden count, 0 otherwise); passes repeat while a column gains its first bound, so
    which columns have one does not depend on the rows' order. Whole numbers: rounded down.
    """
    inf = math.inf
    hidden = model.hidden_columns
    lower = [1.0 if i in hidden else 0.0 for i in range(len(model.index))]
    upper = [model.upper.get(i, inf) for i in range(len(model.index))]
    found = True
    while found:
        found = False
        for coefs, low, high in model.rows[:rows]:
            for sign, end in ((1.0, high), (-1.0, -low)):  # sign × Σ coef × x ≤ end
                if math.isinf(end):
                    continue
                least = {
                    i: sign * c * (lower[i] if sign * c > 0 else upper[i]) for i, c in coefs.items()
                }
                if any(math.isinf(v) for v in least.values()):
                    continue  # (a column this row bounds adds at least its finite lower)
                rest = sum(least.values())
                for i, c in coefs.items():
                    if sign * c <= 0:
                        continue
                    bound = math.floor((end - (rest - least[i])) / (sign * c) + WHOLE)
                    if bound < upper[i]:
                        found = found or math.isinf(upper[i])
                        upper[i] = bound
    return upper


class _Ends:
    """The smallest and largest integer value of each hidden count of a model (HiGHS).

    Each count is solved for on the facts it is tied to, the part of the model connected
    to it through shared rows (the rest cannot move it). The linear relaxation first:
    where its optimum is whole numbers it is the integer optimum; else the integer
    program. One solver of each kind per part, made when first needed.
    """

    def __init__(self, model: _Model) -> None:
        self.model = model
        self.rows_of: list[list[int]] = [[] for _ in model.index]
        for r, (coefs, _, _) in enumerate(model.rows):
            for i in coefs:
                self.rows_of[i].append(r)
        # each count's part, relaxed and as integers, with its column there
        self.solvers: tuple[dict[int, _Part], dict[int, _Part]] = ({}, {})

    def low(self, k: Key) -> float:
        """The smallest value of the hidden count ``k``."""
        return self._end(k, maximum=False)

    def high(self, k: Key) -> float:
        """The largest value of the hidden count ``k``: infinite if nothing bounds it."""
        return self._end(k, maximum=True)

    def wide(self, k: Key, threshold: int) -> bool:
        """Whether ``high − low ≥ threshold``, solving no more than it takes to tell.

        Not if the relaxation's largest value (no less than the integer one) or the
        integer one leaves the interval too narrow from the count's least value (1 if
        hidden); yes if nothing bounds it.
        """
        least = 1 if k in self.model.hidden else 0
        bound, whole = self._relaxed(k, maximum=True)
        if math.isinf(bound):
            return True
        if bound + SLACK < least + threshold:
            return False
        high = round(bound) if whole else self._integer(k, maximum=True)
        return high - least >= threshold and high - self.low(k) >= threshold

    def _end(self, k: Key, maximum: bool) -> float:
        bound, whole = self._relaxed(k, maximum)
        if whole or math.isinf(bound):  # an unbounded relaxation: so is the integer program
            return round(bound) if whole else bound
        return self._integer(k, maximum)

    def _relaxed(self, k: Key, maximum: bool) -> tuple[float, bool]:
        """The relaxation's optimum, and whether every count is a whole number there."""
        value, whole, _ = self._solve(k, maximum, integer=False)
        return value, whole

    def _integer(self, k: Key, maximum: bool) -> float:
        value, _, status = self._solve(k, maximum, integer=True)
        if math.isnan(value):
            raise ValueError(f"the published figures admit no value for {k}: {status}")
        return value if math.isinf(value) else round(value)

    def _solve(self, k: Key, maximum: bool, integer: bool) -> tuple[float, bool, Any]:
        """The optimum, whether every count is a whole number there, and HiGHS's status.

        The optimum is infinite if nothing bounds it, NaN if there is none.
        """
        import numpy as np
        from highspy import HighsModelStatus, ObjSense

        i = self.model.index[k]
        solvers = self.solvers[integer]
        if i not in solvers:
            part = _part(self.model, self.rows_of, i, integer)
            for j in part[1]:
                solvers[j] = part
        h, columns = solvers[i]
        h.changeColCost(columns[i], 1.0)
        h.changeObjectiveSense(ObjSense.kMaximize if maximum else ObjSense.kMinimize)
        h.run()
        status, value = h.getModelStatus(), float(h.getInfo().objective_function_value)
        x = np.asarray(h.getSolution().col_value)
        h.changeColCost(columns[i], 0.0)
        if status == HighsModelStatus.kOptimal:
            return value, bool(np.all(np.abs(x - np.round(x)) <= WHOLE)), status
        unbounded = {HighsModelStatus.kUnbounded, HighsModelStatus.kUnboundedOrInfeasible}
        return math.inf if maximum and status in unbounded else math.nan, False, status


#: A HiGHS solver of a part of a model, and the column of each of the model's counts there.
_Part = tuple[Any, dict[int, int]]


def _part(model: _Model, rows_of: list[list[int]], start: int, integer: bool) -> _Part:
    """A solver of the rows connected to the count ``start``, and their counts' columns.

    Rows and columns keep the model's order.
    """
    import numpy as np
    from highspy import HighsVarType, kHighsInf
    from highspy._core import _Highs  # the solver without the banner Highs() prints

    found, rows, todo = {start}, set(), [start]
    while todo:
        for r in rows_of[todo.pop()]:
            if r not in rows:
                rows.add(r)
                new = model.rows[r][0].keys() - found
                found |= new
                todo += new
    columns = {i: c for c, i in enumerate(sorted(found))}
    h: Any = _Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)  # a second thread only spins on models this small
    # the exact optimum: by default HiGHS may stop within 0.01 % of it, one off at 13 429
    h.setOptionValue("mip_rel_gap", 0.0)
    n = len(columns)
    keys = list(model.index)
    lower = np.array([1.0 if keys[i] in model.hidden else 0.0 for i in columns])
    h.addVars(n, lower, np.array([min(model.upper.get(i, kHighsInf), kHighsInf) for i in columns]))
    if integer:
        kind = np.array([HighsVarType.kInteger] * n)
        h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), kind)
    chosen = [model.rows[r] for r in sorted(rows)]
    if chosen:
        starts = np.cumsum([0] + [len(coefs) for coefs, _, _ in chosen[:-1]], dtype=np.int32)
        cols = np.fromiter((columns[i] for coefs, _, _ in chosen for i in coefs), np.int32)
        values = np.fromiter((v for coefs, _, _ in chosen for v in coefs.values()), float)
        h.addRows(
            len(chosen),
            np.array([max(low, -kHighsInf) for _, low, _ in chosen]),
            np.array([min(high, kHighsInf) for _, _, high in chosen]),
            len(cols),
            starts,
            cols,
            values,
        )
    return h, columns


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
