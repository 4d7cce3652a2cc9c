"""Who may use the part-2 pages: import and targets are a manager's; reports, ideas and
incidents are scoped like every other page. A rep reaching for another rep's records (or their
report) by URL gets 404; a viewer changes nothing (403)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from webdesk_data import YEAR, build_team

from salesdesk.records.models import Idea, Incident

pytestmark = pytest.mark.django_db
MANAGERS_ONLY = ("front:import", "front:targets")
EVERYONE = ("front:reports", "front:ideas", "front:incidents", "api_token")


@pytest.fixture
def team():
    return build_team()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", MANAGERS_ONLY + EVERYONE)
def test_anonymous_users_are_sent_to_log_in(team, name):
    response = Client().get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", MANAGERS_ONLY)
@pytest.mark.parametrize("who", ["rep1", "viewer"])
def test_import_and_targets_are_403_for_reps_and_viewers(team, name, who):
    assert client_for(team.users[who]).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", MANAGERS_ONLY)
@pytest.mark.parametrize("who", ["manager", "admin"])
def test_import_and_targets_are_for_managers_and_admins(team, name, who):
    assert client_for(team.users[who]).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", EVERYONE)
@pytest.mark.parametrize("who", ["rep1", "manager", "viewer", "admin"])
def test_reports_and_registers_open_for_every_role(team, name, who):
    assert client_for(team.users[who]).get(reverse(name)).status_code == 200


def test_the_navigation_follows_the_role(team):
    def labels(who: str) -> set[str]:
        nav = client_for(team.users[who]).get(reverse("front:reports")).context["nav"]
        return {str(item["label"]) for item in nav}

    assert {"导入", "目标"} <= labels("manager")
    assert not {"导入", "目标"} & labels("rep1")
    assert not {"导入", "目标"} & labels("viewer")
    assert {"年度总结", "产品建议", "客诉/事故", "接口"} <= labels("rep1")


def test_targets_of_another_department_are_404(team):
    other = {"department": team.other_department.pk}
    assert client_for(team.users["manager"]).get(reverse("front:targets"), other).status_code == 404


# ---------------------------------------------------------------- reports


@pytest.mark.parametrize("name", ["front:reports", "front:report_file"])
def test_a_rep_cannot_read_or_export_another_reps_report(team, name):
    client = client_for(team.users["rep1"])
    assert client.get(reverse(name), {"year": YEAR, "rep": "R02"}).status_code == 404
    assert client.get(reverse(name), {"year": YEAR, "rep": "R01"}).status_code == 200
    assert client.get(reverse(name), {"year": YEAR}).status_code == 200


def test_a_reps_export_is_their_own_summary(team):
    response = client_for(team.users["rep1"]).get(
        reverse("front:report_file"), {"year": YEAR, "format": "md"}
    )
    assert "张伟" in response.content.decode()
    assert "filename*=UTF-8''%E5%BC%A0%E4%BC%9F2025" in response["Content-Disposition"]


def test_a_manager_cannot_export_another_department(team):
    client = client_for(team.users["manager"])
    params = {"year": YEAR, "department": team.other_department.pk, "format": "md"}
    assert client.get(reverse("front:report_file"), params).status_code == 404
    viewer = client_for(team.users["viewer"])
    assert viewer.get(reverse("front:report_file"), params).status_code == 200


# ---------------------------------------------------------------- ideas and incidents


def _rows(response) -> list:
    return list(response.context["page"].object_list)


def test_a_rep_lists_only_their_own_ideas_and_incidents(team):
    client = client_for(team.users["rep1"])
    for name, kind in (("front:ideas", "ideas"), ("front:incidents", "incidents")):
        rows = _rows(client.get(reverse(name), {"year": YEAR}))
        assert rows == [team.records[kind]["R01"]]
        manager = client_for(team.users["manager"])
        manager_rows = _rows(manager.get(reverse(name), {"year": YEAR}))
        assert set(manager_rows) == {team.records[kind]["R01"], team.records[kind]["R02"]}
        one_rep = _rows(manager.get(reverse(name), {"year": YEAR, "rep": "R02"}))
        assert one_rep == [team.records[kind]["R02"]]


@pytest.mark.parametrize("who", ["viewer", "manager"])
def test_only_a_user_with_a_rep_adds_ideas(team, who):
    before = Idea.objects.count()
    body = {"date": f"{YEAR}-06-01", "title": "小包装"}
    assert client_for(team.users[who]).post(reverse("front:ideas"), body).status_code == 403
    assert Idea.objects.count() == before


@pytest.mark.parametrize("who", ["viewer", "rep1"])
def test_only_managers_add_incidents(team, who):
    before = Incident.objects.count()
    body = {"date": f"{YEAR}-06-01", "kind": "quality"}
    assert client_for(team.users[who]).post(reverse("front:incidents"), body).status_code == 403
    assert Incident.objects.count() == before


def test_a_manager_cannot_file_an_incident_on_another_reps_department(team):
    client = client_for(team.users["manager"])
    body = {"date": str(date(YEAR, 6, 1)), "kind": "quality", "customer": "EX001"}
    response = client.post(reverse("front:incidents"), body)
    assert response.status_code == 200 and response.context["form"].errors  # no such customer
    other = {"department": team.other_department.pk}
    assert client.get(reverse("front:incidents"), other).status_code == 404


@pytest.mark.parametrize("who", ["rep1", "viewer"])
def test_reps_and_viewers_cannot_import_or_set_targets_by_post(team, who):
    client = client_for(team.users[who])
    assert (
        client.post(reverse("front:targets"), {"action": "annual", "target": "1"}).status_code
        == 403
    )
    assert client.post(reverse("front:import_run")).status_code == 403
