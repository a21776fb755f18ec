"""``alarm import``: a helpline's wide tally workbook into monthly count files.

The shape people keep (see ``docs/import.md``): a sheet per channel, named by the
channel (``Telefon``, ``Chat``); a header row with the months across the top (``januar``,
``jan``, ``Jan. 2024``, a date, ``2024-01``) and perhaps a ``Sum`` column; labels down the
side. Above the first section, rows name a metric (``Besvarte``, ``Tapte``); a row with
no numbers that names a breakdown (``Kjønn``, ``Alder``, ``Tema``) starts a section whose
rows are its categories, by their Norwegian or English label or id (``Jente``, ``Gutt``,
``Psykisk helse – selvmord``, ``12 år``). A ``Sum`` row or column is checked against the
numbers it sums and not imported.

Nothing is guessed: every label that maps to nothing is reported with the closest ones,
and the whole workbook must map and validate before a month file is written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from alarmcli.contract import (
    METRICS_BY_CHANNEL,
    TAXONOMY_DIMENSIONS,
    UNKNOWN,
    Channel,
    Dimension,
    Metric,
)
from alarmcli.errors import DataError
from alarmcli.messages import hint, msg
from alarmcli.problems import Code, Problem, closest, sort_key
from alarmcli.workbooks import cell_text

if TYPE_CHECKING:
    import polars as pl

    from alarmcli.taxonomy import Taxonomy

#: Month names and abbreviations, Norwegian and English, by month number.
MONTHS = {
    1: ("januar", "january", "jan"),
    2: ("februar", "february", "feb"),
    3: ("mars", "march", "mar"),
    4: ("april", "apr"),
    5: ("mai", "may"),
    6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"),
    8: ("august", "aug"),
    9: ("september", "sept", "sep"),
    10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nov"),
    12: ("desember", "december", "des", "dec"),
}
_MONTH_WORDS = {word: n for n, words in MONTHS.items() for word in words}
#: Labels of a row or column that sums the others.
SUM_LABELS = frozenset({"sum", "total", "totalt", "i alt", "sum året", "hele året"})
#: Labels of a metric row, besides the metric's id and display labels.
METRIC_WORDS = {
    "besvart": Metric.ANSWERED,
    "besvarte": Metric.ANSWERED,
    "besvarte henvendelser": Metric.ANSWERED,
    "answered": Metric.ANSWERED,
    "tapt": Metric.MISSED,
    "tapte": Metric.MISSED,
    "missed": Metric.MISSED,
    "besøk": Metric.VISITS,
    "visits": Metric.VISITS,
    "sidevisninger": Metric.PAGEVIEWS,
    "page views": Metric.PAGEVIEWS,
    "pageviews": Metric.PAGEVIEWS,
    "brukere": Metric.USERS,
    "users": Metric.USERS,
}


def normal(label: str) -> str:
    """A label as it is compared: lower case, one space, no trailing colon, NFC."""
    text = unicodedata.normalize("NFC", label).replace("\u00a0", " ").strip().rstrip(":.")
    return re.sub(r"\s+", " ", text).lower()


@dataclass
class _Cell:
    """One imported count, and where in the workbook it came from."""

    where: str  # FILE[SHEET]
    line: int
    month: str
    channel: str
    metric: str
    dimension: str
    category: str
    count: str


@dataclass
class Imported:
    """The counts a workbook holds, with their places, and the problems found in it."""

    cells: list[_Cell] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def months(self) -> list[str]:
        """The months the workbook has counts for."""
        return sorted({c.month for c in self.cells})


def read(path: Path, taxonomy: Taxonomy, year: int | None = None) -> Imported:
    """Every count of a tally workbook as count rows; problems for whatever does not map."""
    from alarmcli.workbooks import sheets

    out = Imported()
    try:
        book = sheets(path)
    except OSError as error:
        out.problems.append(
            Problem.of(
                str(path), None, None, Code.FILE_UNREADABLE, "file.unreadable", reason=str(error)
            )
        )
        return out
    if year is None:
        found = re.search(r"(?<![0-9])(19|20)[0-9]{2}(?![0-9])", path.stem)
        year = int(found[0]) if found else None
    labels = _Labels(taxonomy)
    for sheet, rows in book:
        _Sheet(f"{path}[{sheet}]", sheet, rows, year, labels, out).read()
    return out


class _Labels:
    """What each label in a workbook may name, from the taxonomy and the display labels."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        from alarmcli.render import CHANNELS, DIMENSIONS

        self.channels = {normal(c): c for c in CHANNELS if c != "all"}
        self.channels |= {normal(label): c for c, pair in CHANNELS.items() for label in pair}
        self.channels.pop(normal("Alle kanaler"), None)
        self.channels.pop(normal("All channels"), None)
        self.dimensions = {normal(d): d for d in DIMENSIONS if d not in {"total", "month", "day"}}
        self.dimensions |= {
            normal(label): d
            for d, pair in DIMENSIONS.items()
            if d not in {"total", "month", "day"}
            for label in pair
        }
        self.categories: dict[str, dict[str, str]] = {}
        for dimension in TAXONOMY_DIMENSIONS:
            known = taxonomy.labels.get(dimension, {})
            words = {normal(i): i for i in known}
            for category, label in known.items():
                words[normal(label.nb)] = category
                words[normal(label.en)] = category
            if dimension is Dimension.TOPIC:  # "Psykisk helse – selvmord": group – sub
                for category in (c for c in known if "/" in c):
                    group = known[category.split("/")[0]]
                    for lang in ("nb", "en"):
                        sub = known[category].text(lang)
                        for dash in ("–", "-", "—", ":", "/"):
                            words[normal(f"{group.text(lang)} {dash} {sub}")] = category
            self.categories[dimension.value] = words

    def category(self, dimension: str, label: str) -> str | None:
        """The id ``label`` names in ``dimension``, or ``None``."""
        text = normal(label)
        if dimension == Dimension.AGE.value:
            match = re.fullmatch(r"([0-9]{1,2})(?: år| years?| yrs)?", text)
            if match:
                return str(int(match[1]))
            return UNKNOWN if text in {"ukjent", "unknown", "ikke oppgitt", "not given"} else None
        if dimension == Dimension.HOUR.value:
            match = re.fullmatch(
                r"([0-9]{1,2})(?:[:.]00)?(?:\s*[-–]\s*[0-9]{1,2}(?:[:.]00)?)?", text
            )
            return str(int(match[1])) if match and int(match[1]) < 24 else None
        return self.categories.get(dimension, {}).get(text)

    def choices(self, dimension: str) -> list[str]:
        """Labels to suggest for ``dimension``."""
        return sorted(self.categories.get(dimension, {}))


