"""HTML: one standalone printable file, charts inline as SVG, nothing fetched from outside."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest
from sample_summary import empty_summary, sample_hotel_summary, sample_summary

from salesdesk.report.render import assemble, render_html

PLACEHOLDERS = ("——", "20xx", "20XX", "XX")
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


@pytest.fixture(scope="module", params=["zh", "en"])
def page(request: pytest.FixtureRequest) -> tuple[str, str]:
    return request.param, render_html(sample_hotel_summary(), request.param)


def test_standalone_document(page: tuple[str, str]) -> None:
    lang, html = page
    assert html.startswith("<!DOCTYPE html>")
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in html
    assert '<meta charset="utf-8">' in html
    assert "@media print" in html and "@page" in html
    assert html.rstrip().endswith("</html>")


def test_charts_inline_as_svg(page: tuple[str, str]) -> None:
    lang, html = page
    charts = assemble(sample_hotel_summary(), lang).charts()
    assert len(charts) == 5
    assert html.count("<svg ") == len(charts)
    assert html.count('<figure class="chart">') == len(charts)


def test_no_external_resources(page: tuple[str, str]) -> None:
    _lang, html = page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html)
    assert "<link" not in html and "<script" not in html and "@import" not in html
    without_namespaces = re.sub(r'xmlns(?::\w+)?="[^"]*"', "", html)
    assert "http://" not in without_namespaces and "https://" not in without_namespaces


def test_ids_are_unique(page: tuple[str, str]) -> None:
    _lang, html = page
    counts = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert [i for i, n in counts.items() if n > 1] == []


def test_headings_and_tables(page: tuple[str, str]) -> None:
    lang, html = page
    doc = assemble(sample_hotel_summary(), lang)
    for section in doc.sections:
        assert f"<h2>{section.heading}</h2>" in html
    assert html.count("<table ") == len(doc.tables())
    assert '<td class="num">3,248,462.00</td>' in html


def test_text_is_escaped() -> None:
    summary = replace(sample_summary(), department="<出口部&>")
    html = render_html(summary)
    assert "<title>&lt;出口部&amp;&gt;2016年度工作总结</title>" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_placeholders(lang: str) -> None:
    for summary in (sample_summary(), sample_hotel_summary(), empty_summary()):
        text = SVG.sub("<svg/>", render_html(summary, lang))
        for placeholder in PLACEHOLDERS:
            assert placeholder not in text


def test_empty_summary_has_no_charts_but_says_why() -> None:
    html = render_html(empty_summary())
    assert "<svg" not in html
    assert "本年没有回款记录，未绘制回款渠道图。" in html
