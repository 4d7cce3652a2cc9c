"""Header and token normalisation: spelling variants of one header give one key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdesk.ingest.headers import build_alias_index, normalise_header, normalise_token


@pytest.mark.parametrize(
    "text",
    ["Unit Price", "unit_price", "UNIT-PRICE", "unitprice", " Unit Price ", "ＵＮＩＴ　ＰＲＩＣＥ"],
)
def test_normalise_token_ignores_case_width_and_separators(text: str) -> None:
    assert normalise_token(text) == "unitprice"


def test_normalise_token_keeps_chinese() -> None:
    assert normalise_token(" 现金 ") == "现金"
    assert normalise_token("客户 名称") == "客户名称"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("金额(元)", "金额"),
        ("金额（元）", "金额"),
        ("金额 （元）", "金额"),
        ("Amount (CNY)", "amount"),
        ("数量[件]", "数量"),
        ("数量【方】", "数量"),
        ("单价(元/件)", "单价"),
        ("ＡＭＯＵＮＴ", "amount"),
        (" Unit Price ", "unitprice"),
        ("\ufeff订单号", "订单号"),
        ("*客户名称", "客户名称"),
        ("金额\n(元)", "金额"),
        ("(备注)", "(备注)"),
        ("客户", "客户"),
    ],
)
def test_normalise_header(header: str, expected: str) -> None:
    assert normalise_header(header) == expected


def test_normalise_header_only_drops_trailing_units() -> None:
    assert normalise_header("(旧)金额") == "(旧)金额"


@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    token = normalise_token(text)
    assert normalise_token(token) == token
    header = normalise_header(text)
    assert normalise_token(header) == header


def test_build_alias_index_maps_field_and_aliases() -> None:
    index = build_alias_index(
        {"amount": ["金额", "Amount (CNY)"], "unit_price": ["单价", "Unit Price"]}
    )
    assert index == {
        "amount": "amount",
        "金额": "amount",
        "unitprice": "unit_price",
        "单价": "unit_price",
    }
    assert index[normalise_header("金额（元）")] == "amount"
    assert index[normalise_header("UNIT-PRICE")] == "unit_price"


def test_build_alias_index_allows_repeats_within_a_field() -> None:
    assert build_alias_index({"amount": ["金额", "金额(元)"]}) == {
        "amount": "amount",
        "金额": "amount",
    }


def test_build_alias_index_rejects_shared_alias() -> None:
    with pytest.raises(ValueError, match="金额"):
        build_alias_index({"amount": ["金额"], "total": ["金额（元）"]})


def test_build_alias_index_rejects_empty_alias() -> None:
    with pytest.raises(ValueError, match="empty"):
        build_alias_index({"amount": [" _ "]})
