"""The demo generators: deterministic, contract-shaped, true to the seed documents, importable.

Every property below is computed from the CSV files themselves, the way a person would check them
by hand, and the last tests push every file of every department through the real importer.
"""

from __future__ import annotations

import calendar
import csv
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from salesdesk.demo import DEMO_DEPARTMENTS, DemoFiles, generate_department
from salesdesk.ingest.contract import KINDS
from salesdesk.ingest.importer import import_file
from salesdesk.records.departments import department_named

YEAR = 2025
IMPORT_ORDER = [
    "reps",
    "customers",
    "orders",
    "adjustments",
    "payments",
    "capacity",
    "activities",
    "targets",
    "ideas",
    "incidents",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, DemoFiles]:
    root = tmp_path_factory.mktemp("demo")
    return {kind: generate_department(kind, root / kind) for kind, _ in DEMO_DEPARTMENTS}


def rows(files: DemoFiles, kind: str) -> list[dict[str, str]]:
    with open(files.path(kind), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def of_year(records: list[dict[str, str]], year: int = YEAR) -> list[dict[str, str]]:
    return [r for r in records if r["date"].startswith(str(year))]


def money(value: str) -> Decimal:
    return Decimal(value) if value else Decimal(0)


# ---------------------------------------------------------------- shape and determinism


def test_five_departments_with_chinese_names():
    assert [k for k, _ in DEMO_DEPARTMENTS] == [
        "export",
        "concrete",
        "hospitality",
        "team",
        "prepaid_card",
    ]
    assert dict(DEMO_DEPARTMENTS)["hospitality"] == "锦都大酒店销售部"


def test_same_seed_writes_identical_bytes(tmp_path: Path):
    for kind, _ in DEMO_DEPARTMENTS:
        first = generate_department(kind, tmp_path / "a" / kind, seed=7)
        second = generate_department(kind, tmp_path / "b" / kind, seed=7)
        assert [k for k, _ in first.files] == [k for k, _ in second.files]
        for (_, a), (_, b) in zip(first.files, second.files, strict=True):
            assert a.read_bytes() == b.read_bytes(), a.name


def test_another_seed_writes_other_data(tmp_path: Path):
    first = generate_department("team", tmp_path / "a", seed=1)
    second = generate_department("team", tmp_path / "b", seed=2)
    assert first.path("orders").read_bytes() != second.path("orders").read_bytes()


def test_unknown_kind_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="no demo department kind"):
        generate_department("bakery", tmp_path)


def test_files_come_in_import_order_with_contract_headers(demo: dict[str, DemoFiles]):
    for kind, name in DEMO_DEPARTMENTS:
        files = demo[kind]
        assert (files.kind, files.name, files.year) == (kind, name, YEAR)
        kinds = [k for k, _ in files.files]
        assert kinds == sorted(kinds, key=IMPORT_ORDER.index)
        assert kinds[:2] == ["reps", "customers"]
        for record_kind, path in files.files:
            header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
            contract = [f.name for f in KINDS[record_kind].fields]
            assert header[: len(contract)] == contract, path


def test_money_has_two_decimals(demo: dict[str, DemoFiles]):
    for files in demo.values():
        for r in rows(files, "payments"):
            assert len(r["amount"].split(".")[1]) == 2
        for r in rows(files, "orders"):
            assert len(r["amount"].split(".")[1]) == 2


# ---------------------------------------------------------------- hospitality


def test_hotel_has_120_rooms_every_day(demo: dict[str, DemoFiles]):
    capacity = [r for r in rows(demo["hospitality"], "capacity") if r["date"].startswith(str(YEAR))]
    assert {r["resource"] for r in capacity} == {"rooms"}
    available = sum(
        int(r["available"]) * calendar.monthrange(YEAR, int(r["date"][5:7]))[1] for r in capacity
    )
    assert available == 120 * 365


def test_hotel_occupancy_and_average_rate_near_the_seed(demo: dict[str, DemoFiles]):
    rooms = [r for r in of_year(rows(demo["hospitality"], "orders")) if r["unit"] == "room_night"]
    sold = sum(int(r["quantity"]) for r in rooms)
    revenue = sum(money(r["amount"]) for r in rooms)
    assert 0.6 <= sold / (120 * 365) <= 0.75
    assert 170 <= revenue / sold <= 200
    assert any(r["amount"] == "0.00" for r in rooms)  # a few complimentary rooms
    assert {"agreement", "walk_in", "ota_ctrip", "ota_elong", "ota_qunar", "group"} <= {
        r["channel"] for r in rooms
    }


