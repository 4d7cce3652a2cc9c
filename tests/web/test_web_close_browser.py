"""The year-close button in a real headless Chromium: a manager follows the nav link, asks to
close 2025, reads the confirmation (24 order lines, 0 adjustments, 2 payments and 2 visits of
华东销售部 dated 2025 — see webdesk_data.build_team), confirms, and the year is closed."""

from __future__ import annotations

import pytest
from browser_support import NEEDS_CHROMIUM
from test_web_desk_browser import _manager_page, _shot
from webdesk_data import YEAR, build_team

from salesdesk.records.models import YearClose

pytestmark = [pytest.mark.slow, NEEDS_CHROMIUM]


@pytest.fixture
def team(transactional_db: None):
    return build_team()


def test_a_manager_closes_the_year_with_the_button(browser, live_server, team):
    context, page, errors = _manager_page(browser, live_server)
    try:
        page.click("nav >> text=年度结账")
        page.fill("#close-year", str(YEAR))
        page.click("#start-close")
        confirm = page.locator("#confirm")
        assert "确认结账：2025 年" in confirm.inner_text()
        counts = page.locator("#frozen-counts").inner_text()
        assert counts == "将冻结：订单行 24 条，调整 0 条，收款 2 条，拜访/跟进 2 条。"
        assert not YearClose.objects.exists()  # the confirmation step changes nothing
        _shot(page, "year-close-confirm")
        page.click("#confirm-close")
        page.wait_for_selector(".messages li")
        assert "华东销售部 2025 年已结账" in page.locator(".messages li").inner_text()
        row = page.locator("#closed-years tbody tr").first.inner_text()
        assert row.split("\t")[:2] == ["2025", "manager"]
        _shot(page, "year-close-done")
        assert YearClose.objects.get().year == YEAR
        assert page.locator("#reopen").count() == 0  # managers do not reopen
        assert errors == []
    finally:
        context.close()
