"""The report facts: every key of the data contract, with JSON types; null where no meaning."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "metrics"))
from fixture_dept import export_dept, hotel_dept, line

from salesdesk.records.models import Department
from salesdesk.report.build import build_summary
from salesdesk.report.facts import money, ratio, summary_to_facts

pytestmark = pytest.mark.django_db
TODAY = date(2025, 1, 10)
NUMBER = (int, float)


def _facts(department: str, lang: str = "zh", **kw: object) -> dict:  # type: ignore[type-arg]
    facts = summary_to_facts(build_summary(department, 2024, today=TODAY, **kw), lang=lang)  # type: ignore[arg-type]
    return json.loads(json.dumps(facts, ensure_ascii=False))  # exactly what a script reads


def _number_or_null(value: object) -> bool:
    return value is None or (isinstance(value, NUMBER) and not isinstance(value, bool))


def test_contract_keys_and_types() -> None:
    export_dept()
    f = _facts("外贸出口部")
    assert f["year"] == 2024 and f["scope"] == "department"
    s = f["sales"]
    for key in ("revenue", "target", "attainment", "yoy"):
        assert isinstance(s[key], float)
    assert s["revenue"] == 4309.5 and s["target"] == 5000.0
    assert s["attainment"] == 0.8619 and s["yoy"] == 0.7956
    assert isinstance(s["orders"], int) and s["orders"] == 7
    assert [m["month"] for m in s["by_month"]] == [f"2024-{m:02d}" for m in range(1, 13)]
    assert s["by_month"][0] == {
        **s["by_month"][0],
        "month": "2024-01",
        "revenue": 1200.0,
        "target": 500.0,
    }
    assert s["by_month"][2]["target"] is None  # no monthly target: null, not 0
    c = f["collections"]
    assert c["amount"] == 2890.0
    assert c["by_channel"][0] == {"channel": "transfer", "count": 2, "amount": 1700.0}
    amounts = [x["amount"] for x in c["by_channel"]]
    assert amounts == sorted(amounts, reverse=True)
    cu = f["customers"]
    assert (cu["active"], cu["new"]) == (4, 2)
    assert cu["top5_share"] == 1.0 and cu["hhi"] == 2535.62
    rep = f["reps"][0]
    assert set(rep) >= {"rep", "name", "revenue", "target", "attainment", "rank"}
    assert [r["rank"] for r in f["reps"]] == [1, 2, 3]
    assert f["reps"][2]["target"] is None and f["reps"][2]["attainment"] is None
    a = f["activity"]
    assert (a["visits"], a["follow_ups_due"], a["follow_ups_missed"]) == (5, 2, 1)
    assert "rooms" not in f and "dining" not in f
    for check in f["reconciliation"]:
        assert set(check) >= {"check", "expected", "actual", "difference"}
        assert all(_number_or_null(check[k]) for k in ("expected", "actual", "difference"))
    for finding in f["findings"]:
        assert finding["kind"] in ("strength", "shortfall")
        assert isinstance(finding["code"], str) and isinstance(finding["text"], str)
        assert isinstance(finding["evidence"], dict)
    p = f["plan"]
    assert p["year"] == 2025 and isinstance(p["target"], int)
    assert {m["month"] for m in p["by_month"]} == {f"2025-{m:02d}" for m in range(1, 13)}
    assert isinstance(p["by_rep"], list) and p["by_rep"]
    assert not any("." in key for key in f)  # nested objects, never dotted keys


def test_text_in_the_chosen_language() -> None:
    export_dept()
    zh = _facts("外贸出口部", "zh")["findings"]
    en = _facts("外贸出口部", "en")["findings"]
    assert [x["code"] for x in zh] == [x["code"] for x in en]
    texts = {x["code"]: (x["text"], y["text"]) for x, y in zip(zh, en, strict=True)}
    zh_text, en_text = texts["target_missed"]
    assert (
        zh_text.startswith("未完成年度销售目标") and "¥4,309.50" in zh_text and "86.19%" in zh_text
    )
    assert en_text.startswith("The revenue target was missed") and "¥5,000.00" in en_text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en_text)


def test_rooms_and_dining_keys() -> None:
    hotel_dept()
    f = _facts("酒店")
    r = f["rooms"]
    assert (r["sold"], r["available"], r["occupancy"], r["adr"], r["revpar"]) == (
        13,
        20,
        0.65,
        192.31,
        125.0,
    )
    d = f["dining"]
    assert (d["bills"], d["covers"], d["gross"], d["net"]) == (3, 9, 900.0, 809.5)
    assert d["deductions"] == {"voucher": 50.0, "discount": 40.0, "rounding": 0.5}
    assert (d["avg_per_bill"], d["per_cover"], d["monthly_avg"]) == (269.83, 89.94, 67.46)


def test_null_not_zero_without_meaning(db: None) -> None:
    dept = Department.objects.create(name="新部门")
    line(dept, "N1", 1, date(2024, 6, 1), "1", "0")  # one line worth nothing
    f = _facts("新部门")
    s = f["sales"]
    assert s["revenue"] == 0.0
    assert s["target"] is None and s["attainment"] is None and s["yoy"] is None
    assert f["customers"]["top5_share"] is None and f["customers"]["hhi"] is None
    assert f["collections"]["dso"] is None and f["collections"]["rate"] is None
    assert f["activity"]["per_rep_per_day"] is None
    assert f["plan"]["target"] is None and f["plan"]["note"]


def test_rounding_half_up() -> None:
    from decimal import Decimal

    assert money(Decimal("2.345")) == 2.35 and money(Decimal("-2.345")) == -2.35
    assert money(Decimal("0.005")) == 0.01
    assert ratio(Decimal("0.68105")) == 0.6811 and ratio(None) is None
