"""The year-close page (年度结账): who may close and reopen, the two-step close, and its effect —
once a manager has pressed the button, an import or an edit dated in that year is refused with a
message naming the year.

Data (webdesk_data.build_team): 华东销售部 has, dated in 2025, 2 reps x 12 months = 24 order
lines, 2 payments (one per rep), 2 visits (one per rep) and no adjustments.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from webdesk_data import YEAR, build_team

from salesdesk.ingest.importer import import_file
from salesdesk.records.models import Target, YearClose, YearCloseEvent
from salesdesk.web.front.close_views import Frozen, frozen_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return build_team()


def _client(team, who: str, *, lang: str = "zh-hans", csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(team.users[who])
    client.cookies["django_language"] = lang
    return client


def _page(team, **params: object) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"department": team.team.pk, **params}.items())
    return f"{reverse('front:year_close')}?{query}"


def _close(client: Client, team, year: int = YEAR):
    url = f"{reverse('front:year_close_do')}?department={team.team.pk}"
    return client.post(url, {"year": year}, follow=True)


def _reopen(client: Client, team, reason: str, year: int = YEAR):
    url = f"{reverse('front:year_reopen')}?department={team.team.pk}"
    return client.post(url, {"year": year, "reason": reason}, follow=True)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _closed(team) -> list[int]:
    return list(YearClose.objects.filter(department=team.team).values_list("year", flat=True))


def _orders_file(folder: Path, day: str) -> Path:
    path = folder / f"orders-{day}.csv"
    path.write_text(
        f"order,line,date,customer,rep,quantity,unit_price\nLATE1,1,{day},KH001,R01,2,150\n"
    )
    return path


# ---------------------------------------------------------------- who may


def test_anonymous_users_are_sent_to_log_in_and_close_nothing(team):
    client = Client()
    assert client.get(_page(team)).status_code == 302
    response = client.post(
        f"{reverse('front:year_close_do')}?department={team.team.pk}", {"year": YEAR}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert _closed(team) == []


@pytest.mark.parametrize("who", ["rep1", "viewer"])
def test_reps_and_viewers_may_neither_see_nor_close(team, who):
    client = _client(team, who)
    assert client.get(_page(team)).status_code == 403
    assert _close(client, team).status_code == 403
    assert _closed(team) == []


def test_a_manager_of_another_department_cannot_close_this_one(team):
    response = _close(_client(team, "export_manager"), team)
    assert response.status_code == 404  # another department is out of reach: not found
    assert _closed(team) == []


def test_closing_is_post_only_and_needs_the_csrf_token(team):
    assert _client(team, "manager").get(reverse("front:year_close_do")).status_code == 405
    strict = _client(team, "manager", csrf=True)
    assert _close(strict, team).status_code == 403
    assert _closed(team) == []


def test_the_nav_link_is_shown_to_managers_and_admins_only(team):
    link = f'href="{reverse("front:year_close")}"'
    for who, shown in [("manager", True), ("admin", True), ("rep1", False), ("viewer", False)]:
        page = _client(team, who).get(reverse("front:dashboard")).content.decode()
        assert (link in page) is shown, who


# ---------------------------------------------------------------- the two steps


def test_the_confirmation_step_says_what_closing_freezes_and_closes_nothing(team):
    assert frozen_counts(team.team, YEAR) == Frozen(
        orders=24, adjustments=0, payments=2, activities=2
    )
    assert frozen_counts(team.team, 2030) == Frozen(0, 0, 0, 0)
    response = _client(team, "manager").get(_page(team, confirm=YEAR))
    html = response.content.decode()
    assert response.context["confirm"] == YEAR
    assert "确认结账：2025 年" in html
    assert "订单行 24 条，调整 0 条，收款 2 条，拜访/跟进 2 条" in html
    assert 'id="confirm-close"' in html and 'name="csrfmiddlewaretoken"' in html
    assert _closed(team) == []


def test_an_impossible_year_is_not_confirmed(team):
    response = _client(team, "manager").get(_page(team, confirm=1850))
    assert response.context["confirm"] is None
    assert 'id="confirm-close"' not in response.content.decode()


def test_a_manager_closes_the_year_and_the_page_lists_who_and_when(team):
    response = _close(_client(team, "manager"), team)
    assert response.status_code == 200
    assert _messages(response) == [
        "华东销售部 2025 年已结账。此后凡涉及该年度的导入、修改和接口调用都会被拒绝；"
        "更正请在当前年度以调整记录录入。"
    ]
    close = YearClose.objects.get(department=team.team, year=YEAR)
    assert close.closed_by == "manager"
    events = list(
        YearCloseEvent.objects.filter(department=team.team).values_list("year", "action", "by")
    )
    assert events == [(YEAR, "close", "manager")]
    listed = response.content.decode().split('id="closed-years"')[1].split("</section>")[0]
    assert "<td>2025</td><td>manager</td>" in listed
    assert close.closed_at.strftime("%Y") in listed


def test_closing_twice_changes_nothing_and_says_so(team):
    manager = _client(team, "manager")
    _close(manager, team)
    again = _close(manager, team)
    assert _messages(again) == ["华东销售部 2025 年早已结账，未作改动。"]
    assert YearCloseEvent.objects.filter(department=team.team).count() == 1


def test_the_message_is_english_in_english(team):
    response = _close(_client(team, "manager", lang="en"), team)
    assert _messages(response) == [
        "华东销售部: 2025 is closed. Any import, edit or API call touching that year will be "
        "refused; record corrections as adjustments in the open year."
    ]


# ---------------------------------------------------------------- the effect


def test_after_the_close_an_import_into_that_year_is_refused(team, tmp_path):
    _close(_client(team, "manager"), team)
    refused = import_file(_orders_file(tmp_path, "2025-12-30"), "orders", department="华东销售部")
    assert not refused.written and refused.added == 0
    assert [p.reason_zh for p in refused.problems] == [
        "2025 年已结账（华东销售部），不能再导入或修改该年的记录；更正请在当前年度以调整记录录入。"
    ]
    # the open year still takes records
    taken = import_file(_orders_file(tmp_path, "2026-01-05"), "orders", department="华东销售部")
    assert taken.written and taken.added == 1


def test_after_the_close_a_target_edit_for_that_year_is_refused(team):
    manager = _client(team, "manager")
    _close(manager, team)
    url = f"{reverse('front:targets')}?department={team.team.pk}&year={YEAR}"
    response = manager.post(url, {"action": "annual", "target": "999999"})
    assert response.status_code == 200
    assert "2025 年已结账" in " ".join(response.context["annual_form"].non_field_errors())
    assert Target.objects.get(department=team.team, year=YEAR, month=None, rep=None).value == 400000


# ---------------------------------------------------------------- reopening


def test_a_manager_may_not_reopen(team):
    manager = _client(team, "manager")
    _close(manager, team)
    assert "reopen_form" in manager.get(_page(team)).context
    assert manager.get(_page(team)).context["reopen_form"] is None
    assert _reopen(manager, team, "改错了").status_code == 403
    assert _closed(team) == [YEAR]


def test_an_admin_reopens_with_a_reason_and_it_is_recorded(team, tmp_path):
    _close(_client(team, "manager"), team)
    admin = _client(team, "admin")
    assert _messages(_reopen(admin, team, "")) == ["重新开账需要年度和原因。"]
    assert _closed(team) == [YEAR]
    response = _reopen(admin, team, "审计调整")
    assert _messages(response) == ["华东销售部 2025 年已重新开账（原因：审计调整）。"]
    assert _closed(team) == []
    events = YearCloseEvent.objects.filter(department=team.team).order_by("pk")
    assert list(events.values_list("action", "by", "reason")) == [
        ("close", "manager", ""),
        ("reopen", "admin", "审计调整"),
    ]
    assert "审计调整" in response.content.decode().split('id="close-history"')[1]
    assert import_file(
        _orders_file(tmp_path, "2025-12-30"), "orders", department="华东销售部"
    ).written


def test_reopening_an_open_year_says_it_was_not_closed(team):
    response = _reopen(_client(team, "admin"), team, "试试")
    assert _messages(response) == ["华东销售部 2025 年并未结账，未作改动。"]
    assert YearCloseEvent.objects.count() == 0


def test_confirming_a_closed_year_offers_no_second_close(team):
    manager = _client(team, "manager")
    _close(manager, team)
    response = manager.get(_page(team, confirm=YEAR))
    html = response.content.decode()
    assert response.context["already_closed"] is True
    assert "2025 年早已结账" in html and 'id="confirm-close"' not in html
