"""The summary as an Excel workbook: every table of the summary on its own sheet, as values.

Numbers are stored as numbers (money rounded half-up to the cent, ratios as fractions shown as
percentages), so the sheets can be summed, filtered and charted; a figure without a value holds
its words ("无数据") rather than a fake 0.  The last sheet, 指标说明 ("Figures" in English), lists
every figure of the summary with its key, label, value, definition and record count.  Total rows
of the documents are left out, so a column sum is never counted twice.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped, unused-ignore]

from salesdesk.report import format as fmt
from salesdesk.report.render.document import Cell, Document, Table
from salesdesk.report.render.sections import assemble
from salesdesk.report.summary import AnnualSummary

__all__ = ["render_xlsx", "workbook", "write_xlsx"]

_FORMATS = {
    "money": "#,##0.00",
    "ratio": "0.00%",
    "count": "#,##0",
    "quantity": "#,##0.00",
    "number": "#,##0.00",
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_MAX_WIDTH = 60


def _value(cell: Cell) -> Any:
    """What the spreadsheet stores: a number for a numeric cell with a value, else text/date."""
    value = cell.value
    if cell.numeric and isinstance(value, Decimal | int):
        return fmt.round_money(value) if cell.kind == "money" else value
    if isinstance(value, date | str):
        return value
    return cell.text


def _number_format(cell: Cell) -> str:
    if isinstance(cell.value, date):
        return "yyyy-mm-dd"
    if cell.numeric and cell.value is not None:
        return _FORMATS.get(cell.kind, "General")
    return "General"


def _sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (at most 31 characters, no []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub(" ", name).strip()[:31] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _display_width(text: str) -> int:
    """Column width in Excel units: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fill(sheet: Any, table: Table) -> None:
    sheet.append(list(table.header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in table.rows:
        sheet.append([_value(c) for c in row])
        for target, cell in zip(sheet[sheet.max_row], row, strict=True):
            target.number_format = _number_format(cell)
    for index, title in enumerate(table.header):
        texts = [title, *(row[index].text for row in table.rows)]
        width = min(_MAX_WIDTH, max(8, *(_display_width(t) + 2 for t in texts)))
        sheet.column_dimensions[sheet.cell(1, index + 1).column_letter].width = width
    sheet.freeze_panes = "A2"


def workbook(doc: Document) -> Any:
    """Build the openpyxl workbook for an assembled summary."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in doc.tables():
        _fill(book.create_sheet(_sheet_name(table.sheet, taken)), table)
    book.properties.title = doc.title
    book.properties.subject = doc.subject
    book.properties.creator = "salesdesk"
    book.properties.created = doc.generated_at
    return book


def render_xlsx(summary: AnnualSummary, lang: str = "zh") -> bytes:
    """The annual summary's tables as the bytes of an .xlsx workbook."""
    buffer = io.BytesIO()
    workbook(assemble(summary, lang)).save(buffer)
    return buffer.getvalue()


def write_xlsx(summary: AnnualSummary, path: str | os.PathLike[str], lang: str = "zh") -> None:
    """Write the annual summary's tables as an .xlsx workbook at ``path``."""
    workbook(assemble(summary, lang)).save(os.fspath(path))
