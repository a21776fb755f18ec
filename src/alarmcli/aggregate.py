"""Contact logs to monthly count files: the core of ``alarm aggregate`` (contact-logs.md).

The logs are counted by polars' streaming engine, a slice of about a million contacts
at a time, never loaded as Python objects: one group-by per breakdown (time; each
exhaustive column; each multi-label column with the age) counts the contacts per month,
channel, status and distinct cell. Only then does each distinct cell become *tokens*,
one per category it counts in (``s:oslo``, ``h:22``, ``t:mental_health/suicide`` …,
and ``=`` for the total), and every distinct token is checked once against the
taxonomy. Only when some value is bad does a second pass find the rows that hold it, so
a clean log is read once.

Nothing lost:

- A bad row is reported with its file and line, or goes to ``--rejects`` with its
  reason; by default any bad row stops the run before anything is written.
- Every file the run writes is first written in full to a hidden temporary file beside
  its target (``.2024-03.csv.XXXX.tmp``) and synced to disk; only then are the files
  renamed into place. A run that stops before then (bad data, a full disk, an
  interrupt) leaves the data directory as it was: the temporary files, and any year
  directory the run made, are removed. Only a process killed outright leaves its
  hidden ``.tmp`` files behind; they are not ``*.csv``, so no reader takes them for
  count files.
- The renames come last and take a moment. Each is atomic: a reader sees a month's old
  file or its new one, never half of one. Several renames are not one atomic step, so
  should one fail, those already made are undone; only a kill in that moment can leave
  some months new and others old, each replaced one with its backup beside it.
- With ``replace``, the old month file is kept beside the new one as
  ``YYYY-MM.csv.<YYYYmmddTHHMMSS>.bak`` (the local time of the run; a hard link where
  the file system allows, else a copy). A backup never overwrites an earlier one, and
  is not ``*.csv``, so no reader takes it for a count file.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

import polars as pl

from alarmcli import taxonomy as taxonomy_module
from alarmcli.atomic import Stage, exclusive, leftovers
from alarmcli.contract import (
    AGE_MAX,
    AGE_MIN,
    CONTACT_CHANNELS,
    COUNT_COLUMNS,
    DEFAULT_TZ,
    DURATIONS,
    UNKNOWN,
    Channel,
    Dimension,
    Metric,
)
from alarmcli.errors import AlarmError, DataError, NoDataError, UsageError
from alarmcli.loading import sniff_separator, wide_fields
from alarmcli.messages import Message, hint, msg
from alarmcli.periods import month_id
from alarmcli.problems import Code, Problem, closest, sort_key

if TYPE_CHECKING:
    from alarmcli.taxonomy import Taxonomy


#: Columns a contact log must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("started_at", "channel", "status")
#: Optional columns of a log, and the dimension each one counts in.
EXHAUSTIVE_COLUMNS: dict[str, Dimension] = {
    "site": Dimension.SITE,
    "gender": Dimension.GENDER,
    "age": Dimension.AGE,
    "caller": Dimension.CALLER,
}
MULTI_LABEL_COLUMNS: dict[str, Dimension] = {
    "topics": Dimension.TOPIC,
    "outcomes": Dimension.OUTCOME,
    "on_behalf": Dimension.ON_BEHALF,
}
#: A log's statuses, which become the metric.
STATUSES: tuple[str, ...] = (Metric.ANSWERED.value, Metric.MISSED.value)
#: Optional times of a contact beside ``started_at``: when it was answered, when it ended
#: (an answered contact's end; a missed one's giving up). They give sums of seconds.
TIME_COLUMNS: tuple[str, ...] = ("answered_at", "ended_at")
#: Each sum of seconds (a metric of the count files), from the measures that make it:
#: the seconds summed, and the contacts they are known for.
_DURATIONS: dict[Metric, tuple[str, str]] = {
    Metric.ANSWER_SECONDS: ("_answer_s", "_answer_k"),
    Metric.TALK_SECONDS: ("_talk_s", "_talk_k"),
    Metric.ABANDON_SECONDS: ("_abandon_s", "_abandon_k"),
}
#: Dimensions a sum of seconds is written for: the total, the site, the hour.
_TIMED_TOKENS = ("=", "s:", "h:")
#: Separator of ids in a multi-label cell.
LABEL_SEPARATOR = "|"
#: The column of the rejects file that says why a row was rejected.
REASON_COLUMN = "reason"

_TOKEN_SEPARATOR = "\x1f"  # noqa: S105  (ASCII unit separator: written out in a cell)
_TOTAL_TOKEN = "="  # noqa: S105
#: A separator inside a cell, written out so that it cannot split the cell into tokens:
#: the cell stays one (unknown) value and its row is reported.
_ESCAPED_SEPARATOR = "\\x1f"
_PREFIX: dict[Dimension, str] = {
    Dimension.SITE: "s:",
    Dimension.GENDER: "g:",
    Dimension.AGE: "a:",
    Dimension.CALLER: "c:",
    Dimension.HOUR: "h:",
    Dimension.DAY: "d:",
    Dimension.TOPIC: "t:",
    Dimension.OUTCOME: "o:",
    Dimension.ON_BEHALF: "b:",
}
_BY_PREFIX: dict[str, Dimension] = {p: d for d, p in _PREFIX.items()}
#: Cross-tabs written for answered contacts where the log has both columns: each
#: multi-label dimension by age, a contact counted once in each of its categories.
CROSSED: dict[str, tuple[Dimension, Dimension]] = {
    "T:": (Dimension.TOPIC, Dimension.AGE),
    "O:": (Dimension.OUTCOME, Dimension.AGE),
    "B:": (Dimension.ON_BEHALF, Dimension.AGE),
}
_CROSS = "*"
_COLUMN_OF: dict[Dimension, str] = {
    **{d: c for c, d in EXHAUSTIVE_COLUMNS.items()},
    **{d: c for c, d in MULTI_LABEL_COLUMNS.items()},
    Dimension.HOUR: "started_at",
    Dimension.DAY: "started_at",
}
#: The order of dimensions in a written file: the contract's order, total first.
_DIMENSION_ORDER: dict[Dimension, int] = {d: i for i, d in enumerate(Dimension)}
_CHANNEL_ORDER: dict[str, int] = {c.value: i for i, c in enumerate(CONTACT_CHANNELS)}
_SECONDS_FORMAT = "%Y-%m-%dT%H:%M:%S"  # parsed much faster than with %.f
_FRACTION_FORMAT = "%Y-%m-%dT%H:%M:%S%.f"
_MINUTES_FORMAT = "%Y-%m-%dT%H:%M"  # ISO 8601 without seconds; Excel's 2025-01-03 10:00
_MINUTES_RE = r"[T ][0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}:?[0-9]{2})?$"
_ROW = "_row"

#: A count's key: month (``year * 100 + month``, or None when the time is bad), channel,
#: status and token.
Key = tuple[int | None, str | None, str | None, str | None]
#: A sum of durations' key: as a count's, with the sum's metric (``talk_seconds``) for
#: the status.
SumKey = tuple[int | None, str | None, str, str | None]
_K = TypeVar("_K", Key, SumKey)
#: A count row: (month, channel, metric, dimension, category).
Row = tuple[str, str, str, str, str]
#: ``progress(description, done, total)``: called as the run advances.
ProgressCallback = Callable[[Message, int, int], None]


@dataclass(frozen=True)
class AggregateResult:
    """What a run of :func:`aggregate` did."""

    rows_read: int
    rows_aggregated: int
    rows_rejected: int
    months: tuple[str, ...]
    paths: tuple[Path, ...]
    backups: tuple[Path, ...] = ()
    rejects: Path | None = None
    cleaned: tuple[Path, ...] = ()  # temporary files of a killed run, removed


def aggregate(
    logs: Sequence[Path],
    data_dir: Path,
    *,
    tz: str = DEFAULT_TZ,
    replace: bool = False,
    rejects: Path | None = None,
    progress: ProgressCallback | None = None,
) -> AggregateResult:
    """Count contact logs into one count file per month under ``data_dir``.

    Args:
        logs: CSV (``,`` or ``;``, optionally gzip-compressed) or Parquet contact logs.
        data_dir: The data directory; month files go to ``YYYY/YYYY-MM.csv``.
        tz: The helpline's time zone: naive times are local times there, times with
            an offset are converted to it.
        replace: Overwrite existing month files, keeping each old one as a backup.
        rejects: Write bad rows here, with a ``reason`` column, and count the rest.
        progress: Called as ``progress(description, done, total)`` as the run advances.

    Returns:
        The rows read, aggregated and rejected, and the months and files written.

    Raises:
        UsageError: an unknown time zone, or ``rejects`` is one of the logs or would be
            read as a count file.
        DataError: a log cannot be read or lacks a required column, or has bad rows
            and no ``rejects`` is given; nothing is written.
        NoDataError: the logs have no rows.
        AlarmError: a month file exists and ``replace`` is not given.
    """
    _check_tz(tz)
    _check_once(logs)
    _check_rejects(rejects, data_dir, logs)
    taxonomy = taxonomy_module.load(data_dir)
    sources = [_open(path) for path in logs]
    _check_columns(sources)
    checker = _Checker(taxonomy)
    steps = len(sources) + 1
    counts: dict[Key, int] = {}
    sums = _Sums()
    problems: list[Problem] = []
    rejected: list[pl.DataFrame] = []
    rows_read = 0
    for done, source in enumerate(sources):
        if progress:
            progress(msg("progress.reading", path=source.name), done, steps)
        tally = _tally(source, tz, checker)
        rows_read += tally.rows_read
        problems += tally.problems
        if tally.rejected is not None:
            rejected.append(tally.rejected)
        _add(counts, tally.counts)
        sums.add(tally.sums)
    if problems and rejects is None:
        rows = len({(p.file, p.line) for p in problems})
        raise DataError(sorted(problems, key=sort_key), msg("aggregate.bad-rows", n=rows))
    if rows_read == 0:
        raise NoDataError(msg("aggregate.no-contacts", logs=[str(log) for log in logs]))
    if progress:
        progress(msg("progress.writing"), steps - 1, steps)
    bad = _rejects_frame(rejected) if rejects is not None else None

    def also(stage: Stage) -> None:  # the rejects, staged with the months
        if rejects is not None and bad is not None:
            stage.add_frame(rejects, bad)

    count_rows = _count_rows(counts, sums, checker)
    closed = _closed(count_rows, data_dir, taxonomy)
    if closed:
        raise DataError(closed, msg("aggregate.closed", n=len(closed)))
    written = write_month_files(data_dir, count_rows, replace=replace, also=also)
    n_rejected = sum(len(frame) for frame in rejected)
    if progress:
        progress(msg("progress.done"), steps, steps)
    return AggregateResult(
        rows_read=rows_read,
        rows_aggregated=rows_read - n_rejected,
        rows_rejected=n_rejected,
        months=tuple(sorted({p.stem for p in written.paths})),
        paths=written.paths,
        backups=written.backups,
        rejects=rejects,
        cleaned=written.cleaned,
    )


def _remove_leftovers(data_dir: Path) -> list[Path]:
    """Remove the temporary files a killed run left in ``data_dir``; the ones removed.

    Called with the directory locked, so no other run's files are in flight.
    """
    removed = []
    for path in leftovers(data_dir):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


# --- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """A contact log opened lazily."""

    path: Path
    frame: pl.LazyFrame
    columns: tuple[str, ...]
    csv: bool
    separator: str = ","
    eol: str = "\n"
    compressed: bool = False

    @property
    def name(self) -> str:
        return str(self.path)

    def line(self, row: int) -> int:
        """The 1-based line of a 0-based row.

        The header is line 1 of a CSV file; a Parquet file has no header line, so its
        first row is 1. Where a quoted cell spans lines, rows are mapped to the line
        they start on.
        """
        if not self.csv:
            return row + 1
        starts = self._record_lines
        return starts[row] if starts is not None and row < len(starts) else row + 2

    @cached_property
    def _record_lines(self) -> list[int] | None:
        """The line each record starts on, when some record spans lines; else ``None``.

        Read with the standard ``csv`` module, and only when a row must be named.
        """
        with _open_text(self.path) as text, wide_fields():
            reader = csv.reader(text, delimiter=self.separator)
            next(reader, None)
            starts: list[int] = []
            start = reader.line_num + 1
            for _ in reader:
                starts.append(start)
                start = reader.line_num + 1
        return None if all(s == i + 2 for i, s in enumerate(starts)) else starts


def _open(path: Path) -> _Source:
    """Open a log lazily: Parquet by its name, else CSV with its separator sniffed."""
    if not path.is_file():
        problem = Problem.of(str(path), None, None, Code.FILE_UNREADABLE, "log.not-regular")
        raise DataError([problem])
    try:
        if path.suffix.lower() in {".parquet", ".pq"}:
            frame = pl.scan_parquet(path, glob=False)
            return _Source(path, frame, tuple(frame.collect_schema().names()), csv=False)
        header, eol = _first_line(path)
        separator = sniff_separator(header)
        frame = pl.scan_csv(path, separator=separator, infer_schema=False, glob=False, eol_char=eol)
        names = tuple(frame.collect_schema().names())
        return _Source(
            path, frame, names, csv=True, separator=separator, eol=eol, compressed=_gzip(path)
        )
    except UnicodeDecodeError:
        problem = Problem.of(str(path), None, None, Code.ENCODING, "log.not-utf8")
        raise DataError([problem]) from None
    except _READ_ERRORS as err:
        raise DataError([_unreadable(path, err)]) from None


def _gzip(path: Path) -> bool:
    """Tell whether a file is gzip-compressed."""
    with path.open("rb") as raw:
        return raw.read(2) == b"\x1f\x8b"


def _open_text(path: Path) -> IO[str]:
    """A CSV file as text, gzip-compressed or not."""
    if _gzip(path):
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def _first_line(path: Path) -> tuple[str, str]:
    r"""The header line of a CSV file, gzip-compressed or not, and its line ending.

    The line ending is ``\r`` for a file with old-Mac line endings (no ``\n`` in its
    first line), else ``\n`` (``\r\n`` is read as ``\n``).
    """
    with _open_text(path) as text:
        header = text.readline()
    eol = "\r" if header.endswith("\r") else "\n"
    return header.rstrip("\r\n"), eol


#: What reading a damaged log can raise: the file system, polars (a damaged Parquet file
#: can make its reader panic), a damaged or cut-short gzip stream, a row the ``csv``
#: module cannot read.
_READ_ERRORS = (
    OSError,
    EOFError,
    zlib.error,
    csv.Error,
    pl.exceptions.PolarsError,
    pl.exceptions.PanicException,
)


def _unreadable(path: Path, err: BaseException) -> Problem:
    reason: str | Message
    if isinstance(err, EOFError | zlib.error):
        reason = msg("log.damaged-gzip")
    elif isinstance(err, pl.exceptions.PanicException):
        reason = msg("log.damaged")
    else:
        reason = getattr(err, "strerror", None) or (str(err).splitlines() or [repr(err)])[0]
    return Problem.of(str(path), None, None, Code.FILE_UNREADABLE, "file.unreadable", reason=reason)


def _check_columns(sources: Sequence[_Source]) -> None:
    problems = [
        Problem.of(
            s.name,
            1 if s.csv else None,
            column,
            Code.MISSING_COLUMN,
            "log.missing-column",
            column=column,
        )
        for s in sources
        for column in REQUIRED_COLUMNS
        if column not in s.columns
    ]
    if problems:
        raise DataError(problems)


def _check_tz(tz: str) -> None:
    try:
        pl.Series([0], dtype=pl.Datetime("us")).dt.replace_time_zone(tz)
    except pl.exceptions.PolarsError:
        from zoneinfo import available_timezones

        close = closest(tz, sorted(available_timezones()))
        raise UsageError(msg("aggregate.unknown-tz", tz=tz, hint=hint(close))) from None


def _check_once(logs: Sequence[Path]) -> None:
    """Refuse a log given twice (by the same name, a link or another path to it).

    Counting it twice would double its contacts.
    """
    seen: dict[tuple[int, int], Path] = {}
    for log in logs:
        try:
            info = log.stat()
        except OSError:
            continue  # reported when the log is opened
        first = seen.setdefault((info.st_dev, info.st_ino), log)
        if first is not log:
            if str(first) == str(log):
                raise UsageError(msg("aggregate.log-twice", log=str(log)))
            raise UsageError(msg("aggregate.log-same-file", log=str(log), first=str(first)))


def _check_rejects(rejects: Path | None, data_dir: Path, logs: Sequence[Path]) -> None:
    if rejects is None:
        return
    if any(rejects.resolve() == log.resolve() for log in logs):
        raise UsageError(msg("aggregate.rejects-is-log", path=str(rejects)))
    if rejects.suffix.lower() != ".csv":
        return
    if rejects.resolve().is_relative_to(data_dir.resolve()):
        raise UsageError(msg("aggregate.rejects-inside", path=str(rejects)))


# --- counting --------------------------------------------------------------------------


@dataclass(frozen=True)
class _TimeFormats:
    """The forms of ``started_at`` to try.

    Naive or with an offset, ``T`` or a space between date and time, and whether the
    seconds may have a fraction, and whether some times have no seconds.
    """

    naive: bool = True
    aware: bool = True
    space: bool = True
    fraction: bool = True
    minutes: bool = True


_ALL_FORMATS = _TimeFormats()
_SNIFF_ROWS = 1000


def _sniff_formats(source: _Source) -> _TimeFormats:
    """The forms of ``started_at`` in a log's first rows.

    The first pass tries only these; a row in another form sends the log to the second
    pass, which tries all.
    """
    sample = source.frame.select(pl.col("started_at").cast(pl.String)).head(_SNIFF_ROWS)
    values = [v for v in sample.collect().to_series() if v]
    if not values:
        return _ALL_FORMATS
    aware = [v[-1] == "Z" or v[-6:-5] in {"+", "-"} or v[-5:-4] in {"+", "-"} for v in values]
    return _TimeFormats(
        naive=not all(aware),
        aware=any(aware),
        space=any(" " in v for v in values),
        fraction=any("." in v for v in values),
        minutes=any(re.search(_MINUTES_RE, v) for v in values),
    )


def _local_time(
    source: _Source, tz: str, formats: _TimeFormats, name: str = "started_at"
) -> pl.Expr:
    """A time column (``started_at``) as a naive local time in ``tz``; null if unparsed.

    Naive times are taken as local clock times as written (a time the clock skipped in
    spring counts in the hour written); times with an offset, or ``Z``, are converted,
    so the two 02:00-03:00 hours of an autumn night both count in hour 2.
    """
    naive, aware = _parsed(source, formats, name)
    local = [a.dt.convert_time_zone(tz).dt.replace_time_zone(None) for a in aware]
    return _first([*naive, *local])


def _instant(source: _Source, tz: str, formats: _TimeFormats, name: str) -> pl.Expr:
    """A time column as an instant (UTC), for durations; null if unparsed.

    A naive time is a local time in ``tz`` (in the hour the clock went back, the first;
    a time the clock skipped is null here, and the caller falls back to the clock).
    """
    naive, aware = _parsed(source, formats, name)
    placed = [
        n.dt.replace_time_zone(tz, ambiguous="earliest", non_existent="null").dt.convert_time_zone(
            "UTC"
        )
        for n in naive
    ]
    return _first([*placed, *aware])


def _first(parsed: list[pl.Expr]) -> pl.Expr:
    return pl.coalesce(parsed) if len(parsed) > 1 else parsed[0]


def _parsed(
    source: _Source, formats: _TimeFormats, name: str
) -> tuple[list[pl.Expr], list[pl.Expr]]:
    """A time column parsed in each form: as naive datetimes, and as instants (UTC).

    Instants where the value has an offset (or ``Z``, or the column a time zone).
    """
    column = pl.col(name)
    dtype = source.frame.collect_schema()[name]
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone is None:
            return [column], []
        return [], [column.dt.convert_time_zone("UTC")]
    text = column.cast(pl.String)
    if formats.space:
        text = text.str.replace(" ", "T", literal=True)
    naive: list[pl.Expr] = []
    aware: list[pl.Expr] = []
    forms = [_FRACTION_FORMAT if formats.fraction else _SECONDS_FORMAT]
    if formats.minutes:
        forms.append(_MINUTES_FORMAT)
    for form in forms:
        if formats.naive:
            naive.append(text.str.to_datetime(form, strict=False, time_unit="us"))
        if formats.aware:
            aware.append(
                text.str.replace(r"Z$", "+00:00").str.to_datetime(
                    form + "%z", strict=False, time_unit="us", time_zone="UTC"
                )
            )
    return naive, aware


def _text(column: str) -> pl.Expr:
    r"""A column as text; null where the log lacks it (another log of the run has it).

    A unit separator in a cell is written out (``\x1f``), so the cell stays one value.
    An age stored as a float (as pandas writes a column with gaps) reads as whole years
    where it is one: ``12.0`` is age 12, ``12.5`` stays and is reported.
    """
    text = (
        pl.col(column)
        .cast(pl.String)
        .str.replace_all(_TOKEN_SEPARATOR, _ESCAPED_SEPARATOR, literal=True)
    )
    return text.str.replace(r"^([0-9]+)\.0$", "$1") if column == "age" else text


#: What a count is keyed by beside its token, as grouped (the log's own cells) and as kept.
_GROUP_KEY = ("_month", "channel", "status")
_KEY = ("_month", "_channel", "_status")
_COUNT = "_n"
#: The measures of the sums of durations: each sum's seconds and the contacts it is known for.
_TIMED_MEASURES = [m for pair in _DURATIONS.values() for m in pair]
_BAD_TIME = "_bad_time"
#: What each group-by measures of its groups, each added up through slices and tokens;
#: a further measure (a sum of durations) is one more entry here and in ``_count``'s
#: result.
_MEASURES = [_COUNT, *_TIMED_MEASURES, _BAD_TIME]
_TOKEN = "_token"  # noqa: S105  (a column name)
_CELL = "_cell"
_LABEL = "_label"


#: The tokens of each distinct cell of a breakdown column: column → frame of
#: (``_cell``: the cell as text, ``_token``: its tokens in order, crossed ones left out).
_Cells = dict[str, pl.DataFrame]


def _contacts(
    frame: pl.LazyFrame, source: _Source, tz: str, formats: _TimeFormats = _ALL_FORMATS
) -> pl.LazyFrame:
    """The log with each contact's local month (``year * 100 + month``), day and hour.

    They are null where the time does not parse. A float column (an age as pandas
    writes a column with gaps) is read as text, so each value is judged as written.
    Each time column is parsed once, into columns of its own (``_local:started_at``,
    ``_instant:ended_at``, dropped at the end) that the month, day, hour and durations
    are taken from.
    """
    has = [c for c in TIME_COLUMNS if c in source.columns]
    times = ["started_at", *has]
    parsed = [*(_LOCAL + c for c in times), *(_INSTANT + c for c in times if has)]
    local = pl.col(_LOCAL + "started_at")
    floats = [c for c, dtype in source.frame.collect_schema().items() if dtype.is_float()]
    return (
        frame.with_columns(
            *(_local_time(source, tz, formats, c).alias(_LOCAL + c) for c in times),
            *(_instant(source, tz, formats, c).alias(_INSTANT + c) for c in times if has),
        )
        .with_columns(
            pl.col(floats).cast(pl.String),
            (local.dt.year() * 100 + local.dt.month()).cast(pl.Int32).alias("_month"),
            local.dt.day().alias("_day"),
            local.dt.hour().alias("_hour"),
            *_durations(has),
        )
        .drop(parsed)
    )


#: Prefixes of the columns of a time column parsed (:func:`_contacts`): as a local time
#: in the helpline's time zone (:func:`_local_time`), and as an instant (:func:`_instant`).
_LOCAL, _INSTANT = "_local:", "_instant:"


def _durations(has: Sequence[str]) -> list[pl.Expr]:
    """Each contact's durations in seconds, and ``_time_problem`` where they are wrong.

    ``has`` are the log's time columns, parsed (:func:`_contacts`). The problem is a code
    for :meth:`_Checker.time_problems`.

    Answered: to the answer (``answered_at``), and from it to the end (``ended_at``);
    missed: to giving up (``ended_at``). Where the log has a column, each contact of the
    status it applies to needs a time there, in order; a missed contact has no answer.
    """
    if not has:
        return []
    answered = pl.col("status").cast(pl.String) == Metric.ANSWERED.value
    missed = pl.col("status").cast(pl.String) == Metric.MISSED.value
    local = {c: pl.col(_LOCAL + c) for c in ("started_at", *has)}
    instant = {c: pl.col(_INSTANT + c) for c in ("started_at", *has)}

    def between(first: str, then: str) -> pl.Expr:
        """Elapsed time (a skipped local time: on the clock)."""
        return pl.coalesce(instant[then] - instant[first], local[then] - local[first])

    given = {c: pl.col(c).cast(pl.String).fill_null("") != "" for c in has}
    problems: list[tuple[pl.Expr, str]] = []
    out: list[pl.Expr] = []
    if "answered_at" in has:
        wait = between("started_at", "answered_at")
        problems += [
            (answered & ~given["answered_at"], "missing:answered_at"),
            (answered & given["answered_at"] & local["answered_at"].is_null(), "bad:answered_at"),
            (answered & (wait < timedelta(0)), "order:answered_at:started_at"),
            (missed & given["answered_at"], "missed-answered"),
        ]
        out += _measure("_answer", answered, wait)
    if "ended_at" in has:
        earlier = "answered_at" if "answered_at" in has else "started_at"
        last = between(earlier, "ended_at")
        whole = between("started_at", "ended_at")
        problems += [
            ((answered | missed) & ~given["ended_at"], "missing:ended_at"),
            (given["ended_at"] & local["ended_at"].is_null(), "bad:ended_at"),
            (answered & (last < timedelta(0)), f"order:ended_at:{earlier}"),
            (missed & (whole < timedelta(0)), "order:ended_at:started_at"),
        ]
        if "answered_at" in has:
            out += _measure("_talk", answered, last)
        out += _measure("_abandon", missed, whole)
    problem = pl.lit(None, dtype=pl.String)
    for condition, code in reversed(problems):
        problem = pl.when(condition.fill_null(value=False)).then(pl.lit(code)).otherwise(problem)
    return [*out, problem.alias("_time_problem")]


def _measure(name: str, applies: pl.Expr, duration: pl.Expr) -> list[pl.Expr]:
    """A duration in whole seconds where it ``applies`` (else null), and 1 where known.

    Each contact's is rounded (half up; durations are never negative in a good row), so
    that every sum of them, by site or by hour, adds up to the total exactly.
    """
    seconds = (duration.dt.total_microseconds() + 500_000) // 1_000_000
    known = pl.when(applies).then(seconds)
    return [known.alias(f"{name}_s"), known.is_not_null().cast(pl.Int64).alias(f"{name}_k")]


def _groupings(columns: Collection[str]) -> list[tuple[str, ...]]:
    """What each group-by of a log groups by beside the key.

    The time; each breakdown column the log has; a multi-label column with the age, for
    its cross-tab. A column only another log of the run has counts nothing here: calls without a
    gender column write no gender rows, not "unknown".
    """
    age = ("age",) if "age" in columns else ()
    return [
        ("_day", "_hour"),
        *((c,) for c in EXHAUSTIVE_COLUMNS if c in columns),
        *((c, *age) for c in MULTI_LABEL_COLUMNS if c in columns),
    ]


def _count(
    source: _Source, prepare: Callable[[pl.LazyFrame], pl.LazyFrame]
) -> tuple[dict[Key, int], _Sums, _Cells, int]:
    """Count a log's tokens per month, channel and status, and the tokens of each cell.

    Also the sums of durations (:func:`_timed`) and the number of contacts whose times
    are wrong.

    ``prepare`` makes a slice of the log the contacts to count (``_contacts``). One
    group-by per breakdown, all in one streaming pass over each slice: a group is a
    distinct combination of cells, so each distinct cell becomes tokens only once
    (``_tokens``), not each contact's.
    """
    groupings = _groupings(source.columns)
    found: list[list[pl.DataFrame]] = [[] for _ in groupings]
    for part in _slices(source):
        contacts = prepare(part)
        measures = _measures(contacts)
        queries = [contacts.group_by(*_GROUP_KEY, *by).agg(measures) for by in groupings]
        for earlier, grouped in zip(
            found, pl.collect_all(queries, engine="streaming"), strict=True
        ):
            # as categoricals: the groups keep no hold on the slice's strings
            earlier.append(grouped.with_columns(pl.col(pl.String).cast(pl.Categorical)))
            if len(earlier) == _MERGE_EVERY:
                earlier[:] = [_merge(earlier)]
    tokens: list[pl.DataFrame] = []
    cells: _Cells = {}
    for by, slices in zip(groupings, found, strict=True):
        counted, cells_of = _tokens(_merge(slices), by)
        tokens.append(counted)
        if cells_of is not None:
            cells[by[0]] = cells_of
    keys = [*_KEY, _TOKEN]
    every = pl.concat(tokens, how="diagonal_relaxed")
    counted = every.group_by(keys).agg(pl.col(_present(every)).sum())
    counts = {(m, c, s, t): n for m, c, s, t, n in counted.select(*keys, _COUNT).iter_rows()}
    bad_times = counted[_BAD_TIME].sum() if _BAD_TIME in counted.columns else 0
    return counts, _timed(counted), cells, int(bad_times)


@dataclass
class _Sums:
    """Sums of durations in seconds (:data:`SumKey`), and the contacts each is known for.

    :func:`_partly_timed` tells by the latter, once every log is counted, whether all
    contacts have the duration.
    """

    seconds: dict[SumKey, int] = field(default_factory=dict)
    known: dict[SumKey, int] = field(default_factory=dict)

    def add(self, other: _Sums) -> None:
        """Add another log's sums."""
        _add(self.seconds, other.seconds)
        _add(self.known, other.known)


