"""The annual summary as a file to download (or, for HTML, to preview in the page).

The figures are the dashboard's: `cache.cached_summary`, rendered by `report.render` exactly as
`salesdesk report --format FMT` renders them.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.http import HttpResponse

from salesdesk.report.render import render
from salesdesk.report.summary import AnnualSummary

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(summary: AnnualSummary, fmt: str, lang: str) -> str:
    """华东销售部2025年度工作总结.docx / 张伟2025年度工作总结.md; in English "… annual summary 2025"."""
    if lang == "en":
        return f"{summary.scope_name} annual summary {summary.year}.{fmt}"
    return f"{summary.scope_name}{summary.year}年度工作总结.{fmt}"


def content_disposition(name: str, *, inline: bool = False) -> str:
    """The header with a plain-ASCII fallback name and the real name per RFC 5987 (UTF-8)."""
    stem, _, suffix = name.rpartition(".")
    plain = "-".join(filter(None, ("salesdesk", _NOT_PLAIN.sub("_", stem).strip("_"))))
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{plain}.{suffix}\"; filename*=UTF-8''{quote(name, safe='')}"


def report_response(
    summary: AnnualSummary, fmt: str, lang: str, *, inline: bool = False
) -> HttpResponse:
    """The rendered summary, named for its scope and year."""
    body = render(summary, fmt, lang)
    content = body.encode("utf-8") if isinstance(body, str) else body
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(
        file_name(summary, fmt, lang), inline=inline
    )
    return response
