"""The sales-team pack's facts and findings on the hand-worked fixture (fixture_team.py).

Every expected figure is written as the arithmetic that gives it. 2024 has 251 working days in
the Chinese calendar (调休 included); every rep is on the team all year.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixture_team import TEAM_NAME, team_dept

from salesdesk.findings.kinds import team as team_findings
from salesdesk.findings.settings import Thresholds
from salesdesk.metrics.kinds import team
from salesdesk.metrics.kinds.team_measures import median
from salesdesk.metrics.scope import Scope, rep_scope
from salesdesk.metrics.staffing import year_working_days
from salesdesk.records.models import Department
from salesdesk.report.build import compute
from salesdesk.report.summary import RepRow, TeamFacts

D = Decimal
W = 251  # working days of 2024
T = Thresholds()
pytestmark = pytest.mark.django_db


@pytest.fixture
def dept(db: None) -> Department:
    return team_dept()


@pytest.fixture
def facts(dept: Department) -> TeamFacts:
    scope = Scope(dept, 2024)
    found = team.facts(scope, compute(scope, T), T)
    assert found is not None
    return found


def test_the_calendar_gives_251_working_days() -> None:
    assert len(year_working_days(2024)) == W


def test_ranking_breaks_the_tie_by_collections(facts: TeamFacts) -> None:
    # T1 and T2: attainment 1,200 / 1,000 = 1.2 and revenue 1,200 both; T1 collected 1,200 > 1,000
    # then 0.9 (T6), 0.8 (T4), 0.6 (T5), 0.5 (T3); T7 has no target and comes last
    assert [(r.rank, r.rep, r.tie_break) for r in facts.ranking] == [
        (1, "T1", ""),
        (2, "T2", "collections"),
        (3, "T6", ""),
        (4, "T4", ""),
        (5, "T5", ""),
        (6, "T3", ""),
        (7, "T7", ""),
    ]
    assert facts.ranking[1].collections == D("1000")


def test_tie_break_names_the_key_that_decided() -> None:
    def row(code: str, revenue: str, target: str | None, collections: str) -> RepRow:
        t = D(target) if target else None
        return RepRow(
            code,
            code,
            D(revenue),
            t,
            D(revenue) / t if t else None,
            0,
            D(collections),
            0,
            0,
            0,
            None,
        )

    a, b = row("A", "800", "1000", "5"), row("B", "400", "500", "5")  # both 0.8
    assert team.tie_break(b, a) == "revenue"
    assert team.tie_break(row("C", "800", "1000", "5"), a) == "code"
    assert team.tie_break(row("C", "800", "1000", "4"), a) == "collections"
    assert team.tie_break(row("D", "700", "1000", "5"), a) == ""  # 0.7: no tie
    assert team.tie_break(row("E", "90", None, "1"), row("F", "90", None, "2")) == "collections"
    assert team.tie_break(row("E", "80", None, "1"), row("F", "90", None, "2")) == ""
    assert team.tie_break(row("E", "90", None, "1"), a) == ""  # no target after a target: no tie


def test_attainment_bands(facts: TeamFacts) -> None:
    assert [(b.band, b.reps) for b in facts.bands] == [
        ("lt60", ("T3",)),  # 0.5
        ("60-80", ("T5",)),  # 0.6
        ("80-100", ("T6", "T4")),  # 0.9, 0.8 (80% is the band's lower bound)
        ("100-120", ()),
        ("ge120", ("T1", "T2")),  # 1.2 (120% is the band's lower bound)
        ("none", ("T7",)),
    ]
    assert team.band_of(D("0.5999")) == "lt60" and team.band_of(D("-0.1")) == "lt60"
    assert team.band_of(D("1")) == "100-120" and team.band_of(None) == "none"


def test_measures_of_each_rep(facts: TeamFacts) -> None:
    t3, t4, t5, t6, t1 = (facts.review(c) for c in ("T3", "T4", "T5", "T6", "T1"))
    assert t3.measures.visits_per_day == D(2) / W  # 2 activities over 251 working days
    assert t1.measures.visits_per_day == D(10) / W
    # product P: the others of T4 sold 1,200 + 1,200 + 500 + 600 + 900 + 100 = 4,500 for
    # 12 + 12 + 5 + 6 + 9 + 1 = 45 pieces → 100 a piece; T4 sold 10 for 800
    assert t4.measures.price_index == D(800) / (10 * D(100))  # 0.8
    assert t4.measures.price_gap == D(200)  # 10 × 100 − 800
    # T1's others: 5,300 − 1,200 = 4,100 for 55 − 12 = 43 pieces
    assert t1.measures.price_index == D(1200) / (12 * D(4100) / 43)
    # T5 visited KT5 (ordered 1 March) and KE2 (never ordered): 1 of 2
    assert t5.measures.conversion == D("0.5") and t1.measures.conversion == 1
    # T5 sold 1,000 in 2023 (KT5 100 + 100, KE2 800); KE2 bought nothing in 2024
    assert t5.measures.lost_customers == ("KE2",)
    assert t5.measures.lost_revenue == D(800)
    assert t5.measures.retention == 1 - D(800) / D(1000)  # 0.2
    assert t1.measures.retention == 1 and t1.measures.lost_customers == ()
    # one follow-up each (due 4 Jan); T6's next visit was on 1 Feb
    assert t6.measures.follow_through == 0 and t6.measures.missed_follow_ups == 1
    assert t1.measures.follow_through == 1 and t1.measures.missed_follow_ups == 0


def test_team_values_are_the_other_reps_medians(facts: TeamFacts) -> None:
    t3 = facts.review("T3")
    assert t3.team.visits_per_day == D(10) / W  # the six others all made 10 visits
    t1 = facts.review("T1")
    # T1's others: T2 10, T3 2, T4 10, T5 10, T6 10, T7 10 visits → median 10
    assert t1.team.visits_per_day == D(10) / W
    # retention of T1's others: 1, 1, 1, 0.2, 1, 1 → median 1
    assert t1.team.retention == 1
    assert median([D(1), D(3)]) == 2 and median([D(3), D(1), D(2)]) == 2 and median([]) is None


def test_reasons_of_the_reps_below_target(facts: TeamFacts) -> None:
    def why(code: str) -> list[tuple[str, Decimal, Decimal, Decimal]]:
        return [(r.code, r.rep_value, r.team_value, r.severity) for r in facts.review(code).reasons]

    # T3: 2/251 a day against 10/251, below 0.8 × 10/251: severity 1 − 2/10 = 0.8
    assert why("T3") == [("few_visits", D(2) / W, D(10) / W, 1 - (D(2) / W) / (D(10) / W))]
    assert why("T4") == [("low_prices", D("0.8"), D(1), D("0.2"))]  # index 0.8 < 0.95
    # T5: retention 0.2 vs 1 (severity 0.8) before conversion 0.5 vs 1 (severity 0.5)
    assert why("T5") == [
        ("lost_customers", D("0.2"), D(1), D("0.8")),
        ("low_conversion", D("0.5"), D(1), D("0.5")),
    ]
    assert why("T6") == [("no_follow_up", D(0), D(1), D(1))]
    assert facts.review("T5").main_reason == "lost_customers"
    assert facts.below_target == ("T6", "T4", "T5", "T3")  # attainment < 100%, rank order
    # gaps: T3 1,000 − 500 = 500; T5 400; T4 200; T6 100 → largest first; total 1,200
    assert facts.coaching == ("T3", "T5", "T4", "T6")
    assert [facts.review(c).gap for c in facts.coaching] == [D(500), D(400), D(200), D(100)]
    assert facts.gap_total == D(1200)


def test_raise_list_needs_collections_and_no_weakness(facts: TeamFacts) -> None:
    # T1: 1.2 of target, collected 1,200 / 1,200 = 100%; T2: 1.2 but 1,000 / 1,200 = 83.33% < 90%
    assert facts.raise_list == ("T1",)
    assert facts.review("T2").collection_rate == D(1000) / D(1200)
    assert facts.review("T1").reasons == ()
    stricter = Thresholds(raise_collection_rate_min=D("0.8"))
    scope = Scope(Department.objects.get(name=TEAM_NAME), 2024)
    relaxed = team.facts(scope, compute(scope, stricter), stricter)
    assert relaxed is not None and relaxed.raise_list == ("T1", "T2")


def test_a_rep_report_has_no_team_pack(dept: Department) -> None:
    scope = rep_scope(dept, 2024, "T3")
    assert team.facts(scope, compute(scope, T), T) is None


def test_findings_coaching_and_raise(facts: TeamFacts) -> None:
    found = {f.code: f for f in team_findings.findings(facts, T)}
    coach = found["team_coaching"]
    assert coach.kind == "shortfall" and coach.at_stake == D(1200)  # 500 + 400 + 200 + 100
    assert coach.records == ("T3", "T5", "T4", "T6")
    assert "王三（T3）完成 50.00%，差 ¥500.00，主要原因：拜访少" in coach.text_zh
    assert "钱五 (T5) at 60.00%, ¥400.00 short, mainly: lost customers" in coach.text_en
    assert coach.evidence["main_reason"] == {
        "T3": "few_visits",
        "T5": "lost_customers",
        "T4": "low_prices",
        "T6": "no_follow_up",
    }
    rise = found["team_raise"]
    assert rise.kind == "strength" and rise.at_stake == D(200)  # 1,200 − 1,000
    assert rise.records == ("T1",) and "张一（T1）完成 120.00%，回款率 100.00%" in rise.text_zh


def test_reason_phrases_carry_both_values(facts: TeamFacts) -> None:
    t5 = facts.review("T5")
    assert team_findings.reasons_text(t5, "zh") == (
        "客户流失（上年客户销售额只保住 20.00%（其他业务员中位数 100.00%），流失 ¥800.00：KE2）；"
        "转化低（拜访的客户中 50.00% 下了单，其他业务员中位数 100.00%）"
    )
    t3 = facts.review("T3")
    # 2 / 251 = 0.00797 → 0.01; 10 / 251 = 0.03984 → 0.04
    assert team_findings.reasons_text(t3, "en") == (
        "few visits (0.01 visits a working day against the other reps' median of 0.04)"
    )
    assert team_findings.reasons_text(facts.review("T1"), "zh") == "数据未显示原因"
