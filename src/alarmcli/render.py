"""Showing a :class:`~alarmcli.figures.Table`: rich tables, csv, json and markdown.

csv and json carry the contract's columns with plain numbers (``14242``, ``9.7``) and
ids, identical in every language; tables and markdown carry labels and numbers in the
reader's language (nb: ``14 242``, ``9,7 %``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from alarmcli.contract import Dimension
from alarmcli.messages import printable
from alarmcli.suppression import MARK, SUPPRESSED

if TYPE_CHECKING:
    from alarmcli.figures import Record, Table
    from alarmcli.taxonomy import Taxonomy

NBSP = "\u00a0"
#: A hidden figure on a displayed table (Statistics Norway's sign for "confidential").
HIDDEN = ":"

#: Column headings, (Norwegian, English).
HEADINGS: dict[str, tuple[str, str]] = {
    "channel": ("Kanal", "Channel"),
    "metric": ("Måltall", "Metric"),
    "year": ("År", "Year"),
    "total": ("Sum", "Total"),
    "previous_total": ("I fjor", "Previous year"),
    "change": ("Endring", "Change"),
    "change_pct": ("Endring %", "Change %"),
    "months": ("Måneder", "Months"),
    "per_month": ("Pr. måned", "Per month"),
    "per_day": ("Pr. døgn", "Per day"),
    "peak_month": ("Toppmåned", "Peak month"),
    "peak_count": ("I toppmåneden", "Peak count"),
    "low": ("Minst", "Low"),
    "high": ("Høyst", "High"),
    "width": ("Bredde", "Width"),
    "safe": ("Trygt", "Safe"),
    "dimension": ("Fordeling", "Breakdown"),
    "category": ("Kategori", "Category"),
    "year_a": ("År A", "Year A"),
    "count_a": ("Antall A", "Count A"),
    "year_b": ("År B", "Year B"),
    "count_b": ("Antall B", "Count B"),
    "site": ("Svarsted", "Site"),
    "count": ("Antall", "Count"),
    "share_pct": ("Andel %", "Share %"),
    "previous_count": ("I fjor", "Previous year"),
    "period": ("Periode", "Period"),
    "low_month": ("Laveste måned", "Lowest month"),
    "low_count": ("I laveste måned", "Lowest count"),
    "period_a": ("Periode A", "Period A"),
    "period_b": ("Periode B", "Period B"),
    "days_a": ("Døgn A", "Days A"),
    "days_b": ("Døgn B", "Days B"),
    "per_day_a": ("Pr. døgn A", "Per day A"),
    "per_day_b": ("Pr. døgn B", "Per day B"),
    "per_day_change_pct": ("Endring pr. døgn %", "Change per day %"),
    "month": ("Måned", "Month"),
    "days": ("Døgn", "Days"),
    "mark": ("Merke", "Mark"),
    "rows": ("Rader", "Rows"),
    "row_category": ("Kategori", "Category"),
    "columns": ("Kolonner", "Columns"),
    "column_category": ("Kolonne", "Column"),
    "column_total": ("Kolonnens sum", "Column total"),
    "hours": ("Timer", "Hours"),
    "closed_hours": ("Stengt kl.", "Closed at"),
    "open_days": ("Åpne døgn", "Days open"),
    "open_hours": ("Åpne timer", "Hours open"),
    "previous_year": ("Året før", "Year before"),
    "previous_in_hours": ("I fjor i timene", "Then in these hours"),
    "answered": ("Besvart", "Answered"),
    "missed": ("Tapt", "Missed"),
    "answer_rate_pct": ("Svarprosent", "Answer rate %"),
    "mean_answer": ("Snitt svartid", "Mean time to answer"),
    "mean_talk": ("Snitt samtaletid", "Mean length"),
    "mean_abandon": ("Snitt ventetid tapt", "Mean wait, missed"),
    "unit": ("Enhet", "Unit"),
    "campaign": ("Kampanje", "Campaign"),
    "list": ("Liste", "List"),
}
CHANNELS: dict[str, tuple[str, str]] = {
    "phone": ("Telefon", "Phone"),
    "sms": ("SMS", "SMS"),
    "chat": ("Chat", "Chat"),
    "email": ("E-post", "Email"),
    "ungno": ("ung.no", "ung.no"),
    "web": ("Nettside", "Website"),
    "campaign": ("Kampanje", "Campaign"),
    "all": ("Alle kanaler", "All channels"),
}
METRICS: dict[str, tuple[str, str]] = {
    "answered": ("besvart", "answered"),
    "missed": ("tapt", "missed"),
    "visits": ("besøk", "visits"),
    "pageviews": ("sidevisninger", "page views"),
    "users": ("brukere", "users"),
    "reached": ("nådd", "reached"),
    "exposures": ("eksponeringer", "exposures"),
    "opens": ("åpninger", "opens"),
    "clicks": ("klikk", "clicks"),
    "swipe_ups": ("swipe-ups", "swipe-ups"),
}
DIMENSIONS: dict[str, tuple[str, str]] = {
    "total": ("totalt", "total"),
    "month": ("måned", "month"),
    "site": ("svarsted", "site"),
    "gender": ("kjønn", "gender"),
    "age": ("alder", "age"),
    "caller": ("hvem tok kontakt", "caller"),
    "topic": ("tema", "topic"),
    "outcome": ("tiltak", "outcome"),
    "on_behalf": ("kontaktet på vegne av", "contacted on behalf"),
    "hour": ("time", "hour"),
    "day": ("dag", "day"),
    "source": ("kilde", "source"),
    "device": ("enhet", "device"),
    "page": ("side", "page"),
    "place": ("sted", "place"),
    "visit_frequency": ("antall besøk", "visit frequency"),
    "region": ("region", "region"),
}
MARKS: dict[str, tuple[str, str]] = {
    "peak": ("topp", "peak"),
    "lowest": ("lavest", "lowest"),
    "closed": ("stengt", "closed"),  # the hours column of alarm opening
    "days": ("døgn", "days"),  # the units of alarm times
    "h": ("timer", "hours"),
    "min": ("min", "min"),
    "s": ("sek", "s"),
}
#: ``list`` of ``alarm web``: some categories only.
LISTS: dict[str, tuple[str, str]] = {"partial": ("delvis", "partial")}
PERCENT_COLUMNS = frozenset({"change_pct", "share_pct", "per_day_change_pct", "answer_rate_pct"})
#: Columns a displayed table leaves out when every record has the same value (the
#: title or the headings say it).
IMPLIED_COLUMNS = frozenset(
    {
        "year",
        "year_a",
        "year_b",
        "dimension",
        "period",
        "period_a",
        "period_b",
        "rows",
        "columns",
        "campaign",
        "list",
    }
)
MONTH_NAMES = {
    "nb": "januar februar mars april mai juni juli august september oktober november desember",
    "en": "January February March April May June July August September October November December",
}


#: Labels of ids, by kind, for messages (:class:`alarmcli.messages.Term`).
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "channel": CHANNELS,
    "metric": METRICS,
    "dimension": DIMENSIONS,
}


def label(kind: str, value: str, lang: str) -> str:
    """The label of a channel, metric or dimension id in ``lang``; an unknown id as it is."""
    return pick(LABELS[kind].get(value, (value, value)), lang)


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Norwegian or the English of a pair of labels."""
    return pair[0] if lang == "nb" else pair[1]


