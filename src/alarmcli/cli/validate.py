"""``alarm validate``: check count files against the contract and the taxonomy."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from alarmcli.cli.common import (
    DataDirOption,
    LangOption,
    edge,
    emit,
    err,
    resolve_data_dir,
    resolve_lang,
)

if TYPE_CHECKING:
    from alarmcli.dataset import Report
    from alarmcli.problems import Problem

#: The lines of a repeated problem that the grouped report names.
FIRST_LINES = 3


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
    every: Annotated[
        bool,
        typer.Option(
            "--all", help="text: a line for every problem, not one for each repeated problem."
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Check count files: every problem in one run, as FILE:LINE: message.

    The report goes to standard output, one line per distinct problem: a problem repeated
    on many rows (one misspelt site on 20 000 rows) is one line, at its first line, with
    how many times and where it recurs; --all gives a line for every row. The closing
    count goes to standard error. Exits 0 when every file is valid, 1 when anything is
    wrong. The taxonomy is the built-in one plus the nearest taxonomy.toml at or above
    the first path.

    Example: alarm validate --data-dir examples/data > problems.txt
    """
    import json
    import os

    # polars' allocator hands freed memory back at once instead of after ten seconds:
    # validating a large file then peaks at its live data, about 1.2 × the file's size,
    # not 1.5 × (set before polars is first imported; a user's own setting is kept)
    os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")

    from alarmcli import dataset
    from alarmcli.messages import msg

    language = resolve_lang(lang)
    with edge(language):
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
        elif report.problems:
            lines = report_lines(report.problems, language, every=every)
            emit("".join(line + "\n" for line in lines))
    for leftover in report.leftovers:
        err(msg("warning", text=msg("validate.leftovers", path=str(leftover))).text(language))
    err(verdict(report, language))
    if report.problems:
        raise typer.Exit(1)


def report_lines(problems: list[Problem], lang: str, *, every: bool = False) -> list[str]:
    """``FILE:LINE: message`` lines: one per problem, or one per distinct problem.

    Problems with the same file, code and message are one distinct problem; its line
    names the first place and ends with how many times and on which lines it recurs.
    """
    from alarmcli.messages import msg

    if every:
        return [p.line_text(lang) for p in problems]
    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.file, problem.code, problem.text(lang)), []).append(problem)
    lines = []
    for same in groups.values():
        line = same[0].line_text(lang)
        if len(same) > 1:
            numbers: list[object] = [p.line for p in same[:FIRST_LINES] if p.line is not None]
            if len(same) > FIRST_LINES:
                numbers.append("…")
            line += msg("validate.repeated", n=len(same), lines=numbers).text(lang)
        lines.append(line)
    return lines


def verdict(report: Report, lang: str) -> str:
    """The closing line: ``2 files, 40 rows: 3 problems`` (or ``no problems``)."""
    from alarmcli.messages import msg

    n = len(report.problems)
    return msg(
        "validate.verdict",
        files=msg("n.files", n=report.files),
        rows=msg("n.rows", n=report.rows),
        verdict=msg("n.problems", n=n) if n else msg("validate.no-problems"),
    ).text(lang)