def _add(into: dict[_K, int], more: Mapping[_K, int]) -> None:
    """Add the numbers of ``more`` to those of ``into``, key by key."""
    for key, n in more.items():
        into[key] = into.get(key, 0) + n


def _timed(counted: pl.DataFrame) -> _Sums:
    """The sums of durations in seconds, and the contacts each is known for.

    Of the total, each site and each hour, where some contact has the duration.
    """
    out = _Sums()
    tokens = pl.col(_TOKEN).str.slice(0, 2).is_in(_TIMED_TOKENS)
    timed = counted.filter(tokens)
    for metric, (seconds, known) in _DURATIONS.items():
        if known not in timed.columns:
            continue
        status = DURATIONS[metric].value
        rows = timed.filter((pl.col("_status") == status) & (pl.col(known) > 0))
        for month, channel, token, total, n in rows.select(
            "_month", "_channel", _TOKEN, seconds, known
        ).iter_rows():
            out.seconds[(month, channel, metric.value, token)] = total
            out.known[(month, channel, metric.value, token)] = n
    return out


def _measures(contacts: pl.LazyFrame) -> list[pl.Expr]:
    """What each group-by measures: the contacts, and the log's times.

    Where the log has times: the sums of the durations, the contacts each is known for,
    and the contacts whose times are wrong.
    """
    names = contacts.collect_schema().names()
    measures = [pl.len().cast(pl.Int64).alias(_COUNT)]
    measures += [pl.col(m).sum().cast(pl.Int64) for m in _TIMED_MEASURES if m in names]
    if "_time_problem" in names:
        problems = pl.col("_time_problem").is_not_null().sum().cast(pl.Int64)
        measures.append(problems.alias(_BAD_TIME))
    return measures


