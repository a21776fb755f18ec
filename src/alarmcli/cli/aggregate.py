"""``alarm aggregate``: turn contact logs into monthly count files."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from alarmcli.cli.common import DataDirOption, LangOption, edge, err, resolve_data_dir, resolve_lang
from alarmcli.contract import DEFAULT_TZ

if TYPE_CHECKING:
    from alarmcli.aggregate import AggregateResult, ProgressCallback
    from alarmcli.messages import Message


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
    lang: LangOption = None,
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
    from alarmcli.messages import msg

    language = resolve_lang(lang)
    with edge(language), _progress(language) as progress:
        result = run(
            logs,
            resolve_data_dir(data_dir),
            tz=tz,
            replace=replace,
            rejects=rejects,
            progress=progress,
        )
    for path in result.cleaned:
        err(msg("warning", text=msg("aggregate.cleaned", path=str(path))).text(language))
    err(account(result, language))


def account(result: AggregateResult, lang: str = "en") -> str:
    """The closing line: rows read, aggregated, rejected, and the months written."""
    from alarmcli.messages import msg

    months = result.months
    span = (
        msg("empty")
        if not months
        else msg("aggregate.span-one", first=months[0])
        if len(months) == 1
        else msg("aggregate.span", first=months[0], last=months[-1])
    )
    return msg(
        "aggregate.account",
        rows=msg("n.rows", n=result.rows_read),
        aggregated=result.rows_aggregated,
        rejected=result.rows_rejected,
        rejects=msg("aggregate.rejects-to", path=str(result.rejects))
        if result.rejects is not None
        else msg("empty"),
        months=msg("n.months", n=len(months)),
        span=span,
        backups=msg("aggregate.backups-kept", backups=msg("n.backups", n=len(result.backups)))
        if result.backups
        else msg("empty"),
    ).text(lang)


@contextmanager
def _progress(lang: str) -> Iterator[ProgressCallback | None]:
    """A rich progress bar on standard error when it is a terminal; else nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),  # a file name is no markup
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(description: Message, done: int, total: int) -> None:
            text = description.text(lang)
            bar.update(task, description=text, completed=done, total=total)

        yield update