def _bills(files: DemoFiles) -> tuple[dict[str, Decimal], dict[str, list[Decimal]]]:
    """Each restaurant bill's net (gross less adjustments) and its payments, for the year."""
    net: dict[str, Decimal] = defaultdict(Decimal)
    for r in of_year(rows(files, "orders")):
        if r["covers"]:
            net[r["order"]] += money(r["amount"])
    for r in rows(files, "adjustments"):
        if r["order"] in net:
            net[r["order"]] -= money(r["amount"])
    paid: dict[str, list[Decimal]] = defaultdict(list)
    for r in rows(files, "payments"):
        if r["order"] in net:
            paid[r["order"]].append(money(r["amount"]))
    return net, paid


def test_restaurant_bills_deductions_and_payments(demo: dict[str, DemoFiles]):
    files = demo["hospitality"]
    net, paid = _bills(files)
    assert 10_474 * 0.9 <= len(net) <= 10_474 * 1.1
    short = [bill for bill, value in net.items() if sum(paid.get(bill, [])) != value]
    assert len(short) == 1 and sum(paid[short[0]]) < net[short[0]]
    assert any(len(p) >= 2 for p in paid.values())
    assert min(net.values()) >= 0 and all(a > 0 for p in paid.values() for a in p)
    gross = sum(money(r["amount"]) for r in of_year(rows(files, "orders")) if r["covers"])
    deductions: defaultdict[str, Decimal] = defaultdict(Decimal)
    for r in of_year(rows(files, "adjustments")):
        deductions[r["kind"]] += money(r["amount"])
    assert 0.07 <= deductions["discount"] / gross <= 0.10
    assert deductions["hosting"] == Decimal("2797.00")
    assert {"voucher", "comp", "rounding", "free"} <= set(deductions)


def test_restaurant_channels_follow_the_seed_mix(demo: dict[str, DemoFiles]):
    files = demo["hospitality"]
    net, _ = _bills(files)
    counts = Counter(r["channel"] for r in rows(files, "payments") if r["order"] in net)
    assert counts.most_common(1)[0][0] == "cash"
    assert counts["deposit"] == 4
    assert {
        "bank_card",
        "member_card",
        "on_account",
        "staff_meal",
        "meituan",
        "dianping",
        "nuomi",
    } <= set(counts)
    covers = sum(int(r["covers"]) for r in of_year(rows(files, "orders")) if r["covers"])
    assert 6.0 <= covers / len(net) <= 7.2


# ---------------------------------------------------------------- prepaid card team


def test_prepaid_team_starts_mid_october_and_drops_refusals(demo: dict[str, DemoFiles]):
    files = demo["prepaid_card"]
    activities = rows(files, "activities")
    assert min(r["date"] for r in activities) == f"{YEAR}-10-15"
    assert 200 <= len(activities) <= 270
    rejected = [r for r in activities if r["outcome"] == "rejected"]
    revisited = [
        r
        for r in rejected
        if any(a["customer"] == r["customer"] and a["date"] > r["date"] for a in activities)
    ]
    assert len(rejected) > 50 and len(revisited) / len(rejected) < 0.2
    assert {r["source"] for r in rows(files, "customers")} == {
        "yellow_pages",
        "mailing",
        "cold_visit",
    }
    reps = rows(files, "reps")
    assert len(reps) == 5 and {r["hired_on"] for r in reps} == {f"{YEAR}-10-15"}


def test_prepaid_card_sales_start_in_november(demo: dict[str, DemoFiles]):
    orders = rows(demo["prepaid_card"], "orders")
    assert orders and {r["unit"] for r in orders} == {"card"}
    assert min(r["date"] for r in orders) >= f"{YEAR}-11-01"
    interested = [r for r in rows(demo["prepaid_card"], "activities") if r["next_follow_up"]]
    assert interested


# ---------------------------------------------------------------- export


def _cny(r: dict[str, str]) -> Decimal:
    return money(r["amount"]) * (Decimal(r["fx_rate"]) if r["fx_rate"] else 1)