def _present(frame: pl.DataFrame) -> list[str]:
    """The measures a frame of counts has."""
    return [m for m in _MEASURES if m in frame.columns]


#: Rows of a Parquet log, and bytes of a CSV log, counted at a time. Polars' streaming
#: engine runs one group-by at a time and holds the rows the others have yet to see:
#: slices keep that bounded.
_SLICE_ROWS = 1_000_000
_SLICE_BYTES = 32 << 20
#: Slices counted before their groups are added up.
_MERGE_EVERY = 4


def _slices(source: _Source) -> Iterator[pl.LazyFrame]:
    """A log in slices of about a million contacts.

    A gzip log is one slice: each scan of it decompresses all of it.
    """
    if source.compressed:
        yield source.frame
    elif source.csv:
        for block in _csv_blocks(source.path, source.eol.encode(), _SLICE_BYTES):
            yield pl.scan_csv(
                block, separator=source.separator, infer_schema=False, eol_char=source.eol
            )
    else:
        rows = source.frame.select(pl.len()).collect().item()
        starts = range(0, rows, _SLICE_ROWS)
        for start in starts[:-1]:
            yield source.frame.slice(start, _SLICE_ROWS)
        yield source.frame.slice(starts[-1] if starts else 0)  # and any rows beyond


def _csv_blocks(path: Path, eol: bytes, size: int) -> Iterator[bytes]:
    """A CSV file in blocks of whole records, each of about ``size`` bytes or more.

    Each block starts with the file's header line. A block ends at a line end with an
    even number of quotes before it: a line end inside a quoted cell has an odd number
    (a quote within a cell is written twice).
    """
    with path.open("rb") as raw:
        rest = b""
        header_end = -1
        while header_end < 0 and (more := raw.read(size)):
            rest += more
            header_end = _record_end(rest, eol, first=True)
        if header_end < 0:  # no line after the header
            yield rest
            return
        header, rest = rest[: header_end + 1], rest[header_end + 1 :]
        while more := raw.read(max(size - len(rest), 1 << 20)):
            rest += more
            end = _record_end(rest, eol)
            if end >= 0 and len(rest) >= size:
                yield header + rest[: end + 1]
                rest = rest[end + 1 :]
        yield header + rest


