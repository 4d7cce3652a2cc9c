"""The importer end to end on a real database: stored values, idempotency, bad input."""

from __future__ import annotations

import gzip
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from salesdesk.ingest.importer import import_file
from salesdesk.ingest.problems import FileProblem
from salesdesk.records.models import (
    Activity,
    Adjustment,
    Capacity,
    Customer,
    Department,
    Idea,
    Incident,
    OrderLine,
    Payment,
    Rep,
    Target,
)

pytestmark = pytest.mark.django_db

ORDERS = [
    ["单号", "行号", "日期", "客户", "业务员", "数量", "单价", "金额(元)", "备注"],
    ["A001", "1", "2016/1/5", "C001", "R01", "10", "12.5", "", "first"],
    ["A001", "2", "2016年1月6日", "C002", "R01", "2", "1,234.50", "", ""],
    ["A002", "1", "2016-02-01", "C001", "R02", "1", "", "12.5万", "x"],
    ["A003", "1", "2016.3.1", "C003", "R02", "-2", "", "(1,234)", ""],
]


def test_orders_are_stored_with_exact_values(write_csv):
    result = import_file(write_csv("orders.csv", ORDERS), "orders")
    assert (result.added, result.updated, result.unchanged, result.rejected) == (4, 0, 0, 0)
    assert result.new_customers == ["C001", "C002", "C003"]
    assert result.new_reps == ["R01", "R02"]
    assert result.extra_columns == ["备注"]
    lines = {
        (o.order_no, o.line_no): o for o in OrderLine.objects.select_related("customer", "rep")
    }
    first = lines["A001", 1]
    assert first.date == date(2016, 1, 5)
    assert first.amount == Decimal("125.0000")  # quantity × unit price
    assert first.customer.code == "C001" and first.rep.code == "R01"
    assert first.extra == {"备注": "first"}
    assert lines["A001", 2].amount == Decimal("2469.0000")
    assert lines["A002", 1].amount == Decimal("125000.0000")  # 12.5万
    assert lines["A003", 1].amount == Decimal("-1234.0000")  # (1,234) is negative
    assert lines["A003", 1].quantity == Decimal("-2")  # a return
    assert Department.objects.get().name == "default"


def test_same_file_twice_changes_nothing(write_csv):
    path = write_csv("orders.csv", ORDERS)
    import_file(path, "orders")
    before = list(OrderLine.objects.order_by("pk").values())
    again = import_file(path, "orders")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert again.new_customers == [] and again.new_reps == []
    assert list(OrderLine.objects.order_by("pk").values()) == before


def test_corrected_file_updates_what_it_names(write_csv):
    import_file(write_csv("orders.csv", ORDERS), "orders")
    fixed = [row[:] for row in ORDERS]
    fixed[1][5] = "11"
    result = import_file(write_csv("fixed.csv", fixed), "orders")
    assert (result.added, result.updated, result.unchanged) == (0, 1, 3)
    assert OrderLine.objects.get(order_no="A001", line_no=1).amount == Decimal("137.5000")


def test_bad_rows_refuse_the_whole_file(write_csv):
    import_file(write_csv("orders.csv", ORDERS), "orders")
    before = list(OrderLine.objects.order_by("pk").values())
    bad = [*ORDERS, ["A009", "1", "2016/13/5", "C001", "R01", "abc", "1", "", ""]]
    result = import_file(write_csv("bad.csv", bad), "orders")
    assert not result.written
    assert [(p.row, p.column, p.value) for p in result.problems] == [
        (6, "日期", "2016/13/5"),
        (6, "数量", "abc"),
    ]
    assert "月份" in result.problems[0].reason_zh
    assert list(OrderLine.objects.order_by("pk").values()) == before