def plain(value: Any) -> Any:  # noqa: ANN401  (a cell of any type)
    """A cell for csv and json: empty for a figure that cannot be computed, ``c`` if hidden."""
    if value is SUPPRESSED:
        return MARK
    return "" if value is None else value


def number(value: float | None, lang: str, percent: bool = False) -> str:
    """A number as a reader of ``lang`` writes it: nb ``14 242`` and ``9,7 %``; en ``9.7%``."""
    if value is None:
        return "–"
    text = f"{value:,.1f}" if isinstance(value, float) else f"{value:,d}"
    if lang == "nb":
        text = text.replace(",", NBSP).replace(".", ",").replace("-", "−")
        return f"{text}{NBSP}%" if percent else text
    return f"{text}%" if percent else text


def to_csv(table: Table) -> str:
    """The table as csv: a header row, then a row per record."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for record in table.records:
        writer.writerow([plain(record[c]) for c in table.columns])
    return out.getvalue()


def to_json(table: Table) -> str:
    """The table as a JSON list of objects with the contract's keys."""
    records = [
        {c: MARK if r[c] is SUPPRESSED else r[c] for c in table.columns} for r in table.records
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def shown_columns(table: Table) -> list[str]:
    """The columns a displayed table shows.

    All but those the title or headings imply, and those the table marks as brief (the
    per-day columns of a like-for-like comparison).
    """
    return [
        c
        for c in table.columns
        if c not in table.brief
        and (c not in IMPLIED_COLUMNS or len({r[c] for r in table.records}) > 1)
    ]


def localized_rows(table: Table, taxonomy: Taxonomy, lang: str) -> list[list[str]]:
    """Every record's shown cells as text in ``lang``: labels for ids, formatted numbers."""
    columns = shown_columns(table)
    return [
        [printable(cell_text(table, record, c, taxonomy, lang)) for c in columns]
        for record in table.records
    ]


def headings(table: Table, lang: str, columns: Sequence[str] | None = None) -> list[str]:
    """The headings of ``columns`` (the shown ones) in ``lang``; a count's heading is its year."""
    years = {"count_a": "year_a", "count_b": "year_b"}
    return [
        str(table.records[0][years[c]]) if c in years and table.records else pick(HEADINGS[c], lang)
        for c in (shown_columns(table) if columns is None else columns)
    ]


def title(table: Table, lang: str) -> str:
    """The table's title in ``lang``, naming its breakdown in that language."""
    dimension = table.records[0].get("dimension", "") if table.records else ""
    return table.title.get(lang, "").replace("{dimension}", _dimension_label(dimension, lang))


def month_name(month: str, lang: str) -> str:
    """``2024-06`` as ``juni`` (nb) or ``June`` (en); the year is in the title."""
    return MONTH_NAMES["nb" if lang == "nb" else "en"].split()[int(month[5:]) - 1]


def cell_text(table: Table, record: Record, column: str, taxonomy: Taxonomy, lang: str) -> str:
    """A cell as a reader of ``lang`` sees it: a label for an id, a formatted number."""
    value = record[column]
    if value is SUPPRESSED:
        return HIDDEN
    if column == "channel":
        return pick(CHANNELS[value], lang)
    if column == "metric":
        return pick(METRICS[value], lang)
    if column == "site":
        return taxonomy.label(Dimension.SITE, value, lang)
    if column == "category":
        return _category(table, record, taxonomy, lang)
    if column in {"row_category", "column_category"}:
        dimension = record["rows" if column == "row_category" else "columns"]
        return taxonomy.label(Dimension(dimension), value, lang)
    if column in {"peak_month", "low_month", "month"}:
        return number(None, lang) if value is None else month_name(value, lang)
    if column in {"mark", "hours", "unit"}:
        return pick(MARKS.get(value, (value, value)), lang)
    if column == "list":
        return pick(LISTS.get(value, (value, value)), lang)
    if column == "dimension":
        return _dimension_label(value, lang)
    if column in {"year", "year_a", "year_b", "previous_year"} or isinstance(value, str):
        return str(value)
    return number(value, lang, percent=column in PERCENT_COLUMNS)


def _dimension_label(value: str, lang: str) -> str:
    return pick(DIMENSIONS.get(value, (value, value)), lang)


def _category(table: Table, record: Record, taxonomy: Taxonomy, lang: str) -> str:
    value: str = record["category"]
    dimension = record.get("dimension", "")
    if dimension not in {d.value for d in Dimension} or dimension == Dimension.DAY.value:
        return value
    label = taxonomy.label(Dimension(dimension), value, lang)
    if dimension == Dimension.TOPIC.value and "/" in value and table.kind == "breakdown":
        return f"  {label}"
    return label


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=1)