def _record_end(data: bytes, eol: bytes, *, first: bool = False) -> int:
    """Where the last (or ``first``) record in ``data`` ends: its line end, or -1."""
    end = data.find(eol) if first else data.rfind(eol)
    if b'"' not in data:
        return end
    while end >= 0 and data.count(b'"', 0, end) % 2:
        end = data.find(eol, end + 1) if first else data.rfind(eol, 0, end)
    return end


def _merge(slices: list[pl.DataFrame]) -> pl.DataFrame:
    """Several slices' counts of the same groups, added up."""
    if len(slices) == 1:
        return slices[0]
    both = pl.concat(slices, how="vertical_relaxed")
    groups = [c for c in both.columns if c not in _MEASURES]
    return both.group_by(groups).agg(pl.col(_present(both)).sum())


def _tokens(grouped: pl.DataFrame, by: tuple[str, ...]) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    """A group-by's counts by token (``_KEY``, ``_token``, ``_n``), and its cells' tokens.

    The tokens: ``=`` for the total, ``h:22`` and ``d:5`` for the time; a prefix and
    the cell for an exhaustive column (``s:oslo``; ``s:`` for an empty cell); for a
    multi-label column one per label (``t:violence/bullying``), a sub-topic also
    counting its group once a contact, and with an age, one per label and age
    (``T:violence/bullying*12``).
    """
    key = [pl.col("_month"), _text("channel").alias("_channel"), _text("status").alias("_status")]

    measures = _present(grouped)

    def counted(token: pl.Expr, frame: pl.DataFrame = grouped) -> pl.DataFrame:
        return frame.select(*key, token.alias(_TOKEN), *measures)

    column = by[0]
    if column == "_day":
        return pl.concat(
            [
                counted(pl.lit(_TOTAL_TOKEN)),
                counted(pl.lit(_PREFIX[Dimension.HOUR]) + pl.col("_hour").cast(pl.String)),
                counted(pl.lit(_PREFIX[Dimension.DAY]) + pl.col("_day").cast(pl.String)),
            ]
        ).drop_nulls(_TOKEN), None
    if column in EXHAUSTIVE_COLUMNS:
        prefix = _PREFIX[EXHAUSTIVE_COLUMNS[column]]
        cell = _text(column).fill_null("")
        cells = (
            grouped.select(cell.alias(_CELL))
            .unique()
            .with_columns(pl.concat_list(pl.lit(prefix) + pl.col(_CELL)).alias(_TOKEN))
        )
        return counted(pl.lit(prefix) + cell), cells
    dim = MULTI_LABEL_COLUMNS[column]
    labels = _text(column)
    if dim is Dimension.TOPIC:
        labels = pl.concat_str([labels, labels.str.replace_all(r"/[^|]*", "")], separator="|")
    cells = (
        grouped.select(pl.col(column))
        .unique()
        .with_columns(
            labels.str.split(LABEL_SEPARATOR)
            .list.unique(maintain_order=True)
            .list.eval(pl.element().cast(pl.Categorical))
            .alias(_LABEL)
        )
    )
    labelled = (
        grouped.join(cells, on=column)
        .explode(_LABEL)
        .drop_nulls(_LABEL)
        .group_by(*_GROUP_KEY, _LABEL, *by[1:])
        .agg(pl.col(measures).sum())
    )
    label = pl.col(_LABEL).cast(pl.String)
    parts = [counted(pl.lit(_PREFIX[dim]) + label, labelled)]
    if "age" in by:  # and by age: each label with the contact's age
        crossed = next(p for p, (d, _) in CROSSED.items() if d is dim)
        age = _text("age").fill_null("")
        parts.append(counted(pl.lit(crossed) + label + pl.lit(_CROSS) + age, labelled))
    tokens_of = cells.drop_nulls(_LABEL).select(
        _text(column).alias(_CELL),
        pl.col(_LABEL).list.eval(pl.lit(_PREFIX[dim]) + pl.element().cast(pl.String)).alias(_TOKEN),
    )
    return pl.concat(parts), tokens_of


