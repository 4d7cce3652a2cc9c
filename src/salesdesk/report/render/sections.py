"""`assemble`: the one place that lists the summary's sections, in order, for every format.

The order follows how Chinese sales departments write their 年度工作总结: the results of the year,
the main work and its highlights, the shortfalls, then next year's plan, with an appendix that
defines every figure.  Section builders return bare headings; numbering ("一、", "（一）" or
"1.", "1.1") is added here so that it is the same in every format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from salesdesk.report import format as fmt
from salesdesk.report.render.document import (
    NUMERIC_KINDS,
    Cell,
    Document,
    Paragraph,
    Part,
    Section,
    Table,
)
from salesdesk.report.render.highlights import highlights_section
from salesdesk.report.render.next_year import plan_section
from salesdesk.report.render.results import results_section
from salesdesk.report.render.shortfalls import shortfalls_section
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary, Figure

__all__ = ["SECTIONS", "assemble"]

SectionBuilder = Callable[[AnnualSummary, Words], Section]

SECTIONS: tuple[SectionBuilder, ...] = (
    results_section,
    highlights_section,
    shortfalls_section,
    plan_section,
)
"""The numbered sections, in the order they appear."""

_ZH_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def _title(s: AnnualSummary, w: Words) -> str:
    if s.scope == "department":
        return w.say(
            "{name}{year}年度工作总结",
            "{name}: annual work summary {year}",
            name=s.department,
            year=s.year,
        )
    return w.say(
        "{name}{year}年度个人工作总结",
        "{name}: personal annual work summary {year}",
        name=s.scope_name,
        year=s.year,
    )


def _meta(s: AnnualSummary, w: Words) -> tuple[tuple[str, str], ...]:
    kind = w.label("department_kind", s.department_kind)
    lines = [
        (w.say("部门", "Department"), w.say("{d}（{k}）", "{d} ({k})", d=s.department, k=kind))
    ]
    if s.scope != "department":
        lines.append((w.say("业务员", "Sales rep"), f"{s.scope_name}（{s.scope}）"))
    lines += [
        (w.say("统计期间", "Period covered"), fmt.period(s.first_day, s.last_day, w.lang)),
        (w.say("生成时间", "Generated"), fmt.timestamp(s.generated_at, w.lang)),
        (w.say("编制", "Prepared by"), "salesdesk"),
    ]
    return tuple(lines)


def _number_part(part: Part, section: int, index: int, w: Words) -> Part:
    prefix = f"（{_ZH_NUMERALS[index]}）" if w.zh else f"{section + 1}.{index + 1} "
    return replace(part, heading=prefix + part.heading)


def _number(section: Section, index: int, w: Words) -> Section:
    prefix = f"{_ZH_NUMERALS[index]}、" if w.zh else f"{index + 1}. "
    parts = tuple(_number_part(p, index, i, w) for i, p in enumerate(section.parts))
    return replace(section, heading=prefix + section.heading, parts=parts)


def _figures_table(s: AnnualSummary, w: Words) -> Table:
    rows = tuple(
        (
            w.text_cell(f.key),
            w.text_cell(f.label_zh if w.zh else f.label_en),
            _figure_cell(f, w),
            w.text_cell(f.definition_zh if w.zh else f.definition_en),
            w.count_cell(f.records),
        )
        for f in s.figures
    )
    header = w.pick(
        ("编号", "Key"),
        ("指标", "Figure"),
        ("数值", "Value"),
        ("口径", "Definition"),
        ("记录数", "Records"),
    )
    caption = w.say("指标说明", "Figure definitions")
    return Table("figures", w.say("指标说明", "Figures"), caption, header, rows)


def _figure_cell(figure: Figure, w: Words) -> Cell:
    """A figure's value as a cell: the formatted text and the raw number."""
    kind = figure.unit if figure.unit in NUMERIC_KINDS else "number"
    return Cell(fmt.figure_value(figure, w.lang), figure.value, kind)


def _appendix(s: AnnualSummary, w: Words) -> Section:
    intro = Paragraph(
        w.say(
            "本总结中的每个数字都由下列指标计算得出，列出其口径与所依据的记录数，便于核对。",
            "Every number in this summary comes from the figures below, listed with their "
            "definitions and the number of records behind them, so that each can be checked.",
        )
    )
    heading = w.say("附：指标说明", "Appendix: figure definitions")
    return Section("appendix", heading, (intro, _figures_table(s, w)), ())


def assemble(summary: AnnualSummary, lang: str = "zh") -> Document:
    """The written summary in ``lang``: title, meta lines, the numbered sections, the appendix."""
    w = Words(lang)
    sections = tuple(_number(build(summary, w), i, w) for i, build in enumerate(SECTIONS))
    return Document(
        lang=w.lang,
        title=_title(summary, w),
        subject=w.say("销售部年度工作总结", "Sales department annual work summary"),
        meta=_meta(summary, w),
        generated_at=summary.generated_at,
        sections=(*sections, _appendix(summary, w)),
    )
