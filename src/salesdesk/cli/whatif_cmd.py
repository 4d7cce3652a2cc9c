"""`salesdesk whatif fob`: the FOB price that keeps the CNY margin after an FX and rebate change."""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import click

from salesdesk.cli.main import cli
from salesdesk.cli.options import lang_option
from salesdesk.ingest.problems import ValueProblem
from salesdesk.ingest.values import parse_decimal
from salesdesk.planning.whatif import DEFAULT_VAT, RetailRow, WhatIf, WhatIfError, fob_whatif

CENT = Decimal("0.01")
RATIO = Decimal("0.0001")
_RANGE_SEPARATOR = re.compile(r"\s*(?:\.\.|~|～|-|–|—|到)\s*")


class DecimalType(click.ParamType):
    """A number as people write it: 7.0, 6.5, 11%, 0.11, 1,234."""

    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Decimal):
            return value
        try:
            number = parse_decimal(str(value))
        except ValueProblem as problem:
            self.fail(problem.reason_zh + " / " + problem.reason_en, param, ctx)
        if number is None:
            self.fail("需要一个数字 / a number is needed", param, ctx)
        return number


class MarkupType(click.ParamType):
    """A markup range: 3..8 (also 3-8, 3~8), or one multiple: 5."""

    name = "low..high"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, tuple):
            return value
        parts = _RANGE_SEPARATOR.split(str(value).strip())
        if len(parts) not in (1, 2):
            self.fail(f"{value!r}：应写成 3..8 / expected low..high, e.g. 3..8", param, ctx)
        low, high = (NUMBER.convert(part, param, ctx) for part in (parts[0], parts[-1]))
        return (low, high)


NUMBER = DecimalType()


@cli.group("whatif")
def whatif_group() -> None:
    """假设分析：汇率、出口退税变化后，报价要怎么调（不读写数据库）。"""


@whatif_group.command("fob")
@click.option("--cost", type=NUMBER, required=True, help="每单位成本（人民币，含增值税）。")
@click.option("--fob", type=NUMBER, help="原 FOB 单价（外币）；与 --margin 二选一。")
@click.option(
    "--margin", type=NUMBER, help="原毛利率（占人民币收入，如 0.2 或 20%）；与 --fob 二选一。"
)
@click.option("--fx-from", type=NUMBER, required=True, help="原汇率（1 外币 = ? 元）。")
@click.option(
    "--fx-to", type=NUMBER, required=True, help="新汇率（人民币升值 7%：原汇率 ÷ 1.07）。"
)
@click.option("--rebate-from", type=NUMBER, required=True, help="原出口退税率（如 0.11 或 11%）。")
@click.option("--rebate-to", type=NUMBER, required=True, help="新出口退税率（如 0.05 或 5%）。")
@click.option("--vat", type=NUMBER, default=str(DEFAULT_VAT), show_default=True, help="增值税率。")
@click.option(
    "--markup",
    type=MarkupType(),
    default="3..8",
    show_default=True,
    help="国外零售价 = FOB × 倍数；倍数范围。",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出格式。",
)
@lang_option
def fob_command(
    cost: Decimal,
    fob: Decimal | None,
    margin: Decimal | None,
    fx_from: Decimal,
    fx_to: Decimal,
    rebate_from: Decimal,
    rebate_to: Decimal,
    vat: Decimal,
    markup: tuple[Decimal, Decimal],
    fmt: str,
    lang: str,
) -> None:
    """保持每单位人民币毛利不变的新 FOB 价，以及国外零售价要涨多少（模型见 docs/pricing.md）。

    \b
    例：人民币升值 7%、出口退税率从 11% 降到 5%：
      salesdesk whatif fob --cost 100 --fob 20 --fx-from 7.0 --fx-to 6.5421 \\
          --rebate-from 11% --rebate-to 5%
    """
    try:
        result = fob_whatif(
            cost, fx_from, fx_to, rebate_from, rebate_to, vat, markup, margin=margin, fob=fob
        )
    except WhatIfError as error:
        raise click.UsageError(error.message(lang)) from None
    if fmt == "json":
        click.echo(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(text_lines(result, lang)))


# --------------------------------------------------------------------------------------------
# Rendering: money rounded half-up to 0.01, ratios to four places (as in the report facts)


def money(value: Decimal) -> float:
    return float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def ratio(value: Decimal) -> float:
    return float(value.quantize(RATIO, rounding=ROUND_HALF_UP))


