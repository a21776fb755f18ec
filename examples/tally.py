"""Write examples/tally-2024.xlsx: the 2024 example counts as a helpline keeps them by hand.

A sheet per channel, a merged title, the months across the top in Norwegian with a Sum
column, labels down the side in Norwegian, a heading row per breakdown and a Sum row under
each breakdown whose rows add up (formulas, as Excel keeps them, with their values). Daily
counts are left out: nobody tallies 366 days by hand. `alarm import` reads it back into the
count files of examples/data/2024 (tests/test_workbooks.py checks that).

Run: python examples/tally.py   (byte for byte the same workbook each time)
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from alarmcli import taxonomy
from alarmcli.contract import EXHAUSTIVE, Dimension
from alarmcli.render import CHANNELS, DIMENSIONS

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
OUT = HERE / "tally-2024.xlsx"
MONTHS = "januar februar mars april mai juni juli august september oktober november desember"
METRIC_ROWS = {"answered": "Besvarte", "missed": "Tapte", "visits": "Besøk",
               "pageviews": "Sidevisninger", "users": "Brukere"}  # fmt: skip
ORDER = ["site", "gender", "age", "caller", "topic", "outcome", "on_behalf", "hour"]


def label(tax: taxonomy.Taxonomy, dimension: str, category: str) -> str:
    if dimension == "age":
        return "Ukjent" if category == "unknown" else f"{category} år"
    if dimension == "hour":
        return f"{int(category):02d}–{(int(category) + 1) % 24:02d}"
    if dimension == "topic" and "/" in category:
        group = category.split("/", maxsplit=1)[0]
        sub = tax.label(Dimension.TOPIC, category, "nb")
        return f"{tax.label(Dimension.TOPIC, group, 'nb')} – {sub}"
    return tax.label(Dimension(dimension), category, "nb")


def line(sheet: Any, row: int, text: str, by_month: dict[int, int]) -> int:  # noqa: ANN401
    """Write a labelled row of monthly counts with its Sum formula; the next row."""
    sheet.write(row, 0, text)
    for month, n in by_month.items():
        sheet.write_number(row, month, n)
    first, last = xl_rowcol_to_cell(row, 1), xl_rowcol_to_cell(row, 12)
    sheet.write_formula(row, 13, f"=SUM({first}:{last})", None, sum(by_month.values()))
    return row + 1


def main() -> None:
    tax = taxonomy.load(DATA)
    counts: dict[str, dict[tuple[str, str, str], dict[int, int]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for path in sorted((DATA / "2024").glob("2024-*.csv")):
        for row in csv.DictReader(path.open(encoding="utf-8")):
            if row["dimension"] == "day":
                continue
            month = int(row["month"][5:])
            counts[row["channel"]][(row["metric"], row["dimension"], row["category"])][month] = int(
                row["count"]
            )
    book = xlsxwriter.Workbook(OUT)
    book.set_properties({"created": dt.datetime(2025, 1, 15), "author": "Alarmtelefonen"})
    title = book.add_format({"bold": True, "font_size": 14})
    bold = book.add_format({"bold": True})
    for channel in ["phone", "sms", "chat", "email", "ungno", "web"]:
        if channel not in counts:
            continue
        sheet = book.add_worksheet(CHANNELS[channel][0])
        sheet.set_column(0, 0, 48)
        sheet.merge_range(0, 0, 0, 13, f"Alarmtelefonen – {CHANNELS[channel][0]} 2024", title)
        sheet.write_row(2, 1, [m.capitalize() for m in MONTHS.split()] + ["Sum"], bold)
        row = 3
        cells = counts[channel]

        for metric, text in METRIC_ROWS.items():
            if (metric, "total", "") in cells:
                row = line(sheet, row, text, cells[(metric, "total", "")])
        for dimension in ORDER:
            keys = sorted(
                (k for k in cells if k[1] == dimension),
                key=lambda k: (not k[2].isdigit(), int(k[2]) if k[2].isdigit() else 0, k[2]),
            )
            if not keys:
                continue
            row += 1  # a blank row between sections
            sheet.write(row, 0, DIMENSIONS[dimension][0].capitalize(), bold)
            row += 1
            start = row
            for key in keys:
                row = line(sheet, row, label(tax, dimension, key[2]), cells[key])
            if Dimension(dimension) in EXHAUSTIVE:
                sheet.write(row, 0, "Sum", bold)
                for col in range(1, 14):
                    first, last = xl_rowcol_to_cell(start, col), xl_rowcol_to_cell(row - 1, col)
                    value = (
                        sum(cells[k].get(col, 0) for k in keys)
                        if col < 13
                        else sum(sum(cells[k].values()) for k in keys)
                    )
                    sheet.write_formula(row, col, f"=SUM({first}:{last})", bold, value)
                row += 1
    book.close()
    print(f"wrote {OUT}: every count of 2024 but the daily ones")


if __name__ == "__main__":
    main()