def test_skip_bad_writes_good_rows_and_a_rejected_file(write_csv, tmp_path):
    bad = [*ORDERS, ["A009", "1", "2016-01-09", "C001", "R01", "1", "", "", ""]]
    result = import_file(write_csv("bad.csv", bad), "orders", skip_bad=True)
    assert result.written and result.added == 4 and result.rejected == 1
    rejected = (tmp_path / "bad.rejected.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rejected[0].endswith(",错误原因")
    assert rejected[1].startswith("A009,1,2016-01-09,C001,R01,1,,,,")
    assert "金额和单价都为空" in rejected[1]


def test_duplicate_key_in_one_file_is_refused(write_csv):
    dup = [*ORDERS, ["A001", "1", "2016-01-09", "C001", "R01", "1", "1", "", ""]]
    result = import_file(write_csv("dup.csv", dup), "orders")
    assert not result.written
    assert [(p.row, p.column, p.value) for p in result.problems] == [(6, "单号+行号", "A001#1")]
    assert "与第 2 行重复" in result.problems[0].reason_zh
    assert OrderLine.objects.count() == 0


def test_too_many_cells_in_a_row(write_csv):
    rows = [["单号", "日期", "数量", "金额"], ["A1", "2016-01-01", "1", "5", "extra,cell"]]
    result = import_file(write_csv("wide.csv", rows), "orders")
    assert [(p.row, p.column) for p in result.problems] == [(2, "（整行）")]
    assert "多于表头的 4 列" in result.problems[0].reason_zh


def test_required_cell_empty(write_csv):
    rows = [["单号", "日期", "数量", "金额"], ["A1", "", "1", "5"]]
    result = import_file(write_csv("empty_date.csv", rows), "orders")
    assert [(p.row, p.column, p.reason_zh) for p in result.problems] == [
        (2, "日期", "必填项“日期”为空")
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "文件是空的"),
        (b"\x00\x01\x02\x03binary\x00garbage" * 20, "不是文本表格"),
        ("单号,日期,数量,金额\n".encode(), "只有表头"),
    ],
)
def test_unreadable_files_get_one_clear_message(tmp_path, content, reason):
    path = tmp_path / "orders.csv"
    path.write_bytes(content)
    with pytest.raises(FileProblem) as caught:
        import_file(path, "orders")
    assert reason in caught.value.message("zh")
    assert Department.objects.count() == 0


def test_xlsx_that_is_not_one(tmp_path):
    path = tmp_path / "orders.xlsx"
    path.write_text("单号,日期\n1,2\n")
    with pytest.raises(FileProblem) as caught:
        import_file(path, "orders")
    assert "Excel" in caught.value.message("zh")


def test_wrong_kind_names_the_kind_it_looks_like(write_csv):
    path = write_csv("pay.csv", [["日期", "收款方式", "金额"], ["2016-01-01", "现金", "100"]])
    with pytest.raises(FileProblem) as caught:
        import_file(path, "orders")
    message = caught.value.message("zh")
    assert "缺少必填列 单号（order）、数量（quantity）" in message
    assert "收款" in message


def test_dry_run_counts_but_writes_nothing(write_csv):
    result = import_file(write_csv("orders.csv", ORDERS), "orders", dry_run=True)
    assert result.added == 4 and not result.written
    assert OrderLine.objects.count() == 0 and Customer.objects.count() == 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_chinese_encodings(write_csv, encoding):
    result = import_file(write_csv("orders.csv", ORDERS, encoding=encoding), "orders")
    assert result.added == 4
    assert result.encoding in {encoding, "gbk", "gb18030", "utf-8-sig", "utf-8"}
    assert OrderLine.objects.get(order_no="A001", line_no=2).date == date(2016, 1, 6)


def test_tsv_and_gzip(tmp_path, write_csv):
    tsv = write_csv("orders.tsv", ORDERS, delimiter="\t")
    gz = tmp_path / "orders.csv.gz"
    gz.write_bytes(gzip.compress(tsv.read_bytes()))
    assert import_file(gz, "orders").added == 4
    assert OrderLine.objects.filter(order_no="A002").get().amount == Decimal("125000")


