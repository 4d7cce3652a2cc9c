"""How figures read in a finding: ¥1,234,567.89, 68.10%, 2,600 — real numbers, never "——"."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def yuan(amount: Decimal | None) -> str:
    """Money rounded half-up to the fen: ¥1,234,567.89 (negative: -¥1,234.00)."""
    if amount is None:
        return "n/a"
    q = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    return f"-¥{-q:,.2f}" if q < 0 else f"¥{q:,.2f}"


def pct(ratio: Decimal | None) -> str:
    """A fraction as a percentage with two decimals: 0.681 → 68.10%."""
    if ratio is None:
        return "n/a"
    return f"{(ratio * 100).quantize(CENT, rounding=ROUND_HALF_UP):,.2f}%"


def num(value: Decimal | int | None, places: int = 2) -> str:
    """A plain number with thousands separators, rounded half-up."""
    if value is None:
        return "n/a"
    if isinstance(value, int):
        return f"{value:,}"
    step = Decimal(1).scaleb(-places)
    return f"{value.quantize(step, rounding=ROUND_HALF_UP):,.{places}f}"


def listing(items: list[str] | tuple[str, ...], limit: int = 5, sep: str = "、") -> str:
    """The first few items, and how many more: A、B、C 等 7 项."""
    shown = sep.join(items[:limit])
    more = len(items) - limit
    return f"{shown}{sep}…(+{more})" if more > 0 else shown