@dataclass
class _Tally:
    """The counts of one log, and its bad rows."""

    counts: dict[Key, int]
    sums: _Sums
    rows_read: int
    problems: list[Problem] = field(default_factory=list)
    rejected: pl.DataFrame | None = None


def _tally(source: _Source, tz: str, checker: _Checker) -> _Tally:
    """Count one log; find its bad rows only if some value in it is bad."""
    try:
        formats = _sniff_formats(source)
        counts, sums, cells, bad_times = _count(
            source, lambda part: _contacts(part, source, tz, formats)
        )
        if not bad_times and not any(checker.bad_key(key) for key in counts):
            return _Tally(counts, sums, _contacts_in(counts))
        return _tally_bad_rows(source, tz, cells, checker)
    except _READ_ERRORS as err:
        raise DataError([_unreadable(source.path, err)]) from None


def _contacts_in(counts: Mapping[Key, int]) -> int:
    """The contacts counted: the total rows."""
    return sum(n for k, n in counts.items() if k[3] == _TOTAL_TOKEN)


def _tally_bad_rows(source: _Source, tz: str, cells: _Cells, checker: _Checker) -> _Tally:
    """The second pass: find the rows holding bad values, and count the others.

    ``cells`` are the first pass's; their bad tokens tell the cells to look for.
    """
    bad_cells: dict[str, dict[str, list[str]]] = {}
    for column, frame in cells.items():
        for cell, tokens in frame.iter_rows():
            bad_tokens = [t for t in tokens if checker.bad_token(t)]
            if bad_tokens:
                bad_cells.setdefault(column, {})[cell] = bad_tokens
    raw_columns = list(source.columns)
    blank = pl.all_horizontal(pl.col(raw_columns).is_null()) if source.csv else pl.lit(value=False)
    bad_cell = [
        pl.col(f"_{c}").is_in(list(bad)).fill_null(value=False) for c, bad in bad_cells.items()
    ]
    bad = (
        pl.col("_month").is_null()
        | pl.col("_channel").is_in(list(_CHANNEL_ORDER)).fill_null(value=False).not_()
        | pl.col("_status").is_in(list(STATUSES)).fill_null(value=False).not_()
        | pl.any_horizontal(pl.lit(value=False), *bad_cell)
    )
    times = [c for c in TIME_COLUMNS if c in raw_columns]
    if times:
        bad = bad | pl.col("_time_problem").is_not_null()
    counted = pl.col("_blank").not_()

    def flagged(part: pl.LazyFrame) -> pl.LazyFrame:
        return _contacts(part, source, tz).with_columns(
            _text("channel").alias("_channel"),
            _text("status").alias("_status"),
            *(_text(c).alias(f"_{c}") for c in bad_cells),
            _blank=blank,
        )

    whole = flagged(source.frame.with_row_index(_ROW))
    bad_rows = whole.filter(bad & counted).collect(engine="streaming")
    good, sums, _, _ = _count(source, lambda part: flagged(part).filter(bad.not_() & counted))
    problems: list[Problem] = []
    reasons: list[str] = []
    found_cells = [f"_{c}" for c in bad_cells]
    problem = pl.col("_time_problem") if times else pl.lit(None, dtype=pl.String)
    row_cells = bad_rows.select(
        _ROW,
        "_month",
        pl.col("started_at", *times).cast(pl.String),
        "_channel",
        "_status",
        problem.alias("_time_problem"),
        *found_cells,
    )
    for row, month, started_at, *rest in row_cells.iter_rows():
        time_cells = dict(zip(times, rest[: len(times)], strict=True))
        channel, status, time_problem, *values = rest[len(times) :]
        tokens = [
            t for c, v in zip(bad_cells, values, strict=True) for t in bad_cells[c].get(v, ())
        ]
        found = checker.row_problems(source, row, month, started_at, channel, status, tokens)
        if time_problem and month is not None:
            found += checker.time_problems(source, row, time_problem, time_cells)
        problems += found
        reasons.append("; ".join(p.message for p in found))
    rejected = bad_rows.select(
        pl.nth([bad_rows.columns.index(c) for c in raw_columns]).cast(pl.String),
        pl.lit(source.name).alias("file"),
        pl.Series("line", [source.line(row) for row in bad_rows[_ROW]], dtype=pl.Int64),
        pl.Series(REASON_COLUMN, reasons, dtype=pl.String),
    )
    rows_read = _contacts_in(good) + len(bad_rows)
    return _Tally(good, sums, rows_read, problems, rejected)


