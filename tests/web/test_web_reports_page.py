"""Reports in the browser: the summary of `salesdesk report`, previewed as HTML in the page and
downloaded as DOCX, XLSX, Markdown or HTML under a Chinese file name (RFC 5987)."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from webdesk_data import YEAR, build_team

from salesdesk.report.build import build_summary
from salesdesk.report.render import render
from salesdesk.web.front.reports import content_disposition

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return build_team()


@pytest.fixture
def manager(team) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def _file(client: Client, **params: object):
    return client.get(reverse("front:report_file"), {"year": YEAR, **params})


def test_the_docx_download_opens_and_has_headings(manager):
    from docx import Document

    response = _file(manager, format="docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    name = "华东销售部2025年度工作总结.docx"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"salesdesk-2025.docx\"; filename*=UTF-8''{quote(name)}"
    )
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) >= 3 and any("销售" in h for h in headings)


def test_the_xlsx_and_markdown_downloads_are_the_reports_own(manager):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_file(manager, format="xlsx").content))
    assert book.sheetnames
    markdown = _file(manager, format="md")
    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"
    expected = render(build_summary("华东销售部", YEAR), "md", "zh")
    assert markdown.content.decode() == expected


def test_an_english_rep_report(manager):
    response = _file(manager, format="md", lang="en", rep="R02")
    assert (
        "filename*=UTF-8''%E7%8E%8B%E8%8A%B3%20annual%20summary%202025.md"
        in response["Content-Disposition"]
    )
    expected = render(build_summary("华东销售部", YEAR, rep="R02", lang="en"), "md", "en")
    assert response.content.decode() == expected


def test_the_html_preview_is_shown_in_the_page(manager):
    page = manager.get(reverse("front:reports"), {"year": YEAR, "preview": "1"})
    html = page.content.decode()
    assert 'id="report-preview"' in html and "inline=1" in html
    inline = _file(manager, format="html", inline="1")
    assert inline["Content-Disposition"].startswith("inline;")
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert _file(manager, format="docx")["X-Frame-Options"] == "SAMEORIGIN"
    assert _file(manager, format="html")["Content-Disposition"].startswith("attachment;")


def test_a_year_without_records_is_404(manager):
    assert _file(manager, format="md", year=1999).status_code == 404
    assert _file(manager, format="pdf").status_code == 404


def test_content_disposition_has_an_ascii_fallback():
    header = content_disposition("张伟 annual summary 2025.md")
    assert header == (
        'attachment; filename="salesdesk-annual_summary_2025.md"; '
        "filename*=UTF-8''%E5%BC%A0%E4%BC%9F%20annual%20summary%202025.md"
    )
    assert content_disposition("报告.docx", inline=True).startswith(
        'inline; filename="salesdesk.docx"'
    )
