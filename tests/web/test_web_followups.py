"""The follow-up lists on a hand-made department: which activities are listed, when they fall due,
and that they are found with two index-friendly queries however many activities there are."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from salesdesk.records.models import Activity, Customer, Department, Rep
from salesdesk.web.front.followups import due_lists

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 15)
WINDOW = 14


@pytest.fixture
def desk() -> dict[str, Activity]:
    """Today 2025-06-15, lookback 60 days, horizon 14: follow-ups due 04-16 … 06-29 are listed."""
    dept = Department.objects.create(name="跟进测试部", kind="general")
    rep = Rep.objects.create(department=dept, key="R1", code="R1", name="王芳")
    customers = {
        n: Customer.objects.create(department=dept, key=f"C{n}", code=f"C{n}", name=f"客户{n}")
        for n in range(1, 9)
    }

    def visit(name: str, day: str, n: int | None, outcome: str = "", follow: str | None = None):
        return Activity.objects.create(
            department=dept,
            key=name,
            date=date.fromisoformat(day),
            rep=rep,
            customer=customers[n] if n else None,
            prospect="" if n else "路人",
            kind="visit",
            outcome=outcome,
            next_follow_up=date.fromisoformat(follow) if follow else None,
        )

    return {
        # interested on 06-01, no date set: due 06-01 + 14 days = 06-15, today
        "today": visit("a1", "2025-06-01", 1, "interested"),
        # next follow-up set for 05-20: overdue by 11 (rest of May) + 15 = 26 days
        "set_date": visit("a2", "2025-05-01", 2, "pending", "2025-05-20"),
        # next follow-up 06-25: upcoming, within the 14-day horizon (06-29)
        "upcoming": visit("a3", "2025-06-10", 3, "pending", "2025-06-25"),
        # due 05-12, but the customer was called on 05-15: done, not listed
        "done": visit("a4", "2025-05-10", 4, "pending", "2025-05-12"),
        "later_call": visit("a5", "2025-05-15", 4),
        # rejected without a customer: not tracked
        "prospect": visit("a6", "2025-06-01", None, "rejected"),
        # due 02-01, before the lookback (04-16): not listed
        "too_old": visit("a7", "2025-01-01", 5, "pending", "2025-02-01"),
        # a deal without a follow-up date: nothing due
        "deal": visit("a8", "2025-06-05", 6, "deal"),
        # rejected on 03-20: due 04-03, before the lookback
        "old_rejection": visit("a9", "2025-03-20", 7, "rejected"),
        # rejected on 04-05: due 04-19, inside the lookback; 11 + 31 + 15 = 57 days late
        "rejection": visit("a10", "2025-04-05", 8, "rejected"),
    }


def test_the_lists_follow_the_metrics_definitions(desk):
    lists = due_lists(
        Activity.objects.filter(department=desk["today"].department), TODAY, window=WINDOW
    )
    assert [d.activity_id for d in lists.overdue] == [desk["rejection"].pk, desk["set_date"].pk]
    assert [d.due for d in lists.overdue] == [date(2025, 4, 19), date(2025, 5, 20)]
    assert [d.days_late(TODAY) for d in lists.overdue] == [57, 26]
    assert [d.activity_id for d in lists.due_today] == [desk["today"].pk]
    assert [(d.activity_id, d.due) for d in lists.upcoming] == [
        (desk["upcoming"].pk, date(2025, 6, 25))
    ]
    assert lists.to_do == 3  # two overdue, one due today


def test_a_later_activity_by_anyone_closes_a_follow_up(desk):
    """Scoped to the follow-up's own records, the closing call still counts."""
    own = Activity.objects.filter(pk=desk["set_date"].pk)
    assert len(due_lists(own, TODAY, window=WINDOW).overdue) == 1
    Activity.objects.create(
        department=desk["set_date"].department,
        key="late-call",
        date=date(2025, 6, 1),
        rep=desk["set_date"].rep,
        customer=desk["set_date"].customer,
        kind="call",
    )
    assert due_lists(own, TODAY, window=WINDOW).overdue == ()


def test_two_queries_whatever_the_number_of_follow_ups(desk):
    scoped = Activity.objects.filter(department=desk["today"].department)
    with CaptureQueriesContext(connection) as queries:
        due_lists(scoped, TODAY, window=WINDOW)
    assert len(queries.captured_queries) == 2
    # neither query ORs the two date conditions (which no index serves)
    assert all(" OR " not in q["sql"] for q in queries.captured_queries)