def as_json(result: WhatIf) -> dict[str, Any]:
    return {
        "inputs": {
            "cost": money(result.cost),
            "vat": ratio(result.vat),
            "fx_from": float(result.fx_from),
            "fx_to": float(result.fx_to),
            "rebate_from": ratio(result.rebate_from),
            "rebate_to": ratio(result.rebate_to),
        },
        "refund_from": money(result.refund_from),
        "refund_to": money(result.refund_to),
        "margin": money(result.margin),
        "margin_rate_from": ratio(result.margin_rate_from),
        "margin_rate_to": ratio(result.margin_rate_to),
        "fob_from": money(result.fob_from),
        "fob_to": money(result.fob_to),
        "fob_change": ratio(result.fob_change),
        "retail": [_retail_json(row) for row in result.retail],
    }


def _retail_json(row: RetailRow) -> dict[str, float]:
    return {
        "markup": float(row.markup),
        "old": money(row.old),
        "new": money(row.new),
        "change": money(row.change),
        "change_of_fob": ratio(row.change_of_fob),
        "change_of_retail": ratio(row.change_of_retail),
    }


def _m(value: Decimal) -> str:
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,}"


def _pct(value: Decimal, sign: bool = False) -> str:
    shown = (value * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{shown:+}%" if sign else f"{shown}%"


def _k(value: Decimal) -> str:
    return f"{value.normalize():f}×"


def _right(text: str, width: int = 14) -> str:
    """Right-align in a terminal, where a Chinese character takes two columns."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return " " * max(width - len(text) - wide, 1) + text


LABELS = {
    "zh": {
        "title": "FOB 测算（保持每单位人民币毛利不变）",
        "cost": "成本（元，含增值税）",
        "fx": "汇率（1 外币 = 元）",
        "rebate": "出口退税率",
        "vat": "增值税率",
        "refund": "每单位退税（元）",
        "margin": "每单位毛利（元）",
        "rate": "毛利率",
        "fob": "FOB 单价",
        "retail": "国外零售价 = FOB × 倍数（外币/单位）",
        "head": ("倍数", "原零售价", "新零售价", "每单位涨价", "占原 FOB", "占原零售价"),
        "note": (
            "零售价按 FOB 的倍数定价时，FOB 上涨 {fob}，零售价也上涨 {fob}；"
            "“零售价要涨 {low}–{high}”是把零售价的涨价额折算为原 FOB 的百分比"
            "（倍数 × FOB 涨幅，如 3 × 5% = 15%、8 × 5% = 40%）。"
        ),
    },
    "en": {
        "title": "FOB what-if (CNY margin per unit held)",
        "cost": "Cost (CNY, VAT included)",
        "fx": "FX (CNY per unit of currency)",
        "rebate": "Export VAT rebate",
        "vat": "VAT rate",
        "refund": "Rebate per unit (CNY)",
        "margin": "Margin per unit (CNY)",
        "rate": "margin rate",
        "fob": "FOB price",
        "retail": "Retail abroad = FOB × markup (currency per unit)",
        "head": ("markup", "old retail", "new retail", "change", "of old FOB", "of old retail"),
        "note": (
            "A retail price set as a multiple of FOB rises by the FOB's {fob}; "
            '"retail must rise {low}–{high}" measures the retail increase against the old FOB '
            "(markup × FOB rise, e.g. 3 × 5% = 15%, 8 × 5% = 40%)."
        ),
    },
}


def text_lines(result: WhatIf, lang: str = "zh") -> list[str]:
    t: dict[str, Any] = LABELS["en" if lang == "en" else "zh"]
    lines = [
        t["title"],
        f"  {t['cost']}: {_m(result.cost)}",
        f"  {t['fx']}: {result.fx_from} → {result.fx_to}",
        f"  {t['rebate']}: {_pct(result.rebate_from)} → {_pct(result.rebate_to)}"
        f"  ({t['vat']} {_pct(result.vat)})",
        f"  {t['refund']}: {_m(result.refund_from)} → {_m(result.refund_to)}",
        f"  {t['margin']}: {_m(result.margin)}"
        f"  ({t['rate']} {_pct(result.margin_rate_from)} → {_pct(result.margin_rate_to)})",
        f"  {t['fob']}: {_m(result.fob_from)} → {_m(result.fob_to)}"
        f"  ({_pct(result.fob_change, sign=True)})",
        "",
        t["retail"],
        "  " + "".join(_right(h) for h in t["head"]),
    ]
    for row in result.retail:
        cells = (
            _k(row.markup),
            _m(row.old),
            _m(row.new),
            f"{row.change.quantize(CENT, rounding=ROUND_HALF_UP):+,}",
            _pct(row.change_of_fob, sign=True),
            _pct(row.change_of_retail, sign=True),
        )
        lines.append("  " + "".join(_right(c) for c in cells))
    first, last = result.retail[0], result.retail[-1]
    note = t["note"].format(
        fob=_pct(result.fob_change, sign=True),
        low=_pct(first.change_of_fob, sign=True),
        high=_pct(last.change_of_fob, sign=True),
    )
    return [*lines, "", note]
