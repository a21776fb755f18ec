"""``alarm validate``: check count files against the contract and the taxonomy."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from alarmcli.cli.common import DataDirOption, edge, emit, err, plural, resolve_data_dir


class ReportFormat(StrEnum):
    """Output formats of ``alarm validate``."""

    TEXT = "text"
    JSON = "json"


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Count files or directories (default: the data directory)."),
    ] = None,
    data_dir: DataDirOption = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="text: FILE:LINE: message lines; json: a list."),
    ] = ReportFormat.TEXT,
) -> None:
    """Check count files: every problem in one run, as FILE:LINE: message.

    Exits 0 when every file is valid, 1 when anything is wrong. The taxonomy is the
    built-in one plus the nearest taxonomy.toml at or above the first path.

    Example: alarm validate --data-dir examples/data
    """
    import json

    from alarmcli import dataset

    with edge():
        tax_dir: Path | None
        if data_dir is not None or not paths:
            tax_dir = resolve_data_dir(data_dir)
            targets = paths or [tax_dir]
        else:
            targets, tax_dir = paths, dataset.find_taxonomy_dir(paths)
        report = dataset.check(targets, tax_dir)
        if output_format is ReportFormat.JSON:
            problems = [p.as_dict() for p in report.problems]
            emit(json.dumps(problems, ensure_ascii=False, indent=2) + "\n")
        else:
            for problem in report.problems:
                err(str(problem))
    n = len(report.problems)
    verdict = "no problems" if n == 0 else plural(n, "problem")
    err(f"{plural(report.files, 'file')}, {plural(report.rows, 'row')}: {verdict}")
    if n:
        raise typer.Exit(1)
