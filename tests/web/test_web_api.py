"""The JSON API: bearer tokens, the same scoping as the pages, writes, the report facts, OpenAPI.

A rep reaches only their own records (another rep's is 404, as on the pages), a viewer reads
everything and writes nothing (403), a call without credentials is 401, a write into a closed
year is 409 naming the year, and GET /api/report returns exactly `summary_to_facts`.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from webdesk_data import YEAR, build_team

from salesdesk.records.closing import close_year
from salesdesk.records.models import Activity
from salesdesk.report.build import build_summary
from salesdesk.report.facts import summary_to_facts
from salesdesk.web.api.models import ApiToken
from salesdesk.web.api.tokens import issue

pytestmark = pytest.mark.django_db
DETAIL = {
    "customers": "/api/customers/{}",
    "orders": "/api/orders/{}",
    "payments": "/api/payments/{}",
    "activities": "/api/activities/{}",
}


@pytest.fixture
def team():
    return build_team()


def bearer(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue(user)}")


def _visit(customer, **extra) -> dict[str, object]:
    return {"date": str(date(YEAR, 6, 1)), "kind": "visit", "customer": customer.pk, **extra}


def _post(client: Client, body: dict[str, object]):
    return client.post("/api/activities", json.dumps(body), content_type="application/json")


# ---------------------------------------------------------------- authentication


def test_no_credentials_or_a_bad_token_is_401(team):
    for url in ("/api/customers", "/api/orders", "/api/payments", "/api/activities"):
        assert Client().get(url).status_code == 401
        assert Client(HTTP_AUTHORIZATION="Bearer sd_not-a-token").get(url).status_code == 401
    assert Client().get("/api/report", {"year": YEAR}).status_code == 401
    customer = team.customers["KH001"]
    assert _post(Client(), _visit(customer)).status_code == 401


def test_a_token_authenticates_its_user_and_is_stored_as_a_digest(team):
    token = issue(team.users["rep1"])
    stored = ApiToken.objects.get(user=team.users["rep1"])
    assert token.startswith("sd_") and token not in (stored.digest, stored.prefix)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/customers")
    assert response.status_code == 200
    assert [c["code"] for c in response.json()["items"]] == ["KH001"]
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_a_new_token_replaces_the_old_and_an_inactive_user_is_refused(team):
    user = team.users["manager"]
    old, new = issue(user), issue(user)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {old}").get("/api/customers").status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Bearer {new}").get("/api/customers").status_code == 200
    user.is_active = False
    user.save()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {new}").get("/api/customers").status_code == 401


def test_the_logged_in_session_also_works_for_reads(team):
    client = Client()
    client.force_login(team.users["manager"])
    assert client.get("/api/customers").status_code == 200


def test_a_user_without_a_role_is_403(team):
    from django.contrib.auth import get_user_model

    plain = get_user_model().objects.create_user("plain", password="x-Long-enough-1")
    assert bearer(plain).get("/api/customers").status_code == 403


# ---------------------------------------------------------------- the token page


def test_the_token_page_creates_shows_once_and_revokes(team):
    client = Client()
    client.force_login(team.users["rep1"])
    url = reverse("api_token")
    assert "sd_" not in client.get(url).content.decode()
    page = client.post(url, {"action": "create"}).content.decode()
    token = page.split('id="token-value">')[1].split("<")[0]
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/customers").status_code == 200
    assert token not in client.get(url).content.decode()  # shown once
    assert client.post(url, {"action": "revoke"}).status_code == 302
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/customers").status_code == 401
    assert Client().get(url).status_code == 302  # log in first


# ---------------------------------------------------------------- reads: the same scope as the pages


@pytest.mark.parametrize("kind", list(DETAIL))
def test_a_rep_reads_their_own_records_and_gets_404_for_another_reps(team, kind):
    client = bearer(team.users["rep1"])
    mine, theirs = team.records[kind]["R01"], team.records[kind]["R02"]
    assert client.get(DETAIL[kind].format(mine.pk)).status_code == 200
    assert client.get(DETAIL[kind].format(theirs.pk)).status_code == 404
    listed = client.get(f"/api/{kind}", {"page_size": 500}).json()
    ids = {row["id"] for row in listed["items"]}
    assert mine.pk in ids and theirs.pk not in ids


@pytest.mark.parametrize("kind", list(DETAIL))
def test_a_manager_reads_their_department_only(team, kind):
    client = bearer(team.users["manager"])
    assert client.get(DETAIL[kind].format(team.records[kind]["R02"].pk)).status_code == 200
    assert client.get(DETAIL[kind].format(team.records[kind]["E01"].pk)).status_code == 404
    departments = {row["department"] for row in client.get(f"/api/{kind}").json()["items"]}
    assert departments == {"华东销售部"}


@pytest.mark.parametrize("kind", list(DETAIL))
def test_a_viewer_reads_every_department(team, kind):
    client = bearer(team.users["viewer"])
    for code in ("R01", "R02", "E01"):
        assert client.get(DETAIL[kind].format(team.records[kind][code].pk)).status_code == 200


def test_filters_outside_the_reach_are_404(team):
    rep1 = bearer(team.users["rep1"])
    assert rep1.get("/api/orders", {"rep": "R02"}).status_code == 404
    assert rep1.get("/api/orders", {"department": team.other_department.pk}).status_code == 404
    manager = bearer(team.users["manager"])
    assert manager.get("/api/activities", {"department": "出口部"}).status_code == 404
    got = manager.get("/api/orders", {"rep": "R02", "date_from": f"{YEAR}-01-01"}).json()
    assert got["count"] == 12 and {row["rep"] for row in got["items"]} == {"R02"}


def test_lists_are_paginated(team):
    client = bearer(team.users["manager"])
    first = client.get("/api/orders", {"page_size": 10}).json()
    assert (first["count"], first["pages"], len(first["items"])) == (48, 5, 10)
    last = client.get("/api/orders", {"page_size": 10, "page": 5}).json()
    assert len(last["items"]) == 8
    assert client.get("/api/orders", {"page_size": 501}).status_code == 422
    assert first["items"][0]["amount"] == "12800.0000"  # exact decimal strings, newest first


# ---------------------------------------------------------------- writes


def test_a_rep_logs_an_activity_for_their_own_customer(team):
    client = bearer(team.users["rep1"])
    response = _post(client, _visit(team.customers["KH001"], outcome="deal", note="签约"))
    assert response.status_code == 201, response.content
    made = Activity.objects.get(pk=response.json()["id"])
    assert (made.rep.code, made.customer.code, made.outcome) == ("R01", "KH001", "deal")
    assert made.key == f"{YEAR}-06-01|R01|KH001|visit|1"  # the importer's key
    assert client.get(f"/api/activities/{made.pk}").json()["note"] == "签约"


def test_a_rep_cannot_write_for_another_reps_customer_or_as_another_rep(team):
    client = bearer(team.users["rep1"])
    before = Activity.objects.count()
    assert _post(client, _visit(team.customers["KH002"])).status_code == 404
    assert _post(client, _visit(team.customers["KH001"], rep="R02")).status_code == 404
    assert Activity.objects.count() == before


def test_a_viewer_cannot_write(team):
    before = Activity.objects.count()
    response = _post(bearer(team.users["viewer"]), _visit(team.customers["KH001"], rep="R01"))
    assert response.status_code == 403
    assert Activity.objects.count() == before


def test_a_manager_writes_for_a_rep_of_their_department_only(team):
    client = bearer(team.users["manager"])
    assert _post(client, _visit(team.customers["KH002"])).status_code == 422  # which rep?
    assert _post(client, _visit(team.customers["KH002"], rep="R02")).status_code == 201
    assert _post(client, _visit(team.customers["EX001"], rep="E01")).status_code == 404


def test_a_write_into_a_closed_year_is_409_naming_the_year(team):
    close_year(team.team, YEAR, by="test")
    response = _post(bearer(team.users["rep1"]), _visit(team.customers["KH001"]))
    assert response.status_code == 409
    assert response.json()["year"] == YEAR
    assert f"{YEAR} 年已结账" in response.json()["detail"]


def test_bad_bodies_are_422(team):
    client = bearer(team.users["rep1"])
    customer = team.customers["KH001"]
    tomorrow = date.today() + timedelta(days=2)
    assert _post(client, _visit(customer, kind="lunch")).status_code == 422
    assert _post(client, {**_visit(customer), "date": str(tomorrow)}).status_code == 422
    early = {**_visit(customer), "next_follow_up": f"{YEAR}-05-01"}
    assert _post(client, early).status_code == 422


def test_a_session_write_needs_the_csrf_token(team):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.users["rep1"])
    assert _post(client, _visit(team.customers["KH001"])).status_code == 403


# ---------------------------------------------------------------- the report facts


def _without_clock(facts: dict) -> dict:
    return {k: v for k, v in facts.items() if k != "generated_at"}


def test_the_report_is_exactly_summary_to_facts(team):
    response = bearer(team.users["manager"]).get("/api/report", {"year": YEAR})
    assert response.status_code == 200
    expected = summary_to_facts(build_summary("华东销售部", YEAR))
    assert _without_clock(response.json()) == _without_clock(json.loads(json.dumps(expected)))


def test_the_report_of_a_rep_and_in_english(team):
    client = bearer(team.users["manager"])
    got = client.get("/api/report", {"year": YEAR, "rep": "R02", "lang": "en"}).json()
    expected = summary_to_facts(build_summary("华东销售部", YEAR, rep="R02", lang="en"), lang="en")
    assert got["scope"] == "R02"
    assert _without_clock(got) == _without_clock(json.loads(json.dumps(expected)))


def test_a_rep_gets_only_their_own_report(team):
    client = bearer(team.users["rep1"])
    own = client.get("/api/report", {"year": YEAR})
    assert own.status_code == 200 and own.json()["scope"] == "R01"
    assert client.get("/api/report", {"year": YEAR, "rep": "R02"}).status_code == 404
    other = {"year": YEAR, "department": "出口部"}
    assert client.get("/api/report", other).status_code == 404


def test_report_errors(team):
    viewer = bearer(team.users["viewer"])
    assert viewer.get("/api/report", {"year": YEAR}).status_code == 400  # which department?
    assert viewer.get("/api/report", {"year": YEAR, "department": "出口部"}).status_code == 200
    assert viewer.get("/api/report", {"year": 1990, "department": "出口部"}).status_code == 404
    assert viewer.get("/api/report").status_code == 422


# ---------------------------------------------------------------- the schema


def test_the_openapi_schema_validates_and_lists_every_endpoint(team):
    from openapi_spec_validator import validate

    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    operations = {
        (method.upper(), path) for path, item in schema["paths"].items() for method in item
    }
    assert operations == {
        ("GET", "/api/customers"),
        ("GET", "/api/customers/{pk}"),
        ("GET", "/api/orders"),
        ("GET", "/api/orders/{pk}"),
        ("GET", "/api/payments"),
        ("GET", "/api/payments/{pk}"),
        ("GET", "/api/activities"),
        ("POST", "/api/activities"),
        ("GET", "/api/activities/{pk}"),
        ("GET", "/api/report"),
    }
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_the_activity_codes_are_the_contracts():
    from typing import get_args

    from salesdesk.ingest.contract import ACTIVITY_KINDS, OUTCOMES
    from salesdesk.web.api.schemas import ActivityKind, Outcome

    assert set(get_args(ActivityKind)) == set(ACTIVITY_KINDS)
    assert set(get_args(Outcome)) == {"", *OUTCOMES}


def test_the_swagger_ui_is_served_from_the_site_itself(team):
    page = Client().get("/api/docs")
    assert page.status_code == 200
    assert "cdn" not in page.content.decode().lower()
