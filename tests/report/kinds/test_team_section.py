"""The sales team's summary has its own sections and figures (fixture_team.py, worked by hand)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "metrics" / "kinds"))
from fixture_team import TEAM_NAME, team_dept

from salesdesk.report.build import build_summary
from salesdesk.report.facts import facts_json
from salesdesk.report.render import render_markdown
from salesdesk.report.summary import AnnualSummary

pytestmark = pytest.mark.django_db
TODAY = date(2025, 1, 10)


@pytest.fixture
def summary(db: None) -> AnnualSummary:
    team_dept()
    return build_summary(TEAM_NAME, 2024, today=TODAY)


def test_summary_carries_the_team_pack_and_its_findings(summary: AnnualSummary) -> None:
    assert summary.team is not None and summary.export is None
    codes = {f.code: f for f in summary.findings}
    assert codes["team_coaching"].at_stake == 1200  # gaps 500 + 400 + 200 + 100
    assert codes["team_raise"].at_stake == 200  # T1: 1,200 − 1,000


def test_json_has_the_team_key_with_the_figures(summary: AnnualSummary) -> None:
    team = json.loads(facts_json(summary))["team"]
    assert [(r["rep"], r["rank"], r["tie_break"]) for r in team["ranking"][:2]] == [
        ("T1", 1, None),
        ("T2", 2, "collections"),  # same 1.2 and 1,200; collected 1,000 < 1,200
    ]
    assert {b["band"]: b["count"] for b in team["attainment_bands"]} == {
        "lt60": 1, "60-80": 1, "80-100": 2, "100-120": 0, "ge120": 2, "none": 1,
    }  # fmt: skip
    reviews = {r["rep"]: r for r in team["reviews"]}
    t4 = reviews["T4"]
    assert t4["measures"]["price_index"] == 0.8  # 800 / (10 × 100)
    assert t4["measures"]["price_gap"] == 200.0
    assert t4["reasons"] == [
        {"code": "low_prices", "rep_value": 0.8, "team_value": 1.0, "severity": 0.2}
    ]
    t5 = reviews["T5"]
    assert t5["measures"]["retention"] == 0.2  # 1 − 800 / 1,000
    assert t5["measures"]["lost_customers"] == ["KE2"]
    assert t5["measures"]["lost_revenue"] == 800.0
    assert t5["main_reason"] == "lost_customers"
    t3 = reviews["T3"]
    assert t3["measures"]["visits_per_day"] == 0.008  # 2 / 251 = 0.00797 → 0.0080
    assert t3["team"]["visits_per_day"] == 0.0398  # 10 / 251 = 0.03984 → 0.0398
    assert reviews["T7"]["attainment"] is None and reviews["T7"]["target"] is None
    assert reviews["T2"]["collection_rate"] == 0.8333  # 1,000 / 1,200
    assert team["below_target"] == ["T6", "T4", "T5", "T3"]
    assert [(c["rep"], c["gap"], c["main_reason"]) for c in team["coaching"]] == [
        ("T3", 500.0, "few_visits"),
        ("T5", 400.0, "lost_customers"),
        ("T4", 200.0, "low_prices"),
        ("T6", 100.0, "no_follow_up"),
    ]
    assert team["raise"] == ["T1"] and team["gap_total"] == 1200.0


def test_markdown_in_chinese_shows_the_team_sections(summary: AnnualSummary) -> None:
    md = render_markdown(summary, lang="zh")
    for heading in (
        "团队目标完成分布与排名",
        "建议加薪名单",
        "未完成目标的原因",
        "辅导名单（按差额排序）",
    ):
        assert heading in md
    assert "6名有目标的业务员中，2人完成目标，4人未完成，未完成者合计差1,200.00 元。" in md
    assert "| 120%及以上 | 2 | 张一（T1）、李二（T2） |" in md
    assert "| 2 | T2 | 李二 | 120.00% | 1,200.00 | 1,000.00 | 完成率、销售额相同，按回款 |" in md
    assert "1. 张一（T1）：完成率120.00%，回款率100.00%" in md
    assert (
        "赵四（T4）完成80.00%，差200.00 元：价格偏低（共同产品售价为其他业务员均价的 80.00%，少收 ¥200.00）。"
        in md
    )
    assert "1. 王三（T3）：差500.00 元，主要原因：拜访少。" in md
    assert (
        "孙六（T6）完成90.00%，差100.00 元：不跟进（按时跟进 0.00%（其他业务员中位数 100.00%），1 次到期未跟进）。"
        in md
    )


def test_markdown_in_english_shows_the_team_sections(summary: AnnualSummary) -> None:
    md = render_markdown(summary, lang="en")
    for heading in (
        "Team attainment and ranking",
        "Recommended for a raise",
        "Why reps fell short of target",
        "Coaching list (largest gap first)",
    ):
        assert heading in md
    assert "Of 6 reps with a target, 2 met it and 4 did not, CNY 1,200.00 short in all." in md
    assert "| 120% and above | 2 | 张一 (T1), 李二 (T2) |" in md
    assert "same attainment and revenue: by collections" in md
    assert (
        "钱五 (T5) at 60.00%, CNY 400.00 short: lost customers (kept 20.00% of last year's "
        "customer revenue (the other reps' median 100.00%); lost ¥800.00: KE2); low conversion "
        "(50.00% of the customers visited ordered, against the other reps' median of 100.00%)."
    ) in md
    assert "1. 王三 (T3): CNY 500.00 short, mainly few visits." in md
