"""Order-line rollups (records/models/rollups.py): kept current, read in place of the lines.

A department's report used to group all its order lines three times (by day, by order mix, by
customer × rep × aging slot), so its time grew with the lines: seconds at a million. The
rollups hold the same sums at the grain of a day, a day × mix, a year × customer × rep and a
year × customer × aging bucket, and in a team department (PRODUCT_KINDS) a year × rep × product;
a report reads thousands of rows, however many lines there are.

They are built from the lines, in one transaction, by the first report that finds them not
current, i.e. with no `RollupState` (every write to the department's lines or customers drops
it: records/rollup_state.py) or a state built before the newest line. Where they cannot be used (a rep's
own report, which reads only that rep's lines; a read-only database; payment terms so long
that an earlier year's sale could still be under 90 days late) the loaders read the lines.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Func, IntegerField, QuerySet

from salesdesk.metrics.aging import DEFAULT_TERMS_DAYS, bucket_of, terms_of
from salesdesk.metrics.exact import MoneyUnits
from salesdesk.metrics.kinds.export_checklist import carries_checklist
from salesdesk.metrics.line_sums import DAY_FIELDS, MIX_DIMENSIONS, day_sums, mix_sums
from salesdesk.metrics.scope import NORMAL, Scope
from salesdesk.records.bulk_insert import insert_rows
from salesdesk.records.models import (
    Customer,
    Department,
    LineAging,
    LineDay,
    LineMix,
    LinePair,
    LineProduct,
    OrderLine,
    RollupState,
)
from salesdesk.records.models.rollups import ROLLUPS
from salesdesk.records.rollup_state import orders_imported
from salesdesk.records.statistics import analyze

PRODUCT_KINDS = ("team",)
"""Department kinds whose report reads sales per rep and product (LineProduct)."""

LONGEST_TERMS = 638
"""Longer terms could leave a line of an earlier year short of 90+ at 31 December (the lines'
own grouping puts every earlier year's line in 90+ up to these terms)."""


def connect() -> None:
    """Rebuild at the end of every orders import (records/rollup_state.py sends the signal)."""
    orders_imported.connect(_rebuild_after_import, dispatch_uid="rollups.after_import")


def _rebuild_after_import(sender: type, department: Department, **kwargs: Any) -> None:
    rebuild(department)


def usable(scope: Scope) -> bool:
    """Whether the scope's figures can be read from the rollups (rebuilt first if stale)."""
    if scope.rep is not None:
        return False
    state = _state(scope.department, _newest_line(scope.department))
    if state is None:
        try:
            state = rebuild(scope.department)
        except DatabaseError:
            return False  # e.g. a read-only replica: read the lines
    return state


def rebuild(department: Department) -> bool:
    """Rebuild the department's rollups now; False when they cannot serve (see LONGEST_TERMS)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":  # one builder at a time; SQLite's IMMEDIATE is
            Department.objects.select_for_update().filter(pk=department.pk).exists()
        last_id = _newest_line(department)
        current = _state(department, last_id)
        if current is not None:
            return current
        lines = OrderLine.objects.filter(department=department)
        for model in ROLLUPS:
            model.objects.filter(department=department).delete()
        terms = _terms(department)
        serves = max(terms.values(), default=0) <= LONGEST_TERMS
        products = serves and department.kind in PRODUCT_KINDS
        if serves:
            _fill(department, lines, terms)
            if products:
                _fill_products(department, lines)
            for model in ROLLUPS:
                analyze(model._meta.db_table)
        RollupState.objects.update_or_create(
            department=department,
            defaults={"last_line_id": last_id, "serves": serves, "products": products},
        )
        return serves


def products_usable(scope: Scope) -> bool:
    """Whether the scope's sales per rep and product can be read from LineProduct: a team's
    rollups that serve always hold them (`_state` calls a team's state without them stale)."""
    return scope.department.kind in PRODUCT_KINDS and usable(scope)


def _state(department: Department, newest: int | None) -> bool | None:
    """True/False: current (and whether it serves); None: missing, built before `newest` (the
    department's newest line id) came, or without the products its kind reads (the kind was
    changed after the build)."""
    found = RollupState.objects.filter(department=department).values_list(
        "last_line_id", "serves", "products"
    )
    if not found:
        return None
    last_id, serves, products = found[0]
    if serves and department.kind in PRODUCT_KINDS and not products:
        return None
    return bool(serves) if newest == last_id else None


def _newest_line(department: Department) -> int | None:
    """The department's highest line id, from the (department_id, id) index: asked as a range
    of one department in that index's order (web/front/lookups.latest says why; MAX(id) walked
    the primary key down through a later department's 200,000 lines, 30 ms four times a report)."""
    newest = (
        OrderLine.objects.filter(department_id__gte=department.pk, department_id__lte=department.pk)
        .order_by("-department_id", "-id")
        .values_list("id", flat=True)[:1]
    )
    return next(iter(newest), None)


def _terms(department: Department) -> dict[int, int]:
    rows = Customer.objects.filter(department=department).values_list("id", "extra")
    return {pk: terms_of(extra or {}) for pk, extra in rows}


def _fill(department: Department, lines: QuerySet[OrderLine], terms: dict[int, int]) -> None:
    by_day = lines.values("date").annotate(**day_sums()).order_by()
    _insert_select(department, LineDay, by_day, ["date", *DAY_FIELDS])
    normal = lines.filter(NORMAL)
    # also by currency and checklist, which the export pack reads (metrics/kinds/export.py)
    grouping = normal.values("date", *MIX_DIMENSIONS, "currency", checklist=carries_checklist())
    mix = grouping.annotate(**mix_sums()).order_by()
    kept = ["date", *MIX_DIMENSIONS, "currency", "checklist"]
    _insert_select(
        department,
        LineMix,
        mix,
        [*kept, "amount", "quantity", "lines"],
        [*kept, "units", "qty", "n"],
    )
    _fill_pairs_and_aging(department, normal, terms)


def _fill_products(department: Department, lines: QuerySet[OrderLine]) -> None:
    named = lines.filter(NORMAL).exclude(product="").filter(rep__isnull=False)
    grouping = named.annotate(year=YearOf("date")).values("year", "rep_id", "product")
    _insert_select(
        department,
        LineProduct,
        grouping.annotate(units=MoneyUnits("amount_cny"), qty=MoneyUnits("quantity")).order_by(),
        ["year", "rep_id", "product", "amount", "quantity"],
        ["year", "rep_id", "product", "units", "qty"],
    )


class YearOf(Func):
    """A date column's year as an integer, in each database's own SQL (Django's ExtractYear
    calls a Python function per row on SQLite)."""

    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        template = "CAST(substr(%(expressions)s, 1, 4) AS INTEGER)"  # ISO text
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def _insert_select(
    department: Department,
    model: type[Any],
    grouped: QuerySet[Any, Any],
    columns: list[str],
    aliases: list[str] | None = None,
) -> None:
    """INSERT … SELECT of a grouped query: the sums never pass through Python."""
    sql, params = grouped.query.sql_with_params()
    picked = ", ".join(f"g.{connection.ops.quote_name(a)}" for a in aliases or columns)
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {_target(model, columns)} SELECT %s, {picked} FROM ({sql}) g",
            [department.pk, *params],
        )


def _fill_pairs_and_aging(
    department: Department, normal: QuerySet[OrderLine], terms: dict[int, int]
) -> None:
    """From one grouped read of the non-cancelled lines per customer, rep and day: each year's
    sums per customer and rep, and per customer and aging bucket at that year's 31 December.
    An order counts once per day it has lines on, as in the sales figures (DAY_FIELDS)."""
    per_day = normal.values_list("customer_id", "rep_id", "date").annotate(
        units=MoneyUnits("amount_cny"), n=Count("id"), orders=Count("order_no", distinct=True)
    )
    pairs: dict[tuple[int, int | None, int | None], list[Any]] = {}
    aging: dict[tuple[int, int | None, str], int] = defaultdict(int)
    for customer, rep, day, units, n, orders in per_day.order_by():
        units = units or 0
        key = (day.year, customer, rep)
        sums = pairs.get(key)
        if sums is None:
            pairs[key] = [units, n, orders, day, day]
        else:
            sums[0] += units
            sums[1] += n
            sums[2] += orders
            sums[3] = min(sums[3], day)
            sums[4] = max(sums[4], day)
        days = terms.get(customer, DEFAULT_TERMS_DAYS)  # None (no customer) too
        aging[(day.year, customer, bucket_of(day, date(day.year, 12, 31), days))] += units
    insert_rows(
        _target(
            LinePair,
            ["year", "customer_id", "rep_id", "amount", "lines", "orders", "first", "last"],
        ),
        [(department.pk, *key, *sums) for key, sums in pairs.items()],
    )
    insert_rows(
        _target(LineAging, ["year", "customer_id", "bucket", "amount"]),
        [(department.pk, *key, units) for key, units in aging.items()],
    )


def _target(model: type[Any], columns: list[str]) -> str:
    """`table (department_id, columns…)` of a rollup."""
    names = ", ".join(connection.ops.quote_name(c) for c in ["department_id", *columns])
    return f"{model._meta.db_table} ({names})"