def test_export_gift_and_oem_odm_share_is_too_large(demo: dict[str, DemoFiles]):
    orders = [r for r in of_year(rows(demo["export"], "orders")) if r["status"] == "normal"]
    by_type: defaultdict[str, Decimal] = defaultdict(Decimal)
    for r in orders:
        by_type[r["order_type"]] += _cny(r)
    total = sum(by_type.values())
    assert (by_type["gift"] + by_type["oem"] + by_type["odm"]) / total > 0.4
    assert {"USD", "JPY"} <= {r["currency"] for r in orders}


def test_export_weak_january_february_and_june(demo: dict[str, DemoFiles]):
    orders = [r for r in of_year(rows(demo["export"], "orders")) if r["status"] == "normal"]
    by_month: defaultdict[int, Decimal] = defaultdict(Decimal)
    for r in orders:
        by_month[int(r["date"][5:7])] += _cny(r)
    average = sum(by_month.values()) / 12
    assert all(by_month[m] < average for m in (1, 2, 6))
    assert 5_000_000 <= average <= 7_500_000


def test_export_nico_leaves_with_her_customers(demo: dict[str, DemoFiles]):
    files = demo["export"]
    nico = next(r for r in rows(files, "reps") if r["name"].startswith("Nico"))
    assert nico["left_on"] == f"{YEAR}-09-30"
    hers = {r["customer"] for r in rows(files, "customers") if r["owner"] == nico["rep"]}
    assert hers and not [
        r for r in rows(files, "orders") if r["customer"] in hers and r["date"] > nico["left_on"]
    ]
    late = [
        r
        for r in rows(files, "orders")
        if r["delivered_on"] and r["delivered_on"] > r["promised_on"]
    ]
    assert late
    assert {"late_delivery", "mold_delay", "sample", "quality"} <= {
        r["kind"] for r in rows(files, "incidents")
    }


# ---------------------------------------------------------------- concrete


def test_concrete_in_cubic_metres_with_receivables_at_year_end(demo: dict[str, DemoFiles]):
    files = demo["concrete"]
    orders = rows(files, "orders")
    assert {r["unit"] for r in orders} == {"m3"}
    assert all(r["strength_grade"] and r["slump"] and r["site"] for r in orders)
    prices = [money(r["unit_price"]) for r in orders]
    assert min(prices) >= 300 and max(prices) <= 520
    sold = sum(money(r["amount"]) for r in orders if r["date"] <= f"{YEAR}-12-31")
    paid = sum(money(r["amount"]) for r in rows(files, "payments"))
    assert sold - paid > 0
    older = sum(money(r["amount"]) for r in orders if r["date"] < f"{YEAR}-10-02")
    assert older - paid > 0  # some of what is owed is more than 90 days old
    assert any(r["kind"] == "form_error" for r in rows(files, "incidents"))
    assert {r["terms_days"] for r in rows(files, "customers")} == {"30", "60", "90"}
    assert "翁银红" in {r["name"] for r in rows(files, "reps")}


# ---------------------------------------------------------------- team


def test_team_attainment_spreads_widely(demo: dict[str, DemoFiles]):
    files = demo["team"]
    revenue: defaultdict[str, Decimal] = defaultdict(Decimal)
    for r in of_year(rows(files, "orders")):
        revenue[r["rep"]] += money(r["amount"])
    targets = {
        r["rep"]: money(r["value"])
        for r in rows(files, "targets")
        if r["year"] == str(YEAR) and r["rep"] and not r["month"] and r["metric"] == "revenue"
    }
    attainment = {rep: revenue[rep] / target for rep, target in targets.items()}
    assert len(attainment) == 12
    assert min(attainment.values()) < Decimal("0.7") and max(attainment.values()) > Decimal("1.15")
    assert len({r["team"] for r in rows(files, "reps")}) == 3


# ---------------------------------------------------------------- the real importer


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [k for k, _ in DEMO_DEPARTMENTS])
def test_every_file_imports_without_a_rejected_row(demo: dict[str, DemoFiles], kind: str):
    files = demo[kind]
    department_named(files.name, create=True, kind=kind)
    for record_kind, path in files.files:
        result = import_file(path, record_kind, department=files.name)
        assert result.rejected == 0 and not result.problems, (record_kind, result.problems[:5])
        assert result.written and result.added > 0, record_kind
        assert not result.new_customers and not result.new_reps, (
            record_kind,
            result.new_customers[:5],
        )
