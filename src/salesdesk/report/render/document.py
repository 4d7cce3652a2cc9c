"""The format-neutral shape of the written summary: sections, parts and blocks.

`assemble` (sections.py) turns an `AnnualSummary` into one `Document`; every renderer
(Markdown, HTML, Word, Excel) walks the same document, so all formats share the same sections in
the same order, with the same words and the same numbers.  Cells keep their raw value next to the
display text, so the workbook stores numbers as numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from salesdesk.report.charts import ChartSpec

__all__ = [
    "Block",
    "Cell",
    "Chart",
    "Document",
    "ItemList",
    "Paragraph",
    "Part",
    "Section",
    "Table",
    "chart_or_sentence",
]

CellValue = Decimal | int | str | date | None
NUMERIC_KINDS = frozenset({"money", "ratio", "count", "quantity", "number"})


@dataclass(frozen=True)
class Cell:
    """One table cell: the text people read and the raw value a spreadsheet stores.

    ``kind`` is text, money, ratio, count, quantity or number; a numeric kind with a value of
    None has no number to store, and its text says so in words.
    """

    text: str
    value: CellValue = None
    kind: str = "text"

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class ItemList:
    """Numbered points (findings, actions); the numbers are part of the text in every format."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table; ``key`` is a stable identifier, ``sheet`` its worksheet name in the workbook."""

    key: str
    sheet: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None  # shown in documents, left out of the workbook

    def numeric_columns(self) -> tuple[bool, ...]:
        """Which columns hold numbers (right-aligned in documents)."""
        rows = (*self.rows, *((self.total,) if self.total else ()))
        return tuple(
            any(row[i].numeric for row in rows) if rows else False for i in range(len(self.header))
        )


@dataclass(frozen=True)
class Chart:
    """A chart drawn by `salesdesk.report.charts` (SVG in HTML, PNG in Word)."""

    spec: ChartSpec


Block = Paragraph | ItemList | Table | Chart


@dataclass(frozen=True)
class Part:
    """A numbered subsection such as "（一）销售完成情况"."""

    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Section:
    """A top-level section such as "一、全年工作完成情况"."""

    key: str
    heading: str
    intro: tuple[Block, ...]
    parts: tuple[Part, ...]

    def blocks(self) -> Iterator[Block]:
        yield from self.intro
        for part in self.parts:
            yield from part.blocks


@dataclass(frozen=True)
class Document:
    """The whole written summary in one language."""

    lang: str
    title: str
    subject: str
    meta: tuple[tuple[str, str], ...]  # (label, value) lines under the title
    generated_at: datetime
    sections: tuple[Section, ...]

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks()

    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks() if isinstance(b, Table))

    def charts(self) -> tuple[Chart, ...]:
        return tuple(b for b in self.blocks() if isinstance(b, Chart))


def chart_or_sentence(spec: ChartSpec | None, sentence: str) -> Block:
    """The chart, or a sentence saying why there is none."""
    return Paragraph(sentence) if spec is None else Chart(spec)
