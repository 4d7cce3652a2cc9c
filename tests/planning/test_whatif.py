"""fob_whatif against values worked out by hand (docs/pricing.md has the same examples).

Cost 113 CNY with 13% VAT is 100 CNY before VAT, so a rebate rate r refunds exactly 100 × r:
11 CNY at 11%, 5 CNY at 5%. That keeps every hand calculation in whole numbers.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields
from decimal import Decimal
from typing import Any

import pytest

from salesdesk.planning.whatif import WhatIf, WhatIfError, fob_whatif, markups

D = Decimal


def whatif(**changes: Any) -> WhatIf:
    arguments: dict[str, Any] = {
        "cost": D(113),
        "fx_from": D(7),
        "fx_to": D("6.4"),
        "rebate_from": D("0.11"),
        "rebate_to": D("0.05"),
        "fob": D(20),
    }
    arguments.update(changes)
    return fob_whatif(**arguments)


def test_fx_and_rebate_change() -> None:
    # margin = 20 × 7 − 113 + 11 = 38 CNY; new FOB = (38 + 113 − 5) / 6.4 = 146 / 6.4 = 22.8125
    result = whatif()
    assert (result.refund_from, result.refund_to) == (D(11), D(5))
    assert result.margin == D(38)
    assert result.fob_to == D("22.8125")
    assert result.fob_change == D("0.140625")  # 22.8125 / 20 − 1
    assert result.margin_rate_from == D(38) / D(140)
    assert result.margin_rate_to == D(38) / D(146)  # 22.8125 × 6.4 = 146 CNY of revenue


def test_retail_rows_give_both_readings() -> None:
    rows = {row.markup: row for row in whatif().retail}
    assert list(rows) == [D(3), D(4), D(5), D(6), D(7), D(8)]
    low, high = rows[D(3)], rows[D(8)]
    # 3 × 20 = 60 → 3 × 22.8125 = 68.4375; 8 × 20 = 160 → 182.5
    assert (low.old, low.new, low.change) == (D(60), D("68.4375"), D("8.4375"))
    assert (high.old, high.new, high.change) == (D(160), D("182.5"), D("22.5"))
    assert low.change_of_fob == D("0.421875")  # 8.4375 / 20 = 3 × 14.0625%
    assert high.change_of_fob == D("1.125")  # 22.5 / 20 = 8 × 14.0625%
    assert {row.change_of_retail for row in rows.values()} == {D("0.140625")}


def test_the_seed_five_percent_fob_rise() -> None:
    """The seed: "FOB +5% → retail +15% to 40%". A rebate cut alone (11% → 5%, fx 6) moves
    FOB from 20 to 21: (20 × 6 − 113 + 11 + 113 − 5) / 6 = 126 / 6 = 21."""
    result = whatif(fx_from=D(6), fx_to=D(6))
    assert (result.fob_to, result.fob_change) == (D(21), D("0.05"))
    rows = {row.markup: row for row in result.retail}
    assert (rows[D(3)].old, rows[D(3)].new) == (D(60), D(63))
    assert (rows[D(8)].old, rows[D(8)].new) == (D(160), D(168))
    assert (rows[D(3)].change_of_fob, rows[D(8)].change_of_fob) == (D("0.15"), D("0.40"))
    assert (rows[D(3)].change_of_retail, rows[D(8)].change_of_retail) == (D("0.05"), D("0.05"))


def test_old_fob_from_a_margin_rate() -> None:
    # 20% of revenue: FOB × 7 × 0.8 = 113 − 11 = 102 → FOB = 127.5 / 7, margin 0.2 × 127.5 = 25.5
    result = whatif(fob=None, margin=D("0.2"))
    assert result.fob_from == D("127.5") / D(7)
    assert result.margin.quantize(D("1E-20")) == D("25.5")
    # new FOB = (25.5 + 113 − 5) / 6.4 = 133.5 / 6.4 = 20.859375
    assert result.fob_to.quantize(D("1E-20")) == D("20.859375")
    assert result.margin_rate_from.quantize(D("1E-20")) == D("0.2")


def test_nothing_changes_nothing() -> None:
    result = whatif(fx_to=D(7), rebate_to=D("0.11"))
    assert (result.fob_to, result.fob_change) == (D(20), D(0))
    assert {row.change for row in result.retail} == {D(0)}


def test_appreciation_alone_raises_fob_by_the_fx_ratio() -> None:
    # RMB +7%: fx 7 → 7 / 1.07; with the rebate unchanged FOB' × fx' = FOB × fx, so FOB × 1.07
    result = whatif(fx_to=D(7) / D("1.07"), rebate_to=D("0.11"))
    assert result.fob_to.quantize(D("0.0001")) == D("21.4000")


def test_vat_changes_the_refund() -> None:
    # cost 117 at 17% VAT is 100 before VAT: the refunds are still 11 and 5
    result = whatif(cost=D(117), vat=D("0.17"))
    assert (result.refund_from, result.refund_to) == (D(11), D(5))
    assert result.margin == D(34)  # 140 − 117 + 11
    assert result.fob_to == (D(34) + D(117) - D(5)) / D("6.4")


def test_markup_ranges() -> None:
    assert markups(D(3), D(8)) == [D(3), D(4), D(5), D(6), D(7), D(8)]
    assert markups(D("2.5"), D(4)) == [D("2.5"), D(3), D(4)]
    assert markups(D("2.5"), D("4.5")) == [D("2.5"), D(3), D(4), D("4.5")]
    assert markups(D(5), D(5)) == [D(5)]
    rows = whatif(markup=(D("2.5"), D(3))).retail
    assert [(row.markup, row.old) for row in rows] == [(D("2.5"), D(50)), (D(3), D(60))]


def test_everything_is_decimal_and_frozen() -> None:
    result = whatif()
    for name in ("fob_change", "margin_rate_from", "margin_rate_to"):
        assert isinstance(getattr(result, name), Decimal)
    for f in fields(result):
        value = getattr(result, f.name)
        assert isinstance(value, Decimal) or f.name == "retail"
    for row in result.retail:
        assert all(isinstance(getattr(row, f.name), Decimal) for f in fields(row))
    with pytest.raises(FrozenInstanceError):
        result.fob_to = D(1)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "english"),
    [
        ({"fob": None}, "give the old FOB price or the old margin rate"),
        ({"margin": D("0.2")}, "not both"),
        ({"fob": None, "margin": D(1)}, "below 100%"),
        ({"fob": D(0)}, "FOB price must be above 0"),
        ({"cost": D(0)}, "cost must be above 0"),
        ({"fx_to": D(0)}, "exchange rates must be above 0"),
        ({"rebate_to": D("0.14")}, "from 0 to the VAT rate"),
        ({"rebate_from": D("-0.01")}, "from 0 to the VAT rate"),
        ({"vat": D(1)}, "VAT rate must be from 0 to 100%"),
        ({"markup": (D(8), D(3))}, "markups must be positive"),
        ({"markup": (D(0), D(3))}, "markups must be positive"),
        # rebate 0 → 13% adds 13 CNY, more than the old revenue of 1 × 1: FOB' = (1 − 13) / 6.4
        (
            {"fob": D(1), "fx_from": D(1), "rebate_from": D(0), "rebate_to": D("0.13")},
            "even a zero FOB price keeps the old margin",
        ),
    ],
)
def test_refusals(changes: dict[str, Any], english: str) -> None:
    with pytest.raises(WhatIfError) as caught:
        whatif(**changes)
    assert english in caught.value.message("en")
    assert caught.value.message("zh") != caught.value.message("en")


def test_docs_pricing_example_two() -> None:
    """docs/pricing.md: RMB +7% (7.00 → 6.5421) and rebate 11% → 5% on cost 100, FOB 20."""
    result = whatif(cost=D(100), fx_to=D("6.5421"))
    cent, four = D("0.01"), D("0.0001")
    assert result.refund_from.quantize(cent) == D("9.73")
    assert result.refund_to.quantize(cent) == D("4.42")
    assert result.margin.quantize(cent) == D("49.73")
    assert result.fob_to.quantize(cent) == D("22.21")
    assert result.fob_change.quantize(four) == D("0.1106")
    fx_part = D(20) * D(7) / D("6.5421")
    rebate_part = (result.refund_from - result.refund_to) / D("6.5421")
    assert (fx_part.quantize(cent), rebate_part.quantize(cent)) == (D("21.40"), D("0.81"))
    assert (result.fob_to - fx_part - rebate_part).copy_abs() < D("1E-20")  # 28-digit context
    low, high = result.retail[0], result.retail[-1]
    assert (low.new.quantize(cent), high.new.quantize(cent)) == (D("66.63"), D("177.69"))
    assert (low.change_of_fob.quantize(four), high.change_of_fob.quantize(four)) == (
        D("0.3317"),
        D("0.8846"),
    )
