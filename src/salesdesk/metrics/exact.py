"""Exact money sums on every database.

SQLite stores a Django DecimalField with NUMERIC affinity, i.e. as a binary
double, so SUM() there would add floats. Money is stored with four decimals,
so each value times 10,000 rounds back to an exact integer; summing those
integers is exact, and `units_to_money` turns the result back into a Decimal.
PostgreSQL's numeric is exact already; the same units keep one code path.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Aggregate, BigIntegerField, Expression, F

SCALE = 10_000


class MoneyUnits(Aggregate):
    """SUM(money) in 1/10,000 units, as an exact integer (None over no rows)."""

    function = "SUM"
    name = "MoneyUnits"
    output_field = BigIntegerField()

    def __init__(self, expression: str | Expression, **extra: Any) -> None:
        super().__init__(F(expression) if isinstance(expression, str) else expression, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="SUM(CAST(ROUND(%(expressions)s * 10000) AS INTEGER))",
            **extra_context,
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(SUM(%(expressions)s) * 10000 AS BIGINT)",
            **extra_context,
        )


def units_to_money(units: int | None) -> Decimal:
    """Back from units to a Decimal with four places; no rows sum to 0 (a total, not a ratio)."""
    return Decimal(units or 0).scaleb(-4).quantize(Decimal("0.0001"))
