"""The real Northwind database through examples/mappings: reps, customers, order lines, ranking.

Every figure is computed twice: from the stored records (ORM aggregates, exact money units) and
independently with raw SQL over the database (sqlite3, in exact integer hundredths).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Count

from salesdesk.ingest.importer import ImportResult, import_file
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.records.models import Customer, OrderLine, Rep
from salesdesk.report.build import build_summary

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]

FILE = "northwind.sqlite"
DEPARTMENT = "Northwind"

# Σ UnitPrice × Quantity × (1 − Discount) per employee for orders dated in 1997, in exact
# 1/10,000 units: prices and discounts have at most two decimals, so each is a whole number of
# hundredths (ROUND only removes binary floating-point noise).
REVENUE_1997_SQL = """
SELECT o.EmployeeID,
       SUM(CAST(ROUND(d.UnitPrice * 100) AS INTEGER) * d.Quantity
           * (100 - CAST(ROUND(d.Discount * 100) AS INTEGER))) AS units
FROM Orders o JOIN "Order Details" d ON d.OrderID = o.OrderID
WHERE o.OrderDate >= '1997-01-01' AND o.OrderDate < '1998-01-01'
GROUP BY o.EmployeeID
"""
TERRITORIES_SQL = """
SELECT et.EmployeeID, trim(r.RegionDescription), count(*)
FROM EmployeeTerritories et
JOIN Territories t ON t.TerritoryID = et.TerritoryID
JOIN Regions r ON r.RegionID = t.RegionID
GROUP BY et.EmployeeID, r.RegionDescription
"""


@contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        yield connection


def imported(source: Path, repo: Path, kind: str) -> ImportResult:
    result = import_file(
        source,
        kind,
        mapping=repo / f"examples/mappings/northwind_{kind}.toml",
        department=DEPARTMENT,
    )
    assert (result.format, result.rejected, result.problems) == ("sqlite", 0, [])
    return result


def test_employees_become_reps_with_their_territories(real_file, repo):
    source = real_file(FILE)
    result = imported(source, repo, "reps")
    with raw(source) as db:
        employees = db.execute(
            "SELECT EmployeeID, FirstName || ' ' || LastName, HireDate, ReportsTo FROM Employees"
        ).fetchall()
        regions = {(e, region) for e, region, _ in db.execute(TERRITORIES_SQL)}
    assert (result.rows_read, result.added) == (len(employees), len(employees)) == (9, 9)
    stored = {
        rep.code: (rep.name, rep.hired_on.isoformat() if rep.hired_on else "", rep.manager)
        for rep in Rep.objects.filter(department__name=DEPARTMENT)
    }
    assert stored == {
        str(e): (name, hired, "" if boss is None else str(boss))
        for e, name, hired, boss in employees
    }
    territories = set(
        Rep.objects.filter(department__name=DEPARTMENT).values_list("code", "territory")
    )
    assert territories == {(str(e), region) for e, region in regions}
    assert all(rep.extra["Territories"] for rep in Rep.objects.all())
    assert Rep.objects.get(code="7").extra["Territories"].count(",") == 9  # ten territories


def test_order_lines_revenue_per_rep_and_ranking_for_1997(real_file, repo):
    source = real_file(FILE)
    imported(source, repo, "reps")
    customers = imported(source, repo, "customers")
    orders = imported(source, repo, "orders")
    with raw(source) as db:
        raw_lines, raw_orders = db.execute(
            'SELECT COUNT(*), COUNT(DISTINCT OrderID) FROM "Order Details"'
        ).fetchone()
        raw_customers = {  # cells are stripped on import, and NULL is an empty field
            (code.strip(), name, country or "")
            for code, name, country in db.execute(
                "SELECT CustomerID, CompanyName, Country FROM Customers"
            )
        }
        raw_revenue = {
            str(e): Decimal(units).scaleb(-4) for e, units in db.execute(REVENUE_1997_SQL)
        }
    assert (customers.rows_read, customers.added) == (len(raw_customers),) * 2 == (93, 93)
    stored_customers = Customer.objects.filter(department__name=DEPARTMENT)
    assert set(stored_customers.values_list("code", "name", "country")) == raw_customers
    assert (orders.rows_read, orders.added) == (raw_lines, raw_lines) == (2_155, 2_155)
    assert (orders.new_reps, orders.new_customers) == ([], [])
    totals = OrderLine.objects.filter(department__name=DEPARTMENT).aggregate(
        lines=Count("pk"), orders=Count("order_no", distinct=True)
    )
    assert (totals["lines"], totals["orders"]) == (raw_lines, raw_orders) == (2_155, 830)

    stored = {
        row["rep__code"]: units_to_money(row["units"])
        for row in OrderLine.objects.filter(department__name=DEPARTMENT, date__year=1997)
        .values("rep__code")
        .annotate(units=MoneyUnits("amount"))
    }
    assert stored == raw_revenue
    assert sum(raw_revenue.values()) == Decimal("617085.2035")
    ranking = sorted(raw_revenue, key=lambda code: -raw_revenue[code])
    assert ranking == sorted(stored, key=lambda code: -stored[code])
    assert ranking == ["4", "3", "1", "2", "7", "8", "6", "5", "9"]

    summary = build_summary(DEPARTMENT, 1997)
    assert summary.sales.revenue == sum(raw_revenue.values())
    rows = sorted(summary.reps.rows, key=lambda row: row.rank)
    assert [row.rep for row in rows] == ranking
    assert [row.rank for row in rows] == list(range(1, 10))
    assert [row.revenue for row in rows] == [raw_revenue[code] for code in ranking]
    assert rows[0].name == "Margaret Peacock"
