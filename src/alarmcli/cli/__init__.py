"""The ``alarm`` command line: a thin Typer layer over the core.

Each command lives in its own module and imports the core only when it runs, so that
``alarm --help`` and ``alarm --version`` start fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from alarmcli import __version__

app = typer.Typer(
    name="alarm",
    help="Exact, validated annual figures for child helplines (Alarmtelefonen 116 111).",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"alarm {__version__}")
        raise typer.Exit


def _clear_cache(value: bool) -> None:
    if value:
        from alarmcli import cache
        from alarmcli.cli.common import resolve_lang
        from alarmcli.messages import msg

        removed = cache.clear()
        message = msg("cache.cleared", n=removed, where=str(cache.directory()))
        typer.echo(message.text(resolve_lang(None)))
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    clear_cache: Annotated[
        bool,
        typer.Option(
            "--clear-cache",
            callback=_clear_cache,
            is_eager=True,
            help="Remove every output the cache keeps, and exit.",
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Neither print a kept output nor keep this one: compute the figures anew "
            "(also ALARM_CACHE=off).",
        ),
    ] = False,
) -> None:
    """Exact, validated annual figures for child helplines (Alarmtelefonen 116 111)."""


# The commands, each in its own module; they import the core only when they run.
from alarmcli.cli import (  # noqa: E402
    aggregate,
    audit,
    chart,
    figures,
    import_,
    report,
    schema,
    validate,
    web,
)

app.command("validate")(validate.validate)
app.command("summary")(figures.summary)
app.command("compare")(figures.compare)
app.command("sites")(figures.sites)
app.command("breakdown")(figures.breakdown)
app.command("series")(figures.series)
app.command("crosstab")(figures.crosstab)
app.command("opening")(figures.opening)
app.command("times")(figures.times)
app.command("aggregate")(aggregate.aggregate)
app.command("schema")(schema.schema)
app.command("audit")(audit.audit)
app.command("import")(import_.import_workbook)
app.command("report")(report.report)
app.command("chart")(chart.chart)
app.command("web")(web.web)


def main() -> None:
    """Run the ``alarm`` command."""
    app()
