"""explain(): definition, filter in words, record count and the first records behind a figure."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "metrics"))
from fixture_dept import export_dept, hotel_dept

from salesdesk.report.explain import EXPLAINERS, UnknownFigure, explain, render_explanation

D = Decimal
pytestmark = pytest.mark.django_db
REQUIRED = {
    "sales.revenue", "sales.orders", "sales.target", "collections.amount", "customers.active",
    "customers.new", "customers.top5_share", "customers.hhi", "activity.visits",
    "activity.follow_ups_missed", "rooms.adr", "dining.net",
}  # fmt: skip


def test_every_required_key_is_explained() -> None:
    assert set(EXPLAINERS) >= REQUIRED


def test_revenue_lists_the_order_lines() -> None:
    export_dept()
    e = explain("sales.revenue", "外贸出口部", 2024)
    assert e.value == D("4309.50")
    assert e.records == 10  # eight lines and two adjustments
    assert "取消" in e.filter_zh and "cancelled" in e.filter_en
    assert e.definition_zh and e.definition_en
    assert e.columns[:3] == ("date", "order", "line")
    assert [(r[1], r[2]) for r in e.rows] == [
        ("O1", 1), ("O1", 2), ("O2", 1), ("O3", 1), ("O5", 1), ("O6", 1), ("O7", 1), ("O8", 1),
    ]  # fmt: skip
    assert e.rows[3][-1] == D("710")  # the USD line in CNY
    assert len(explain("sales.revenue", "外贸出口部", 2024, limit=3).rows) == 3


def test_customer_figures_list_the_customers() -> None:
    export_dept()
    top = explain("customers.top5_share", "外贸出口部", 2024)
    assert top.value == 1
    assert [r[0] for r in top.rows] == ["C2", "C3", "C1", "C4"]
    new = explain("customers.new", "外贸出口部", 2024)
    assert (new.value, [r[0] for r in new.rows]) == (2, ["C3", "C4"])
    hhi = explain("customers.hhi", "外贸出口部", 2024)
    squares = [r[5] for r in hhi.rows]
    assert hhi.value is not None and abs(sum(squares) - hhi.value) < D("1e-20")


def test_other_figures() -> None:
    export_dept()
    hotel_dept()
    assert explain("sales.orders", "外贸出口部", 2024).value == 7
    assert explain("sales.target", "外贸出口部", 2024).records == 3
    assert explain("collections.amount", "外贸出口部", 2024).records == 6
    assert explain("customers.active", "外贸出口部", 2024).value == 4
    assert explain("activity.visits", "外贸出口部", 2024).records == 5
    missed = explain("activity.follow_ups_missed", "外贸出口部", 2024)
    assert (
        missed.value == 1 and missed.rows[0][1] == "C2" and missed.rows[0][3] == date(2024, 3, 15)
    )
    adr = explain("rooms.adr", "酒店", 2024)
    assert adr.value == D("2500") / 13 and adr.records == 4
    net = explain("dining.net", "酒店", 2024)
    assert net.value == D("809.50") and [r[0] for r in net.rows] == ["B1", "B2", "B3"]
    rep = explain("sales.revenue", "外贸出口部", 2024, rep="R1")
    assert rep.value == D("2410") and "R1" in rep.filter_zh


def test_unknown_key_lists_the_known_ones() -> None:
    with pytest.raises(UnknownFigure) as info:
        explain("sales.nothing", None, 2024)
    assert "sales.revenue" in str(info.value) and isinstance(info.value, KeyError)


def test_render_as_markdown() -> None:
    export_dept()
    text = render_explanation(explain("sales.revenue", "外贸出口部", 2024), lang="zh", rows=2)
    assert text.startswith("# sales.revenue — 销售额（净）")
    assert "| date | order | line |" in text and "| 2024-01-15 | O1 | 1 |" in text
    assert "另有 8 条" in text
    english = render_explanation(explain("sales.revenue", "外贸出口部", 2024), lang="en")
    assert "Definition" in english and "Records: 10" in english
