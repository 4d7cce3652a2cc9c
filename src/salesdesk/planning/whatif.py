"""Export pricing what-if: the FOB price that keeps the CNY margin after an FX and rebate change.

The model (docs/pricing.md, with worked examples), per unit sold:

* ``cost`` — what the exporter pays in CNY, VAT included;
* export VAT rebate (出口退税) — ``cost × rebate / (1 + vat)``: the rebate rate applies to the
  cost without VAT, and is refunded in CNY;
* CNY margin — ``m = FOB × fx − cost + cost × rebate / (1 + vat)``, where ``fx`` is CNY per unit
  of the foreign currency the FOB price is quoted in;
* the new FOB keeps ``m``: ``FOB' = (m + cost − cost × rebate' / (1 + vat)) / fx'``;
* retail abroad is priced as a multiple of FOB: ``retail = FOB × markup``.

A retail price that is a multiple of FOB rises by the same percentage as FOB; the rise in money,
``markup × (FOB' − FOB)``, is ``markup`` times the FOB rise. Measured against the old FOB that is
the export seed's "FOB +5% → retail +15% to 40%" (3 × 5%, 8 × 5%); measured against the old
retail price it is 5%. Both readings are returned for every markup.

Everything is Decimal; nothing is rounded here (renderers round for display).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ONE = Decimal(1)
DEFAULT_VAT = Decimal("0.13")
DEFAULT_MARKUP = (Decimal(3), Decimal(8))


class WhatIfError(ValueError):
    """Inputs the model cannot price; the reason in Chinese and English."""

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_zh)
        self.reason_zh = reason_zh
        self.reason_en = reason_en

    def message(self, lang: str = "zh") -> str:
        return self.reason_en if lang == "en" else self.reason_zh


@dataclass(frozen=True)
class RetailRow:
    """Retail abroad at one markup (in the FOB currency, per unit), before and after."""

    markup: Decimal
    old: Decimal  # markup × old FOB
    new: Decimal  # markup × new FOB
    change: Decimal  # new − old
    change_of_fob: Decimal  # change / old FOB: the seed's reading (3 × 5% = 15%)
    change_of_retail: Decimal  # change / old retail: equals the FOB change


@dataclass(frozen=True)
class WhatIf:
    cost: Decimal  # CNY per unit, VAT included
    vat: Decimal
    fx_from: Decimal  # CNY per unit of the FOB currency
    fx_to: Decimal
    rebate_from: Decimal  # export VAT rebate rate
    rebate_to: Decimal
    refund_from: Decimal  # CNY rebate per unit
    refund_to: Decimal
    margin: Decimal  # CNY per unit, the same before and after
    fob_from: Decimal
    fob_to: Decimal
    retail: tuple[RetailRow, ...]

    @property
    def fob_change(self) -> Decimal:
        """FOB' / FOB − 1."""
        return self.fob_to / self.fob_from - ONE

    @property
    def margin_rate_from(self) -> Decimal:
        """The margin as a share of the CNY revenue (FOB × fx), before."""
        return self.margin / (self.fob_from * self.fx_from)

    @property
    def margin_rate_to(self) -> Decimal:
        return self.margin / (self.fob_to * self.fx_to)


def rebate_refund(cost: Decimal, rebate: Decimal, vat: Decimal) -> Decimal:
    """CNY refunded per unit: the rebate rate applies to the cost without VAT."""
    return cost * rebate / (ONE + vat)


def unit_margin(fob: Decimal, fx: Decimal, cost: Decimal, refund: Decimal) -> Decimal:
    """CNY margin per unit = FOB × fx − cost + rebate refund."""
    return fob * fx - cost + refund


def fob_for_margin(margin: Decimal, fx: Decimal, cost: Decimal, refund: Decimal) -> Decimal:
    """The FOB price at which ``unit_margin`` equals ``margin``."""
    return (margin + cost - refund) / fx


def fob_for_margin_rate(rate: Decimal, fx: Decimal, cost: Decimal, refund: Decimal) -> Decimal:
    """The FOB price whose margin is ``rate`` of its CNY revenue: m = rate × FOB × fx."""
    return (cost - refund) / (fx * (ONE - rate))


