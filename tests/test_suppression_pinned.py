"""Suppression's choices pinned: exactly which cells of the 2024 report it hides.

``suppression.protect`` is deterministic; making it faster must not change what it
hides, nor the intervals the audit then finds. The golden file holds, for thresholds
3, 5 and 10 over every table of the 2024 report on the examples, each hidden figure
(table, record, column), each hidden count's key and its interval. Set
``UPDATE_GOLDEN=1`` to rewrite it after a deliberate change, then read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from alarmcli import config, dataset
from alarmcli.audit import audit
from alarmcli.figures import Table
from alarmcli.report import _figures
from alarmcli.suppression import SUPPRESSED, protect

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "data"
GOLDEN = Path(__file__).resolve().parent / "golden" / "suppression-report-2024.json"


def report_tables(year: int) -> list[Table]:
    """Every table the report of ``year`` publishes on the examples, as ``build`` protects them."""
    return _figures(dataset.load(EXAMPLES), year, config.load(EXAMPLES).report).tables


def choices(tables: list[Table], threshold: int) -> dict[str, Any]:
    """What ``protect`` hides and the intervals the audit finds, as plain data."""
    out = protect(tables, threshold)
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


@pytest.mark.parametrize("threshold", [3, 5, 10])
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
