"""`salesdesk plan`: the target split adds up; an unknown holiday year is refused unless assumed."""

from __future__ import annotations

import csv
import json


def _orders(path, year):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["order", "date", "rep", "customer", "quantity", "unit_price"])
        for month in range(1, 13):
            for rep, price in (("R1", 1000 * month), ("R2", 500)):
                out.writerow([f"{rep}-{month}", f"{year}-{month:02d}-10", rep, "C1", 1, price])
    return path


def test_plan_adds_up_and_follows_seasonality(salesdesk, tmp_path):
    salesdesk("import", "orders", str(_orders(tmp_path / "o.csv", 2025)))
    done = salesdesk("plan", "--year", "2026", "--target", "1,000,000")
    plan = json.loads(done.stdout)
    assert plan["year"] == 2026 and plan["target"] == 1_000_000
    months = [m["target"] for m in plan["by_month"]]
    assert sum(months) == 1_000_000 and len(months) == 12
    assert months[11] > months[0]  # December sold 12× January's R1 revenue last year
    assert sum(r["target"] for r in plan["by_rep"]) == 1_000_000
    assert sum(w["target"] for w in plan["by_week"]) == 1_000_000
    assert sum(d["target"] for d in plan["by_day"]) == 1_000_000


def test_growth_from_last_year(salesdesk, tmp_path):
    salesdesk("import", "orders", str(_orders(tmp_path / "o.csv", 2025)))
    plan = json.loads(
        salesdesk("plan", "--year", "2026", "--growth", "10%", "--by", "month").stdout
    )
    last_year = sum(1000 * m for m in range(1, 13)) + 12 * 500
    assert plan["target"] == round(last_year * 1.1)
    assert set(plan) == {"year", "target", "basis", "month_basis", "rep_basis", "by_month"}


def test_unknown_holiday_year_needs_assume_weekends(salesdesk, tmp_path):
    salesdesk("import", "orders", str(_orders(tmp_path / "o.csv", 2026)))
    refused = salesdesk("plan", "--year", "2027", check_exit=1)
    assert "2027" in refused.stderr and "--assume-weekends" in refused.stderr
    plan = json.loads(salesdesk("plan", "--year", "2027", "--assume-weekends").stdout)
    assert sum(m["target"] for m in plan["by_month"]) == plan["target"]