def fob_whatif(
    cost: Decimal,
    fx_from: Decimal,
    fx_to: Decimal,
    rebate_from: Decimal,
    rebate_to: Decimal,
    vat: Decimal = DEFAULT_VAT,
    markup: tuple[Decimal, Decimal] = DEFAULT_MARKUP,
    margin: Decimal | None = None,
    fob: Decimal | None = None,
) -> WhatIf:
    """Price the change. Give the old FOB (``fob``) or the old margin rate (``margin``, a
    fraction of CNY revenue), not both; raises WhatIfError for inputs with no meaningful price.
    """
    _check(cost, fx_from, fx_to, rebate_from, rebate_to, vat, markup)
    refund_from = rebate_refund(cost, rebate_from, vat)
    refund_to = rebate_refund(cost, rebate_to, vat)
    fob_from = _old_fob(cost, fx_from, refund_from, margin, fob)
    held = unit_margin(fob_from, fx_from, cost, refund_from)
    fob_to = fob_for_margin(held, fx_to, cost, refund_to)
    if fob_to <= 0:
        raise WhatIfError(
            "按新的汇率和退税率，FOB 即使为 0 毛利也不低于原来（退税的增加超过了原来的全部收入），"
            "算不出有意义的价格",
            "at the new rates even a zero FOB price keeps the old margin (the rebate rise exceeds "
            "the old revenue): there is no meaningful price",
        )
    return WhatIf(
        cost=cost,
        vat=vat,
        fx_from=fx_from,
        fx_to=fx_to,
        rebate_from=rebate_from,
        rebate_to=rebate_to,
        refund_from=refund_from,
        refund_to=refund_to,
        margin=held,
        fob_from=fob_from,
        fob_to=fob_to,
        retail=tuple(retail_row(k, fob_from, fob_to) for k in markups(*markup)),
    )


def retail_row(markup: Decimal, fob_from: Decimal, fob_to: Decimal) -> RetailRow:
    old, new = markup * fob_from, markup * fob_to
    return RetailRow(markup, old, new, new - old, (new - old) / fob_from, (new - old) / old)


def markups(low: Decimal, high: Decimal) -> list[Decimal]:
    """low, every whole multiple between, and high: (3, 8) → 3, 4, 5, 6, 7, 8."""
    steps = [Decimal(k) for k in range(int(low) + 1, int(high) + 1) if low < k < high]
    return [low, *steps, high] if high != low else [low]


def _old_fob(
    cost: Decimal, fx: Decimal, refund: Decimal, margin: Decimal | None, fob: Decimal | None
) -> Decimal:
    if margin is None and fob is None:
        raise WhatIfError(
            "请给出原 FOB 价格或原毛利率（二者选一）",
            "give the old FOB price or the old margin rate",
        )
    if margin is not None and fob is not None:
        raise WhatIfError(
            "原 FOB 价格和原毛利率只能给一个（另一个由模型算出）",
            "give the old FOB price or the old margin rate, not both (the model derives the other)",
        )
    if fob is not None:
        if fob <= 0:
            raise WhatIfError("FOB 价格应大于 0", "the FOB price must be above 0")
        return fob
    assert margin is not None
    if margin >= ONE:
        raise WhatIfError("毛利率应小于 100%", "the margin rate must be below 100%")
    return fob_for_margin_rate(margin, fx, cost, refund)


def _check(
    cost: Decimal,
    fx_from: Decimal,
    fx_to: Decimal,
    rebate_from: Decimal,
    rebate_to: Decimal,
    vat: Decimal,
    markup: tuple[Decimal, Decimal],
) -> None:
    if cost <= 0:
        raise WhatIfError("成本应大于 0", "the cost must be above 0")
    if fx_from <= 0 or fx_to <= 0:
        raise WhatIfError("汇率应大于 0", "exchange rates must be above 0")
    if not ONE > vat >= 0:
        raise WhatIfError("增值税率应在 0 到 100% 之间", "the VAT rate must be from 0 to 100%")
    for rate in (rebate_from, rebate_to):
        if not vat >= rate >= 0:
            raise WhatIfError(
                f"退税率 {rate} 应在 0 到增值税率 {vat} 之间",
                f"the rebate rate {rate} must be from 0 to the VAT rate {vat}",
            )
    low, high = markup
    if not 0 < low <= high:
        raise WhatIfError(
            "加价倍数应为正数，且下限不大于上限（如 3..8）",
            "markups must be positive, low to high (e.g. 3..8)",
        )
