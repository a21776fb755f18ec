"""``alarm audit``: attack a year's published figures and show what each hidden count reveals."""

from __future__ import annotations

from typing import Annotated

import typer

from alarmcli.cli.common import (
    DataDirOption,
    FormatOption,
    LangOption,
    OutputOption,
    SuppressOption,
    TableFormat,
    edge,
    load_data,
    resolve_data_dir,
    resolve_lang,
    show,
    threshold,
)

YearArgument = Annotated[int, typer.Argument(help="The year, e.g. 2024.", min=1900, max=2999)]


def audit(
    year: YearArgument,
    data_dir: DataDirOption = None,
    suppress: SuppressOption = None,
    report: Annotated[
        bool,
        typer.Option(
            "--report",
            help="Attack only the tables of the annual report (alarm report YEAR), as the "
            "report publishes them.",
        ),
    ] = False,
    output_format: FormatOption = TableFormat.TABLE,
    lang: LangOption = None,
    output: OutputOption = None,
) -> None:
    """Check that no hidden count of a year's figures can be worked out again.

    Suppresses the year's base release (every table the figure commands publish for
    YEAR: key figures, sites, every breakdown, the change from the year before, and the
    report's tables), as every command publishes it, or with --report the report's
    tables only, then attacks what they publish with integer programming: each hidden
    count's smallest and largest possible value. Exit 1 if any interval is narrower than
    the threshold.

    Example: alarm audit 2024 --suppress 3 --data-dir examples/data
    """
    from alarmcli import audit as attack
    from alarmcli import config, yearly
    from alarmcli.errors import UsageError
    from alarmcli.report import tables

    with edge(resolve_lang(lang)):
        n = threshold(data_dir, suppress)
        if n <= 1:
            raise UsageError("no threshold: give --suppress N or set one in alarm.toml")
        data = load_data(data_dir, output)
        settings = config.load(resolve_data_dir(data_dir)).report
        own = tables(data, year, settings)
        release = yearly.chain(data, year, n, settings, own)[year]
        published = release.published
        if report:  # each of the report's tables is one of the release's
            published = [c for t in own if (c := release.copy_of(t)) is not None]
        findings = attack.audit(published, n)
        show(attack.findings_table(findings, n), data.taxonomy, output_format, lang, output)
        if not all(f.safe for f in findings):
            raise typer.Exit(1)
