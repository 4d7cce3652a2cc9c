"""Renderers of the annual summary: Markdown, HTML, Word and Excel from one `AnnualSummary`.

Every format renders the same assembled document (`assemble`), so the sections, their order,
the wording and the numbers are the same everywhere::

    render_markdown(summary, lang="zh") -> str
    render_html(summary, lang="zh") -> str          # standalone, printable, charts as SVG
    render_docx(summary, lang="zh") -> bytes        # write_docx(summary, path, lang)
    render_xlsx(summary, lang="zh") -> bytes        # write_xlsx(summary, path, lang)
    write_report(summary, path, lang="zh", fmt=None)  # format from fmt or the file suffix
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from salesdesk.report.format import UnsupportedLanguage
from salesdesk.report.render.document import Document
from salesdesk.report.render.sections import SECTIONS, assemble
from salesdesk.report.render.to_docx import render_docx, write_docx
from salesdesk.report.render.to_html import render_html
from salesdesk.report.render.to_markdown import render_markdown
from salesdesk.report.render.to_xlsx import render_xlsx, write_xlsx
from salesdesk.report.summary import AnnualSummary

__all__ = [
    "FORMATS",
    "SECTIONS",
    "Document",
    "UnknownFormat",
    "UnsupportedLanguage",
    "assemble",
    "render",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_xlsx",
    "write_docx",
    "write_report",
    "write_xlsx",
]

Renderer = Callable[[AnnualSummary, str], str | bytes]

FORMATS: dict[str, Renderer] = {
    "md": render_markdown,
    "html": render_html,
    "docx": render_docx,
    "xlsx": render_xlsx,
}
_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


class UnknownFormat(ValueError):
    """A report format other than md, html, docx or xlsx was asked for."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown report format {name!r}; use one of: {', '.join(FORMATS)}")
        self.name = name


def render(summary: AnnualSummary, fmt: str, lang: str = "zh") -> str | bytes:
    """The summary in format ``fmt`` (md, html, docx, xlsx): text for md/html, bytes otherwise."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise UnknownFormat(fmt) from None
    return renderer(summary, lang)


def write_report(
    summary: AnnualSummary, path: str | os.PathLike[str], lang: str = "zh", fmt: str | None = None
) -> None:
    """Write the summary to ``path``, in ``fmt`` or the format its suffix names."""
    target = Path(path)
    suffix = target.suffix.lower()
    name = fmt or _SUFFIXES.get(suffix, suffix.lstrip("."))
    output = render(summary, name, lang)
    if isinstance(output, str):
        target.write_text(output, encoding="utf-8")
    else:
        target.write_bytes(output)
