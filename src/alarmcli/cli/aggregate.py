"""``alarm aggregate``: turn contact logs into monthly count files."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from alarmcli.cli.common import DataDirOption, edge, err, plural, resolve_data_dir
from alarmcli.contract import DEFAULT_TZ

if TYPE_CHECKING:
    from alarmcli.aggregate import AggregateResult, ProgressCallback


def aggregate(
    logs: Annotated[
        list[Path],
        typer.Argument(
            help="Contact logs: CSV (, or ;, gzip-compressed or not) or Parquet.",
            metavar="LOG",
            exists=True,
            dir_okay=False,
            readable=True,
            show_default=False,
        ),
    ],
    data_dir: DataDirOption = None,
    tz: Annotated[
        str,
        typer.Option("--tz", help="The helpline's time zone: naive times are local times there."),
    ] = DEFAULT_TZ,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Overwrite existing month files, keeping each as a .bak backup."
        ),
    ] = False,
    rejects: Annotated[
        Path | None,
        typer.Option(
            "--rejects",
            help="Write bad rows here with a reason column, and count the rest.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Count contact logs (one row per contact) into one count file per month.

    Writes DATA_DIR/YYYY/YYYY-MM.csv for every month in the logs: totals, and counts by
    site, hour, day, gender, age, caller, topic, outcome and on_behalf where the logs
    have the column. A bad row stops the run with FILE:LINE: message and nothing
    written, unless --rejects is given. An existing month is only overwritten with
    --replace. Ends with one line on standard error: rows read, aggregated, rejected,
    months written.

    Example: alarm aggregate calls.csv chats.csv.gz --data-dir data
    """
    from alarmcli.aggregate import aggregate as run

    with edge(), _progress() as progress:
        result = run(
            logs,
            resolve_data_dir(data_dir),
            tz=tz,
            replace=replace,
            rejects=rejects,
            progress=progress,
        )
    err(account(result))


def account(result: AggregateResult) -> str:
    """The closing line: rows read, aggregated, rejected, and the months written."""
    months = plural(len(result.months), "month")
    if result.months:
        first, last = result.months[0], result.months[-1]
        months += f" written ({first})" if first == last else f" written ({first} to {last})"
    else:
        months += " written"
    rejected = f"{result.rows_rejected} rejected"
    if result.rejects is not None:
        rejected += f" (to {result.rejects})"
    backups = f"; {plural(len(result.backups), 'backup')} kept" if result.backups else ""
    return (
        f"{plural(result.rows_read, 'row')} read, {result.rows_aggregated} aggregated, "
        f"{rejected}; {months}{backups}"
    )


@contextmanager
def _progress() -> Iterator[ProgressCallback | None]:
    """A rich progress bar on standard error when it is a terminal; else nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("aggregating", total=None)

        def update(description: str, done: int, total: int) -> None:
            bar.update(task, description=description, completed=done, total=total)

        yield update
