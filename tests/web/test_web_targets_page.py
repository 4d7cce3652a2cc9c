"""Targets: the manager sets the year's revenue target (an importer-keyed Target record), sees
the annual summary's own plan split by month, week, day and rep, and saves adjusted monthly
targets only when they add up to the year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from webdesk_data import YEAR, build_team

from salesdesk.records.closing import close_year
from salesdesk.records.models import Target
from salesdesk.report.build import build_summary

pytestmark = pytest.mark.django_db
NEXT = YEAR + 1


@pytest.fixture
def team():
    return build_team()


@pytest.fixture
def manager(team) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def _url(team, year: int = NEXT) -> str:
    return f"{reverse('front:targets')}?department={team.team.pk}&year={year}"


def _months(values: list[int]) -> dict[str, object]:
    return {"action": "months", **{f"m{m}": v for m, v in enumerate(values, start=1)}}


def test_setting_the_annual_target_writes_an_importer_keyed_record(team, manager):
    response = manager.post(_url(team), {"action": "annual", "target": "1200000"})
    assert response.status_code == 302
    target = Target.objects.get(department=team.team, year=NEXT, month=None, rep=None)
    assert (target.key, target.metric, target.value) == (f"{NEXT}|||revenue", "revenue", 1200000)
    manager.post(_url(team), {"action": "annual", "target": "1300000"})
    assert Target.objects.get(key=f"{NEXT}|||revenue", department=team.team).value == 1300000


def test_the_plan_is_the_annual_summarys_plan(team, manager):
    manager.post(_url(team), {"action": "annual", "target": "1200000"})
    plan = manager.get(_url(team)).context["plan"]
    expected = build_summary("华东销售部", YEAR, plan_target=Decimal(1200000)).plan.plan
    assert plan == expected
    assert plan.month_basis == "seasonality" and plan.rep_basis == "last_year_share"
    assert sum(m.target for m in plan.by_month) == 1200000
    assert sum(w.target for w in plan.by_week) == 1200000
    assert sum(d.target for d in plan.by_day) == 1200000
    assert sum(r.target for r in plan.by_rep) == 1200000
    assert {r.rep for r in plan.by_rep} == {"R01", "R02"}
    html = manager.get(_url(team)).content.decode()
    for part in ('id="months"', 'id="reps"', 'id="weeks"', 'id="days"'):
        assert part in html


def test_a_year_without_history_is_split_by_working_days(team, manager):
    year = 2031
    manager.post(_url(team, year), {"action": "annual", "target": "600000"})
    response = manager.get(_url(team, year))
    plan = response.context["plan"]
    assert plan.month_basis == "working_days" and sum(m.target for m in plan.by_month) == 600000
    assert "2031" in response.context["note"]  # the holiday calendar does not know 2031


def test_monthly_targets_must_add_up_to_the_year(team, manager):
    manager.post(_url(team), {"action": "annual", "target": "1200000"})
    wrong = manager.post(_url(team), _months([100000] * 11 + [99000]))
    assert wrong.status_code == 200
    message = " ".join(wrong.context["month_form"].non_field_errors())
    assert "1199000" in message and "1200000" in message and "-1000" in message
    assert not Target.objects.filter(department=team.team, year=NEXT, month__isnull=False).exists()

    right = manager.post(_url(team), _months([90000, 110000] + [100000] * 10))
    assert right.status_code == 302
    saved = dict(
        Target.objects.filter(department=team.team, year=NEXT, month__isnull=False).values_list(
            "key", "value"
        )
    )
    assert saved[f"{NEXT}|1||revenue"] == 90000 and saved[f"{NEXT}|2||revenue"] == 110000
    assert sum(saved.values()) == 1200000
    values = manager.get(_url(team)).context["month_form"].initial
    assert values["m1"] == 90000  # the saved months are shown again


def test_a_closed_year_refuses_targets_naming_the_year(team, manager):
    close_year(team.team, NEXT, by="test")
    response = manager.post(_url(team), {"action": "annual", "target": "5"})
    assert response.status_code == 200
    assert f"{NEXT} 年已结账" in " ".join(response.context["annual_form"].non_field_errors())
    assert not Target.objects.filter(department=team.team, year=NEXT).exists()
