"""The export department's summary has its own sections and figures (fixture_export.py, where
every figure is worked by hand): the JSON key `export`, and the Markdown in Chinese and English."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "metrics" / "kinds"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "metrics"))
from fixture_export import export_pack_dept

from salesdesk.report.build import build_summary
from salesdesk.report.facts import facts_json
from salesdesk.report.render import render_markdown
from salesdesk.report.summary import AnnualSummary

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 10)


@pytest.fixture
def summary(db: None) -> AnnualSummary:
    export_pack_dept()
    return build_summary("出口测试部", 2025, today=TODAY)


def test_summary_carries_the_export_pack_and_its_findings(summary: AnnualSummary) -> None:
    assert summary.export is not None and summary.concrete is None
    codes = [f.code for f in summary.findings]
    for code in (
        "export_checklist",
        "export_vip_service",
        "export_mold_delays",
        "export_few_ideas",
    ):
        assert code in codes


def test_json_has_the_export_figures(summary: AnnualSummary) -> None:
    ex = json.loads(facts_json(summary, "zh"))["export"]
    assert ex["quarter_totals"] == [8440.0, 2000.0, 6800.0, 3900.0]
    oem = ex["mix_trend"][0]
    # 7,000 / 21,140 = 0.33113; Q1 7,000 / 8,440 = 0.82938; last year none of it
    assert (oem["order_type"], oem["amount"], oem["share"]) == ("oem", 7000.0, 0.3311)
    assert oem["quarter_shares"] == [0.8294, 0.0, 0.0, 0.0]
    assert (oem["last_year_share"], oem["share_change"]) == (0.0, 0.3311)
    gift = next(r for r in ex["mix_trend"] if r["order_type"] == "gift")
    assert gift["share_change"] == -0.6554  # 0.09461 − 0.75
    assert [(v["customer"], v["revenue"], v["visits"], v["on_time_rate"]) for v in ex["vip"]] == [
        ("V1", 10900.0, 2, 1.0),
        ("V2", 8700.0, 1, 0.0),
    ]
    assert [(c["country"], c["share"]) for c in ex["by_country"]] == [
        ("JP", 0.5181),  # 10,900 / 21,040
        ("NL", 0.4135),  # 8,700 / 21,040
        ("US", 0.0684),  # 1,440 / 21,040
    ]
    d = ex["delays"]
    assert (d["late_lines"], d["late_amount"], d["mold_delays"], d["mold_delay_cost"]) == (
        2,
        8240.0,
        1,
        500.0,
    )
    assert (d["complaints_after"], d["complaint_cost"]) == (2, 1300.0)
    c = ex["checklist"]
    assert (c["orders"], c["complete"], c["complete_rate"], c["released"]) == (4, 2, 0.5, 3)
    assert [(g["order"], g["missing"]) for g in c["released_incomplete"]] == [
        ("A4", ["date"]),
        ("A2", ["marks"]),
    ]
    assert c["released_incomplete_amount"] == 8240.0
    assert [(i["rep"], i["per_month"], i["adoption_rate"]) for i in ex["ideas"]] == [
        ("E1", 0.25, 0.3333),  # 3 / 12 months; 1 / 3
        ("E2", 0.3333, 1.0),  # 2 / 6 months; 2 / 2
    ]
    p = ex["pricing"]
    assert (p["currency"], p["fx_from"], p["fx_to"]) == ("USD", 7.0333, 6.5)  # 8,440 / 1,200
    assert (p["rebate_from"], p["rebate_to"], p["cost"], p["fob_from"]) == (0.13, 0.09, 40.0, 8.0)
    assert (p["fob_to"], p["fob_change"]) == (8.87, 0.1093)  # 8.8742 USD, +10.93%
    # margin = 8 × 7.0333 − 40 + 40 × 0.13 / 1.13 = 56.2667 − 40 + 4.6018 = 20.8684
    assert p["margin"] == 20.87


def test_json_checklist_and_pricing_null_when_not_recorded(db: None) -> None:
    from salesdesk.records.models import OrderLine

    export_pack_dept()
    OrderLine.objects.update(extra={})
    ex = json.loads(facts_json(build_summary("出口测试部", 2025, today=TODAY)))["export"]
    assert ex["checklist"] is None and ex["pricing"] is None


def test_markdown_zh_has_the_export_sections_and_figures(summary: AnnualSummary) -> None:
    md = render_markdown(summary, lang="zh")
    for heading in (
        "订单结构变化",
        "客户国家分布",
        "汇率与退税变化的报价测算",
        "重点客户（VIP）服务",
        "产品开发建议",
        "交期与模具延误",
        "客户资料确认表",
    ):
        assert f"）{heading}" in md, heading
    assert "8,440.00 元、2,000.00 元、6,800.00 元、3,900.00 元" in md  # quarters
    assert (
        "| OEM订单 | 0.00% | 82.94% | 0.00% | 0.00% | 0.00% | 7,000.00 | 33.11% | +33.11% |" in md
    )
    assert "| JP | 10,900.00 | 51.81% | 1 |" in md
    assert "| V2 | Jumbo | NL | 8,700.00 | 1 | 1 | 0.00% | 2 | 1,700.00 |" in md
    assert "| E2 | 李四 | 6 | 2 | 2 | 0.33 | 100.00% |" in md
    assert "模具延期1起，损失500.00 元" in md and "客诉2起，损失1,300.00 元" in md
    assert "| A4 | V2 | 2025年8月15日 | 6,800.00 | 确认日期 |" in md
    assert "完整率50.00%" in md
    assert "7.0333" in md and "6.5000" in md and "8.8742 USD（+10.93%）" in md
    assert "13.00%变为9.00%" in md


def test_markdown_en_has_the_export_sections_and_figures(summary: AnnualSummary) -> None:
    md = render_markdown(summary, lang="en")
    for heading in (
        "How the order mix changed",
        "Customers by country",
        "Pricing after the year's FX and rebate change",
        "Service to key (VIP) accounts",
        "Product ideas",
        "Delivery and mould delays",
        "Customer confirmation checklist",
    ):
        assert heading in md, heading
    assert "| JP | 10,900.00 | 51.81% | 1 |" in md
    assert "2 of them before the confirmation was complete, worth CNY 8,240.00" in md
    assert "8.8742 USD (+10.93%)" in md


def test_document_says_so_when_nothing_is_recorded(db: None) -> None:
    from salesdesk.records.models import OrderLine

    export_pack_dept()
    OrderLine.objects.update(extra={})
    s = build_summary("出口测试部", 2025, today=TODAY)
    zh, en = render_markdown(s, lang="zh"), render_markdown(s, lang="en")
    assert "本年订单未登记客户资料确认表" in zh
    assert "No order of the year records the customer confirmation checklist" in en
    assert "无法按本年实际汇率和退税率测算FOB报价" in zh
