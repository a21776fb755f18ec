"""Options shared by several commands, defined once, and the error edge of every command."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from alarmcli.contract import CHANNEL_OR_ALL_CHOICES
from alarmcli.errors import AlarmError, UsageError

if TYPE_CHECKING:
    from alarmcli.dataset import Dataset
    from alarmcli.figures import Table
    from alarmcli.periods import Period
    from alarmcli.taxonomy import Taxonomy

DATA_DIR_ENV = "ALARM_DATA_DIR"
#: ``--output -``: standard output.
STDOUT = "-"
#: Files a data directory reads as counts: an output there would be read back.
COUNT_SUFFIXES = frozenset({".csv", ".xlsx", ".xlsm", ".ods"})


class TableFormat(StrEnum):
    """Output formats of the figure commands."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"
    XLSX = "xlsx"


class Lang(StrEnum):
    """Languages of labels and number formats on tables."""

    NB = "nb"
    EN = "en"


DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        "-d",
        help=f"The data directory (default: ${DATA_DIR_ENV}, else ./data).",
        show_default=False,
        file_okay=False,
    ),
]
FormatOption = Annotated[
    TableFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]


def choices(values: tuple[str, ...]) -> dict[str, Any]:
    """``typer.Option`` arguments that accept only ``values``: checked, suggested, completed.

    The value is checked as the command line is parsed, before any data is read; a
    wrong one is a usage error (exit 2) naming the closest value.
    """

    def check(value: str | None) -> str | None:
        if value is None or value in values:
            return value
        from alarmcli.messages import hint, msg
        from alarmcli.problems import closest

        message = msg(
            "usage.choice", value=value, hint=hint(closest(value, values)), choices=list(values)
        )
        raise typer.BadParameter(message.text(resolve_lang(None)))

    def complete(incomplete: str) -> list[str]:
        return [v for v in values if v.startswith(incomplete)]

    return {"callback": check, "autocompletion": complete, "metavar": "|".join(values)}


ChannelOption = Annotated[
    str | None,
    typer.Option(
        "--channel",
        "-c",
        help="Only this channel; all: the contact channels together.",
        **choices(CHANNEL_OR_ALL_CHOICES),
    ),
]
LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of labels and numbers on tables (default: from the locale).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of standard output; - for standard output.",
        dir_okay=False,
    ),
]


def resolve_data_dir(option: Path | None) -> Path:
    """``--data-dir``, else ``$ALARM_DATA_DIR``, else ``./data``."""
    if option is not None:
        return option
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else Path("data")


def resolve_lang(option: Lang | None) -> str:
    """``--lang``, else Norwegian when the locale is Norwegian, else English."""
    if option is not None:
        return option.value
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "nb" if value.split("_")[0].lower() in {"nb", "no", "nn"} else "en"
    return "en"


