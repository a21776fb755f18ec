"""Every figure that examples/README.md lists comes out of its command (issue 7, item 8).

The README's tables between ``<!-- figures -->`` and ``<!-- /figures -->`` give, per
published figure of the 2020 and 2024 reports, a command, the record it reads (``row``:
``key=value`` or ``key!=value``, joined by ``,``; empty: the first record), a column
(``(rows)``: how many records match) and the number it must give.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
from pathlib import Path

import pytest

from conftest import invoke

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "examples" / "README.md"
DATA = ROOT / "examples" / "data"


def figures() -> list[tuple[str, str, str, str, str]]:
    """(quote, command, row, column, value) of every row of the README's figure tables."""
    text = README.read_text("utf-8")
    rows = []
    for table in re.findall(r"<!-- figures -->\n(.*?)<!-- /figures -->", text, re.S):
        for line in table.splitlines()[2:]:
            cells = [c.strip().strip("`") for c in line.strip()[1:-1].split("|")]
            assert len(cells) == 5, line
            rows.append((cells[0], cells[1], cells[2], cells[3], cells[4]))
    return rows


FIGURES = figures()


def test_the_readme_lists_both_reports() -> None:
    """A broken table must not pass by listing nothing."""
    assert len(FIGURES) >= 90
    assert any("2020" in f[1] for f in FIGURES)
    assert any("2024" in f[1] for f in FIGURES)


def matches(record: dict[str, str], selector: str) -> bool:
    for condition in filter(None, selector.split(",")):
        if "!=" in condition:
            key, value = condition.split("!=")
            if record[key] == value:
                return False
        else:
            key, value = condition.split("=")
            if record[key] != value:
                return False
    return True


@pytest.mark.parametrize(
    ("quote", "command", "row", "column", "value"),
    FIGURES,
    ids=[f"{f[1]} [{f[2]}] {f[3]}" for f in FIGURES],
)
def test_a_published_figure(quote: str, command: str, row: str, column: str, value: str) -> None:
    args = shlex.split(command)
    assert args[0] == "alarm", command
    result = invoke(*args[1:], "--data-dir", DATA, "--format", "csv")
    assert result.exit_code == 0, (quote, result.stderr)
    records = [r for r in csv.DictReader(io.StringIO(result.stdout)) if matches(r, row)]
    assert records, (quote, row)
    got = str(len(records)) if column == "(rows)" else records[0][column]
    assert got == value, quote


def test_the_generator_writes_exactly_the_example_data() -> None:
    """examples/generate.py, run again, gives the bytes of every file in examples/data."""
    import runpy

    generate = runpy.run_path(str(ROOT / "examples" / "generate.py"))
    counts = generate["generate"]()
    taxonomy = generate["taxonomy_toml"]()
    generate["check_contract"](counts, generate["taxonomy_ids"](taxonomy))
    assert (DATA / "taxonomy.toml").read_text("utf-8") == taxonomy
    months = sorted(DATA.glob("*/????-??.csv"))
    assert len(months) == 6 * 12
    for path in months:
        assert path.read_text("utf-8") == generate["render"](counts, path.stem), path
    period_files = generate["web_rows"](counts)
    generate["check_period_files"](period_files)
    others = sorted(str(p.relative_to(DATA)) for p in DATA.glob("*/*.csv") if p not in months)
    assert others == sorted(period_files)
    for name, rows in period_files.items():
        text = generate["render_period_file"](rows)
        assert (DATA / name).read_text("utf-8") == text, name
