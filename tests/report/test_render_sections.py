"""The assembled document: sections in the Chinese order, numbered alike, missing figures in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_summary import empty_summary, sample_hotel_summary, sample_rep_summary, sample_summary

from salesdesk.report.format import UnsupportedLanguage
from salesdesk.report.render import (
    FORMATS,
    UnknownFormat,
    assemble,
    render,
    render_markdown,
    write_report,
)
from salesdesk.report.render.document import Chart, ItemList, Paragraph, Table
from salesdesk.report.summary import AnnualSummary

ZH_HEADINGS = [
    "一、全年工作完成情况",
    "二、主要工作与亮点",
    "三、存在的不足与问题",
    "四、下一年度工作计划",
    "附：指标说明",
]
EN_HEADINGS = [
    "1. Results of the year",
    "2. Main work and highlights",
    "3. Shortfalls and problems",
    "4. Plan for next year",
    "Appendix: figure definitions",
]
PLACEHOLDERS = ("——", "20xx", "20XX", "XX", "N/A")
SAMPLES = {
    "export": sample_summary,
    "hotel": sample_hotel_summary,
    "empty": empty_summary,
    "rep": sample_rep_summary,
}


def test_sections_in_order_zh_and_en() -> None:
    summary = sample_summary()
    assert [s.heading for s in assemble(summary, "zh").sections] == ZH_HEADINGS
    assert [s.heading for s in assemble(summary, "en").sections] == EN_HEADINGS


def test_titles() -> None:
    assert assemble(sample_summary()).title == "出口部2016年度工作总结"
    assert assemble(sample_rep_summary()).title == "林晓2016年度个人工作总结"
    assert assemble(sample_summary(), "en").title == "出口部: annual work summary 2016"


def test_parts_are_numbered_in_both_languages() -> None:
    zh = assemble(sample_summary(), "zh").sections[0].parts
    en = assemble(sample_summary(), "en").sections[0].parts
    assert zh[0].heading == "（一）销售完成情况"
    assert zh[1].heading == "（二）月度完成情况"
    assert en[0].heading == "1.1 Sales against target and last year"
    assert len(zh) == len(en)


def test_lead_sentence_states_target_and_last_year() -> None:
    lead = assemble(sample_summary()).sections[0].intro[0]
    assert isinstance(lead, Paragraph)
    assert lead.text.startswith("2016年，出口部全年实现销售额72,271,312.95 元")
    assert "完成率92.66%" in lead.text
    assert "同比下降6.88%" in lead.text
    assert "回款率84.00%" in lead.text


def test_shortfalls_ranked_with_evidence_and_actions() -> None:
    doc = assemble(sample_summary())
    shortfalls = doc.sections[2].parts[0].blocks[0]
    assert isinstance(shortfalls, ItemList)
    assert shortfalls.items[0].startswith("1. 全年销售额未完成年度目标（涉及金额5,728,687.05 元")
    assert "依据：目标完成率：92.66%" in shortfalls.items[0]
    assert "赠品订单占比：27.00%" in shortfalls.items[2]
    assert "INC-03、INC-07、INC-11、INC-12、INC-15等7条" in shortfalls.items[3]
    actions = doc.sections[3].parts[-1].blocks[0]
    assert isinstance(actions, ItemList)
    assert len(actions.items) == 5  # the sixth shortfall has no action yet
    assert actions.items[0].endswith("（针对第三部分第1项不足）。")


def test_unbalanced_check_in_words() -> None:
    text = render_markdown(sample_hotel_summary())
    assert "共进行3项对账核查，1项相符，2项不相符。" in text
    assert "餐厅营业额减优惠与实收：应为3,248,678.00，实际为3,248,462.00，相差-216.00。" in text
    en = render_markdown(sample_hotel_summary(), "en")
    assert "expected 3,248,678.00, actual 3,248,462.00, a difference of -216.00." in en


def test_rooms_and_dining_only_when_present() -> None:
    hotel = render_markdown(sample_hotel_summary())
    assert "### （八）客房" in hotel and "### （九）餐饮" in hotel
    assert "平均房价185.13 元/间夜" in hotel
    assert "全年消费10,474单，用餐68,894人，单均消费310.15 元" in hotel
    export = render_markdown(sample_summary())
    assert "客房" not in export and "餐饮" not in export


def test_plan_tables_add_up() -> None:
    summary = sample_summary()
    plan = summary.plan.plan
    assert plan is not None
    table = next(t for t in assemble(summary).tables() if t.key == "plan_months")
    assert [row[2].value for row in table.rows] == [m.target for m in plan.by_month]
    assert table.total is not None and table.total[2].value == plan.target


def test_empty_summary_says_so_in_words() -> None:
    text = render_markdown(empty_summary())
    assert "本年无业务记录" in text
    assert "本年未设定销售目标" in text
    assert "无上年数据可比" in text
    assert "回款率无数据" in text
    assert "本年没有月度销售数据，未绘制月度图表。" in text
    assert "缺少年度目标和上年销售额，无法制定下一年度销售目标。" in text
    assert not assemble(empty_summary()).charts()


def test_every_table_is_rectangular() -> None:
    for lang in ("zh", "en"):
        for table in assemble(sample_hotel_summary(), lang).tables():
            width = len(table.header)
            assert all(len(row) == width for row in table.rows), table.key
            assert table.total is None or len(table.total) == width


def test_sheet_names_are_unique() -> None:
    for lang in ("zh", "en"):
        sheets = [t.sheet for t in assemble(sample_hotel_summary(), lang).tables()]
        assert len(sheets) == len(set(sheets))


def _visible_text(summary: AnnualSummary, lang: str) -> list[str]:
    doc = assemble(summary, lang)
    texts = [doc.title, *(v for pair in doc.meta for v in pair)]
    for block in doc.blocks():
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, ItemList):
            texts += block.items
        elif isinstance(block, Table):
            texts += [block.caption, *block.header]
            texts += [c.text for row in block.rows for c in row]
        elif isinstance(block, Chart):
            texts += [block.spec.title, *block.spec.categories, *block.spec.bar_texts]
    return texts


@pytest.mark.parametrize("sample", sorted(SAMPLES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_placeholders_or_blank_cells(sample: str, lang: str) -> None:
    for text in _visible_text(SAMPLES[sample](), lang):
        for placeholder in PLACEHOLDERS:
            assert placeholder not in text, text
    doc = assemble(SAMPLES[sample](), lang)
    for table in doc.tables():
        assert all(cell.text.strip() for row in table.rows for cell in row), table.key


def test_english_has_no_chinese_headings() -> None:
    text = render_markdown(sample_summary(), "en")
    for heading in ZH_HEADINGS:
        assert heading not in text


def test_render_by_name_and_errors() -> None:
    summary = sample_summary()
    assert set(FORMATS) == {"md", "html", "docx", "xlsx"}
    assert isinstance(render(summary, "md"), str)
    with pytest.raises(UnknownFormat):
        render(summary, "pdf")
    with pytest.raises(UnsupportedLanguage):
        render(summary, "md", lang="fr")


def test_write_report_picks_format_from_suffix(tmp_path: Path) -> None:
    folder = tmp_path
    summary = sample_summary()
    write_report(summary, folder / "s.md")
    write_report(summary, folder / "s.docx", lang="en")
    assert (folder / "s.md").read_text(encoding="utf-8").startswith("# 出口部2016年度工作总结")
    assert (folder / "s.docx").read_bytes().startswith(b"PK")
