"""The export pack's facts and findings on fixture_export.py, every figure worked by hand.

(Named test_export_pack.py: tests/ingest/test_export.py already takes test_export.)
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fixture_export import export_pack_dept

from salesdesk.findings.kinds.export import findings
from salesdesk.findings.settings import Thresholds
from salesdesk.metrics import rollups
from salesdesk.metrics.kinds import export
from salesdesk.metrics.kinds.export_checklist import as_day, confirmed
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Department, OrderLine, Rep
from salesdesk.report.build import compute
from salesdesk.report.summary import ExportFacts

D = Decimal
pytestmark = pytest.mark.django_db


def facts_of(dept: Department, rep: Rep | None = None) -> ExportFacts:
    scope = Scope(dept, 2025, rep)
    got = export.facts(scope, compute(scope, Thresholds()))
    assert got is not None
    return got


@pytest.fixture
def dept(db: None) -> Department:
    return export_pack_dept()


@pytest.fixture
def facts(dept: Department) -> ExportFacts:
    return facts_of(dept)


def test_mix_trend_by_quarter_and_against_last_year(facts: ExportFacts) -> None:
    # gross 2025 = 7,000 + 1,440 + 2,000 + 6,800 + 3,900 = 21,140 (A6 cancelled)
    # Q1 = A1 7,000 + A2 1,440 = 8,440; Q2 = A3 2,000; Q3 = A4 6,800; Q4 = A5 3,900
    assert facts.quarter_totals == (D(8440), D(2000), D(6800), D(3900))
    rows = {r.order_type: r for r in facts.mix_trend}
    assert [r.order_type for r in facts.mix_trend] == ["oem", "odm", "own", "gift", "regular"]
    oem, gift, regular = rows["oem"], rows["gift"], rows["regular"]
    assert oem.share == D(7000) / D(21140)  # 0.3311
    assert oem.quarter_shares == (D(7000) / D(8440), D(0), D(0), D(0))  # 82.94% of Q1
    assert (oem.last_year, oem.last_year_share) == (D(0), D(0))  # 2024: regular 1,000, gift 3,000
    assert oem.change == D(7000) / D(21140)
    assert gift.last_year == D(3000) and gift.last_year_share == D("0.75")
    assert gift.change == D(2000) / D(21140) - D("0.75")  # 0.0946 − 0.75 = −0.6554
    assert regular.quarter_shares[0] == D(1440) / D(8440)  # 17.06% of Q1
    assert regular.change == D(1440) / D(21140) - D("0.25")  # −0.1819


def test_vip_service(facts: ExportFacts) -> None:
    v1, v2 = facts.vip  # V3 had only a 2024 visit: not listed
    # V1: A1 7,000 + A5 3,900; both delivered on time; IN4 quality 400; visit + call
    assert (v1.code, v1.country, v1.revenue, v1.visits) == ("V1", "JP", D(10900), 2)
    assert (v1.delivered_lines, v1.on_time_lines, v1.on_time_rate) == (2, 2, D(1))
    assert (v1.incidents, v1.incident_cost, v1.late_amount) == (1, D(400), D(0))
    # V2: A3 2,000 − discount 100 + A4 6,800 = 8,700; A4 late; IN2 500 + IN3 1,200
    assert (v2.code, v2.revenue, v2.visits) == ("V2", D(8700), 1)
    assert (v2.delivered_lines, v2.on_time_lines, v2.on_time_rate) == (1, 0, D(0))
    assert (v2.incidents, v2.incident_cost, v2.late_amount) == (2, D(1700), D(6800))


def test_revenue_by_country(facts: ExportFacts) -> None:
    # revenue of customers = 10,900 + 8,700 + 1,440 = 21,040
    assert [(c.name, c.amount, c.count) for c in facts.by_country] == [
        ("JP", D(10900), 1),
        ("NL", D(8700), 1),
        ("US", D(1440), 1),
    ]
    assert facts.by_country[0].share == D(10900) / D(21040)  # 51.81%


def test_delays_and_complaints_after_them(facts: ExportFacts) -> None:
    d = facts.delays
    assert (d.late_lines, d.late_amount) == (2, D(8240))  # A2 1,440 + A4 6,800
    assert (d.late_incidents, d.late_incident_cost) == (1, D(300))  # IN1
    assert (d.mold_delays, d.mold_delay_cost, d.mold_delay_orders) == (1, D(500), ("A4",))
    # IN5 sample 100 after A2's late delivery on 10 Mar; IN3 quality 1,200 after the mold delay;
    # IN4 quality on A1 (10 Feb) follows no delay of V1 or A1
    assert (d.complaints, d.complaint_cost, d.complaint_orders) == (2, D(1300), ("A2", "A4"))


def test_confirmation_checklist(facts: ExportFacts) -> None:
    c = facts.checklist
    assert c is not None
    # A1, A2, A4, A5 carry the checklist, A3 does not; A1 and A5 are complete → 2 / 4
    assert (c.orders, c.unrecorded, c.complete, c.complete_rate) == (4, 1, 2, D("0.5"))
    assert c.released == 3  # A1, A2, A4
    gaps = [
        (g.order, g.customer, g.released_on, g.amount, g.missing) for g in c.released_incomplete
    ]
    assert gaps == [
        ("A4", "V2", date(2025, 8, 15), D(6800), ("date",)),  # confirmed 20 Aug, after release
        ("A2", "B1", date(2025, 1, 22), D(1440), ("marks",)),
    ]
    assert c.released_incomplete_amount == D(8240)
    assert dict(c.missing_by_item) == {"packaging": 0, "marks": 1, "design": 0, "date": 1}


def test_checklist_not_recorded_is_none(dept: Department) -> None:
    for line in OrderLine.objects.filter(department=dept):
        line.extra = {"rebate_rate": "0.13"}
        line.save()
    assert facts_of(dept).checklist is None


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_mix_from_rollups_equals_the_lines(dept: Department, year: int) -> None:
    scope = Scope(dept, year)
    assert rollups.usable(scope)
    assert export.load_mix(scope) == export.lines_mix(scope)


def test_mix_rollups_keep_currency_and_checklist(dept: Department) -> None:
    sums = export.load_mix(Scope(dept, 2025))
    assert sums.checklist  # A1, A2, A4, A5
    assert sums.foreign == {"USD": D(7000 + 1440 + 6800 + 3900)}  # A3 is CNY, A6 cancelled
    assert not export.load_mix(Scope(dept, 2024)).checklist


def test_yes_no_and_dates_as_stored() -> None:
    assert [confirmed(v) for v in ("yes", "是", "已确认", "Y", "no", "否", "N", "", None, "?")] == [
        True, True, True, True, False, False, False, None, None, None,
    ]  # fmt: skip
    assert as_day("2025-01-12") == date(2025, 1, 12) and as_day("bad") is None


def test_ideas_per_rep_per_month(facts: ExportFacts) -> None:
    e1, e2 = facts.ideas
    # E1 on the team all year (12 months): 3 ideas, 1 adopted; E2 hired 1 July (6 months): 2, 2
    assert (e1.rep, e1.months, e1.submitted, e1.adopted) == ("E1", 12, 3, 1)
    assert (e1.per_month, e1.adoption_rate) == (D("0.25"), D(1) / D(3))
    assert (e2.rep, e2.months, e2.submitted, e2.adopted) == ("E2", 6, 2, 2)
    assert (e2.per_month, e2.adoption_rate) == (D(2) / D(6), D(1))


def test_pricing_on_the_years_own_rates(facts: ExportFacts) -> None:
    p = facts.pricing
    assert p is not None
    assert (p.currency, p.month_from, p.month_to, p.lines) == ("USD", "2025-01", "2025-11", 2)
    x = p.whatif
    # January: (7,000 + 1,440) / (1,000 + 200) USD; November: 3,900 / 600
    assert (x.fx_from, x.fx_to) == (D(8440) / D(1200), D("6.5"))
    assert (x.rebate_from, x.rebate_to) == (D("0.13"), D("0.09"))
    # cost (100 × 50 + 50 × 20) / 150 = 40; FOB (1,000 + 200) / 150 = 8 USD
    assert (x.cost, x.fob_from) == (D(40), D(8))
    # P' = P·X/X' + C(r − r')/((1 + v)·X') = 8.6564 + 0.2178 = 8.8742 (+10.93%)
    expected = D(8) * x.fx_from / D("6.5") + D(40) * D("0.04") / (D("1.13") * D("6.5"))
    assert abs(x.fob_to - expected) < D("1e-20")
    assert x.fob_to.quantize(D("0.0001")) == D("8.8742")
    assert x.fob_change.quantize(D("0.0001")) == D("0.1093")


def test_pricing_none_without_unit_cost(dept: Department) -> None:
    for line in OrderLine.objects.filter(department=dept):
        line.extra = {k: v for k, v in line.extra.items() if k != "unit_cost"}
        line.save()
    assert facts_of(dept).pricing is None


def test_rebate_not_recorded_is_taken_as_unchanged(dept: Department) -> None:
    for line in OrderLine.objects.filter(department=dept):
        line.extra = {k: v for k, v in line.extra.items() if k != "rebate_rate"}
        line.save()
    p = facts_of(dept).pricing
    assert p is not None and not p.rebate_recorded
    assert (p.whatif.rebate_from, p.whatif.rebate_to) == (D(0), D(0))
    assert p.whatif.fob_to == D(8) * (D(8440) / D(1200)) / D("6.5")  # the FX part alone


def test_a_reps_own_facts(dept: Department) -> None:
    e2 = Rep.objects.get(department=dept, code="E2")
    f = facts_of(dept, e2)
    # E2's only line is A4 (odm 6,800 in Q3); E2 sold nothing in 2024
    assert [(r.order_type, r.amount, r.share, r.change) for r in f.mix_trend] == [
        ("odm", D(6800), D(1), None)
    ]
    assert [i.rep for i in f.ideas] == ["E2"]
    assert f.pricing is None  # one month of USD sales only


def test_findings(facts: ExportFacts) -> None:
    found = {f.code: f for f in findings(facts, Thresholds())}
    assert set(found) == {
        "export_checklist",
        "export_vip_service",
        "export_mold_delays",
        "export_few_ideas",
    }
    checklist = found["export_checklist"]
    assert checklist.kind == "shortfall" and checklist.at_stake == D(8240)
    assert checklist.records == ("A4", "A2")
    assert "¥8,240.00" in checklist.text_zh and "50.00%" in checklist.text_en
    vip = found["export_vip_service"]
    assert vip.records == ("V1", "V2")  # V1 had an incident, V2 late deliveries too
    assert vip.at_stake == D(400) + D(6800) + D(1700)  # late amount + incident cost = 8,900
    mold = found["export_mold_delays"]
    assert mold.at_stake == D(500) + D(1300) and mold.records == ("A4", "A2")
    ideas = found["export_few_ideas"]
    assert ideas.records == ("E1", "E2")  # 0.25 and 0.33 a month, below 1
    assert "0.25" in ideas.text_zh and "0.33" in ideas.text_en


def test_findings_thresholds_and_strength(facts: ExportFacts) -> None:
    lenient = Thresholds(ideas_per_month_min=D("0.25"), on_time_min=D(0))
    codes = {f.code for f in findings(facts, lenient)}
    assert "export_few_ideas" not in codes  # 0.25 is not below 0.25
    assert "export_vip_service" in codes  # incidents still count


def test_checklist_strength_when_every_release_is_confirmed(dept: Department) -> None:
    for line in OrderLine.objects.filter(department=dept, order_no__in=["A2", "A4"]):
        line.extra = {**line.extra, "marks_confirmed": "是", "confirmed_on": "2025-01-01"}
        line.save()
    found = {f.code: f for f in findings(facts_of(dept), Thresholds())}
    assert "export_checklist" not in found
    assert found["export_checklist_complete"].kind == "strength"
    assert "3" in found["export_checklist_complete"].text_zh


def test_checklist_and_pricing_columns_import_into_extra(tmp_path: Path) -> None:
    from salesdesk.ingest.importer import import_file
    from salesdesk.records.departments import department_named

    department_named("出口导入部", create=True, kind="export")
    path = tmp_path / "订单.csv"
    path.write_text(
        "单号,日期,数量,单价,币种,汇率,包装材料确认,麦头确认,设计稿确认,确认日期,投产日期,退税率,单位成本\n"
        "X1,2025-01-05,10,2,USD,7.1,是,N,已确认,2025/1/6,2025年1月8日,13%,9.5\n"
        "X2,2025-01-06,10,2,USD,7.1,,,,,,,\n",
        encoding="utf-8",
    )
    result = import_file(path, "orders", department="出口导入部")
    assert result.problems == [] and result.records == 2
    x1 = OrderLine.objects.get(order_no="X1").extra
    assert {k: x1[k] for k in ("packaging_confirmed", "marks_confirmed", "design_confirmed")} == {
        "packaging_confirmed": "yes",
        "marks_confirmed": "no",
        "design_confirmed": "yes",
    }
    assert (as_day(x1["confirmed_on"]), as_day(x1["released_on"])) == (
        date(2025, 1, 6),
        date(2025, 1, 8),
    )
    assert (D(x1["rebate_rate"]), D(x1["unit_cost"])) == (D("0.13"), D("9.5"))
    assert OrderLine.objects.get(order_no="X2").extra == {}


def test_an_unreadable_yes_no_is_refused_at_import(tmp_path: Path) -> None:
    from salesdesk.ingest.importer import import_file
    from salesdesk.records.departments import department_named

    department_named("出口导入部", create=True, kind="export")
    path = tmp_path / "orders.csv"
    path.write_text("order,date,quantity,麦头确认\nX1,2025-01-05,1,maybe\n", encoding="utf-8")
    result = import_file(path, "orders", department="出口导入部")
    assert result.rejected == 1
    assert [p.column for p in result.problems] == ["麦头确认"]
