"""The audit trail through the web and the API: the user is recorded, the page shows history."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.test import Client

from salesdesk.ingest.importer import import_file
from salesdesk.records.audit_trail import audit_rows
from salesdesk.records.models import Activity, Customer, Department, Rep, Target
from salesdesk.web.api.tokens import issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def dept() -> Department:
    return Department.objects.create(name="华东销售部", kind="team")


def test_a_web_edit_records_the_user_and_before_and_after(dept, make_user, login):
    manager = login(make_user("zhao", "manager", department=dept))
    url = f"/targets/?department={dept.pk}&year=2026"
    assert manager.post(url, {"action": "annual", "target": "1200000"}).status_code == 302
    assert manager.post(url, {"action": "annual", "target": "1300000"}).status_code == 302
    assert manager.post(url, {"action": "annual", "target": "1300000"}).status_code == 302
    target = Target.objects.get(department=dept, key="2026|||revenue")
    created, updated = LogEntry.objects.get_for_object(target).order_by("timestamp")
    assert created.action == LogEntry.Action.CREATE and created.actor.username == "zhao"
    # 1,200,000 stored as 1200000.0000; the form gives 1300000; the same value again is no change
    assert updated.changes == {"value": ["1200000.0000", "1300000"]}
    assert updated.actor.username == "zhao"
    [row] = [r for r in audit_rows(date(2000, 1, 1), department=dept) if r.action == "update"]
    assert (row.who, row.kind, row.record) == ("zhao", "targets", "2026|||revenue")
    assert [(c.label, c.before_text, c.after_text) for c in row.changes] == [
        ("目标值", "1200000", "1300000")
    ]


def test_an_api_change_records_the_tokens_user(dept, make_user):
    rep = Rep.objects.create(department=dept, key="E01", code="E01", name="王芳")
    customer = Customer.objects.create(
        department=dept, key="C1", code="C1", name="甲公司", owner=rep
    )
    user = make_user("wang", "rep", rep=rep)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {issue(user)}")
    body = {"date": "2025-03-03", "kind": "visit", "customer": customer.pk, "outcome": "deal"}
    response = api.post("/api/activities", body, content_type="application/json")
    assert response.status_code == 201
    activity = Activity.objects.get(pk=response.json()["id"])
    [entry] = LogEntry.objects.get_for_object(activity)
    assert entry.action == LogEntry.Action.CREATE and entry.actor == user
    assert entry.additional_data == {"department": dept.pk}


def test_the_customer_page_shows_its_imports_and_changes(dept, make_user, login, tmp_path):
    path = tmp_path / "客户.csv"
    for name in ("甲公司", "甲集团公司"):
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([["客户编号", "客户名称"], ["C1", name]])
        import_file(path, "customers", department=dept.name, by="钱七")
    customer = Customer.objects.get(department=dept, key="C1")
    page = login(make_user("zhao", "manager", department=dept)).get(f"/customers/{customer.pk}/")
    history = page.context["history"]
    assert history.title == "修改记录"
    assert [(line.who, line.source) for line in history.lines] == [
        ("钱七", "导入文件 客户.csv"),
        ("钱七", "导入文件 客户.csv"),
    ]
    assert history.lines[0].what == "导入（新增 1，更新 0，未变 0，拒绝 0）"
    assert history.lines[1].changes == ["客户名称: 甲公司 → 甲集团公司"]
    assert "客户名称: 甲公司 → 甲集团公司" in page.content.decode()


def test_the_visit_page_shows_who_logged_it(dept, make_user, login):
    rep = Rep.objects.create(department=dept, key="E01", code="E01", name="王芳")
    customer = Customer.objects.create(
        department=dept, key="C1", code="C1", name="甲公司", owner=rep
    )
    user = make_user("wang", "rep", rep=rep)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {issue(user)}")
    body = {"date": "2025-03-03", "kind": "visit", "customer": customer.pk}
    pk = api.post("/api/activities", body, content_type="application/json").json()["id"]
    client = login(user)
    client.cookies.load({"django_language": "en"})
    history = client.get(f"/visits/{pk}/", HTTP_ACCEPT_LANGUAGE="en").context["history"]
    assert history.title == "History"
    [line] = history.lines
    assert (line.who, line.what, line.source) == ("wang", "added", "")