@dataclass(frozen=True)
class _Unknown:
    """An id the taxonomy lacks; its message (with a did-you-mean) is worded when shown."""

    dimension: Dimension
    value: str


class _Checker:
    """Judges each distinct value once: its category in a count file, or its problem."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._cache: dict[str, tuple[str | None, Message | _Unknown | None]] = {}
        self._unknown: dict[_Unknown, Message] = {}

    def bad_key(self, key: Key) -> bool:
        """Tell whether a count's key holds a bad value."""
        month, channel, status, token = key
        return (
            month is None
            or channel not in _CHANNEL_ORDER
            or status not in STATUSES
            or token is None
            or self.bad_token(token)
        )

    def bad_token(self, token: str) -> bool:
        """Tell whether a token holds a value the count files cannot take."""
        return self.judge(token)[1] is not None

    def judge(self, token: str) -> tuple[str | None, Message | _Unknown | None]:
        """A token's category (None: counts nowhere), and its problem if it is bad."""
        if token not in self._cache:
            self._cache[token] = self._judge(token)
        return self._cache[token]

    def message(self, token: str) -> Message:
        """A bad token's problem, worded.

        An unknown id's did-you-mean is searched for here, when its first row is named:
        in the order of the rows, so that a run's limited searches go to its first ones.
        """
        problem = self.judge(token)[1]
        if isinstance(problem, _Unknown):
            if problem not in self._unknown:
                self._unknown[problem] = self.taxonomy.unknown(problem.dimension, problem.value)
            return self._unknown[problem]
        return problem or msg("log.control")

    def _judge(self, token: str) -> tuple[str | None, Message | _Unknown | None]:
        if token == _TOTAL_TOKEN:
            return "", None
        if token[:2] in CROSSED:  # label*age: each part judged as its own token
            first, second = CROSSED[token[:2]]
            label, _, age = token[2:].rpartition(_CROSS)
            (one, bad), (two, worse) = (
                self.judge(_PREFIX[first] + label),
                self.judge(_PREFIX[second] + age),
            )
            if bad or worse:
                return None, bad or worse
            return (None if one is None or two is None else f"{one}{_CROSS}{two}"), None
        dim = _BY_PREFIX.get(token[:2])
        if dim is None:
            return None, msg("log.control")
        value = token[2:]
        if dim in (Dimension.HOUR, Dimension.DAY):
            return value, None
        if value == "":
            return (None if dim in MULTI_LABEL_COLUMNS.values() else UNKNOWN), None
        if dim is Dimension.AGE:
            return _age(value)
        if value in self.taxonomy.ids(dim):
            return value, None
        return None, _Unknown(dim, value)

    def row_problems(
        self,
        source: _Source,
        row: int,
        month: int | None,
        started_at: str | None,
        channel: str | None,
        status: str | None,
        bad_tokens: list[str],
    ) -> list[Problem]:
        """The problems of one bad row, one per bad cell."""
        found: list[tuple[str, Message]] = []
        if started_at is None or started_at == "":
            found.append(("started_at", msg("log.missing", column="started_at")))
        elif month is None:
            found.append(("started_at", msg("log.bad-time", value=started_at)))
        found += _choice_problem("channel", channel, tuple(_CHANNEL_ORDER))
        found += _choice_problem("status", status, STATUSES)
        topics = [t for t in bad_tokens if t.startswith(_PREFIX[Dimension.TOPIC])]
        for token in bad_tokens:
            if token[:2] in CROSSED:
                continue  # its parts are bad tokens of their own, named there
            if any(other.startswith(token + "/") for other in topics):
                continue  # the group of a bad sub-topic: named with the sub-topic
            dim = _BY_PREFIX.get(token[:2])
            column = _COLUMN_OF[dim] if dim else "?"
            found.append((column, self.message(token)))
        line = source.line(row)
        return [Problem(source.name, line, c, Code.BAD_LOG_ROW, m.text(), m) for c, m in found]

    @staticmethod
    def time_problems(
        source: _Source, row: int, code: str, cells: Mapping[str, str | None]
    ) -> list[Problem]:
        """The problem of a row's ``answered_at`` or ``ended_at`` (``_durations``' code)."""
        kind, _, columns = code.partition(":")
        column, _, earlier = columns.partition(":")
        if kind == "missing":
            message = msg("log.missing", column=column)
        elif kind == "bad":
            message = msg("log.bad-time-of", column=column, value=cells.get(column) or "")
        elif kind == "order":
            message = msg(
                "log.time-order",
                column=column,
                value=cells.get(column) or "",
                earlier=earlier,
            )
        else:
            column = "answered_at"
            message = msg("log.missed-answered", value=cells.get(column) or "")
        line = source.line(row)
        return [Problem(source.name, line, column, Code.BAD_LOG_ROW, message.text(), message)]


