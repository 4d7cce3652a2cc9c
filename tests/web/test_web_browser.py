"""The web app in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

A rep on a phone-sized screen logs in, logs a visit with a follow-up and finds it on the
follow-up list and the dashboard; a manager looks at the dashboard on a desktop screen. No page
may raise a JavaScript error or log a console error. Screenshots go to test-output/browser/.
"""

from __future__ import annotations

import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from browser_support import NEEDS_CHROMIUM
from django.utils import timezone

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "browser"
PASSWORD = "Browser-pass-42"
PHONE = {"width": 375, "height": 740}

pytestmark = [
    pytest.mark.slow,
    NEEDS_CHROMIUM,
]


@pytest.fixture
def shop(transactional_db: None) -> dict[str, object]:
    """A small team: two reps, their customers, this year's orders, target and a follow-up due."""
    from django.contrib.auth import get_user_model

    from salesdesk.records.models import Activity, Customer, Department, OrderLine, Rep, Target
    from salesdesk.web.accounts.models import Profile

    today = timezone.localdate()
    team = Department.objects.create(name="华东销售部", kind="team")
    rep = Rep.objects.create(department=team, key="R01", code="R01", name="张伟")
    other = Rep.objects.create(department=team, key="R02", code="R02", name="王芳")
    mine = [
        Customer.objects.create(
            department=team, key=code, code=code, name=name, tier="A", region="杭州", owner=rep
        )
        for code, name in [("KH001", "华联超市"), ("KH002", "华润万家"), ("KH003", "物美")]
    ]
    Customer.objects.create(
        department=team, key="KH009", code="KH009", name="华堂商场", owner=other
    )
    for month in range(1, today.month + 1):
        for n, (who, customer) in enumerate([(rep, mine[0]), (other, mine[1])], start=1):
            amount = Decimal(10000 * month + 5000 * n)
            OrderLine.objects.create(
                department=team,
                key=f"SO{month:02d}{n}#1",
                order_no=f"SO{month:02d}{n}",
                line_no=1,
                date=today.replace(month=month, day=1),
                customer=customer,
                rep=who,
                quantity=1,
                amount=amount,
                amount_cny=amount,
            )
    Target.objects.create(
        department=team,
        key=f"{today.year}|||revenue",
        year=today.year,
        metric="revenue",
        value=900000,
    )
    Activity.objects.create(
        department=team,
        key="due|1",
        date=today - timedelta(days=7),
        rep=rep,
        customer=mine[2],
        kind="call",
        outcome="interested",
        next_follow_up=today,
        note="约见采购经理",
    )
    users = {}
    for name, role, who in [("zhangwei", "rep", rep), ("manager", "manager", None)]:
        user = get_user_model().objects.create_user(name, password=PASSWORD)
        Profile.objects.create(user=user, role=role, rep=who, department=team)
        users[name] = user
    return {"team": team, "rep": rep, "customers": mine, "users": users}


class Errors(list[str]):
    """JavaScript errors and console errors of a page."""

    def watch(self, page) -> None:
        page.on("pageerror", lambda error: self.append(f"pageerror: {error}"))
        page.on(
            "console",
            lambda message: (
                self.append(f"console: {message.text}") if message.type == "error" else None
            ),
        )


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _log_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/")


def test_a_rep_logs_a_visit_on_a_phone(browser, live_server, shop):
    from salesdesk.records.models import Activity

    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        geolocation={"latitude": 30.274085, "longitude": 120.15507},
        permissions=["geolocation"],
    )
    page = context.new_page()
    errors = Errors()
    errors.watch(page)
    base = live_server.url
    try:
        page.goto(f"{base}/")
        assert "/accounts/login/" in page.url
        _shot(page, "phone-01-login")
        _log_in(page, base, "zhangwei")
        today_list = page.locator("#today")
        assert "物美" in today_list.inner_text()  # the follow-up due today
        page.wait_for_selector("#monthly-chart svg")
        _shot(page, "phone-02-dashboard")

        started = time.monotonic()
        page.get_by_role("link", name="记拜访").first.click()
        page.wait_for_url(f"{base}/visits/new/")
        page.fill("input[name=customer_name]", "华")
        suggestion = page.locator("#suggestions li", has_text="华联超市")
        suggestion.wait_for()
        assert page.locator("#suggestions li", has_text="华堂商场").count() == 0  # not hers
        suggestion.dispatch_event("mousedown")
        assert page.input_value("input[name=customer]") != ""
        page.locator("label.chip", has_text="有意向").click()
        page.get_by_role("button", name="明天").click()
        page.fill("textarea[name=note]", "新品试吃，下周下单")
        page.locator("summary", has_text="日期与位置").click()
        page.get_by_role("button", name="附上当前位置").click()
        page.wait_for_function("document.querySelector('[name=lat]').value !== ''")
        _shot(page, "phone-03-visit-form")
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(f"{base}/follow-ups/**")
        elapsed = time.monotonic() - started
        assert elapsed < 10, f"logging the visit took {elapsed:.1f} s"

        tomorrow = timezone.localdate() + timedelta(days=1)
        visit = Activity.objects.get(rep=shop["rep"], customer=shop["customers"][0], kind="visit")
        assert (visit.outcome, visit.next_follow_up) == ("interested", tomorrow)
        assert visit.extra == {"lat": 30.274085, "lon": 120.15507}
        assert "已登记：华联超市" in page.locator(".messages").inner_text()
        assert "华联超市" in page.locator("#upcoming").inner_text()
        assert "物美" in page.locator("#due-today").inner_text()
        _shot(page, "phone-04-follow-ups")

        page.get_by_role("link", name="概览").first.click()
        page.wait_for_selector("#monthly-chart svg")
        visits = page.locator('[data-key="activity.visits"] .tile-value').inner_text()
        assert visits == "2"  # the call a week ago and the visit just logged

        page.get_by_role("link", name="客户").first.click()
        page.get_by_role("link", name="华联超市").click()
        page.wait_for_selector("#visits")
        assert "新品试吃" not in page.content()  # notes are on the visit page, not the list
        assert "有意向" in page.locator("#visits").inner_text()
        _shot(page, "phone-05-customer")

        page.get_by_role("button", name="English").click()
        page.wait_for_selector("text=Visits and follow-ups")
        _shot(page, "phone-06-customer-en")
    finally:
        context.close()
    assert errors == []


def test_a_manager_reads_the_dashboard_on_a_desktop(browser, live_server, shop):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors = Errors()
    errors.watch(page)
    base = live_server.url
    try:
        _log_in(page, base, "manager")
        page.wait_for_selector("#monthly-chart svg")
        leaders = page.locator("table.leaders").inner_text()
        assert "张伟" in leaders and "王芳" in leaders
        assert page.get_by_role("link", name="记拜访").count() == 0  # a manager without a rep
        _shot(page, "desktop-01-dashboard")
        page.select_option("select[name=rep]", "R01")
        page.wait_for_url("**rep=R01**")
        page.wait_for_selector("#monthly-chart svg")
        _shot(page, "desktop-02-dashboard-rep")
        page.get_by_role("link", name="待跟进").first.click()
        assert "物美" in page.locator("#due-today").inner_text()
        page.get_by_role("link", name="客户").first.click()
        page.fill("input[name=q]", "华")
        page.get_by_role("button", name="筛选").click()
        assert page.locator("table.customers tbody tr").count() == 3
        _shot(page, "desktop-03-customers")
    finally:
        context.close()
    assert errors == []
