"""The summary built once and shared through the database: the build lease, and a dashboard that
shows the last summary built (or says one is being prepared) instead of waiting for another
process's build."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from salesdesk.report.build import build_summary
from salesdesk.web.front import cache as summary_cache
from salesdesk.web.front import summary_store as store
from salesdesk.web.front.models import StoredSummary
from salesdesk.web.front.signals import bump

pytestmark = pytest.mark.django_db
YEAR = 2025


def _scope(department) -> store.Scope:
    return store.Scope(department.pk, YEAR, "", "zh")


def test_one_lease_at_a_time_and_none_for_a_stored_version(demo):
    scope = _scope(demo["hotel"])
    assert store.claim(scope, "v1") is True
    assert store.claim(scope, "v1") is False  # held by the first
    store.put(scope, "v1", "built")
    assert store.claim(scope, "v1") is False  # already stored: nothing to build
    assert store.claim(scope, "v2") is True  # the data changed
    assert store.claim(scope, "v2") is False


def test_an_expired_lease_can_be_taken_over(demo):
    scope = _scope(demo["hotel"])
    assert store.claim(scope, "v1") is True
    scope.rows().update(building_until=timezone.now() - timedelta(seconds=1))  # builder died
    assert store.claim(scope, "v1") is True


def test_a_failed_build_gives_the_lease_back(demo, monkeypatch):
    def failing(*args, **kwargs):
        raise RuntimeError("build failed")

    monkeypatch.setattr(summary_cache, "build_summary", failing)
    with pytest.raises(RuntimeError):
        summary_cache.shown_summary(demo["hotel"], YEAR)
    assert _scope(demo["hotel"]).rows().get().building_until is None


def test_the_stored_summary_is_the_built_one_and_read_back_without_building(demo, monkeypatch):
    first = summary_cache.shown_summary(demo["hotel"], YEAR)
    assert first.current and first.summary is not None
    monkeypatch.setattr(summary_cache, "build_summary", pytest.fail)  # must not build again
    summary_cache._recent.clear()  # as another process would: read from the database
    again = summary_cache.shown_summary(demo["hotel"], YEAR)
    built = build_summary(demo["hotel"].name, YEAR)
    assert again.current and again.summary is not None
    assert again.summary.sales == built.sales
    assert again.summary.rooms == built.rooms
    assert again.key == first.key != ""


def _other_process_building(department) -> None:
    """The department's data changed since the stored summary was built (as an in-place edit
    does: the edition counter moves), and another process holds the lease for the new data."""
    bump(department.pk)
    _scope(department).rows().update(building_until=timezone.now() + timedelta(minutes=5))


def test_while_another_process_builds_the_last_summary_is_shown(demo, monkeypatch):
    last = summary_cache.shown_summary(demo["hotel"], YEAR)
    _other_process_building(demo["hotel"])
    monkeypatch.setattr(summary_cache, "build_summary", pytest.fail)  # must not build, nor wait
    shown = summary_cache.shown_summary(demo["hotel"], YEAR)
    assert shown.current is False and shown.preparing is False
    assert shown.summary is not None and last.summary is not None
    assert shown.summary.sales == last.summary.sales
    assert shown.built_at == last.built_at


def test_the_dashboard_says_which_summary_it_shows(demo, make_user, login, monkeypatch):
    client = login(make_user("boss", "viewer"))
    url = reverse("front:dashboard")
    params = {"department": demo["hotel"].pk, "year": YEAR}
    assert "新的汇总正在生成" not in client.get(url, params).content.decode()
    _other_process_building(demo["hotel"])
    monkeypatch.setattr(summary_cache, "build_summary", pytest.fail)
    response = client.get(url, params)
    assert response.context["board"] is not None  # the last figures, said to be the last
    assert "数据已有更新，新的汇总正在生成" in response.content.decode()


def test_the_first_build_under_way_elsewhere_is_announced(demo, make_user, login, monkeypatch):
    StoredSummary.objects.create(
        department=demo["hotel"],
        year=YEAR,
        rep="",
        lang="zh",
        building_until=timezone.now() + timedelta(minutes=5),
    )
    monkeypatch.setattr(summary_cache, "build_summary", pytest.fail)
    client = login(make_user("boss", "viewer"))
    response = client.get(
        reverse("front:dashboard"), {"department": demo["hotel"].pk, "year": YEAR}
    )
    assert response.status_code == 200
    assert response.context["shown"].preparing
    html = response.content.decode()
    assert "本年度汇总正在生成" in html
    assert "这一年度还没有任何记录" not in html  # it is not that there are none
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    StoredSummary.objects.create(
        department=demo["hotel"],
        year=YEAR,
        rep="",
        lang="en",
        building_until=timezone.now() + timedelta(minutes=5),
    )
    english = client.get(reverse("front:dashboard"), {"department": demo["hotel"].pk, "year": YEAR})
    assert "This year's summary is being prepared" in english.content.decode()


def test_reports_wait_for_the_build_under_way_rather_than_repeat_it(demo, monkeypatch):
    scope = _scope(demo["hotel"])
    version = summary_cache.data_version(demo["hotel"])
    assert store.claim(scope, version)  # "another process" starts building
    built = build_summary(demo["hotel"].name, YEAR)
    calls: list[int] = []

    def sleep_then_finish(seconds: float) -> None:
        calls.append(1)
        store.put(scope, version, built)  # the other process finishes while we wait

    monkeypatch.setattr(summary_cache.time, "sleep", sleep_then_finish)
    monkeypatch.setattr(summary_cache, "build_summary", pytest.fail)
    found = summary_cache.cached_summary(demo["hotel"], YEAR)
    assert calls == [1]
    assert found is not None and found.sales == built.sales