def _choice_problem(
    column: str, value: str | None, allowed: tuple[str, ...]
) -> list[tuple[str, Message]]:
    if value is None or value == "":
        return [(column, msg("log.missing", column=column))]
    if value in allowed:
        return []
    close = hint(closest(value, allowed))
    return [
        (column, msg("log.unknown-choice", column=column, value=value, hint=close, choices=allowed))
    ]


def _age(value: str) -> tuple[str | None, Message | None]:
    """An age cell as a category: whole years ``AGE_MIN``-``AGE_MAX``, or ``unknown``."""
    if value == UNKNOWN:
        return UNKNOWN, None
    if value.isascii() and value.isdigit():
        age = int(value)
        if AGE_MIN <= age <= AGE_MAX:
            return str(age), None
        return None, msg("log.age-range", age=age, low=AGE_MIN, high=AGE_MAX)
    return None, msg("log.age-not-number", value=value)


# --- count files ------------------------------------------------------------------------


def _count_rows(counts: dict[Key, int], sums: _Sums, checker: _Checker) -> dict[Row, int]:
    """The count rows the tally gives: (month, channel, metric, dimension, category) → n.

    ``counts`` hold good rows only: the checks have set every bad one aside. The sums of
    durations follow, but those some contacts lack (:func:`_partly_timed`).
    """
    merged: defaultdict[Row, int] = defaultdict(int)
    partial = _partly_timed(counts, sums)
    timed = ((key, n) for key, n in sums.seconds.items() if key[:3] not in partial)
    for (yyyymm, channel, status, token), n in (*counts.items(), *timed):
        if yyyymm is None or channel is None or status is None or token is None:
            msg = "a bad row reached the count files"
            raise AssertionError(msg)
        category = checker.judge(token)[0]
        if category is None:
            continue  # an empty multi-label cell
        if token[:2] in CROSSED:
            if status != Metric.ANSWERED:
                continue
            dim = _CROSS.join(d.value for d in CROSSED[token[:2]])
        else:
            dim = Dimension.TOTAL if token == _TOTAL_TOKEN else _BY_PREFIX[token[:2]]
            if dim in MULTI_LABEL_COLUMNS.values() and status != Metric.ANSWERED:
                continue
        merged[month_id(yyyymm // 100, yyyymm % 100), channel, status, dim, category] += n
    return dict(merged)


def _closed(rows: Mapping[Row, int], data_dir: Path, taxonomy: Taxonomy) -> list[Problem]:
    """Counts in a month, hour or day the calendar has closed.

    Each is named by the month file it would go to, which ``alarm validate`` would refuse.
    """
    from alarmcli.services import check

    if not taxonomy.calendar.services:
        return []
    frame = pl.DataFrame(
        [
            (str(_month_path(data_dir, month)), None, month, channel, metric, dim, category, n)
            for (month, channel, metric, dim, category), n in rows.items()
        ],
        schema={
            "file": pl.String,
            "line": pl.Int64,
            "month": pl.String,
            "channel": pl.String,
            "metric": pl.String,
            "dimension": pl.String,
            "category": pl.String,
            "count": pl.Int64,
        },
        orient="row",
    )
    return check(frame, taxonomy.calendar)


def _partly_timed(
    counts: Mapping[Key, int], sums: _Sums
) -> set[tuple[int | None, str | None, str]]:
    """(month, channel, sum's metric) where some contacts lack the duration.

    Their sums are left out, all of them, rather than written as if over every contact
    (one log of a channel with ``answered_at``, another without: a mean of 25 s where
    the one known is 100 s).
    """
    out = set()
    for (month, channel, metric, token), n in sums.known.items():
        of = DURATIONS[Metric(metric)].value
        if token == _TOTAL_TOKEN and n != counts.get((month, channel, of, _TOTAL_TOKEN)):
            out.add((month, channel, metric))
    return out


def count_file_texts(rows: Mapping[Row, int]) -> dict[str, str]:
    """The text of each month's count file, by month id, in month order."""
    files: dict[str, list[str]] = defaultdict(list)
    for key in sorted(rows, key=_row_order):
        month, channel, status, dim, category = key
        files[month].append(f"{month},{channel},{status},{dim},{category},{rows[key]}")
    header = ",".join(COUNT_COLUMNS)
    return {m: "\n".join([header, *lines]) + "\n" for m, lines in sorted(files.items())}


@dataclass(frozen=True)
class Written:
    """The month files written together, the backups of those replaced, leftovers removed."""

    paths: tuple[Path, ...]
    backups: tuple[Path, ...]
    cleaned: tuple[Path, ...]


def write_month_files(
    data_dir: Path,
    rows: Mapping[Row, int],
    *,
    replace: bool,
    also: Callable[[Stage], None] | None = None,
) -> Written:
    """Write count rows as ``DATA_DIR/YYYY/YYYY-MM.csv``, all months or none.

    ``also`` stages further files in the same stage (the rejects of ``aggregate``).

    Raises:
        AlarmError: a month already has a file and ``replace`` is not given.
    """
    files = count_file_texts(rows)
    targets = {month: _month_path(data_dir, month) for month in files}
    existing = sorted(m for m, path in targets.items() if path.exists())
    if existing and not replace:
        raise AlarmError(msg("aggregate.exists", n=len(existing), months=existing))
    with exclusive(data_dir):
        cleaned = _remove_leftovers(data_dir)
        stage = Stage()
        with stage:
            for month, text in files.items():
                stage.add_text(targets[month], text, keep_old=replace)
            if also is not None:
                also(stage)
            backups = stage.commit()
    return Written(tuple(targets.values()), tuple(backups), tuple(cleaned))


def _row_order(key: Row) -> tuple[object, ...]:
    """The order of rows in a count file.

    By month, then channel, metric and dimension in the contract's order, then category:
    numbers in numeric order, ``unknown`` after them, ids alphabetically.
    """
    month, channel, status, dim, category = key
    number = category.isdigit()
    return (
        month,
        list(Channel).index(Channel(channel)),
        list(Metric).index(Metric(status)),
        _dimension_order(dim),
        not number,
        int(category) if number else 0,
        category,
    )


def _dimension_order(dimension: str) -> int:
    """The contract's order of dimensions; cross-tabs after them all."""
    if _CROSS in dimension:
        return len(_DIMENSION_ORDER) + sorted(
            _CROSS.join(d.value for d in c) for c in CROSSED.values()
        ).index(dimension)
    return _DIMENSION_ORDER[Dimension(dimension)]


def _month_path(data_dir: Path, month: str) -> Path:
    return data_dir / month[:4] / f"{month}.csv"


def _rejects_frame(frames: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """The bad rows of every log, their own columns first, then file, line and reason."""
    if not frames:
        return pl.DataFrame(schema={"file": pl.String, "line": pl.Int64, REASON_COLUMN: pl.String})
    combined = pl.concat(frames, how="diagonal")
    tail = ["file", "line", REASON_COLUMN]
    names = combined.columns
    order = [i for i, c in enumerate(names) if c not in tail] + [names.index(c) for c in tail]
    ordered = combined.select(pl.nth(order))
    text = [i for i, dtype in enumerate(ordered.dtypes) if dtype == pl.String]
    # by place, not name: a log's column may be called `*` or `^a$`, which pl.col expands
    return ordered.with_columns(_inert(pl.nth(i)).alias(ordered.columns[i]) for i in text)


def _inert(cell: pl.Expr) -> pl.Expr:
    """A cell that a spreadsheet would run as a formula (``=HYPERLINK(…)``), with a ``'``.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
    formula to Excel, unless it is a number (``-1``).
    """
    formula = cell.str.contains(r"^[=+\-@\t\r]") & ~cell.str.contains(r"^[+\-]?[0-9.]+$")
    return pl.when(formula).then(pl.lit("'") + cell).otherwise(cell)
