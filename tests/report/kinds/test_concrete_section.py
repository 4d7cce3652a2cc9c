"""The concrete department's summary has its own sections and figures: JSON key `concrete`,
and in Markdown (zh and en) m³ and price by grade and month, accounts per customer and rep with
aging, the main sites and the form errors — on 商品混凝土公司, whose figures are worked out by
hand in tests/metrics/kinds/fixture_concrete.py and repeated here."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "metrics"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "metrics" / "kinds"))
from fixture_concrete import NAME, YEAR, concrete_dept
from fixture_dept import payment

from salesdesk.report.build import build_summary
from salesdesk.report.facts import summary_to_facts
from salesdesk.report.render import assemble, render_markdown
from salesdesk.report.summary import AnnualSummary


@pytest.fixture
def summary(db: None) -> AnnualSummary:
    concrete_dept()
    return build_summary(NAME, YEAR, today=date(2026, 1, 10))


@pytest.fixture
def facts(summary: AnnualSummary) -> dict[str, Any]:
    found: dict[str, Any] = summary_to_facts(summary, "zh")["concrete"]
    return found


def test_json_volume_grades_and_months(facts: dict[str, Any]) -> None:
    # 240 m³ for 82,600 → 344.1667 → 344.17 per m³
    assert (facts["volume_m3"], facts["amount"], facts["avg_price"]) == (240, 82600.0, 344.17)
    assert facts["by_grade"][0] == {
        "grade": "C30",
        "volume_m3": 130,
        "amount": 45600.0,
        "avg_price": 350.77,  # 45,600 / 130 = 350.769…
        "share": 0.5417,  # 130 / 240
        "pours": 2,
    }
    assert [g["grade"] for g in facts["by_grade"]] == ["C30", "C25", "C35"]
    june = facts["by_month"][5]
    assert june == {"month": "2025-06", "volume_m3": 100, "amount": 36000.0, "avg_price": 360.0}
    assert facts["by_month"][1]["avg_price"] is None  # February: no m³, no price
    assert facts["sites"] == 3
    assert facts["top_sites"][0]["site"] == "阳光城" and facts["top_sites"][0]["volume_m3"] == 110


def test_json_accounts(facts: dict[str, Any]) -> None:
    b = next(c for c in facts["customers"] if c["customer"] == "B")
    # 20,000 + 35,000 − 25,000 = 30,000, all of it 134 days past due; 25,000 / 55,000
    assert b == {
        "customer": "B",
        "name": "乙地产",
        "opening": 20000.0,
        "sales": 35000.0,
        "collections": 25000.0,
        "rate": 0.4545,
        "receivable": 30000.0,
        "aging": {"current": 0.0, "1-30": 0.0, "31-60": 0.0, "61-90": 0.0, "90+": 30000.0},
    }
    unassigned = facts["customers_unassigned"]
    assert (unassigned["collections"], unassigned["rate"]) == (500.0, None)  # null, not 0
    c1 = facts["reps"][0]
    assert (c1["rep"], c1["sales"], c1["collections"], c1["rate"]) == (
        "C1",
        46600.0,
        25000.0,
        0.5365,
    )
    errors = facts["form_errors"]
    # 2,400 + 800.50; 2 of 6 pour orders
    assert (errors["count"], errors["cost"], errors["share"]) == (2, 3200.5, 0.3333)
    assert errors["records"][0] == {
        "date": "2025-06-22",
        "order": "P3",
        "customer": "B",
        "name": "乙地产",
        "cost": 2400.0,
        "note": "坍落度填错",
    }


def test_findings_in_the_summary(summary: AnnualSummary) -> None:
    codes = {f.code: f for f in summary.findings}
    assert codes["slow_paying_customers"].at_stake == 30000  # B's 90+ receivable
    assert codes["form_errors"].at_stake == pytest.approx(3200.5)  # the general rule, not repeated
    assert [f.code for f in summary.findings].count("form_errors") == 1


def test_parts_sit_in_their_sections(summary: AnnualSummary) -> None:
    document = assemble(summary, "zh")
    headings = {s.key: [p.heading for p in s.parts] for s in document.sections}
    assert any(h.endswith("混凝土方量与单价") for h in headings["results"])
    assert any(h.endswith("客户回款与应收账款") for h in headings["results"])
    assert any(h.endswith("业务员回款") for h in headings["results"])
    assert any(h.endswith("主要工地") for h in headings["highlights"])
    assert any(h.endswith("单据填写错误") for h in headings["shortfalls"])
    keys = [t.key for t in document.tables()]
    assert len(keys) == len(set(keys))  # table ids are unique in the document


def test_markdown_zh(summary: AnnualSummary) -> None:
    text = render_markdown(summary, lang="zh")
    assert "全年供应商品混凝土240 方，金额（未扣优惠）82,600.00 元，平均单价344.17 元/方" in text
    assert "浇筑委托单6张，供应工地3个" in text
    assert "| C30 | 130 | 54.17% | 45,600.00 | 350.77 | 2 |" in text
    assert "| 2025年6月 | 100 | 36,000.00 | 360.00 |" in text
    assert (
        "| B | 乙地产 | 20,000.00 | 35,000.00 | 25,000.00 | 45.45% | 30,000.00 | 30,000.00 |"
        in text
    )
    # the rows add up to the department: 50,500 collected, 51,100 owed (−500 for PX)
    # A, B, D still owe; 12,000 + 30,000 + 9,600 − 500 (PX) = 51,100; 90+: A 6,000 + B 30,000
    assert (
        "3户客户本年有销售、回款或欠款，其中3户年末仍欠款；期末应收合计51,100.00 元，逾期90天以上36,000.00 元。"
        in text
    )
    assert "逐户合计与部门回款额、期末应收一致" in text
    assert (
        "| **合计** | **4户** | **20,000.00** | **81,600.00** | **50,500.00** | **49.70%** | **51,100.00** |"
        in text
    )
    assert "| 甲建设 | 12,000.00 | 6,000.00 | 0.00 | 0.00 | 0.00 | 6,000.00 |" in text
    assert "| C1 | 王工 | 0.00 | 46,600.00 | 25,000.00 | 53.65% | 21,600.00 |" in text
    assert "| 阳光城 | 甲建设 | 110 | 45.83% | 37,000.00 | 3 |" in text  # 110 / 240
    assert "全年单据填写错误2起，造成损失3,200.50 元；涉及浇筑委托单2张，占全年6张的33.33%" in text
    assert "| 2025年12月16日 | P6 | 甲建设 | 800.50 | 工地名称填错 |" in text


def test_markdown_en(summary: AnnualSummary) -> None:
    text = render_markdown(summary, lang="en")
    assert "Concrete volume and price" in text
    assert "240 m³ for CNY 82,600.00 before adjustments, an average of CNY 344.17 per m³" in text
    assert "Collections and receivables by customer" in text
    assert "still owing at year end: 3, CNY 51,100.00 in all, CNY 36,000.00 of it more" in text
    assert "| C2 | 李工 | 20,000.00 | 35,000.00 | 25,000.00 | 45.45% | 30,000.00 |" in text
    assert "Main sites" in text and "| 滨江一期 | 乙地产 | 100 | 41.67% | 36,000.00 | 1 |" in text
    assert (
        "Order-form errors: 2, costing CNY 3,200.50; they concern 2 of the year's 6 pour orders (33.33%)"
        in text
    )
    assert "Slow payers (collection rate below 70.00%, large receivables over 90 days): 1" in text


def test_rep_summary_keeps_the_pack(db: None) -> None:
    concrete_dept()
    s = build_summary(NAME, YEAR, rep="C1", today=date(2026, 1, 10))
    got = summary_to_facts(s, "en")["concrete"]
    assert (got["volume_m3"], got["sites"]) == (140, 2)  # 50 + 40 + 30 + 20 m³
    assert [r["rep"] for r in got["reps"]] == ["C1"]
    assert "Collections by rep" in render_markdown(s, lang="en")


def test_rows_that_do_not_reconcile_say_by_how_much(db: None) -> None:
    dept = concrete_dept()
    d = dept.customer_set.get(code="D")
    payment(dept, "PP", date(2024, 12, 1), "transfer", "50000", customer=d)  # paid in advance
    s = build_summary(NAME, YEAR, today=date(2026, 1, 10))
    # before 2025: sold 35,000, paid 15,000 + 50,000 → the department floors −30,000 at 0, so its
    # closing is 0 + 81,600 − 50,500 = 31,100 while the rows add up to 51,100 − 50,000 = 1,100
    assert s.collections.closing_receivables == 31100
    text = render_markdown(s, lang="zh")
    assert "逐户合计与部门数相差：回款0.00 元，期末应收-30,000.00 元" in text