def _numeric(table: Table, column: str) -> bool:
    """Whether every cell of ``column`` is a number (or missing): align it right."""
    return all(
        isinstance(r[column], int | float) or r[column] is None or r[column] is SUPPRESSED
        for r in table.records
    )


def to_markdown(table: Table, taxonomy: Taxonomy, lang: str) -> str:
    """The table as a GitHub markdown table with localized labels, then its notes."""
    from tabulate import tabulate

    numeric = [_numeric(table, c) for c in shown_columns(table)]
    rows = [
        [cell.replace("|", "\\|") for cell in row] for row in localized_rows(table, taxonomy, lang)
    ]
    text = tabulate(
        rows,
        headers=headings(table, lang),
        tablefmt="github",
        colalign=["right" if n else "left" for n in numeric],
        disable_numparse=True,
    )
    notes = "\n".join(f"- {n.text(lang)}" for n in table.notes)
    return f"{text}\n\n{notes}\n" if notes else f"{text}\n"


def to_rich(table: Table, taxonomy: Taxonomy, lang: str, width: int | None = None) -> Any:  # noqa: ANN401  (rich renderable)
    """The table as a rich renderable: a titled table, then its notes.

    Numbers never wrap; text wraps between words. A table wider than ``width`` (the
    terminal's) is never cropped or squeezed: each record is shown as a block of
    heading and value lines instead (:func:`to_rich_stacked`).
    """
    from rich.console import Group
    from rich.text import Text

    grid = _rich_grid(table, taxonomy, lang)
    if width is not None and not _fits(table, taxonomy, lang, grid, width):
        return to_rich_stacked(table, taxonomy, lang)
    notes = [Text(f"• {n.text(lang)}", style="dim") for n in table.notes]
    return Group(grid, *notes)


