"""Write a table (headers + rows) as CSV or XLSX, chosen by the file's extension."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import xlsxwriter


def write_table(
    path: str | Path | None,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    sheet: str = "Sheet1",
) -> int:
    """Write to `path` (CSV, TSV or XLSX by extension; stdout CSV when None). Returns rows written."""
    if path is not None and str(path).lower().endswith(".xlsx"):
        return _write_xlsx(Path(path), headers, rows, sheet)
    if path is None:
        return _write_csv(sys.stdout, headers, rows, ",")
    delimiter = "\t" if str(path).lower().endswith(".tsv") else ","
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        return _write_csv(handle, headers, rows, delimiter)


def _write_csv(
    handle: object, headers: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str
) -> int:
    writer = csv.writer(handle, delimiter=delimiter)  # type: ignore[arg-type]
    writer.writerow(headers)
    count = 0
    for row in rows:
        writer.writerow([_text(v) for v in row])
        count += 1
    return count


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_xlsx(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], sheet: str
) -> int:
    book = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False},
    )
    try:
        ws = book.add_worksheet(sheet[:31])
        bold = book.add_format({"bold": True})
        dates = book.add_format({"num_format": "yyyy-mm-dd"})
        ws.write_row(0, 0, headers, bold)
        count = 0
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                _xlsx_cell(ws, r, c, value, dates)
            count += 1
    finally:
        book.close()
    return count


def _xlsx_cell(ws: object, r: int, c: int, value: object, dates: object) -> None:
    if value is None or value == "":
        return
    if isinstance(value, date):
        ws.write_datetime(r, c, value, dates)  # type: ignore[attr-defined]
    elif isinstance(value, Decimal):
        # Text keeps every digit exactly; the importer reads it back as the same Decimal.
        ws.write_string(r, c, _text(value))  # type: ignore[attr-defined]
    else:
        ws.write(r, c, value)  # type: ignore[attr-defined]
