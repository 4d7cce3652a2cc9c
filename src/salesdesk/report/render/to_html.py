"""The summary as one standalone, printable HTML file.

Everything is inside the file: the style sheet (with print rules for A4), and the charts as inline
SVG whose text is drawn as outlines, so the page looks the same offline, on any machine, and when
printed.  The page skeleton is ``report/templates/summary.html``.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib.resources import files
from string import Template

from salesdesk.report.charts import chart_svg
from salesdesk.report.render.document import (
    Block,
    Cell,
    Chart,
    Document,
    ItemList,
    Paragraph,
    Part,
    Section,
    Table,
)
from salesdesk.report.render.sections import assemble
from salesdesk.report.summary import AnnualSummary

__all__ = ["html_document", "render_html"]

_LANG_TAGS = {"zh": "zh-CN", "en": "en"}


@cache
def _page() -> Template:
    source = files("salesdesk.report") / "templates" / "summary.html"
    return Template(source.read_text(encoding="utf-8"))


def _cell(tag: str, text: str, numeric: bool) -> str:
    attrs = ' class="num"' if numeric else ""
    return f"<{tag}{attrs}>{escape(text)}</{tag}>"


def _tr(texts: tuple[str, ...], numeric: tuple[bool, ...], tag: str) -> str:
    return "<tr>" + "".join(_cell(tag, t, n) for t, n in zip(texts, numeric, strict=True)) + "</tr>"


def _texts(cells: tuple[Cell, ...]) -> tuple[str, ...]:
    return tuple(c.text for c in cells)


def _table(table: Table) -> str:
    numeric = table.numeric_columns()
    head = _tr(table.header, (False,) * len(table.header), "th")
    body = "\n".join(_tr(_texts(row), numeric, "td") for row in table.rows)
    foot = f"<tfoot>{_tr(_texts(table.total), numeric, 'td')}</tfoot>" if table.total else ""
    return (
        f'<table id="table-{table.key}"><caption>{escape(table.caption)}</caption>'
        f"<thead>{head}</thead><tbody>\n{body}\n</tbody>{foot}</table>"
    )


def _chart(chart: Chart) -> str:
    title = escape(chart.spec.title)
    return f'<figure class="chart">{chart_svg(chart.spec)}<figcaption>{title}</figcaption></figure>'


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, ItemList):
        items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
        return f'<ul class="points">{items}</ul>'
    if isinstance(block, Table):
        return _table(block)
    return _chart(block)


def _part(part: Part) -> str:
    return "\n".join([f"<h3>{escape(part.heading)}</h3>", *(_block(b) for b in part.blocks)])


def _section(section: Section) -> str:
    lines = [f'<section id="{section.key}">', f"<h2>{escape(section.heading)}</h2>"]
    lines += [_block(b) for b in section.intro]
    lines += [_part(p) for p in section.parts]
    return "\n".join([*lines, "</section>"])


def _header(doc: Document) -> str:
    colon = "：" if doc.lang == "zh" else ": "
    meta = "".join(f"<li>{escape(label + colon + value)}</li>" for label, value in doc.meta)
    return f'<header><h1>{escape(doc.title)}</h1><ul class="meta">{meta}</ul></header>'


def html_document(doc: Document) -> str:
    """Render an assembled document as a standalone HTML page."""
    body = "\n".join([_header(doc), *(_section(s) for s in doc.sections)])
    return _page().substitute(lang=_LANG_TAGS[doc.lang], title=escape(doc.title), body=body)


def render_html(summary: AnnualSummary, lang: str = "zh") -> str:
    """The annual summary as one printable HTML page in Chinese ("zh") or English ("en")."""
    return html_document(assemble(summary, lang))