def _fits(table: Table, taxonomy: Taxonomy, lang: str, grid: Any, width: int) -> bool:  # noqa: ANN401
    """Whether ``grid`` at ``width`` shows every word whole and every number on one line.

    Told by drawing it: rich's own measure of a table's least width is not exact.
    """
    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(grid)
    lines = out.getvalue().splitlines()
    words = {word for line in lines for word in line.split()}
    columns = shown_columns(table)
    numeric = {i for i, c in enumerate(columns) if _numeric(table, c)}
    for row in localized_rows(table, taxonomy, lang):
        for i, cell in enumerate(row):
            if not set(cell.split()) <= words:
                return False
            if i in numeric and not any(cell in line for line in lines):
                return False
    return all(set(h.split()) <= words for h in headings(table, lang))


def to_rich_stacked(table: Table, taxonomy: Taxonomy, lang: str) -> Any:  # noqa: ANN401
    """The table for a narrow terminal: its title, then a block of lines per record.

    Each line is a column's heading and the record's value; values wrap, nothing is cut.
    """
    from rich.console import Group
    from rich.table import Table as RichTable
    from rich.text import Text

    heads = headings(table, lang)
    blocks: list[Any] = [Text(title(table, lang), style="bold")]
    for row in localized_rows(table, taxonomy, lang):
        block = RichTable.grid(padding=(0, 2))
        block.add_column(style="bold", no_wrap=True)
        block.add_column(overflow="fold")
        for heading, cell in zip(heads, row, strict=True):
            block.add_row(Text(heading), Text(cell))
        blocks += [Text(""), block]
    notes = [Text(f"• {n.text(lang)}", style="dim") for n in table.notes]
    return Group(*blocks, *([Text("")] if notes else []), *notes)


