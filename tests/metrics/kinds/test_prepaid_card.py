"""The prepaid-card pack's facts and findings on the hand-worked fixture (fixture_prepaid_card.py).

Every expected figure is written as the arithmetic that gives it.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixture_dept import target
from fixture_prepaid_card import prepaid_team

from salesdesk.findings.kinds import prepaid_card as prepaid_findings
from salesdesk.findings.settings import Thresholds
from salesdesk.metrics.kinds import prepaid_card
from salesdesk.metrics.kinds.prepaid_leads import lead_source
from salesdesk.metrics.scope import Scope, rep_scope
from salesdesk.records.models import Department
from salesdesk.report.build import compute
from salesdesk.report.summary import Funnel, PrepaidFacts

D = Decimal
REP_DAYS = 13 + 21 + 22  # working days 15 Oct–31 Dec 2024: Oct 15–31, November, December
COMPARE_SMALL_SOURCES = Thresholds(source_min_leads=2)


def funnel(contacted: int, interested: int, sold: int) -> Funnel:
    """The expected funnel with its rates written as fractions (None for 0 / 0)."""

    def frac(a: int, b: int) -> Decimal | None:
        return D(a) / D(b) if b else None

    return Funnel(
        contacted,
        interested,
        sold,
        frac(interested, contacted),
        frac(sold, interested),
        frac(sold, contacted),
    )


def facts_of(scope: Scope) -> PrepaidFacts:
    found = prepaid_card.facts(scope, compute(scope, Thresholds()))
    assert found is not None
    return found


@pytest.fixture
def team(db: None) -> Department:
    return prepaid_team()


def test_lead_sources_are_normalised_from_what_people_write() -> None:
    assert lead_source("黄页") == "yellow_pages"
    assert lead_source(" Yellow Pages ") == "yellow_pages"
    assert lead_source("陌生拜访") == "cold_visit"
    assert lead_source("老客户介绍") == "referral"
    assert lead_source("邮寄") == "mailing"
    assert lead_source("") == "unknown"
    assert lead_source("展会") == "展会"  # free text is kept as written


def test_team_started_mid_year_rates_over_its_months(team: Department) -> None:
    f = facts_of(Scope(team, 2024))
    assert f.started_on == date(2024, 10, 15)
    assert f.months_active == 3  # October, November, December
    assert f.visits == 17 and f.rep_days == 5 * REP_DAYS == 280
    assert f.visits_per_rep_day == D(17) / D(280)  # 0.0607
    assert f.visits_per_month == D(17) / D(3)  # not / 12
    assert f.leads_per_month == D(7) / D(3)


def test_funnel_first_contact_interest_sale(team: Department) -> None:
    f = facts_of(Scope(team, 2024))
    # 7 leads; interested K2 (bought), K3, K5, K6, K7; sold K2, K3, K6, K7
    assert f.funnel == funnel(7, 5, 4)
    assert f.funnel.conversion == D(4) / D(7)  # 0.5714 = the general activity.conversion


def test_leads_by_source(team: Department) -> None:
    f = facts_of(Scope(team, 2024))
    rows = [(r.source, r.funnel, r.contacts, r.contact_share) for r in f.by_source]
    assert rows == [
        ("cold_visit", funnel(3, 2, 1), 5, D(5) / D(13)),  # K2, K4, K5: 2 + 1 + 2 contacts
        ("referral", funnel(2, 2, 2), 4, D(4) / D(13)),  # K6, K7
        ("mailing", funnel(1, 1, 1), 2, D(2) / D(13)),  # K3 (ties sorted by code)
        ("yellow_pages", funnel(1, 0, 0), 2, D(2) / D(13)),  # K1
    ]


def test_rejections_followed_and_not(team: Department) -> None:
    f = facts_of(Scope(team, 2024))
    assert (f.rejections, f.rejections_followed) == (3, 1)  # only K2 was contacted again
    assert f.follow_up_rate == D(1) / D(3)
    assert [(u.day, u.customer, u.rep) for u in f.unfollowed] == [
        (date(2024, 10, 20), "K1", "S1"),
        (date(2024, 11, 18), "K4", "S4"),
    ]
    assert f.unfollowed[0].customer_name == "客户1" and f.unfollowed[0].rep_name == "销售1"


def test_cards_sold_and_stored_value(team: Department) -> None:
    f = facts_of(Scope(team, 2024))
    assert f.cards == 10 + 5 + 15 + 20 + 10 == 60
    assert f.stored_value == 1_000 + 500 + 1_500 + 10_000 + 2_000 == 15_000
    assert f.card_orders == 5
    assert f.cards_per_month == D(60) / D(3) == 20
    assert f.stored_value_per_month == D(15_000) / D(3) == 5_000
    assert [(m.month, m.cards, m.stored_value, m.orders) for m in f.by_month] == [
        ("2024-10", 10, 1_000, 1),  # K-1
        ("2024-11", 5 + 20, 500 + 10_000, 2),  # K-2, K-4
        ("2024-12", 15 + 10, 1_500 + 2_000, 2),  # K-3, K-5
    ]
    assert f.months_without_sales == ()


def test_per_rep_rows(team: Department) -> None:
    f = facts_of(Scope(team, 2024))
    rows = {r.rep: r for r in f.by_rep}
    assert list(rows) == ["S1", "S2", "S3", "S4", "S5"]
    expected = {
        # rep: visits, leads funnel, rejections, followed, cards, stored value
        "S1": (2 + 2, funnel(2, 1, 1), 1, 0, 20, 10_000),  # K1, K6
        "S2": (2 + 2, funnel(2, 2, 2), 1, 1, 15 + 10, 1_500 + 2_000),  # K2, K7
        "S3": (2, funnel(1, 1, 1), 0, 0, 10 + 5, 1_000 + 500),  # K3
        "S4": (2 + 1, funnel(1, 0, 0), 1, 0, 0, 0),  # two visits without a customer, K4
        "S5": (2 + 2, funnel(1, 1, 0), 0, 0, 0, 0),  # two mailings without a customer, K5
    }
    for code, (visits, fun, rejections, followed, cards, value) in expected.items():
        r = rows[code]
        assert r.working_days == REP_DAYS
        assert r.visits == visits and r.per_day == D(visits) / D(REP_DAYS)
        assert r.funnel == fun
        assert (r.rejections, r.rejections_followed) == (rejections, followed)
        assert (r.cards, r.stored_value) == (cards, value)
    assert sum(r.visits for r in f.by_rep) == f.visits


def test_personal_report_keeps_its_own_leads(team: Department) -> None:
    f = facts_of(rep_scope(team, 2024, "S2"))
    assert f.funnel == funnel(2, 2, 2)  # K2, K7
    assert f.visits == 4 and f.rep_days == REP_DAYS
    assert (f.cards, f.stored_value) == (25, 3_500)
    assert [r.rep for r in f.by_rep] == ["S2"]
    assert f.months_without_sales == ("2024-10", "2024-11")  # S2 sold in December only


def test_nothing_to_say_gives_none(db: None) -> None:
    dept = Department.objects.create(name="空部门", kind="prepaid_card")
    target(dept, 2024, "1000")  # a target alone: a summary, but nothing for the pack
    assert prepaid_card.facts(Scope(dept, 2024), compute(Scope(dept, 2024), Thresholds())) is None


def test_finding_effort_on_the_source_that_converts_worst(team: Department) -> None:
    f = facts_of(Scope(team, 2024))
    assert prepaid_findings.findings(f, Thresholds()) == []  # no source has 5 leads
    found = prepaid_findings.findings(f, COMPARE_SMALL_SOURCES)
    assert [x.code for x in found] == ["lead_source_mismatch"]
    mismatch = found[0]
    # cold visits: 5 of 13 contacts, 1/3 converted; referrals 2/2 = 100% ≥ 2 × 33.33%
    assert mismatch.evidence["worked_source"] == "cold_visit"
    assert mismatch.evidence["best_source"] == "referral"
    assert mismatch.evidence["worked_conversion"] == D(1) / D(3)
    assert mismatch.evidence["best_conversion"] == 1
    assert "38.46%" in mismatch.text_zh and "33.33%" in mismatch.text_zh  # 5/13, 1/3
    assert "100.00%" in mismatch.text_en and "cold visits" in mismatch.text_en
    assert "是前者的 3.00 倍" in mismatch.text_zh  # 100% / 33.33%
    assert mismatch.action_zh and mismatch.action_en


def test_finding_effort_where_it_pays(team: Department) -> None:
    f = facts_of(Scope(team, 2024))
    # make cold visits convert best: 3 of 3 sold
    best_cold = replace(f.by_source[0], funnel=funnel(3, 3, 3))
    aligned = replace(f, by_source=(best_cold, *f.by_source[1:]))
    found = prepaid_findings.findings(aligned, COMPARE_SMALL_SOURCES)
    assert [(x.kind, x.code) for x in found] == [("strength", "lead_source_aligned")]
    # comparable with 2+ leads: cold visits (3) and referrals (2); mailing and yellow pages have 1
    assert "2 个来源中转化率最高的，达 100.00%（3/3）" in found[0].text_zh


def test_finding_when_the_worked_source_never_sold(team: Department) -> None:
    f = facts_of(Scope(team, 2024))
    cold_never = replace(f.by_source[0], funnel=funnel(3, 2, 0))
    found = prepaid_findings.findings(
        replace(f, by_source=(cold_never, *f.by_source[1:])), COMPARE_SMALL_SOURCES
    )
    assert [x.code for x in found] == ["lead_source_mismatch"]
    assert "前者至今没有成交" in found[0].text_zh and "has not sold once" in found[0].text_en


def test_finding_gap_below_threshold_is_silent(team: Department) -> None:
    f = facts_of(Scope(team, 2024))
    # referrals at 100% are 3 times cold visits' 33.33%: a gap of 3.5 is not reached
    assert (
        prepaid_findings.findings(f, Thresholds(source_min_leads=2, source_conversion_gap=D("3.5")))
        == []
    )


def test_finding_months_without_card_sales(team: Department) -> None:
    f = facts_of(rep_scope(team, 2024, "S2"))
    found = prepaid_findings.findings(f, Thresholds())
    assert [x.code for x in found] == ["months_without_card_sales"]
    assert found[0].evidence == {"months": ["2024-10", "2024-11"]}
    assert "2024年10月" in found[0].text_zh and "Nov 2024" in found[0].text_en
