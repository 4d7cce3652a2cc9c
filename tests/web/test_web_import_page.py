"""Import in the browser runs the engine of `salesdesk import`: a preview, a dry run naming
every bad row (file, row, column, value, reason), a corrected re-upload or skipping the bad
rows, then the import itself; the uploaded file lives in a per-session folder until then."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from webdesk_data import build_team

from salesdesk.records.closing import close_year
from salesdesk.records.models import Customer, OrderLine

pytestmark = pytest.mark.django_db
HEADER = "单号,日期,客户,业务员,数量,单价,备注\n"
GOOD = "WEB001,2025-07-01,KH001,R01,2,100,\nWEB002,2025-07-02,KH777,R02,1,250,新客户\n"
BAD = "WEB003,2025-13-45,KH001,R01,1,99,\n"
FIXED = "WEB003,2025-12-15,KH001,R01,1,99,\n"


@pytest.fixture
def uploads(settings, tmp_path: Path) -> Path:
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return settings.IMPORT_UPLOAD_DIR


@pytest.fixture
def manager(uploads) -> Client:
    team = build_team()
    client = Client()
    client.force_login(team.users["manager"])
    return client


def upload(client: Client, text: str, name: str = "订单.csv", **extra):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("front:import"), {"kind": "orders", "file": file, **extra})


def test_a_bad_row_is_named_and_nothing_is_written_until_it_is_fixed(manager, uploads):
    assert upload(manager, HEADER + GOOD + BAD).status_code == 302
    check = manager.get(reverse("front:import_check"))
    html = check.content.decode()
    preview = check.context["preview"]
    assert [c.field for c in preview.columns] == [
        "order",
        "date",
        "customer",
        "rep",
        "quantity",
        "unit_price",
        "",
    ]
    assert len(preview.rows) == 3 and preview.rows[0] == (
        2,
        ("WEB001", "2025-07-01", "KH001", "R01", "2", "100", ""),
    )
    problems = check.context["result"].problems
    assert [(p.row, p.column, p.value) for p in problems] == [(4, "日期", "2025-13-45")]
    assert "订单.csv" in html and "2025-13-45" in html and str(uploads) not in html
    assert not OrderLine.objects.filter(order_no__startswith="WEB").exists()  # a dry run

    refused = manager.post(reverse("front:import_run"))
    assert refused["Location"] == reverse("front:import_check")
    assert not OrderLine.objects.filter(order_no__startswith="WEB").exists()

    first_folder = check.context["upload"].folder
    assert upload(manager, HEADER + GOOD + FIXED, kind="orders", keep_mapping="").status_code == 302
    assert not first_folder.exists()  # the earlier upload is gone
    again = manager.get(reverse("front:import_check"))
    assert again.context["result"].problems == []
    done = manager.post(reverse("front:import_run"), follow=True)
    outcome = done.context["outcome"]
    assert (outcome["added"], outcome["updated"], outcome["rejected"]) == (3, 0, 0)
    assert outcome["new_customers"] == ["KH777"]
    assert "KH777" in done.content.decode()
    assert OrderLine.objects.filter(order_no__startswith="WEB").count() == 3
    assert Customer.objects.filter(code="KH777").exists()
    assert list(uploads.iterdir()) == []  # the uploaded file was removed


def test_skipping_the_bad_rows_imports_the_good_ones(manager, uploads):
    upload(manager, HEADER + GOOD + BAD)
    done = manager.post(reverse("front:import_run"), {"skip_bad": "on"}, follow=True)
    outcome = done.context["outcome"]
    assert (outcome["added"], outcome["rejected"]) == (2, 1)
    assert sorted(
        OrderLine.objects.filter(order_no__startswith="WEB").values_list("order_no", flat=True)
    ) == ["WEB001", "WEB002"]
    assert list(uploads.iterdir()) == []


def test_importing_the_same_file_again_changes_nothing(manager):
    upload(manager, HEADER + GOOD)
    manager.post(reverse("front:import_run"))
    upload(manager, HEADER + GOOD)
    outcome = manager.post(reverse("front:import_run"), follow=True).context["outcome"]
    assert (outcome["added"], outcome["updated"], outcome["unchanged"]) == (0, 0, 2)


def test_a_file_of_the_wrong_kind_is_refused_by_name(manager, uploads):
    upload(manager, "工号,姓名\nE9,李雷\n", name="reps.csv")
    html = manager.get(reverse("front:import_check")).content.decode()
    assert "文件 reps.csv：不是“订单”文件" in html and "“业务员”（reps）文件" in html
    assert str(uploads) not in html
    assert 'id="confirm"' not in html


def test_a_mapping_file_reads_other_headers(manager):
    source = "Invoice,When,Client,Seller,Qty,Price\nINV1,2025-08-01,KH001,R01,3,10\n"
    mapping = SimpleUploadedFile(
        "map.toml",
        b'[columns]\nInvoice = "order"\nWhen = "date"\nClient = "customer"\n'
        b'Seller = "rep"\nQty = "quantity"\nPrice = "unit_price"\n',
    )
    upload(manager, source, name="invoices.csv", mapping=mapping)
    check = manager.get(reverse("front:import_check"))
    assert check.context["result"].problems == []
    assert check.context["upload"].mapping_name == "map.toml"
    # a corrected file keeps the mapping
    upload(manager, source.replace("INV1", "INV2"), name="invoices.csv", keep_mapping="True")
    assert manager.get(reverse("front:import_check")).context["result"].problems == []
    manager.post(reverse("front:import_run"))
    assert OrderLine.objects.get(order_no="INV2").amount == 30


def test_rows_of_a_closed_year_are_rejected_naming_the_year(manager):
    from salesdesk.records.models import Department

    close_year(Department.objects.get(name="华东销售部"), 2025, by="test")
    upload(manager, HEADER + GOOD)
    problems = manager.get(reverse("front:import_check")).context["result"].problems
    assert len(problems) == 2 and all("2025 年已结账" in p.reason_zh for p in problems)


def test_an_xlsx_file_is_read(manager, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["单号", "日期", "客户", "业务员", "数量", "单价"])
    sheet.append(["X1", "2025-09-01", "KH001", "R01", 1, 5])
    path = tmp_path / "orders.xlsx"
    book.save(path)
    file = SimpleUploadedFile("orders.xlsx", path.read_bytes())
    manager.post(reverse("front:import"), {"kind": "orders", "file": file})
    check = manager.get(reverse("front:import_check"))
    assert check.context["preview"].format == "xlsx"
    assert check.context["result"].problems == []


def test_cancelling_removes_the_upload(manager, uploads):
    upload(manager, HEADER + GOOD)
    assert len(list(uploads.iterdir())) == 1
    manager.post(reverse("front:import_cancel"))
    assert list(uploads.iterdir()) == []
    assert manager.get(reverse("front:import_check"))["Location"] == reverse("front:import")


def test_stale_upload_folders_are_swept(uploads, settings):
    import os
    import time

    from salesdesk.web.front.imports import root, sweep

    old = root() / "import-old"
    old.mkdir()
    hours = settings.IMPORT_UPLOAD_KEEP_HOURS
    os.utime(old, (time.time() - hours * 3600 - 60,) * 2)
    fresh = root() / "import-fresh"
    fresh.mkdir()
    assert sweep() == 1
    assert not old.exists() and fresh.exists()


def test_unsafe_file_names_are_made_safe():
    from salesdesk.web.front.imports import safe_name

    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\李\\订单 2025.xlsx") == "订单 2025.xlsx"
    assert safe_name("..") == "upload"
