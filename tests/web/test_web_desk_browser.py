"""The part-2 pages in a real headless Chromium (Debian's /usr/bin/chromium through Playwright,
launched as in test_web_browser.py).

A manager uploads an Excel file with one bad row, reads the error (row and column named), uploads
the corrected file and imports it; generates the annual summary, previews it and downloads the
DOCX (which python-docx opens, headings and all); and visits targets, ideas, incidents and the
API token page. No page may raise a JavaScript error or log a console error. Screenshots go to
test-output/browser/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import NEEDS_CHROMIUM
from webdesk_data import PASSWORD, YEAR, build_team

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "browser"
DESKTOP = {"width": 1280, "height": 900}
HEADER = ["单号", "日期", "客户", "业务员", "数量", "单价"]

pytestmark = [
    pytest.mark.slow,
    NEEDS_CHROMIUM,
]


@pytest.fixture
def team(transactional_db: None, settings, tmp_path: Path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return build_team()


class Errors(list[str]):
    """JavaScript errors and console errors of a page."""

    def watch(self, page) -> None:
        page.on("pageerror", lambda error: self.append(f"pageerror: {page.url}: {error}"))
        page.on(
            "console",
            lambda message: (
                self.append(f"console: {page.url}: {message.text}")
                if message.type == "error"
                else None
            ),
        )


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _manager_page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    errors = Errors()
    errors.watch(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/")
    return context, page, errors


def _workbook(path: Path, bad_date: str) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "订单"
    sheet.append(HEADER)
    sheet.append(["XL001", "2025-08-01", "KH001", "R01", 2, 150])
    sheet.append(["XL002", bad_date, "KH002", "R02", 1, 980])
    sheet.append(["XL003", "2025-08-03", "KH888", "R02", 5, 20])
    book.save(path)
    return path


def test_a_manager_fixes_a_bad_excel_row_and_imports_the_file(browser, live_server, team, tmp_path):
    from salesdesk.records.models import Customer, OrderLine

    bad = _workbook(tmp_path / "八月订单.xlsx", "2025-08-32")
    fixed = _workbook(tmp_path / "八月订单-改.xlsx", "2025-08-02")
    context, page, errors = _manager_page(browser, live_server)
    try:
        page.get_by_role("link", name="导入").first.click()
        page.wait_for_url(f"{live_server.url}/import/")
        page.select_option("select[name=kind]", "orders")
        page.set_input_files("#upload-form input[name=file]", str(bad))
        _shot(page, "desk-01-import-upload")
        page.get_by_role("button", name="上传并检查").click()
        page.wait_for_url(f"{live_server.url}/import/check/")
        problems = page.locator("#problems tbody tr")
        assert problems.count() == 1
        cells = [c.strip() for c in problems.first.locator("td").all_inner_texts()]
        assert cells[:4] == ["八月订单.xlsx", "3", "日期", "2025-08-32"]
        assert "2025年8月只有 31 天" in cells[4]
        assert "新增 2" in page.locator("#dry-run").inner_text()  # the good rows
        assert "XL001" in page.locator("#first-rows").inner_text()
        assert "单号" in page.locator("#columns").inner_text()
        _shot(page, "desk-02-import-error")
        assert not OrderLine.objects.filter(order_no__startswith="XL").exists()

        page.set_input_files("#reupload-form input[name=file]", str(fixed))
        page.get_by_role("button", name="重新上传并检查").click()
        page.wait_for_selector("#all-good")
        assert page.locator("#problems").count() == 0
        _shot(page, "desk-03-import-fixed")
        page.get_by_role("button", name="确认导入").click()
        page.wait_for_url(f"{live_server.url}/import/done/")
        assert page.locator('#import-result [data-key="added"]').inner_text() == "3"
        assert page.locator('#import-result [data-key="rejected"]').inner_text() == "0"
        assert "KH888" in page.locator("#new-customers").inner_text()
        _shot(page, "desk-04-import-done")
    finally:
        context.close()
    assert OrderLine.objects.filter(order_no__startswith="XL").count() == 3
    assert Customer.objects.filter(code="KH888").exists()
    assert errors == []


def test_a_manager_previews_and_downloads_the_annual_summary(browser, live_server, team, tmp_path):
    from docx import Document

    context, page, errors = _manager_page(browser, live_server)
    try:
        page.get_by_role("link", name="年度总结").first.click()
        page.wait_for_url(f"{live_server.url}/reports/**")
        page.select_option("select[name=year]", str(YEAR))
        page.get_by_role("button", name="预览").click()
        frame = page.frame_locator("#report-preview")
        frame.locator("h1").first.wait_for()
        assert "华东销售部" in frame.locator("body").inner_text()
        _shot(page, "desk-05-report-preview")

        page.select_option("select[name=format]", "docx")
        with page.expect_download() as info:
            page.click("#download")
        download = info.value
        assert download.suggested_filename == f"华东销售部{YEAR}年度工作总结.docx"
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
    finally:
        context.close()
    document = Document(str(saved))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) >= 3, headings
    assert any("销售" in h for h in headings)
    assert errors == []


def test_the_other_desk_pages_have_no_script_errors(browser, live_server, team):
    context, page, errors = _manager_page(browser, live_server)
    base = live_server.url
    try:
        page.get_by_role("link", name="目标").first.click()
        page.fill("#annual input[name=target]", "1200000")
        page.get_by_role("button", name="保存").first.click()
        page.wait_for_selector("#months")
        assert "✓" in page.locator("#month-sum").inner_text()
        page.fill("#months input[name=m1]", "1")
        assert "✓" not in page.locator("#month-sum").inner_text()
        _shot(page, "desk-06-targets")

        page.goto(f"{base}/incidents/?year={YEAR}")
        page.locator("#new-incident summary").click()
        page.fill("#new-incident input[name=date]", f"{YEAR}-06-01")
        page.select_option("#new-incident select[name=kind]", "late_delivery")
        page.fill("#new-incident input[name=customer]", "KH001")
        page.fill("#new-incident textarea[name=note]", "交货晚了两天")
        page.get_by_role("button", name="保存").click()
        page.wait_for_selector("text=交货晚了两天")
        _shot(page, "desk-07-incidents")

        page.goto(f"{base}/ideas/?year={YEAR}")
        assert "新口味1" in page.locator("#ideas").inner_text()
        _shot(page, "desk-08-ideas")

        page.get_by_role("link", name="接口").first.click()
        page.get_by_role("button", name="生成令牌").click()
        assert page.locator("#token-value").inner_text().startswith("sd_")
        _shot(page, "desk-09-api-token")
        page.goto(f"{base}/api/docs")
        page.wait_for_selector(".swagger-ui .opblock")
        _shot(page, "desk-10-api-docs")
    finally:
        context.close()
    assert errors == []
