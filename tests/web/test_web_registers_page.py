"""The ideas and incidents registers: a rep registers their own ideas, a manager files incidents;
both are keyed like imported rows and refused in a closed year."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from webdesk_data import YEAR, build_team

from salesdesk.records.closing import close_year
from salesdesk.records.models import Idea, Incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return build_team()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_rep_registers_an_idea_keyed_like_an_import(team):
    client = client_for(team.users["rep1"])
    body = {"date": str(date(YEAR, 6, 3)), "title": "小包装试销"}
    response = client.post(reverse("front:ideas"), body)
    assert response.status_code == 302
    idea = Idea.objects.get(title="小包装试销")
    assert (idea.rep.code, idea.status, idea.key) == (
        "R01",
        "submitted",
        f"{YEAR}-06-03|R01|小包装试销",
    )
    again = client.post(reverse("front:ideas"), body)
    assert again.status_code == 200 and again.context["form"].errors["title"]
    listed = client.get(reverse("front:ideas"), {"year": YEAR}).content.decode()
    assert "小包装试销" in listed and "新口味2" not in listed  # not R02's idea


def test_a_manager_files_an_incident(team):
    client = client_for(team.users["manager"])
    body = {
        "date": str(date(YEAR, 6, 4)),
        "kind": "late_delivery",
        "customer": "KH002",
        "order_no": "SO2025062",
        "cost": "1200.50",
        "note": "晚到三天",
    }
    assert client.post(reverse("front:incidents"), body).status_code == 302
    incident = Incident.objects.get(note="晚到三天")
    assert incident.customer.code == "KH002" and incident.cost == 1200.5
    assert incident.key == f"{YEAR}-06-04|late_delivery|SO2025062|KH002|1"
    client.post(reverse("front:incidents"), body)
    assert Incident.objects.filter(key=f"{YEAR}-06-04|late_delivery|SO2025062|KH002|2").exists()
    html = client.get(reverse("front:incidents"), {"year": YEAR}).content.decode()
    assert "晚到三天" in html and "交期延误" in html


def test_closed_years_refuse_ideas_and_incidents(team):
    close_year(team.team, YEAR, by="test")
    rep = client_for(team.users["rep1"])
    refused = rep.post(reverse("front:ideas"), {"date": f"{YEAR}-06-03", "title": "x"})
    assert f"{YEAR} 年已结账" in " ".join(refused.context["form"].errors["date"])
    manager = client_for(team.users["manager"])
    refused = manager.post(reverse("front:incidents"), {"date": f"{YEAR}-06-03", "kind": "other"})
    assert f"{YEAR} 年已结账" in " ".join(refused.context["form"].errors["date"])
    assert not Idea.objects.filter(title="x").exists()
    assert Incident.objects.count() == 3


def test_future_dates_and_unknown_customers_are_refused(team):
    manager = client_for(team.users["manager"])
    response = manager.post(
        reverse("front:incidents"), {"date": "2999-01-01", "kind": "other", "customer": "NOPE"}
    )
    errors = response.context["form"].errors
    assert "date" in errors and "customer" in errors
