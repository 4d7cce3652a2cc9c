"""Who sees what: every record type a page shows is scoped in the query set, not by hidden links.

A rep reaching for another rep's customer or visit by URL gets 404; a viewer trying to log a
visit gets 403; a manager sees only their department.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from salesdesk.metrics.scope import Scope
from salesdesk.records.models import (
    Activity,
    Adjustment,
    Customer,
    Department,
    Idea,
    Incident,
    OrderLine,
    Payment,
    Rep,
)
from salesdesk.web.access import can_change, can_log_visits, reach, visible

pytestmark = pytest.mark.django_db


def _rep(demo, code: str = "E02") -> Rep:
    return Rep.objects.get(department=demo["export"], code=code)


def _other_rep(demo, mine: Rep) -> Rep:
    """Another rep of the department who owns customers and has visits."""
    return next(
        r
        for r in Rep.objects.filter(department=mine.department).exclude(pk=mine.pk).order_by("code")
        if Customer.objects.filter(owner=r).exists() and Activity.objects.filter(rep=r).exists()
    )


@pytest.fixture
def rep_user(demo, make_user):
    return make_user("e02", "rep", rep=_rep(demo))


# ---------------------------------------------------------------- the scoping module itself

YEAR_ANY = 2025


def _adjust(line: OrderLine) -> None:
    Adjustment.objects.create(
        department=line.department,
        key=f"{line.order_no}|test",
        order_no=line.order_no,
        date=line.date,
        kind="discount",
        amount=10,
    )


@pytest.mark.parametrize(
    ("model", "records"),
    [
        (Customer, Scope.customers),
        (Rep, Scope.reps),
        (OrderLine, Scope.lines),
        (Payment, Scope.payments),
        (Activity, Scope.activities),
        (Adjustment, Scope.adjustments),
        (Idea, Scope.ideas),
        (Incident, Scope.incidents),
    ],
)
def test_a_rep_sees_exactly_the_records_of_their_own_summary(demo, rep_user, model, records):
    rep = _rep(demo)
    if model is Adjustment:  # the export demo has none: one on E02's order, one on another's
        _adjust(OrderLine.objects.filter(rep=rep).first())
        _adjust(OrderLine.objects.filter(department=rep.department).exclude(rep=rep).first())
    expected = set(records(Scope(demo["export"], YEAR_ANY, rep)).values_list("pk", flat=True))
    assert set(visible(model, rep_user).values_list("pk", flat=True)) == expected
    assert expected, f"the fixture should give E02 some {model.__name__} records"


def test_a_manager_sees_their_department_only(demo, make_user):
    manager = make_user("boss-export", "manager", department=demo["export"])
    for model in (Customer, OrderLine, Payment, Activity, Incident, Idea, Rep):
        seen = visible(model, manager)
        assert seen.exists()
        assert not seen.exclude(department=demo["export"]).exists(), model.__name__
    assert list(visible(Department, manager)) == [demo["export"]]


def test_a_viewer_reads_every_department_and_changes_nothing(demo, make_user):
    viewer = make_user("boss", "viewer")
    assert set(visible(Department, viewer)) >= {demo["export"], demo["team"], demo["hotel"]}
    customer = Customer.objects.filter(department=demo["team"]).first()
    assert visible(Customer, viewer).filter(pk=customer.pk).exists()
    assert not can_change(viewer, customer)
    assert not can_log_visits(viewer)


def test_can_change_follows_the_role(demo, make_user, rep_user):
    mine = Customer.objects.filter(owner=_rep(demo)).first()
    theirs = Customer.objects.filter(owner=_other_rep(demo, _rep(demo))).first()
    manager = make_user("m", "manager", department=demo["export"])
    admin = make_user("root", "admin")
    assert can_change(rep_user, mine) and not can_change(rep_user, theirs)
    assert can_change(manager, theirs)
    team_customer = Customer.objects.filter(department=demo["team"]).first()
    assert not can_change(manager, team_customer)
    assert can_change(admin, team_customer)


def test_users_without_a_usable_role_reach_nothing(demo, make_user):
    from django.contrib.auth import get_user_model

    plain = get_user_model().objects.create_user("plain", password="x-Long-enough-1")
    rep_without_rep = make_user("lost", "rep")
    for user in (plain, rep_without_rep):
        assert not reach(user).is_member
        assert not visible(Customer, user).exists()


# ---------------------------------------------------------------- the pages


def test_a_rep_cannot_open_another_reps_customer_page(demo, rep_user, login):
    other = _other_rep(demo, _rep(demo))
    theirs = Customer.objects.filter(owner=other).first()
    mine = Customer.objects.filter(owner=_rep(demo)).first()
    client = login(rep_user)
    assert client.get(reverse("front:customer", args=[mine.pk])).status_code == 200
    assert client.get(reverse("front:customer", args=[theirs.pk])).status_code == 404


def test_a_rep_cannot_open_another_reps_visit(demo, rep_user, login):
    other = _other_rep(demo, _rep(demo))
    theirs = Activity.objects.filter(rep=other).first()
    mine = Activity.objects.filter(rep=_rep(demo)).first()
    client = login(rep_user)
    assert client.get(reverse("front:visit", args=[mine.pk])).status_code == 200
    assert client.get(reverse("front:visit", args=[theirs.pk])).status_code == 404


def test_a_reps_customer_page_shows_only_their_own_records(demo, rep_user, login):
    rep = _rep(demo)
    customer = Customer.objects.filter(owner=rep, orderline__isnull=False).distinct().first()
    page = login(rep_user).get(reverse("front:customer", args=[customer.pk])).context["page"]
    assert all(o.rep_id == rep.pk for o in page.orders)
    assert all(a.rep_id == rep.pk for a in page.visits)
    allowed_payments = set(visible(Payment, rep_user).values_list("pk", flat=True))
    assert {p.pk for p in page.payments} <= allowed_payments


def test_customer_list_and_search_are_scoped(demo, rep_user, login):
    rep = _rep(demo)
    other = _other_rep(demo, rep)
    theirs = Customer.objects.filter(owner=other).first()
    client = login(rep_user)
    listed = client.get(reverse("front:customers"), {"q": ""}).context["page"].paginator.count
    assert listed == Customer.objects.filter(owner=rep).count()
    found = client.get(reverse("front:customer_search"), {"q": theirs.code}).json()["results"]
    assert theirs.pk not in [row["id"] for row in found]
    own = Customer.objects.filter(owner=rep).first()
    found = client.get(reverse("front:customer_search"), {"q": own.code}).json()["results"]
    assert own.pk in [row["id"] for row in found]


def test_a_rep_cannot_log_a_visit_for_another_reps_customer(demo, rep_user, login):
    theirs = Customer.objects.filter(owner=_other_rep(demo, _rep(demo))).first()
    client = login(rep_user)
    url = reverse("front:visit_new")
    assert client.get(url, {"customer": theirs.pk}).status_code == 404
    before = Activity.objects.count()
    response = client.post(url, {"customer": theirs.pk, "date": "2025-06-01", "kind": "visit"})
    assert response.status_code == 200  # the form again, with an error
    assert response.context["form"].errors
    assert Activity.objects.count() == before


def test_a_viewer_cannot_post_a_visit(demo, make_user, login):
    viewer = make_user("boss", "viewer")
    customer = Customer.objects.filter(department=demo["export"]).first()
    client = login(viewer)
    before = Activity.objects.count()
    response = client.post(
        reverse("front:visit_new"),
        {"customer": customer.pk, "date": "2025-06-01", "kind": "visit"},
    )
    assert response.status_code == 403
    assert client.get(reverse("front:visit_new")).status_code == 403
    assert Activity.objects.count() == before
    # … but reads every department's pages
    assert client.get(reverse("front:customer", args=[customer.pk])).status_code == 200
    assert (
        client.get(reverse("front:dashboard"), {"department": demo["team"].pk}).status_code == 200
    )


def test_a_manager_gets_404_for_another_department(demo, make_user, login):
    manager = make_user("m", "manager", department=demo["export"])
    client = login(manager)
    team_customer = Customer.objects.filter(department=demo["team"]).first()
    team_visit = Activity.objects.filter(department=demo["team"]).first()
    assert client.get(reverse("front:customer", args=[team_customer.pk])).status_code == 404
    assert client.get(reverse("front:visit", args=[team_visit.pk])).status_code == 404
    assert (
        client.get(reverse("front:dashboard"), {"department": demo["team"].pk}).status_code == 404
    )
    assert client.get(reverse("front:follow_ups"), {"rep": "T01"}).status_code == 404


def test_a_rep_cannot_switch_to_another_rep_or_department(demo, rep_user, login):
    client = login(rep_user)
    response = client.get(reverse("front:dashboard"), {"rep": "E03"})
    assert response.status_code == 200
    assert response.context["sel"].rep == _rep(demo)  # still their own view
    assert (
        client.get(reverse("front:dashboard"), {"department": demo["team"].pk}).status_code == 404
    )


def test_anonymous_users_are_sent_to_log_in(demo, client):
    for name in ("front:dashboard", "front:customers", "front:follow_ups", "front:visit_new"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert client.get(reverse("front:customer_search"), {"q": "JP"}).status_code == 302


def test_a_user_without_a_role_gets_403(demo, login):
    from django.contrib.auth import get_user_model

    plain = get_user_model().objects.create_user("plain", password="x-Long-enough-1")
    assert login(plain).get(reverse("front:dashboard")).status_code == 403


def test_the_admin_is_for_admins_only(demo, make_user, login):
    manager = make_user("m", "manager", department=demo["export"])
    admin = make_user("root", "admin")
    assert login(manager).get("/admin/").status_code == 302
    page = login(admin).get("/admin/")
    assert page.status_code == 200
    assert "销售台 · 管理后台" in page.content.decode()
    assert login(admin).get("/admin/auth/user/").status_code == 200