def _rich_grid(table: Table, taxonomy: Taxonomy, lang: str) -> Any:  # noqa: ANN401
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    grid = RichTable(
        title=title(table, lang),
        title_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    rows = localized_rows(table, taxonomy, lang)
    for i, (column, heading) in enumerate(
        zip(shown_columns(table), headings(table, lang), strict=True)
    ):
        numeric = _numeric(table, column)
        cells = [row[i] for row in rows]
        widest = max((len(c) if numeric else _longest_word(c) for c in cells), default=1)
        widest = max(widest, _longest_word(heading))  # a heading never splits mid-word
        grid.add_column(
            heading, justify="right" if numeric else "left", min_width=widest, overflow="fold"
        )
    for row in rows:
        grid.add_row(*(Text(cell) for cell in row))  # plain text: a `[` in a label is no markup
    return grid


def rich_text(renderable: Any) -> str:  # noqa: ANN401
    """A rich renderable as plain text without colour, as wide as it needs to be."""
    from rich.console import Console
    from rich.measure import Measurement

    probe = Console(width=1000, color_system=None)
    natural = Measurement.get(probe, probe.options, renderable).maximum
    out = io.StringIO()
    Console(file=out, width=natural, color_system=None, no_color=True).print(renderable)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def to_xlsx(tables: Sequence[Table], taxonomy: Taxonomy, lang: str) -> bytes:
    """The tables as one workbook, a sheet each: labels in ``lang``, numbers as numbers.

    Percentages are stored as fractions with a per-cent format (Excel shows ``9,7 %`` in
    Norwegian), counts with a thousands separator, averages with one decimal; a hidden
    figure is ``:``; the notes follow the table. Document properties carry no date, so
    the same tables give the same bytes.
    """
    import datetime as dt

    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"created": dt.datetime(2000, 1, 1)})  # no clock in the file
    bold = book.add_format({"bold": True})
    formats = {
        "count": book.add_format({"num_format": "#,##0"}),
        "decimal": book.add_format({"num_format": "#,##0.0"}),
        "percent": book.add_format({"num_format": "0.0%"}),
    }
    used: set[str] = set()
    for table in tables:
        sheet = book.add_worksheet(_sheet_name(title(table, lang) or table.kind, used))
        sheet.write(0, 0, title(table, lang), bold)
        columns = list(table.columns)
        for j, heading in enumerate(headings(table, lang, columns)):
            sheet.write(2, j, heading, bold)
            sheet.set_column(j, j, max(10, len(heading) + 2))
        for i, record in enumerate(table.records, start=3):
            for j, column in enumerate(columns):
                _xlsx_cell(sheet, i, j, table, record, column, taxonomy, lang, formats)
        sheet.freeze_panes(3, 0)
        for k, note in enumerate(table.notes, start=len(table.records) + 4):
            sheet.write(k, 0, note.text(lang))
    book.close()
    return out.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    """A sheet name Excel accepts: no brackets, colon, star, question mark or slashes; 31 long."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Tabell"
    candidate, n = base, 2
    while candidate.lower() in used:
        candidate = f"{base[:28]} {n}"
        n += 1
    used.add(candidate.lower())
    return candidate


def _xlsx_cell(
    sheet: Any,  # noqa: ANN401  (an xlsxwriter worksheet)
    i: int,
    j: int,
    table: Table,
    record: Record,
    column: str,
    taxonomy: Taxonomy,
    lang: str,
    formats: dict[str, Any],
) -> None:
    value = record[column]
    if value is None:
        return
    if value is SUPPRESSED:
        sheet.write_string(i, j, HIDDEN)
    elif isinstance(value, bool) or not isinstance(value, int | float):
        sheet.write_string(i, j, cell_text(table, record, column, taxonomy, lang))
    elif column in {"year", "year_a", "year_b"}:
        sheet.write_number(i, j, value)
    elif column in PERCENT_COLUMNS:
        sheet.write_number(i, j, round(value / 100, 3), formats["percent"])
    elif isinstance(value, float):
        sheet.write_number(i, j, value, formats["decimal"])
    else:
        sheet.write_number(i, j, value, formats["count"])
