"""The summary as Markdown: the same sections, text and tables as every other format.

Charts are pictures and have no Markdown form; their numbers are in the tables next to them.
"""

from __future__ import annotations

from salesdesk.report.render.document import Block, Cell, Document, ItemList, Paragraph, Table
from salesdesk.report.render.sections import assemble
from salesdesk.report.summary import AnnualSummary

__all__ = ["markdown_document", "render_markdown"]


def _cell(text: str) -> str:
    """Escape a cell so a pipe or a line break in a name cannot break the table."""
    return text.replace("|", "\\|").replace("\n", " ")


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _table(table: Table) -> list[str]:
    marks = tuple("---:" if numeric else "---" for numeric in table.numeric_columns())
    lines = ["", f"**{table.caption}**", "", _row(table.header), "| " + " | ".join(marks) + " |"]
    lines += [_row(tuple(c.text for c in row)) for row in table.rows]
    if table.total:
        lines.append(_row(tuple(_bold(c) for c in table.total)))
    return lines


def _bold(cell: Cell) -> str:
    return f"**{cell.text}**"


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return ["", block.text]
    if isinstance(block, ItemList):
        return ["", *block.items]
    if isinstance(block, Table):
        return _table(block)
    return []  # a chart: its figures are in the table beside it


def markdown_document(doc: Document) -> str:
    """Render an assembled document as Markdown text."""
    colon = "：" if doc.lang == "zh" else ": "
    lines = [f"# {doc.title}", ""]
    lines += [f"- {label}{colon}{value}" for label, value in doc.meta]
    for section in doc.sections:
        lines += ["", f"## {section.heading}"]
        for block in section.intro:
            lines += _block(block)
        for part in section.parts:
            lines += ["", f"### {part.heading}"]
            for block in part.blocks:
                lines += _block(block)
    return "\n".join(lines) + "\n"


def render_markdown(summary: AnnualSummary, lang: str = "zh") -> str:
    """The annual summary as Markdown in Chinese ("zh") or English ("en")."""
    return markdown_document(assemble(summary, lang))
