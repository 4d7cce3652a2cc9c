"""Order lines summed in advance, so a report reads thousands of rows instead of millions.

Kept by `salesdesk.metrics.rollups`: rebuilt from the lines when a report needs them and they
are not current; any write to a department's order lines or customers (an import, a save or a
deletion through the ORM) drops its `RollupState`, which is what "current" means. Money and
quantities are exact integers in 1/10,000 (`metrics.exact`). Customer and rep ids are plain
numbers, not foreign keys: the rows are derived and go with their department.
"""

from __future__ import annotations

from django.db import models

from salesdesk.records.models.base import Department


class RollupState(models.Model):
    """The department's rollups are current: built after the last write, up to this line id."""

    department = models.OneToOneField(Department, on_delete=models.CASCADE)
    built_at = models.DateTimeField(auto_now=True)
    last_line_id = models.BigIntegerField(null=True)
    serves = models.BooleanField(default=True)  # False: the lines must be read (see metrics)
    products = models.BooleanField(default=False)  # LineProduct built too (team departments)


class LineDay(models.Model):
    """One day's order lines: what `metrics.sales.load_days` reads (money in units)."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, db_index=False)
    date = models.DateField()
    gross = models.BigIntegerField(null=True)
    orders = models.IntegerField()
    returns = models.BigIntegerField(null=True)
    cancelled_orders = models.IntegerField()
    delivered = models.IntegerField()
    on_time = models.IntegerField()
    late = models.BigIntegerField(null=True)
    mismatched = models.IntegerField()
    cover_lines = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "date"], name="lineday_key")]


class LineMix(models.Model):
    """One day's non-cancelled lines by order type, channel, category, unit, currency and
    whether they carry the export checklist (what the export pack reads)."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, db_index=False)
    date = models.DateField()
    order_type = models.CharField(max_length=20)
    channel = models.CharField(max_length=100)
    category = models.CharField(max_length=200)
    unit = models.CharField(max_length=20)
    currency = models.CharField(max_length=3, default="")
    checklist = models.BooleanField(default=False)
    amount = models.BigIntegerField(null=True)
    quantity = models.BigIntegerField(null=True)
    lines = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["department", "date"], name="linemix_dept_date")]


class LinePair(models.Model):
    """One year's non-cancelled lines of one customer and rep."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, db_index=False)
    year = models.IntegerField()
    customer_id = models.BigIntegerField(null=True)
    rep_id = models.BigIntegerField(null=True)
    amount = models.BigIntegerField(null=True)
    lines = models.IntegerField()
    orders = models.IntegerField()
    first = models.DateField()
    last = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["department", "year"], name="linepair_dept_year")]


class LineAging(models.Model):
    """One year's non-cancelled lines of one customer by aging bucket at 31 December of that
    year, with the customer's terms at the time of the build."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, db_index=False)
    year = models.IntegerField()
    customer_id = models.BigIntegerField(null=True)
    bucket = models.CharField(max_length=10)
    amount = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["department", "year"], name="lineaging_dept_year")]


class LineProduct(models.Model):
    """One year's non-cancelled lines of one rep and product, those naming both (what a team
    department's price index reads: metrics/kinds/team_measures.product_sales)."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, db_index=False)
    year = models.IntegerField()
    rep_id = models.BigIntegerField()
    product = models.CharField(max_length=300)
    amount = models.BigIntegerField(null=True)
    quantity = models.BigIntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["department", "year"], name="lineproduct_dept_year")]


ROLLUPS = (LineDay, LineMix, LinePair, LineAging, LineProduct)
"""The rollup tables (RollupState says whether they are current)."""
