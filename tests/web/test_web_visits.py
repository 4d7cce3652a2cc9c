"""Logging a visit, its natural key (the importer's), follow-up lists and the e-mail digest."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from salesdesk.ingest.builders import ActivityBuilder
from salesdesk.ingest.contract import ACTIVITY_KINDS, OUTCOMES
from salesdesk.ingest.importer import import_file
from salesdesk.ingest.refs import References
from salesdesk.metrics.activity import due_date
from salesdesk.records.models import Activity, Customer, Rep
from salesdesk.web.front.digest import send_digest
from salesdesk.web.front.followups import due_lists
from salesdesk.web.front.visits import KINDS
from salesdesk.web.front.visits import OUTCOMES as PAGE_OUTCOMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep(demo) -> Rep:
    return Rep.objects.get(department=demo["export"], code="E02")


@pytest.fixture
def rep_client(rep, make_user, login):
    return login(make_user("e02", "rep", rep=rep, email="e02@example.com"))


def _customer(rep: Rep) -> Customer:
    return Customer.objects.filter(owner=rep).order_by("code").first()


def _post(client, **fields):
    data = {"kind": "visit", "date": timezone.localdate().isoformat(), **fields}
    return client.post(reverse("front:visit_new"), data)


def test_the_pages_choices_are_the_contracts_codes():
    assert {code for code, _ in KINDS} == set(ACTIVITY_KINDS)
    assert {code for code, _ in PAGE_OUTCOMES} == set(OUTCOMES)


def test_a_rep_logs_a_visit_with_a_follow_up(rep, rep_client):
    today = timezone.localdate()
    customer = _customer(rep)
    response = _post(
        rep_client,
        customer=customer.pk,
        customer_name=customer.name,
        outcome="interested",
        next_follow_up=(today + timedelta(days=3)).isoformat(),
        note="带样品，客户想看新色",
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("front:follow_ups"))
    visit = Activity.objects.get(rep=rep, date=today)
    assert (visit.customer, visit.kind, visit.outcome) == (customer, "visit", "interested")
    assert visit.next_follow_up == today + timedelta(days=3)
    assert visit.key == f"{today}|E02|{customer.code}|visit|1"
    listed = rep_client.get(response["Location"]).context["due"]
    assert [d.activity_id for d in listed.upcoming] == [visit.pk]


def test_the_key_is_the_importers_so_a_later_import_does_not_duplicate(
    demo, rep, rep_client, tmp_path
):
    day = timezone.localdate() - timedelta(days=1)
    customer = _customer(rep)
    for _ in range(2):  # the same visit logged twice on one day: |1 and |2, like two file rows
        _post(rep_client, customer=customer.pk, date=day.isoformat(), outcome="deal")
    keys = sorted(Activity.objects.filter(rep=rep, date=day).values_list("key", flat=True))

    builder = ActivityBuilder(References(demo["export"].pk))
    row = {"date": day, "rep": "E02", "customer": customer.code, "kind": "visit"}
    assert keys == [next(builder.build(row)).key, next(builder.build(row)).key]

    path = Path(tmp_path) / "visits.csv"
    path.write_text(
        "date,rep,customer,kind,outcome\n" + f"{day},E02,{customer.code},visit,deal\n" * 2,
        encoding="utf-8",
    )
    result = import_file(str(path), "activities", department=demo["export"].name)
    assert result.added == 0 and not result.problems
    assert Activity.objects.filter(rep=rep, date=day).count() == 2


def test_a_new_prospect_becomes_the_reps_customer(demo, rep, rep_client, tmp_path):
    response = _post(rep_client, customer_name="  杭州新开超市  ", kind="cold_visit")
    assert response.status_code == 302
    prospect = Customer.objects.get(department=demo["export"], code="杭州新开超市")
    assert (prospect.name, prospect.owner) == ("杭州新开超市", rep)
    visit = Activity.objects.get(customer=prospect)
    assert visit.key == f"{timezone.localdate()}|E02|杭州新开超市|cold_visit|1"
    # the importer names the same prospect by that name: same customer, same activity
    path = Path(tmp_path) / "visits.csv"
    path.write_text(
        f"date,rep,customer,kind\n{timezone.localdate()},E02,杭州新开超市,陌拜\n", encoding="utf-8"
    )
    result = import_file(str(path), "activities", department=demo["export"].name)
    assert (result.added, result.new_customers) == (0, [])
    assert Activity.objects.filter(customer=prospect).count() == 1


def test_a_prospect_named_like_someone_elses_customer_is_refused(rep, rep_client):
    theirs = Customer.objects.filter(department=rep.department).exclude(owner=rep).first()
    before = Activity.objects.count()
    response = _post(rep_client, customer_name=theirs.name)
    assert response.status_code == 200
    assert "不在你的客户范围内" in response.content.decode()
    assert Activity.objects.count() == before


def test_a_closed_year_takes_no_new_visits(demo, rep, rep_client):
    from salesdesk.records.closing import close_year

    close_year(demo["export"], 2025, by="test")
    before = (Activity.objects.count(), Customer.objects.count())
    response = _post(rep_client, customer=_customer(rep).pk, date="2025-06-01")
    assert "2025 年已结账" in response.context["form"].errors["date"][0]
    response = _post(rep_client, customer_name="结账后的新客户", date="2025-06-01")
    assert response.status_code == 200
    assert (Activity.objects.count(), Customer.objects.count()) == before
    assert _post(rep_client, customer=_customer(rep).pk).status_code == 302  # this year is open


def test_the_location_is_kept_when_given(rep, rep_client):
    customer = _customer(rep)
    _post(rep_client, customer=customer.pk, lat="30.274085", lon="120.155070")
    visit = Activity.objects.get(rep=rep, customer=customer, date=timezone.localdate())
    assert visit.extra == {"lat": 30.274085, "lon": 120.15507}
    page = rep_client.get(reverse("front:visit", args=[visit.pk]))
    assert "30.274085" in page.content.decode()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"date": "2999-01-01"}, "date"),
        ({"next_follow_up": "2000-01-01"}, "next_follow_up"),
        ({"customer": "", "customer_name": ""}, "customer_name"),
        ({"kind": "teleport"}, "kind"),
        ({"lat": "91", "lon": "10"}, "lat"),
    ],
)
def test_bad_visits_are_refused_with_a_reason(rep, rep_client, fields, field):
    data = {"customer": _customer(rep).pk, **fields}
    response = _post(rep_client, **data)
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_the_form_is_prefilled_from_a_customer_link(rep, rep_client):
    customer = _customer(rep)
    form = rep_client.get(reverse("front:visit_new"), {"customer": customer.pk}).context["form"]
    assert form.initial["customer"] == customer.pk
    assert form.initial["customer_name"] == customer.name


# ---------------------------------------------------------------- follow-ups


def _visit(rep: Rep, customer: Customer, day, **fields) -> Activity:
    n = Activity.objects.filter(department=rep.department).count()
    return Activity.objects.create(
        department=rep.department,
        key=f"test|{n}",
        date=day,
        rep=rep,
        customer=customer,
        kind=fields.pop("kind", "visit"),
        **fields,
    )


def test_follow_up_lists_use_the_metrics_definitions(rep):
    today = timezone.localdate()
    a, b, c, d, e = Customer.objects.filter(owner=rep).order_by("code")[:5]
    dated = _visit(rep, a, today - timedelta(days=2), next_follow_up=today)
    windowed = _visit(rep, b, today - timedelta(days=14), outcome="interested")
    late = _visit(rep, c, today - timedelta(days=10), next_follow_up=today - timedelta(days=3))
    soon = _visit(rep, d, today, outcome="rejected")
    done = _visit(rep, e, today - timedelta(days=9), next_follow_up=today - timedelta(days=1))
    _visit(rep, e, today - timedelta(days=2))  # a later contact: done, though not a tracked one
    _visit(rep, e, today - timedelta(days=30), outcome="deal")  # no follow-up at all

    lists = due_lists(Activity.objects.filter(rep=rep), today)
    assert [x.activity_id for x in lists.due_today] == [windowed.pk, dated.pk]  # oldest first
    assert [x.activity_id for x in lists.overdue] == [late.pk]
    assert [x.activity_id for x in lists.upcoming] == [soon.pk]
    assert done.pk not in {x.activity_id for x in lists.overdue + lists.due_today}
    for item in lists.due_today + lists.overdue + lists.upcoming:
        visit = Activity.objects.get(pk=item.activity_id)
        assert item.due == due_date(visit.date, visit.next_follow_up, visit.outcome, 14)


def test_the_follow_up_page_lists_them(rep, rep_client):
    today = timezone.localdate()
    customer = _customer(rep)
    _visit(rep, customer, today - timedelta(days=5), next_follow_up=today, note="催报价")
    html = rep_client.get(reverse("front:follow_ups")).content.decode()
    assert customer.name in html and "催报价" in html
    dashboard = rep_client.get(reverse("front:dashboard"))
    assert [d.customer_name for d in dashboard.context["due"].due_today] == [customer.name]


def test_the_digest_mails_each_rep_their_list(rep, make_user, mailoutbox):
    today = timezone.localdate()
    make_user("e02", "rep", rep=rep, email="e02@example.com")
    other = Rep.objects.get(department=rep.department, code="E03")
    make_user("e03", "rep", rep=other)  # no e-mail address
    customer = _customer(rep)
    _visit(rep, customer, today - timedelta(days=4), next_follow_up=today)
    _visit(other, _customer(other), today - timedelta(days=4), next_follow_up=today)

    result = send_digest(today)
    assert (result.sent, result.no_email) == (["e02"], ["e03"])
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["e02@example.com"]
    assert customer.name in mail.body and "今天到期" in mail.body
