"""Exact money sums on every database.

SQLite stores a Django DecimalField with NUMERIC affinity, i.e. as a binary
double, so SUM() there would add floats. Money is stored with four decimals,
so each value times 10,000 rounds back to an exact integer; summing those
integers is exact, and `units_to_money` turns the result back into a Decimal.
PostgreSQL's numeric is exact already; the same units keep one code path.

The same holds for any column stored with four decimals (quantities too).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Aggregate, BigIntegerField, Case, Expression, F, When

SCALE = 10_000


class MoneyUnits(Aggregate):
    """SUM(money) in 1/10,000 units, as an exact integer (None over no rows).

    `filter=Q(...)` sums only the matching rows: ``FILTER (WHERE …)`` on SQLite;
    on PostgreSQL the SUM sits inside a CAST, where a FILTER clause would not
    be valid, so the filter becomes ``SUM(CASE WHEN … THEN x END)`` (SUM skips
    the NULLs of unmatched rows; the result is the same).
    """

    function = "SUM"
    name = "MoneyUnits"
    output_field = BigIntegerField()

    def __init__(self, expression: str | Expression, **extra: Any) -> None:
        source: Any = F(expression) if isinstance(expression, str) else expression
        super().__init__(source, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        clone = self.copy()
        clone.template = "SUM(CAST(ROUND(%(expressions)s * 10000) AS INTEGER))"
        return super(MoneyUnits, clone).as_sql(compiler, connection, **extra_context)

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        clone = self.copy()
        if self.filter is not None:
            clone.filter = None
            source = clone.get_source_expressions()
            clone.set_source_expressions([Case(When(self.filter, then=source[0])), *source[1:]])
        clone.template = "CAST(SUM(%(expressions)s) * 10000 AS BIGINT)"
        return super(MoneyUnits, clone).as_sql(compiler, connection, **extra_context)


FOUR_PLACES = Decimal("0.0001")
NO_MONEY = Decimal(0).scaleb(-4)  # 0.0000: half of a department's customer × rep sums


def units_to_money(units: int | None) -> Decimal:
    """Back from units to a Decimal with four places; no rows sum to 0 (a total, not a ratio)."""
    if not units:
        return NO_MONEY
    money = Decimal(units).scaleb(-4)
    # an integer's Decimal has exponent 0, so it already has four places: quantize only others
    return money if isinstance(units, int) else money.quantize(FOUR_PLACES)
