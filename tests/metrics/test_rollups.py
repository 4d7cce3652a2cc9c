"""The order-line rollups give exactly what reading the lines gives, and never a stale figure.

Each fixture department's days, order mix (and the export pack's mix by quarter, currency and
checklist), customer × rep grid and aging are read both ways
(rollups, then the lines themselves) for the years around its data, and compared field by
field. Then every kind of write (an import, a save, a deletion, a customer's new terms) must
show in the next read.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from fixture_dept import card_team, export_dept, hotel_dept

from salesdesk.ingest.importer import import_file
from salesdesk.metrics import customers, rollups, sales
from salesdesk.metrics.kinds import export
from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Customer, LinePair, OrderLine, Rep, RollupState

pytestmark = pytest.mark.django_db

D = Decimal


def both_ways(scope: Scope) -> None:
    info = customers.load_customers(scope)
    assert rollups.usable(scope)
    grid, aging = customers.lines_grid(scope, info)
    assert sales.load_days(scope) == sales.lines_days(scope)
    assert sales.load_dimensions(scope) == sales.lines_dimensions(scope)
    assert sorted(customers.load_grid(scope, info), key=_pair) == sorted(grid, key=_pair)
    assert customers.load_grid_and_aging(scope, info)[1] == aging
    assert export.load_mix(scope) == export.lines_mix(scope)


def _pair(g: customers.GridRow) -> tuple[int, int]:
    return (g.customer_id or 0, g.rep_id or 0)


@pytest.mark.parametrize("make", [export_dept, hotel_dept, card_team])
@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_rollups_equal_the_lines(make, year: int) -> None:
    both_ways(Scope(make(), year))


def test_built_once_then_read(django_assert_max_num_queries) -> None:
    scope = Scope(export_dept(), 2024)
    assert not RollupState.objects.exists()
    sales.load_days(scope)
    state = RollupState.objects.get(department=scope.department)
    assert state.serves and state.last_line_id == OrderLine.objects.order_by("-id")[0].pk
    with django_assert_max_num_queries(3):  # state, newest line id, the days
        sales.load_days(scope)


def test_a_rep_report_reads_the_lines() -> None:
    dept = export_dept()
    rep = Rep.objects.filter(department=dept).order_by("code")[0]
    assert not rollups.usable(Scope(dept, 2024, rep))


def test_an_import_shows_in_the_next_read(tmp_path: Path) -> None:
    scope = Scope(export_dept(), 2024)
    before = sum(d.gross for d in sales.load_days(scope) if d.day.year == 2024)
    path = tmp_path / "more.csv"
    path.write_text("单号,日期,客户,数量,金额\nNEW-1,2024-06-30,NEWC,1,1234.56\n", encoding="utf-8")
    result = import_file(path, "orders", department=scope.department.name)
    assert result.added == 1
    state = RollupState.objects.get(department=scope.department)  # rebuilt by the import
    assert state.last_line_id == OrderLine.objects.get(order_no="NEW-1").pk
    after = sum(d.gross for d in sales.load_days(scope) if d.day.year == 2024)
    assert after - before == D("1234.56")
    both_ways(scope)


def test_an_edit_and_a_deletion_show_in_the_next_read() -> None:
    scope = Scope(export_dept(), 2024)
    info = customers.load_customers(scope)
    year_total = sum(g.year for g in customers.load_grid(scope, info))
    line = OrderLine.objects.filter(department=scope.department, date__year=2024).exclude(
        status="cancelled"
    )[0]
    line.amount_cny += D("100")
    line.save()
    assert sum(g.year for g in customers.load_grid(scope, info)) == year_total + D("100")
    both_ways(scope)
    line.delete()
    total = year_total + D("100") - line.amount_cny
    assert sum(g.year for g in customers.load_grid(scope, info)) == total
    both_ways(scope)


def test_new_payment_terms_move_the_aging() -> None:
    scope = Scope(export_dept(), 2024)
    info = customers.load_customers(scope)
    current = {c: b["current"] for c, b in customers.load_grid_and_aging(scope, info)[1].items()}
    late = next(c for c, amount in current.items() if c is not None and amount == 0)
    lines = OrderLine.objects.filter(department=scope.department, customer_id=late)
    if not lines.filter(date__year=2024).exists():
        pytest.skip("the fixture's customer without current sales has no 2024 line")
    customer = Customer.objects.get(pk=late)
    customer.extra = {**customer.extra, "terms_days": 400}
    customer.save()
    info = customers.load_customers(scope)
    aging = customers.load_grid_and_aging(scope, info)[1]
    assert aging[late]["current"] > 0
    both_ways(scope)


def test_terms_too_long_for_the_rollups_read_the_lines() -> None:
    dept = export_dept()
    customer = Customer.objects.filter(department=dept).order_by("code")[0]
    customer.extra = {**customer.extra, "terms_days": 700}
    customer.save()
    scope = Scope(dept, 2024)
    assert not rollups.usable(scope)
    assert not LinePair.objects.filter(department=dept).exists()
    info = customers.load_customers(scope)
    grid, aging = customers.lines_grid(scope, info)
    assert customers.load_grid_and_aging(scope, info)[1] == aging
    assert export.load_mix(scope) == export.lines_mix(scope)
    assert customers.load_grid(scope, info) == grid


def test_the_newest_line_of_the_first_department_is_its_own() -> None:
    """Read in (department_id, id) order: a later department's lines above its own are not it."""
    first, later = export_dept(), hotel_dept()
    newest = OrderLine.objects.filter(department=first).order_by("-id")[0].pk
    assert OrderLine.objects.filter(department=later, pk__gt=newest).exists()
    assert rollups._newest_line(first) == newest
    assert rollups._newest_line(later) == OrderLine.objects.order_by("-id")[0].pk
    assert rollups._newest_line(type(first)(pk=first.pk + later.pk + 1)) is None


def _team_dept():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent / "kinds"))
    from fixture_team import team_dept

    return team_dept()


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_a_team_departments_product_sales_come_from_the_rollup(year: int) -> None:
    from salesdesk.metrics.kinds import team_measures
    from salesdesk.records.models import LineProduct

    scope = Scope(_team_dept(), year)
    assert rollups.products_usable(scope)
    assert LineProduct.objects.filter(department=scope.department).exists()
    from_rollup = team_measures.product_sales(scope)
    assert from_rollup == team_measures.lines_product_sales(scope)
    if year == 2024:  # fixture_team.py: T4 sold 10 × 80 of P, T1 12 × 100
        t4 = Rep.objects.get(department=scope.department, code="T4").pk
        assert from_rollup[t4]["P"] == (800 * 10_000, 10 * 10_000)


def test_products_are_built_only_for_a_team_and_when_a_department_becomes_one() -> None:
    from salesdesk.records.models import LineProduct

    dept = _team_dept()
    dept.kind = "general"
    dept.save()
    scope = Scope(dept, 2024)
    assert rollups.usable(scope) and not rollups.products_usable(scope)
    assert not LineProduct.objects.exists()
    dept.kind = "team"
    dept.save()
    assert rollups.products_usable(scope)  # the state without products was stale: rebuilt
    assert LineProduct.objects.filter(department=scope.department).exists()
