"""Golden files: the sample summary's Markdown and HTML, zh and en, compared with tests/report/golden.

The generation time is normalised, and in HTML each inline chart is replaced by ``<svg/>``
(its outlines depend on the matplotlib and font versions; the chart tests cover the pictures).
After an intended change, rewrite the files with ``pytest tests/report --update-golden`` and
review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sample_summary import sample_hotel_summary, sample_summary

from salesdesk.report.render import render_html, render_markdown

GOLDEN = Path(__file__).parent / "golden"
_GENERATED = re.compile(r"(生成时间|Generated)(：|: )[^<\n]*")
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def normalise(text: str) -> str:
    """Remove what may legitimately change between runs: the generation time and SVG bodies."""
    return _SVG.sub("<svg/>", _GENERATED.sub(r"\1\2<generated>", text))


def check(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    actual = normalise(text)
    if update:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"{path} is missing; create it with: pytest tests/report --update-golden")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_golden(lang: str, update_golden: bool) -> None:
    check(f"export_{lang}.md", render_markdown(sample_summary(), lang), update_golden)
    check(f"hotel_{lang}.md", render_markdown(sample_hotel_summary(), lang), update_golden)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_golden(lang: str, update_golden: bool) -> None:
    check(f"export_{lang}.html", render_html(sample_summary(), lang), update_golden)


def test_normalise_hides_only_the_volatile_parts() -> None:
    text = '- 生成时间：2017年1月5日 09:30\n<p>a</p><svg role="img">\n<path d="M 0"/></svg><p>b</p>'
    assert normalise(text) == "- 生成时间：<generated>\n<p>a</p><svg/><p>b</p>"