def test_xlsx_with_real_dates_and_numbers(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "订单"
    sheet.append(["Order No", "DATE", "Qty", "Unit Price (CNY)", "客户"])
    sheet.append(["X1", date(2016, 5, 4), 3, 2.5, "Acme"])
    sheet.append(["X2", 42500, 1, 0.1, "Acme"])  # an Excel serial date: 2016-05-10
    other = book.create_sheet("Other")
    other.append(["nothing"])
    path = tmp_path / "orders.xlsx"
    book.save(path)
    result = import_file(path, "orders", sheet="订单")
    assert result.added == 2
    x1, x2 = OrderLine.objects.order_by("order_no")
    assert (x1.date, x1.amount) == (date(2016, 5, 4), Decimal("7.5"))
    assert (x2.date, x2.amount) == (date(2016, 5, 10), Decimal("0.1"))


def test_foreign_currency_needs_a_rate(write_csv):
    rows = [
        ["单号", "日期", "数量", "金额", "币种", "汇率"],
        ["E1", "2016-01-01", "1", "100", "USD", "6.9"],
    ]
    import_file(write_csv("usd.csv", rows), "orders")
    line = OrderLine.objects.get()
    assert (line.currency, line.amount, line.amount_cny) == ("USD", Decimal("100"), Decimal("690"))
    rows[1][5] = ""
    result = import_file(write_csv("usd2.csv", rows), "orders")
    assert "汇率" in result.problems[0].reason_zh


def test_every_kind_imports(write_csv):
    import_file(
        write_csv("reps.csv", [["工号", "姓名", "入职日期"], ["R01", "翁银红", "2016-03-01"]]),
        "reps",
    )
    import_file(
        write_csv(
            "cust.csv",
            [["客户编号", "客户名称", "客户等级", "负责业务员"], ["C1", "Jumbo", "VIP", "R01"]],
        ),
        "customers",
    )
    import_file(
        write_csv(
            "adj.csv", [["单号", "日期", "类型", "金额"], ["B1", "2016-01-02", "抹零", "0.5"]]
        ),
        "adjustments",
    )
    import_file(
        write_csv(
            "pay.csv",
            [["日期", "单号", "收款方式", "金额"], *[["2016-01-02", "B1", "美团", "¥99.50"]] * 2],
        ),
        "payments",
    )
    import_file(
        write_csv("cap.csv", [["日期", "资源", "房间数"], ["2016-02", "客房", "120"]]), "capacity"
    )
    import_file(
        write_csv(
            "act.csv",
            [
                ["日期", "业务员", "客户", "方式", "结果", "下次跟进日期"],
                ["2016-10-20", "R01", "C1", "陌拜", "拒绝", "2016-10-27"],
            ],
        ),
        "activities",
    )
    import_file(
        write_csv(
            "tgt.csv",
            [["年度", "月份", "业务员", "指标", "目标值"], ["2016", "", "", "销售额", "600万"]],
        ),
        "targets",
    )
    import_file(
        write_csv(
            "idea.csv",
            [
                ["日期", "业务员", "建议", "状态", "奖励"],
                ["2016-05-01", "R01", "新包装", "已采纳", "200"],
            ],
        ),
        "ideas",
    )
    import_file(
        write_csv(
            "inc.csv",
            [["日期", "类型", "单号", "损失金额"], ["2016-06-01", "单据错误", "B1", "3,500"]],
        ),
        "incidents",
    )
    rep = Rep.objects.get()
    assert (rep.code, rep.name, rep.hired_on) == ("R01", "翁银红", date(2016, 3, 1))
    assert Customer.objects.get().owner == rep and Customer.objects.get().tier == "VIP"
    assert Adjustment.objects.get().kind == "rounding"
    assert [p.amount for p in Payment.objects.all()] == [
        Decimal("99.5"),
        Decimal("99.5"),
    ]  # two records
    assert Payment.objects.first().channel == "meituan"
    assert Capacity.objects.count() == 29 and Capacity.objects.first().available == 120  # Feb 2016
    act = Activity.objects.get()
    assert (act.kind, act.outcome, act.next_follow_up) == (
        "cold_visit",
        "rejected",
        date(2016, 10, 27),
    )
    target = Target.objects.get()
    assert (target.metric, target.month, target.rep, target.value) == (
        "revenue",
        None,
        None,
        Decimal("6000000"),
    )
    assert Idea.objects.get().status == "adopted" and Idea.objects.get().reward == Decimal("200")
    assert Incident.objects.get().kind == "form_error" and Incident.objects.get().cost == Decimal(
        "3500"
    )


def test_named_department(write_csv):
    import_file(write_csv("o.csv", ORDERS), "orders", department="出口部")
    import_file(write_csv("o.csv", ORDERS), "orders", department="混凝土")
    assert OrderLine.objects.filter(department__name="出口部").count() == 4
    assert OrderLine.objects.filter(department__name="混凝土").count() == 4