class _Sheet:
    """One channel's sheet, read top to bottom."""

    def __init__(
        self,
        where: str,
        name: str,
        rows: list[list[object]],
        year: int | None,
        labels: _Labels,
        out: Imported,
    ) -> None:
        self.where, self.name, self.rows, self.year = where, name, rows, year
        self.labels, self.out = labels, out

    def problem(self, line: int | None, key: str, **params: object) -> None:
        self.out.problems.append(Problem.of(self.where, line, None, Code.IMPORT, key, **params))

    def read(self) -> None:
        filled = [i for i, row in enumerate(self.rows) if any(cell_text(c) for c in row)]
        if not filled:
            return  # an empty sheet
        channel = self.labels.channels.get(normal(self.name))
        if channel is None:
            choices = sorted(set(self.labels.channels.values()))
            self.problem(
                None, "import.sheet-channel", sheet=self.name,
                hint=hint(closest(normal(self.name), sorted(self.labels.channels), n=2)),
                channels=", ".join(choices),
            )  # fmt: skip
            return
        header = next((i for i in filled if len(self._months(self.rows[i])) >= 2), None)
        if header is None:
            self.problem(filled[0] + 1, "import.no-month-header")
            return
        months = self._months(self.rows[header])
        if any(m is None for m in months.values()):
            self.problem(header + 1, "import.no-year")
            return
        sum_column = next(
            (j for j, c in enumerate(self.rows[header]) if normal(cell_text(c)) in SUM_LABELS),
            None,
        )
        label_column = min(months) - 1
        if label_column < 0:
            self.problem(header + 1, "import.no-label-column")
            return
        self._body(channel, [i for i in filled if i > header], months, sum_column, label_column)

    def _months(self, row: list[object]) -> dict[int, str | None]:
        """Columns of ``row`` that name a month: column → ``YYYY-MM`` (``None``: no year)."""
        found: dict[int, str | None] = {}
        for j, cell in enumerate(row):
            if isinstance(cell, dt.date | dt.datetime):
                found[j] = f"{cell.year}-{cell.month:02d}"
                continue
            text = normal(cell_text(cell))
            match = re.fullmatch(r"((?:19|20)[0-9]{2})-([0-9]{2})", text)
            if match and 1 <= int(match[2]) <= 12:
                found[j] = text
                continue
            match = re.fullmatch(r"([a-zæøå]+)\.?(?:\s*[-' ]?\s*((?:19|20)?[0-9]{2}))?", text)
            if match and match[1] in _MONTH_WORDS:
                year = self.year
                if match[2]:
                    year = int(match[2]) + (2000 if len(match[2]) == 2 else 0)
                found[j] = f"{year}-{_MONTH_WORDS[match[1]]:02d}" if year else None
        return found

    def _body(
        self,
        channel: str,
        lines: list[int],
        months: dict[int, str | None],
        sum_column: int | None,
        label_column: int,
    ) -> None:
        dimension: str | None = None
        section: list[tuple[int, dict[int, int]]] = []
        allowed = {m.value for m in METRICS_BY_CHANNEL[Channel(channel)]}
        for i in lines:
            row = self.rows[i]
            label = cell_text(row[label_column] if label_column < len(row) else None)
            numbers = self._numbers(i, row, months, sum_column)
            if numbers is None:
                continue  # a cell that is not a count, already reported
            if not numbers:  # a label alone: a section heading
                heading = self.labels.dimensions.get(normal(label))
                if heading is None:
                    self.problem(
                        i + 1, "import.unknown-heading", label=label,
                        hint=hint(closest(normal(label), sorted(self.labels.dimensions), n=2)),
                    )  # fmt: skip
                self._check_sum(section, None)
                dimension, section = heading, []
                continue
            if normal(label) in SUM_LABELS:
                self._check_sum(section, (i, numbers))
                section = []
                continue
            if not label.strip():
                self.problem(i + 1, "import.no-label")
                continue
            if dimension is None:
                metric = METRIC_WORDS.get(normal(label))
                if metric is None or metric.value not in allowed:
                    self.problem(
                        i + 1, "import.unknown-metric", label=label, channel=channel,
                        hint=hint(closest(normal(label), sorted(METRIC_WORDS), n=2)),
                    )  # fmt: skip
                    continue
                self._add(i, numbers, months, channel, metric.value, Dimension.TOTAL.value, "")
                continue
            category = self.labels.category(dimension, label)
            if category is None:
                self.problem(
                    i + 1, "import.unknown-category", label=label, dimension=dimension,
                    hint=hint(closest(normal(label), self.labels.choices(dimension), n=2)),
                )  # fmt: skip
                continue
            section.append((i, numbers))
            self._add(i, numbers, months, channel, Metric.ANSWERED.value, dimension, category)
        self._check_sum(section, None)

    def _numbers(
        self, i: int, row: list[object], months: dict[int, str | None], sum_column: int | None
    ) -> dict[int, int] | None:
        """The counts of a row by column (the sum column too); ``None`` if one is not a count."""
        out: dict[int, int] = {}
        bad = False
        for j in [*months, *([sum_column] if sum_column is not None else [])]:
            text = cell_text(row[j] if j < len(row) else None).strip()
            if not text:
                continue
            if not text.isdigit():
                self.problem(i + 1, "import.not-a-count", value=text, column=_column_name(j))
                bad = True
                continue
            out[j] = int(text)
        if bad:
            return None
        if sum_column is not None and sum_column in out:
            given = out.pop(sum_column)
            if given != sum(out.values()):
                self.problem(i + 1, "import.row-sum", given=given, total=sum(out.values()))
        return out

    def _check_sum(
        self, section: list[tuple[int, dict[int, int]]], total: tuple[int, dict[int, int]] | None
    ) -> None:
        """A ``Sum`` row equals the sum of its section's rows, month by month."""
        if total is None:
            return
        line, given = total
        for j, value in given.items():
            summed = sum(numbers.get(j, 0) for _, numbers in section)
            if value != summed:
                self.problem(
                    line + 1, "import.section-sum", given=value, total=summed,
                    column=_column_name(j),
                )  # fmt: skip

    def _add(
        self,
        i: int,
        numbers: dict[int, int],
        months: dict[int, str | None],
        channel: str,
        metric: str,
        dimension: str,
        category: str,
    ) -> None:
        for j, count in numbers.items():
            month = months[j]
            if month is None:
                continue
            self.out.cells.append(
                _Cell(self.where, i + 1, month, channel, metric, dimension, category, str(count))
            )