def plural(n: int, noun: str) -> str:
    """``plural(1, "file") == "1 file"``, ``plural(2, "file") == "2 files"``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def err(message: str) -> None:
    """Write a diagnostic line to standard error."""
    sys.stderr.write(message + "\n")


@contextmanager
def edge(lang: str = "en") -> Iterator[None]:
    """Turn the core's errors into messages in ``lang`` on standard error and an exit code.

    Each command's run starts here, with its own budget of did-you-mean searches.
    """
    from alarmcli.messages import Verbatim, msg
    from alarmcli.problems import new_run

    new_run()
    try:
        yield
    except AlarmError as error:
        problems = getattr(error, "problems", [])
        for problem in problems:
            err(problem.line_text(lang))
        err(msg("error", text=Verbatim(error.text(lang))).text(lang))
        raise typer.Exit(error.exit_code) from None
    except OSError as error:
        reason = error.strerror or str(error)
        if error.filename:
            text = msg("error.os", path=Verbatim(str(error.filename)), reason=reason)
        else:
            text = msg("error.os-nameless", reason=reason)
        err(msg("error", text=text).text(lang))
        raise typer.Exit(1) from None


def emit(text: str, output: Path | None = None) -> None:
    """Write a command's output to standard output (``output`` None or ``-``) or a file.

    A file is written atomically. Standard output that cannot be written (a full disk,
    a closed pipe) is an error naming it; the rest of the output is discarded, so the
    interpreter does not fail again on exit.
    """
    from alarmcli.atomic import write_text

    if output is not None and str(output) != STDOUT:
        write_text(output, text)
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as error:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise OSError(error.errno, error.strerror, "standard output") from None


SuppressOption = Annotated[
    int | None,
    typer.Option(
        "--suppress",
        min=0,
        max=1000,
        metavar="N",
        help="Hide every count from 1 to N-1, and enough others that none can be worked out "
        "(default: the data directory's alarm.toml; it can be raised, never lowered).",
        show_default=False,
    ),
]


def threshold(data_dir: Path | None, option: int | None) -> int:
    """The suppression threshold: the data directory's setting, or a higher ``--suppress``.

    Raises:
        UsageError: ``--suppress`` is lower than ``alarm.toml`` sets, which would publish
            less protected figures than the helpline decided on.
        DataError: ``alarm.toml`` is invalid.
    """
    from alarmcli import config
    from alarmcli.messages import msg

    root = resolve_data_dir(data_dir)
    setting = config.load(root).threshold
    if option is not None and option < setting:
        raise UsageError(
            msg(
                "usage.suppress-lower",
                option=option,
                threshold=setting,
                file=str(root / config.CONFIG_FILE),
            )
        )
    return setting if option is None else option


def published(
    table: Table,
    data: Dataset,
    periods: Sequence[Period],
    data_dir: Path | None,
    suppress: int | None,
) -> Table:
    """``table`` of ``periods`` as it may be published: consistent with the years' releases.

    Where a threshold is set, small counts are suppressed with the base release of every
    year the periods touch, protected once for all commands (:mod:`alarmcli.yearly`).
    """
    n = threshold(data_dir, suppress)
    if n <= 1:
        return table
    from alarmcli import config, yearly

    settings = config.load(resolve_data_dir(data_dir)).report
    years = [y for p in periods for y in p.years()]
    return yearly.published(table, data, years, n, settings)


def figure(
    compute: Callable[[Dataset], Table],
    data_dir: Path | None,
    output_format: TableFormat,
    lang: Lang | None,
    output: Path | None,
    suppress: int | None,
    periods: Sequence[Period],
) -> None:
    """A figure command's run: load the data, compute the table of ``periods``, suppress, show.

    The core's errors become messages and exit codes.
    """
    with edge(resolve_lang(lang)):
        data = load_data(data_dir, output)
        table = published(compute(data), data, periods, data_dir, suppress)
        show(table, data.taxonomy, output_format, lang, output)


def load_data(data_dir: Path | None, output: Path | None) -> Dataset:
    """The valid dataset of the data directory, once ``--output`` is known to be safe.

    Raises:
        UsageError: ``output`` is a csv file inside the data directory, where the next
            run would read it as a count file.
        DataError: the data directory is missing or invalid.
    """
    from alarmcli import dataset

    root = resolve_data_dir(data_dir)
    inside = output is not None and output.resolve().is_relative_to(root.resolve())
    if output is not None and inside and output.suffix.lower() in COUNT_SUFFIXES:
        msg = f"--output {output} is inside the data directory; it would be read as counts"
        raise UsageError(msg)
    return dataset.load(root)


def show(
    table: Table,
    taxonomy: Taxonomy,
    output_format: TableFormat,
    lang: Lang | None,
    output: Path | None,
) -> None:
    """Write ``table`` in the asked format to standard output or, atomically, to a file.

    Notes go below a table or markdown; with csv and json, which carry data only, they
    go to standard error as warnings.
    """
    from alarmcli import render
    from alarmcli.messages import Verbatim, msg

    language = resolve_lang(lang)
    if output_format in {TableFormat.CSV, TableFormat.JSON}:
        for note in table.notes:
            err(msg("warning", text=Verbatim(note.text(language))).text(language))
    if output_format is TableFormat.XLSX:
        from alarmcli.atomic import write_bytes

        if output is None or str(output) == STDOUT:
            raise UsageError(msg("usage.xlsx-needs-output"))
        write_bytes(output, render.to_xlsx([table], taxonomy, language))
        return
    if output_format is TableFormat.CSV:
        text = render.to_csv(table)
    elif output_format is TableFormat.JSON:
        text = render.to_json(table)
    elif output_format is TableFormat.MARKDOWN:
        text = render.to_markdown(table, taxonomy, language)
    else:
        if (output is None or str(output) == STDOUT) and sys.stdout.isatty():
            from rich.console import Console

            console = Console()
            console.print(render.to_rich(table, taxonomy, language, width=console.width))
            return
        text = render.rich_text(render.to_rich(table, taxonomy, language))
    emit(text, output)
