"""Cell parsers: every accepted form gives the exact value, every rejection says why in Chinese."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdesk.ingest.problems import FileProblem, ValueProblem
from salesdesk.ingest.values import (
    parse_choice,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_int,
    parse_month,
    parse_text,
)

EMPTY_CELLS = [None, "", "   ", "\u3000", "\t\n"]


# --- problems ------------------------------------------------------------------------------


def test_value_problem_str_is_chinese_and_keeps_both_reasons() -> None:
    problem = ValueProblem("无法识别", "unrecognised")
    assert str(problem) == "无法识别"
    assert problem.reason_en == "unrecognised"
    assert isinstance(problem, ValueError)


def test_file_problem_messages() -> None:
    problem = FileProblem("orders.csv", "文件是空的", "the file is empty")
    assert problem.message() == "文件 orders.csv：文件是空的。"
    assert problem.message("en") == "File orders.csv: the file is empty."
    assert str(problem) == "文件 orders.csv：文件是空的。"
    assert problem.path == "orders.csv"
    assert problem.row is None


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "2016-01-05",
        "2016/1/5",
        "2016/01/05",
        "2016.1.5",
        "2016-1-5",
        "2016年1月5日",
        "2016年01月05日",
        "2016年1月5号",
        " 2016-01-05 ",
        "２０１６－０１－０５",
        "2016 年 1 月 5 日",
    ],
)
def test_parse_date_forms(cell: str) -> None:
    assert parse_date(cell) == date(2016, 1, 5)
    assert parse_datetime(cell) == datetime(2016, 1, 5)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2016/8/6 19:06", datetime(2016, 8, 6, 19, 6)),
        ("2016-01-05 08:26:00", datetime(2016, 1, 5, 8, 26)),
        ("2016-01-05T08:26:00", datetime(2016, 1, 5, 8, 26)),
        ("2016-01-05 8:26", datetime(2016, 1, 5, 8, 26)),
        ("2016-01-05 08:26:07.25", datetime(2016, 1, 5, 8, 26, 7, 250000)),
        ("2016.1.5 08:26", datetime(2016, 1, 5, 8, 26)),
        ("2016年1月5日 8时", datetime(2016, 1, 5, 8)),
        ("2016年1月5日8时30分", datetime(2016, 1, 5, 8, 30)),
        ("2016年1月5日 8点30分15秒", datetime(2016, 1, 5, 8, 30, 15)),
        ("2016年1月5日 08:30", datetime(2016, 1, 5, 8, 30)),
    ],
)
def test_parse_datetime_with_time(cell: str, expected: datetime) -> None:
    assert parse_datetime(cell) == expected
    assert parse_date(cell) == expected.date()


def test_parse_date_native_cells() -> None:
    assert parse_date(date(2016, 1, 5)) == date(2016, 1, 5)
    assert parse_date(datetime(2016, 1, 5, 8, 26)) == date(2016, 1, 5)
    assert parse_datetime(datetime(2016, 1, 5, 8, 26)) == datetime(2016, 1, 5, 8, 26)
    assert parse_datetime(date(2016, 1, 5)) == datetime(2016, 1, 5)


@pytest.mark.parametrize("cell", EMPTY_CELLS)
def test_parse_date_empty(cell: object) -> None:
    assert parse_date(cell) is None
    assert parse_datetime(cell) is None
    assert parse_date(cell, excel_serial=True) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (42374, date(2016, 1, 5)),
        (42374.0, date(2016, 1, 5)),
        (42374.75, date(2016, 1, 5)),
        ("42374", date(2016, 1, 5)),
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
        (2958465, date(9999, 12, 31)),
    ],
)
def test_parse_date_excel_serial(cell: object, expected: date) -> None:
    assert parse_date(cell, excel_serial=True) == expected


def test_parse_datetime_excel_serial_keeps_time() -> None:
    assert parse_datetime(42374.35, excel_serial=True) == datetime(2016, 1, 5, 8, 24)
    assert parse_datetime(42374.5, excel_serial=True) == datetime(2016, 1, 5, 12, 0)


@pytest.mark.parametrize("serial", [60, 60.5, 0, -3, 2958466, float("nan"), float("inf")])
def test_parse_date_bad_excel_serial(serial: float) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_date(serial, excel_serial=True)
    assert "Excel 日期序号" in caught.value.reason_zh


def test_parse_date_number_without_serial_flag_explains() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_date(42374)
    assert "应为日期" in caught.value.reason_zh
    assert "日期格式" in caught.value.reason_zh
    assert "date" in caught.value.reason_en


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [
        ("2016-02-30", "2016年2月只有 29 天"),
        ("2015-02-29", "2015年2月只有 28 天"),
        ("2016/4/31", "2016年4月只有 30 天"),
        ("2016-13-45", "月份应在 1 到 12 之间"),
        ("2016年0月5日", "月份应在 1 到 12 之间"),
        ("2016-01-05 25:00", "时间无效"),
        ("2016-01-05 08:61", "时间无效"),
        ("abc", "无法识别的日期：'abc'，应为 2016-01-05、2016/1/5、2016.1.5 或 2016年1月5日"),
        ("20160105", "无法识别的日期"),
        ("16/1/5", "无法识别的日期"),
        ("1/5/2016", "无法识别的日期"),
        ("2016-1/5", "无法识别的日期"),
        ("2016-01-05 08", "无法识别的日期"),
        ("0000-01-05", "无法识别的日期"),
        ("2016-01-05 08:26+08", "无法识别的日期"),
    ],
)
def test_parse_date_rejections(cell: str, fragment: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_datetime(cell)
    assert fragment in caught.value.reason_zh
    assert caught.value.reason_en
    with pytest.raises(ValueProblem):
        parse_date(cell)


@pytest.mark.parametrize("cell", [True, time(8, 30), timedelta(hours=1), 3.5])
def test_parse_date_wrong_kind(cell: object) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_date(cell)
    assert caught.value.reason_zh.startswith("应为日期")


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_parse_date_round_trips_every_form(day: date) -> None:
    y, m, d = day.year, day.month, day.day
    for text in (day.isoformat(), f"{y}/{m}/{d}", f"{y}.{m}.{d}", f"{y}年{m}月{d}日"):
        assert parse_date(text) == day


@given(st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)))
def test_parse_datetime_round_trips(moment: datetime) -> None:
    moment = moment.replace(microsecond=0)
    assert parse_datetime(moment.isoformat(sep=" ")) == moment
    assert parse_datetime(f"{moment:%Y/%m/%d %H:%M:%S}") == moment


# --- months --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    ["2016-03", "2016/3", "2016.3", "2016年3月", "2016年03月", "2016年3月份", "２０１６－０３"],
)
def test_parse_month_forms(cell: str) -> None:
    assert parse_month(cell) == (2016, 3)


@pytest.mark.parametrize(
    "cell", ["2016-03-05", "2016年3月5日", date(2016, 3, 1), datetime(2016, 3, 1), "2016-02-30"]
)
def test_parse_month_defers_full_dates(cell: object) -> None:
    assert parse_month(cell) is None


@pytest.mark.parametrize("cell", EMPTY_CELLS)
def test_parse_month_empty(cell: object) -> None:
    assert parse_month(cell) is None


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [
        ("2016-13", "月份应在 1 到 12 之间"),
        ("三月", "无法识别的月份"),
        ("201603", "无法识别的月份"),
        (2016.3, "应为月份"),
    ],
)
def test_parse_month_rejections(cell: object, fragment: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_month(cell)
    assert fragment in caught.value.reason_zh


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1234", "1234"),
        ("-1234", "-1234"),
        ("+1234", "1234"),
        (" 1234 ", "1234"),
        ("1,234.50", "1234.50"),
        ("12,345,678.9", "12345678.9"),
        ("-1,234.50", "-1234.50"),
        ("¥1,234", "1234"),
        ("￥1,234", "1234"),
        ("¥1,234.50", "1234.50"),
        ("¥ 1,234.50", "1234.50"),
        ("-¥1,234", "-1234"),
        ("¥-1,234", "-1234"),
        ("1234元", "1234"),
        ("1,234.5 元", "1234.5"),
        ("RMB 1,234", "1234"),
        ("rmb1234", "1234"),
        ("1234 CNY", "1234"),
        ("人民币1234元", "1234"),
        ("12.5万", "125000"),
        ("12.5 万元", "125000"),
        ("3亿", "300000000"),
        ("1.25亿元", "125000000"),
        ("(1,234)", "-1234"),
        ("（1,234）", "-1234"),
        ("(¥1,234.50)", "-1234.50"),
        ("68%", "0.68"),
        ("68％", "0.68"),
        ("12.5%", "0.125"),
        ("-5%", "-0.05"),
        ("5‰", "0.005"),
        ("１２３", "123"),
        ("１，２３４．５", "1234.5"),
        ("－１２", "-12"),
        ("\u22125", "-5"),
        (".5", "0.5"),
        ("1.5E+3", "1500"),
        ("0", "0"),
    ],
)
def test_parse_decimal_forms(cell: str, expected: str) -> None:
    value = parse_decimal(cell)
    assert value == Decimal(expected)
    assert isinstance(value, Decimal)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (0.1, "0.1"),
        (1234.5, "1234.5"),
        (17850.0, "17850"),
        (-0.07, "-0.07"),
        (1e20, "1E+20"),
        (3, "3"),
        (-42, "-42"),
    ],
)
def test_parse_decimal_excel_numbers(cell: float, expected: str) -> None:
    assert parse_decimal(cell) == Decimal(expected)


def test_parse_decimal_float_is_not_binary_expansion() -> None:
    assert str(parse_decimal(0.1)) == "0.1"
    assert parse_decimal(0.1) + parse_decimal(0.2) == Decimal("0.3")  # type: ignore[operator]


@pytest.mark.parametrize("cell", EMPTY_CELLS)
def test_parse_decimal_empty(cell: object) -> None:
    assert parse_decimal(cell) is None


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [
        ("NaN", "不接受 NaN 或无穷大"),
        ("nan", "不接受 NaN 或无穷大"),
        ("Infinity", "不接受 NaN 或无穷大"),
        ("-inf", "不接受 NaN 或无穷大"),
        (float("nan"), "不接受 NaN 或无穷大"),
        (float("inf"), "不接受 NaN 或无穷大"),
        ("abc", "无法识别的数字：'abc'，应为 1234"),
        ("1.2.3", "无法识别的数字：'1.2.3'"),
        ("12a", "无法识别的数字"),
        ("1,23", "无法识别的数字"),
        ("--5", "无法识别的数字"),
        ("-(5)", "无法识别的数字"),
        ("(-5)", "无法识别的数字"),
        ("¥", "无法识别的数字"),
        ("()", "无法识别的数字"),
        ("%", "无法识别的数字"),
        ("5万万", "无法识别的数字"),
        (True, "应为数字，但单元格是逻辑值"),
        (date(2016, 1, 5), "应为数字，但单元格是日期"),
    ],
)
def test_parse_decimal_rejections(cell: object, fragment: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_decimal(cell)
    assert fragment in caught.value.reason_zh
    assert caught.value.reason_en


def test_parse_decimal_message_is_short_for_long_cells() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_decimal("x" * 500)
    assert len(caught.value.reason_zh) < 200


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**15), max_value=10**15
    )
)
def test_parse_decimal_round_trips_grouped_and_currency(value: Decimal) -> None:
    grouped = f"{value:,.2f}"
    assert parse_decimal(grouped) == value
    assert parse_decimal(f"¥{grouped}") == value
    assert parse_decimal(f"{grouped}元") == value
    if value >= 0:
        assert parse_decimal(f"({grouped})") == -value


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_parse_decimal_float_matches_its_repr(value: float) -> None:
    assert parse_decimal(value) == Decimal(repr(value))


# --- integers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("3", 3),
        ("-3", -3),
        ("3.0", 3),
        (3.0, 3),
        (3, 3),
        ("1,000", 1000),
        ("１２", 12),
        ("2万", 20000),
    ],
)
def test_parse_int_forms(cell: object, expected: int) -> None:
    value = parse_int(cell)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize("cell", EMPTY_CELLS)
def test_parse_int_empty(cell: object) -> None:
    assert parse_int(cell) is None


@pytest.mark.parametrize("cell", ["3.5", 3.5, "68%", "abc", True])
def test_parse_int_rejections(cell: object) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_int(cell)
    assert caught.value.reason_zh


def test_parse_int_fraction_says_whole_number() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_int("3.5")
    assert caught.value.reason_zh == "应为整数：'3.5'"


# --- text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("  张三 ", "张三"),
        ("\u3000李四\u3000", "李四"),
        (123, "123"),
        (17850.0, "17850"),
        (1.5, "1.5"),
        (0.1, "0.1"),
        (True, "TRUE"),
        (date(2016, 1, 5), "2016-01-05"),
        (datetime(2016, 1, 5, 8, 26), "2016-01-05 08:26:00"),
        (time(8, 30), "08:30:00"),
    ],
)
def test_parse_text(cell: object, expected: str) -> None:
    assert parse_text(cell) == expected


@pytest.mark.parametrize("cell", EMPTY_CELLS)
def test_parse_text_empty(cell: object) -> None:
    assert parse_text(cell) is None


# --- choices -------------------------------------------------------------------------------

PAYMENT = {"cash": "cash", "现金": "cash", "transfer": "transfer", "转账": "transfer"}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("cash", "cash"),
        ("CASH", "cash"),
        (" 现金 ", "cash"),
        ("ｃａｓｈ", "cash"),
        ("转账", "transfer"),
    ],
)
def test_parse_choice(cell: str, expected: str) -> None:
    assert parse_choice(cell, PAYMENT) == expected


@pytest.mark.parametrize("cell", EMPTY_CELLS)
def test_parse_choice_empty(cell: object) -> None:
    assert parse_choice(cell, PAYMENT) is None


def test_parse_choice_lists_accepted_values() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_choice("支票", PAYMENT)
    assert (
        caught.value.reason_zh == "无法识别的取值：'支票'，可选的值为：cash、现金、transfer、转账"
    )
    assert "cash, 现金, transfer, 转账" in caught.value.reason_en
