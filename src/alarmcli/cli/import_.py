"""``alarm import``: a helpline's wide tally workbook into monthly count files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from alarmcli.cli.common import DataDirOption, LangOption, edge, err, resolve_data_dir, resolve_lang


def import_workbook(
    workbook: Annotated[
        Path,
        typer.Argument(
            help="The tally: .xlsx, .xlsm or .ods, a sheet per channel, months across the top.",
            exists=True,
            dir_okay=False,
            readable=True,
            show_default=False,
        ),
    ],
    data_dir: DataDirOption = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="The year, where neither the month headers nor the file name say it.",
            min=1900,
            max=2999,
            show_default=False,
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Overwrite existing month files, keeping each as a .bak backup."
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Import a tally workbook as people keep it into DATA_DIR/YYYY/YYYY-MM.csv.

    Each sheet is a channel (Telefon, Chat …); months go across the top (januar, feb,
    dates); labels down the side name a metric (Besvarte, Tapte) or, under a breakdown
    heading (Kjønn, Alder, Tema …), a category by its Norwegian or English label. Sum
    rows and columns are checked, not imported. A label that maps to nothing is
    reported with the closest ones, and nothing is written until the whole workbook
    maps and validates. An existing month is only overwritten with --replace.

    Example: alarm import examples/tally-2024.xlsx --data-dir data
    """
    from alarmcli.importer import run
    from alarmcli.messages import msg

    language = resolve_lang(lang)
    with edge(language):
        result = run(workbook, resolve_data_dir(data_dir), year=year, replace=replace)
    months = result.months
    err(
        msg(
            "import.account",
            rows=msg("n.rows", n=result.rows),
            months=msg("n.months", n=len(months)),
            first=months[0],
            last=months[-1],
            backups=msg("aggregate.backups-kept", backups=msg("n.backups", n=len(result.backups)))
            if result.backups
            else msg("empty"),
        ).text(language)
    )
