"""The prepaid-card team's summary has its own sections and figures, on the hand-worked fixture
of tests/metrics/kinds/fixture_prepaid_card.py (the arithmetic is repeated next to each figure).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "metrics" / "kinds"))
from fixture_prepaid_card import PREPAID_NAME, prepaid_team

from salesdesk.findings.settings import Thresholds
from salesdesk.report.build import build_summary
from salesdesk.report.facts import facts_json
from salesdesk.report.render import render_markdown
from salesdesk.report.summary import AnnualSummary

pytestmark = pytest.mark.django_db
TODAY = date(2025, 1, 10)
COMPARE_SMALL_SOURCES = Thresholds(source_min_leads=2)  # the fixture's sources have 1–3 leads


def summary(rep: str | None = None) -> AnnualSummary:
    prepaid_team()
    return build_summary(PREPAID_NAME, 2024, rep=rep, today=TODAY, thresholds=COMPARE_SMALL_SOURCES)


def pack_json(s: AnnualSummary, lang: str = "zh") -> dict[str, Any]:
    found: dict[str, Any] = json.loads(facts_json(s, lang))["prepaid_card"]
    return found


def test_summary_carries_the_pack_and_its_findings() -> None:
    s = summary()
    assert s.prepaid_card is not None
    assert s.export is None and s.concrete is None and s.team is None
    codes = {f.code for f in s.findings}
    assert "lead_source_mismatch" in codes  # cold visits 1/3 against referrals 2/2
    assert "months_without_card_sales" not in codes  # cards sold in Oct, Nov and Dec
    assert "rejections_not_followed" in codes  # the general finding; the pack lists the names


def test_json_has_the_pack_with_its_figures() -> None:
    f = pack_json(summary())
    assert f["started_on"] == "2024-10-15" and f["months_active"] == 3
    assert f["leads"] == 7
    assert f["leads_per_month"] == 2.3333  # 7 / 3 months, not / 12
    assert f["funnel"] == {
        "contacted": 7,
        "interested": 5,
        "sold": 4,
        "interest_rate": 0.7143,  # 5 / 7
        "close_rate": 0.8,  # 4 / 5
        "conversion": 0.5714,  # 4 / 7
    }
    cold = f["by_source"][0]
    assert (cold["source"], cold["name"], cold["leads"], cold["contacts"]) == (
        "cold_visit",
        "陌生拜访",
        3,
        5,
    )
    assert cold["contact_share"] == 0.3846 and cold["conversion"] == 0.3333  # 5/13, 1/3
    assert [r["source"] for r in f["by_source"]] == [
        "cold_visit",
        "referral",
        "mailing",
        "yellow_pages",
    ]
    assert f["visits"] == {
        "total": 17,
        "rep_days": 280,  # 5 reps × 56 working days from 15 Oct
        "per_rep_per_day": 0.0607,  # 17 / 280 = 0.060714
        "per_month": 5.6667,  # 17 / 3
    }
    rejections = f["rejections"]
    assert (rejections["count"], rejections["followed"], rejections["not_followed"]) == (3, 1, 2)
    assert rejections["follow_up_rate"] == 0.3333
    assert [(u["date"], u["customer"], u["rep"]) for u in rejections["unfollowed"]] == [
        ("2024-10-20", "K1", "S1"),
        ("2024-11-18", "K4", "S4"),
    ]
    cards = f["cards"]
    assert (cards["sold"], cards["stored_value"], cards["orders"]) == (60, 15000.0, 5)
    assert (cards["per_month"], cards["stored_value_per_month"]) == (20, 5000.0)  # 60/3, 15,000/3
    assert cards["months_without_sales"] == []
    assert cards["by_month"] == [
        {"month": "2024-10", "cards": 10, "stored_value": 1000.0, "orders": 1},
        {"month": "2024-11", "cards": 25, "stored_value": 10500.0, "orders": 2},
        {"month": "2024-12", "cards": 25, "stored_value": 3500.0, "orders": 2},
    ]
    s1 = f["by_rep"][0]
    assert (s1["rep"], s1["visits"], s1["working_days"], s1["per_day"]) == ("S1", 4, 56, 0.0714)
    assert s1["funnel"]["close_rate"] == 1.0 and s1["stored_value"] == 10000.0
    s4 = f["by_rep"][3]
    assert s4["funnel"]["close_rate"] is None  # 0 sold of 0 interested: null, not 0


def test_json_names_sources_in_english_too() -> None:
    f = pack_json(summary(), "en")
    assert [r["name"] for r in f["by_source"]] == [
        "cold visits",
        "referrals",
        "mailings",
        "yellow pages",
    ]


def test_markdown_zh_has_the_pack_sections_and_figures() -> None:
    md = render_markdown(summary(), lang="zh")
    for heading in ("预付卡团队：线索、转化与售卡", "业务员拜访与转化", "被拒绝后的二次跟进"):
        assert heading in md
    assert "团队于2024年10月15日开始工作，本年运作3个月" in md
    assert "本年首次接触线索7个（月均2.3个），其中有意向5个（意向率71.43%），成交4个" in md
    assert "意向成交率80.00%，总转化率57.14%" in md
    assert "业务员在岗合计280个工作日，人均每日0.06次" in md
    assert "售出储值卡60 张，储值金额15,000.00 元，共5单；月均售卡20 张，月均储值5,000.00 元" in md
    assert "| 陌生拜访 | 3 | 5 | 38.46% | 2 | 1 | 33.33% |" in md
    assert "| 转介绍 | 2 | 4 | 30.77% | 2 | 2 | 100.00% |" in md
    assert "| 2024年11月 | 25 | 10,500.00 | 2 |" in md
    assert "| S1 | 销售1 | 4 | 56 | 0.07 | 2 | 1 | 1 | 50.00% | 1 | 20 | 10,000.00 |" in md
    assert "被客户拒绝3次，按期做了二次跟进的1次（33.33%），2次被拒之后再没有跟进" in md
    assert "| 2024年11月18日 | K4 | 客户4 | 销售4（S4） |" in md
    assert "跟进精力用错了地方：陌生拜访线索占全部跟进的 38.46%" in md
    for blank in ("——", "20xx", "XX"):
        assert blank not in md


def test_markdown_en_has_the_pack_sections_and_figures() -> None:
    md = render_markdown(summary(), lang="en")
    for heading in (
        "Prepaid-card team: leads, conversion and cards",
        "Reps' visits and conversion",
        "Second contact after a rejection",
    ):
        assert heading in md
    assert "The team started on 15 Oct 2024 and existed for 3 months of the year" in md
    assert "7 leads were first contacted (2.3 a month); 5 showed interest (71.43%)" in md
    assert "4 bought (80.00% of the interested, 57.14% of all leads)" in md
    assert "60 cards were sold in 5 orders, storing CNY 15,000.00" in md
    assert "| cold visits | 3 | 5 | 38.46% | 2 | 1 | 33.33% |" in md
    assert (
        "3 rejections, 1 of them followed up in time (33.33%); 2 never got a second contact" in md
    )
    assert "| 18 Nov 2024 | K4 | 客户4 | 销售4 (S4) |" in md


def test_personal_report_shows_the_reps_own_pack() -> None:
    s = summary(rep="S2")
    assert s.prepaid_card is not None
    f = pack_json(s)
    assert f["funnel"]["contacted"] == 2 and f["funnel"]["sold"] == 2  # K2, K7
    assert f["cards"]["months_without_sales"] == ["2024-10", "2024-11"]
    assert "months_without_card_sales" in {x.code for x in s.findings}
    md = render_markdown(s, lang="zh")
    assert "团队运作的 3 个月中有 2 个月没有售出一张卡：2024年10月、2024年11月" in md