def _column_name(j: int) -> str:
    """A spreadsheet column's letters: 0 → A, 27 → AB."""
    name = ""
    j += 1
    while j:
        j, rest = divmod(j - 1, 26)
        name = chr(65 + rest) + name
    return name


def frame(imported: Imported) -> pl.DataFrame:
    """The imported counts as the loader's frame, each row at its place in the workbook."""
    import polars as pl

    from alarmcli import loading
    from alarmcli.contract import COUNT_COLUMNS

    cells = imported.cells
    data: dict[str, Iterable[object]] = {
        loading.FILE: [c.where for c in cells],
        loading.LINE: [c.line for c in cells],
        **{column: [getattr(c, column) for c in cells] for column in COUNT_COLUMNS},
        loading.FILE_MONTH: [None] * len(cells),
    }
    schema = dict.fromkeys(data, pl.String) | {loading.LINE: pl.Int64}
    return pl.DataFrame(data, schema=schema)


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote."""

    months: tuple[str, ...]
    paths: tuple[Path, ...]
    backups: tuple[Path, ...]
    rows: int


def run(
    path: Path, data_dir: Path, *, year: int | None = None, replace: bool = False
) -> ImportResult:
    """Import a tally workbook into ``data_dir``: all of it, or nothing.

    Raises:
        DataError: a label maps to nothing, a cell is not a count, a sum disagrees, or the
            counts break a rule of the contract; every problem names sheet and row.
        AlarmError: a month already has a file and ``replace`` is not given (from
            :func:`alarmcli.aggregate.write_month_files`).
    """
    from alarmcli import taxonomy as taxonomy_module
    from alarmcli.aggregate import write_month_files
    from alarmcli.validation import validate

    tax = taxonomy_module.load(data_dir)
    imported = read(path, tax, year)
    problems = list(imported.problems)
    if not problems and not imported.cells:
        problems.append(Problem.of(str(path), None, None, Code.IMPORT, "import.nothing"))
    if not problems:
        result = validate(frame(imported), tax)
        problems += result.problems
    if problems:
        raise DataError(sorted(problems, key=sort_key), msg("import.refused", n=len(problems)))
    rows: dict[tuple[str, str, str, str, str], int] = {}
    for c in imported.cells:
        rows[(c.month, c.channel, c.metric, c.dimension, c.category)] = int(c.count)
    written = write_month_files(data_dir, rows, replace=replace)
    return ImportResult(
        months=tuple(imported.months()),
        paths=written.paths,
        backups=written.backups,
        rows=len(rows),
    )
