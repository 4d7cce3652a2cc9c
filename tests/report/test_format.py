"""Display formatting: half-up money, two-decimal percentages, words for missing values."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from salesdesk.report import format as fmt
from salesdesk.report.summary import Figure

D = Decimal


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (D("1234567.885"), "1,234,567.89 元", "CNY 1,234,567.89"),
        (D("0.005"), "0.01 元", "CNY 0.01"),
        (D("2.675"), "2.68 元", "CNY 2.68"),  # half-up, not banker's rounding
        (D("-1234.5"), "-1,234.50 元", "CNY -1,234.50"),
        (1000, "1,000.00 元", "CNY 1,000.00"),
        (None, "无数据", "not available"),
    ],
)
def test_money(value: Decimal | int | None, zh: str, en: str) -> None:
    assert fmt.money(value, "zh") == zh
    assert fmt.money(value, "en") == en


def test_amount_has_no_currency() -> None:
    assert fmt.amount(D("72271312.945")) == "72,271,312.95"
    assert fmt.round_money(D("1.005")) == D("1.01")


@pytest.mark.parametrize(
    ("ratio", "text", "signed"),
    [
        (D("0.681"), "68.10%", "+68.10%"),
        (D("-0.05"), "-5.00%", "-5.00%"),
        (D("0.00005"), "0.01%", "+0.01%"),
        (D("1.0324"), "103.24%", "+103.24%"),
        (D(0), "0.00%", "0.00%"),
    ],
)
def test_percent(ratio: Decimal, text: str, signed: str) -> None:
    assert fmt.percent(ratio) == text
    assert fmt.signed_percent(ratio) == signed


def test_percent_of_nothing_is_words() -> None:
    assert fmt.percent(None) == "无数据"
    assert fmt.percent(None, "en") == "not available"


def test_change_in_words() -> None:
    assert fmt.change(D("0.1234")) == "增长12.34%"
    assert fmt.change(D("-0.0688")) == "下降6.88%"
    assert fmt.change(D("0.00001")) == "持平"
    assert fmt.change(D("-0.0688"), "en") == "down 6.88%"
    assert fmt.change(None, "en") == "not available"


def test_counts_quantities_and_units() -> None:
    assert fmt.count(12345) == "12,345"
    assert fmt.count(None) == "无数据"
    assert fmt.quantity(D("29827.000"), "room_night") == "29,827 间夜"
    assert fmt.quantity(D("1234.50"), "m3") == "1,234.5 方"
    assert fmt.quantity(D("1234.50"), "m3", "en") == "1,234.5 m³"
    assert fmt.quantity(D(7), "widgets") == "7 widgets"
    assert fmt.days(D("41.25")) == "41.3 天"


def test_dates_and_months() -> None:
    assert fmt.month("2016-03") == "2016年3月"
    assert fmt.month("2016-03", "en") == "Mar 2016"
    assert fmt.month_short("2016-12") == "12月"
    assert fmt.day(date(2016, 10, 31)) == "2016年10月31日"
    assert fmt.day(date(2016, 10, 31), "en") == "31 Oct 2016"
    assert fmt.timestamp(datetime(2017, 1, 5, 9, 30)) == "2017年1月5日 09:30"
    assert fmt.period(None, None) == "本年无业务记录"
    assert fmt.period(date(2016, 1, 4), date(2016, 12, 30), "en") == "4 Jan 2016 to 30 Dec 2016"


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (D("72271312.95"), "money", "72,271,312.95 元"),
        (D("0.9266"), "ratio", "92.66%"),
        (23, "count", "23"),
        (D("1385.4"), "hhi", "1,385"),
        (D("41.3"), "days", "41.3 天"),
        (D("8420.00"), "quantity", "8,420"),
        (None, "money", "无数据"),
    ],
)
def test_figure_value_by_unit(value: Decimal | int | None, unit: str, text: str) -> None:
    figure = Figure("k", "标签", "label", value, unit, "口径", "definition", 1)
    assert fmt.figure_value(figure) == text


def test_labels_of_codes() -> None:
    assert fmt.label("order_type", "gift") == "赠品订单"
    assert fmt.label("channel", "letter_of_credit", "en") == "letter of credit"
    assert fmt.label("channel", "外贸直营") == "外贸直营"  # free text stays as written


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(fmt.UnsupportedLanguage):
        fmt.money(D(1), "fr")
