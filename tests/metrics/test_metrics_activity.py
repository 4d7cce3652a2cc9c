"""Visits and follow-ups: Chinese working days with 调休, a team formed mid-year, follow-ups
missed, rejections never followed up, conversion."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import chinese_calendar
import pytest
from fixture_dept import CARD_TEAM_START

from salesdesk.metrics import activity, customers, staffing
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Department

D = Decimal
pytestmark = pytest.mark.django_db


def _workdays(start: date, end: date) -> int:
    """Working days straight from chinese_calendar, independent of the code under test."""
    return sum(
        1
        for i in range((end - start).days + 1)
        if chinese_calendar.is_workday(start + timedelta(days=i))
    )


def _facts(scope: Scope) -> tuple[activity.ActivityFacts, int]:
    started = staffing.team_start(scope)
    spans = staffing.windows(scope, started)
    rep_days = staffing.rep_working_days(spans, staffing.year_working_days(scope.year))
    info = customers.load_customers(scope)
    last = customers.last_purchases(customers.load_grid(scope, info))
    facts = activity.activity_facts(
        scope, activity.load_follow_ups(scope), activity.load_rejections(scope), last, rep_days
    )
    return facts, rep_days


def test_working_days_follow_the_chinese_calendar() -> None:
    days = set(staffing.year_working_days(2024))
    assert date(2024, 2, 4) in days  # a Sunday made a working day (调休) for Spring Festival
    assert date(2024, 10, 12) in days  # a Saturday made a working day for National Day
    assert date(2024, 2, 12) not in days  # Spring Festival Monday
    assert date(2024, 10, 1) not in days
    assert len(days) == _workdays(date(2024, 1, 1), date(2024, 12, 31))


def test_unknown_calendar_year_counts_monday_to_friday() -> None:
    days = staffing.year_working_days(2099)
    assert len(days) == 261  # 2099: 52 weeks and one extra Thursday
    assert all(d.weekday() < 5 for d in days)


def test_team_formed_mid_year_counts_from_its_first_activity(team: Department) -> None:
    scope = Scope(team, 2024)
    assert staffing.team_start(scope) == CARD_TEAM_START
    facts, rep_days = _facts(scope)
    per_rep = _workdays(CARD_TEAM_START, date(2024, 12, 31))
    assert rep_days == 5 * per_rep
    assert facts.visits == 10
    assert facts.per_rep_per_day == D(10) / (5 * per_rep)
    assert facts.per_rep_per_day is not None and facts.per_rep_per_day < 2
    kinds = {k.name: k.count for k in facts.by_kind}
    assert kinds == {"cold_visit": 5, "call": 2, "visit": 1, "mail": 2}


def test_follow_ups_missed_and_rejections_never_followed(team: Department) -> None:
    facts, _days = _facts(Scope(team, 2024))
    # K1 rejected 20 Oct (due 3 Nov, never visited again): missed; K2 rejected 21 Oct, called
    # 30 Oct: kept; K3 interested 1 Nov with next follow-up 10 Nov, called 8 Nov: kept.
    assert facts.follow_ups_due == 3
    assert facts.follow_ups_missed == 1
    assert (facts.rejections, facts.rejections_followed) == (2, 1)
    missed = [f for f in activity.load_follow_ups(Scope(team, 2024)) if not f.kept]
    assert [(f.day, f.due) for f in missed] == [(date(2024, 10, 20), date(2024, 11, 3))]


def test_follow_up_window_is_configurable(team: Department) -> None:
    ups = activity.load_follow_ups(Scope(team, 2024), window=5)
    # K2's call on 30 Oct comes after a 5-day window (due 26 Oct): now missed too
    assert sum(1 for f in ups if not f.kept) == 2


def test_conversion_of_customers_first_contacted_in_the_year(team: Department) -> None:
    facts, _days = _facts(Scope(team, 2024))
    # K1 never ordered; K2 ordered 5 Dec after 21 Oct; K3 ordered 10 Nov after 1 Nov
    assert facts.conversion == D(2) / 3


def test_export_department_visits_and_rep_days(export_2024: Scope) -> None:
    facts, rep_days = _facts(export_2024)
    assert staffing.team_start(export_2024) is None  # first visit was in 2023
    year = _workdays(date(2024, 1, 1), date(2024, 12, 31))
    r2 = _workdays(date(2024, 1, 1), date(2024, 10, 31))  # left 31 Oct
    r3 = _workdays(date(2024, 7, 1), date(2024, 12, 31))  # hired 1 July
    assert rep_days == year + r2 + r3
    assert facts.visits == 5
    assert facts.per_rep_per_day == D(5) / rep_days
    assert facts.working_days == year
    assert (facts.follow_ups_due, facts.follow_ups_missed) == (2, 1)
    assert facts.conversion == D(1) / 2  # C2 ordered after its first visit; C4 did not
    assert staffing.rep_months(staffing.windows(export_2024, None)) == 12 + 10 + 6


def test_no_visits_gives_none(db: None) -> None:
    dept = Department.objects.create(name="无人")
    facts, rep_days = _facts(Scope(dept, 2024))
    assert rep_days == 0 and facts.per_rep_per_day is None and facts.conversion is None


@pytest.mark.parametrize(("gap", "kept"), [(1, True), (14, True), (15, False)])
def test_a_follow_up_is_kept_up_to_and_on_its_due_day(gap: int, kept: bool) -> None:
    from salesdesk.records.models import Activity, Customer, Rep

    dept = Department.objects.create(name=f"边界{gap}")
    rep = Rep.objects.create(department=dept, key="R", code="R", name="R")
    customer = Customer.objects.create(department=dept, key="C", code="C", name="C")
    day = date(2025, 3, 10)
    for key, when, outcome in (("a", day, "rejected"), ("b", day + timedelta(days=gap), "")):
        Activity.objects.create(
            department=dept,
            key=key,
            date=when,
            rep=rep,
            customer=customer,
            kind="visit",
            outcome=outcome,
        )
    scope = Scope(dept, 2025)
    follow_ups = activity.load_follow_ups(scope)  # due 14 days after the rejection
    assert [(f.key, f.due, f.kept) for f in follow_ups] == [("a", date(2025, 3, 24), kept)]
    assert [(r.key, r.followed) for r in activity.load_rejections(scope)] == [("a", kept)]
