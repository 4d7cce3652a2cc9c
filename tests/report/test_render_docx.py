"""Word: headings, tables with header rows, chart pictures, page numbers, CJK fonts, properties."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from sample_summary import empty_summary, sample_hotel_summary, sample_summary

from salesdesk.report.render import assemble, render_docx, write_docx

PLACEHOLDERS = ("——", "20xx", "20XX", "XX")


@pytest.fixture(scope="module", params=["zh", "en"])
def written(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    path = tmp_path_factory.mktemp("docx") / f"summary_{request.param}.docx"
    write_docx(sample_summary(), path, request.param)
    return request.param, path


def _texts(document: docx.document.Document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def _style(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def test_headings(written: tuple[str, Path]) -> None:
    lang, path = written
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if _style(p).startswith("Heading")]
    level1 = [p.text for p in document.paragraphs if _style(p) == "Heading 1"]
    assert len(headings) >= 4
    expected = [s.heading for s in assemble(sample_summary(), lang).sections]
    assert level1 == expected
    first = "一、全年工作完成情况" if lang == "zh" else "1. Results of the year"
    assert level1[0] == first
    title = [p.text for p in document.paragraphs if _style(p) == "Title"]
    assert title == [assemble(sample_summary(), lang).title]


def test_tables_have_header_rows(written: tuple[str, Path]) -> None:
    lang, path = written
    document = docx.Document(str(path))
    tables = assemble(sample_summary(), lang).tables()
    assert len(document.tables) == len(tables)
    for grid, table in zip(document.tables, tables, strict=True):
        assert [c.text for c in grid.rows[0].cells] == list(table.header)
        properties = grid.rows[0]._tr.trPr
        assert properties is not None and properties.find(qn("w:tblHeader")) is not None
    monthly = document.tables[[t.key for t in tables].index("monthly")]
    assert monthly.rows[1].cells[1].text == "4,213,560.50"


def test_chart_pictures(written: tuple[str, Path]) -> None:
    lang, path = written
    document = docx.Document(str(path))
    charts = assemble(sample_summary(), lang).charts()
    assert len(charts) == 4
    assert len(document.inline_shapes) == len(charts)
    images = [r for r in document.part.rels.values() if "image" in r.reltype]
    assert all(r.target_part.content_type == "image/png" for r in images)


def test_footer_has_page_field(written: tuple[str, Path]) -> None:
    _lang, path = written
    footer = docx.Document(str(path)).sections[0].footer
    instructions = [e.text.strip() for e in footer._element.iter(qn("w:instrText"))]
    assert "PAGE" in instructions and "NUMPAGES" in instructions


def test_core_properties(written: tuple[str, Path]) -> None:
    lang, path = written
    props = docx.Document(str(path)).core_properties
    assert props.title == assemble(sample_summary(), lang).title
    assert props.author == "salesdesk"
    assert props.created is not None and props.created.year == 2017


def test_east_asian_fonts_and_a4(written: tuple[str, Path]) -> None:
    _lang, path = written
    document = docx.Document(str(path))
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "SimSun"
    assert normal.get(qn("w:eastAsiaTheme")) is None
    heading = document.styles["Heading 1"].element.rPr.rFonts
    assert heading.get(qn("w:eastAsia")) == "SimHei"
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_placeholders(lang: str, tmp_path: Path) -> None:
    for number, summary in enumerate((sample_hotel_summary(), empty_summary())):
        path = tmp_path / f"{number}.docx"
        path.write_bytes(render_docx(summary, lang))
        for text in _texts(docx.Document(str(path))):
            for placeholder in PLACEHOLDERS:
                assert placeholder not in text, text
