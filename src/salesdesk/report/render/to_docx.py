"""The summary as a Word document (python-docx), laid out like a Chinese 年度工作总结.

A4 pages, the numbered headings in the text ("一、…", "（一）…") as Heading 1 and 2, tables with
a repeated header row, charts as PNG pictures, "第 X 页，共 Y 页" in the footer (PAGE and
NUMPAGES fields) and the document properties filled in.  Chinese text uses the East Asian font
set through ``w:eastAsia`` (宋体 for the body, 黑体 for headings — the fonts every Chinese copy of
Word has; elsewhere the viewer substitutes a CJK font such as Noto Sans CJK SC).
"""

from __future__ import annotations

import io
import os
from typing import Any

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from salesdesk.report.charts import chart_png
from salesdesk.report.render.document import (
    Block,
    Chart,
    Document,
    ItemList,
    Paragraph,
    Section,
    Table,
)
from salesdesk.report.render.sections import assemble
from salesdesk.report.summary import AnnualSummary

__all__ = ["BODY_FONT", "HEADING_FONT", "docx_document", "render_docx", "write_docx"]

BODY_FONT = ("Times New Roman", "SimSun")  # (Latin, East Asian)
HEADING_FONT = ("Arial", "SimHei")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_LANG_TAGS = {"zh": "zh-CN", "en": "en-GB"}
_CHART_WIDTH = Cm(16)

WordDocument = Any  # python-docx's Document object (the package ships no type hints)


def _apply_fonts(rfonts: Any, fonts: tuple[str, str]) -> None:
    """Explicit Latin and East Asian fonts on a ``w:rFonts`` element, theme fonts removed."""
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    latin, east_asia = fonts
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)


def _set_fonts(rpr_parent: Any, fonts: tuple[str, str]) -> None:
    """Give a style explicit Latin and East Asian fonts."""
    _apply_fonts(rpr_parent.get_or_add_rPr().get_or_add_rFonts(), fonts)


def _set_language(style: Any, lang: str) -> None:
    rpr = style.element.get_or_add_rPr()
    tag = rpr.find(qn("w:lang"))
    if tag is None:
        tag = OxmlElement("w:lang")
        rpr.append(tag)
    tag.set(qn("w:val"), _LANG_TAGS[lang])
    tag.set(qn("w:eastAsia"), "zh-CN")


def _set_default_fonts(document: WordDocument) -> None:
    """Replace the template's theme fonts in the document defaults by explicit ones."""
    rfonts = document.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault"))
    rfonts = None if rfonts is None else rfonts.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    if rfonts is not None:
        _apply_fonts(rfonts, BODY_FONT)


def _style_document(document: WordDocument, lang: str) -> None:
    styles = document.styles
    _set_default_fonts(document)
    normal = styles["Normal"]
    _set_fonts(normal.element, BODY_FONT)
    _set_language(normal, lang)
    normal.font.size = Pt(10.5)  # 五号
    for name, size in (("Title", 18), ("Heading 1", 15), ("Heading 2", 12)):
        style = styles[name]
        _set_fonts(style.element, HEADING_FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(styles["Caption"].element, HEADING_FONT)


def _page_setup(document: WordDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)


def _field(paragraph: Any, instruction: str) -> None:
    """Insert a Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end."""

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(char("begin"))
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(char("end"))


def _footer(document: WordDocument, lang: str) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    words = ("第 ", " 页，共 ", " 页") if lang == "zh" else ("Page ", " of ", "")
    paragraph.add_run(words[0])
    _field(paragraph, "PAGE")
    paragraph.add_run(words[1])
    _field(paragraph, "NUMPAGES")
    if words[2]:
        paragraph.add_run(words[2])


def _properties(document: WordDocument, doc: Document) -> None:
    props = document.core_properties
    props.title = doc.title
    props.subject = doc.subject
    props.author = "salesdesk"
    props.last_modified_by = "salesdesk"
    props.language = _LANG_TAGS[doc.lang]
    props.keywords = doc.subject
    props.created = doc.generated_at
    props.modified = doc.generated_at
    props.revision = 1


def _title(document: WordDocument, doc: Document) -> None:
    document.add_heading(doc.title, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    colon = "：" if doc.lang == "zh" else ": "
    for label, value in doc.meta:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(f"{label}{colon}{value}")
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x57, 0x60, 0x6A)


def _paragraph(document: WordDocument, text: str, lang: str) -> None:
    paragraph = document.add_paragraph(text)
    if lang == "zh":
        paragraph.paragraph_format.first_line_indent = Pt(21)  # two characters


def _items(document: WordDocument, items: tuple[str, ...]) -> None:
    for item in items:
        paragraph = document.add_paragraph(item)
        paragraph.paragraph_format.left_indent = Cm(0.74)
        paragraph.paragraph_format.first_line_indent = Cm(-0.74)


def _repeat_header(row: Any) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _fill(
    cells: Any, texts: tuple[str, ...], numeric: tuple[bool, ...], size: Pt, bold: bool
) -> None:
    for cell, text, right in zip(cells, texts, numeric, strict=True):
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(text)
        run.font.size = size
        run.font.bold = bold
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _table(document: WordDocument, table: Table) -> None:
    document.add_paragraph(table.caption, style="Caption")
    numeric = table.numeric_columns()
    columns = len(table.header)
    size = Pt(9) if columns <= 7 else Pt(7.5)
    grid = document.add_table(rows=1, cols=columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill(grid.rows[0].cells, table.header, (False,) * columns, size, bold=True)
    _repeat_header(grid.rows[0])
    for row in table.rows:
        _fill(grid.add_row().cells, tuple(c.text for c in row), numeric, size, bold=False)
    if table.total:
        _fill(grid.add_row().cells, tuple(c.text for c in table.total), numeric, size, bold=True)


def _chart(document: WordDocument, chart: Chart) -> None:
    document.add_picture(io.BytesIO(chart_png(chart.spec)), width=_CHART_WIDTH)
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = document.add_paragraph(chart.spec.title, style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _block(document: WordDocument, block: Block, lang: str) -> None:
    if isinstance(block, Paragraph):
        _paragraph(document, block.text, lang)
    elif isinstance(block, ItemList):
        _items(document, block.items)
    elif isinstance(block, Table):
        _table(document, block)
    else:
        _chart(document, block)


def _section(document: WordDocument, section: Section, lang: str) -> None:
    document.add_heading(section.heading, level=1)
    for block in section.intro:
        _block(document, block, lang)
    for part in section.parts:
        document.add_heading(part.heading, level=2)
        for block in part.blocks:
            _block(document, block, lang)


def docx_document(doc: Document) -> WordDocument:
    """Build the python-docx document for an assembled summary."""
    document = docx.Document()
    _style_document(document, doc.lang)
    _page_setup(document)
    _footer(document, doc.lang)
    _properties(document, doc)
    _title(document, doc)
    for section in doc.sections:
        _section(document, section, doc.lang)
    return document


def render_docx(summary: AnnualSummary, lang: str = "zh") -> bytes:
    """The annual summary as the bytes of a .docx file."""
    buffer = io.BytesIO()
    docx_document(assemble(summary, lang)).save(buffer)
    return buffer.getvalue()


def write_docx(summary: AnnualSummary, path: str | os.PathLike[str], lang: str = "zh") -> None:
    """Write the annual summary as a .docx file at ``path``."""
    docx_document(assemble(summary, lang)).save(os.fspath(path))
