"""Display formatting for the annual summary: the only place where figures are rounded.

The summary keeps money as exact Decimals and ratios as fractions; this module turns them into
the words and numbers people read.  Money is rounded half-up to 0.01 (the way accountants round,
not banker's rounding), ratios are shown as percentages with two decimals, and a figure that has
no value is said in words ("无数据" / "not available"), never with a blank placeholder such as
"——", "XX" or "20xx".
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from salesdesk.report.summary import Figure

__all__ = [
    "LANGS",
    "UnsupportedLanguage",
    "amount",
    "by_unit",
    "change",
    "check_lang",
    "count",
    "day",
    "days",
    "figure_value",
    "label",
    "missing",
    "money",
    "month",
    "month_short",
    "number",
    "percent",
    "period",
    "quantity",
    "round_money",
    "round_quantity",
    "signed_percent",
    "timestamp",
    "unit_name",
]

LANGS = ("zh", "en")
_CENT = Decimal("0.01")
_MISSING = {"zh": "无数据", "en": "not available"}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_UNITS: dict[str, tuple[str, str]] = {
    "pcs": ("件", "pcs"),
    "m3": ("方", "m³"),
    "room_night": ("间夜", "room-nights"),
    "cover": ("位", "covers"),
    "card": ("张", "cards"),
    "box": ("箱", "cartons"),
    "set": ("套", "sets"),
    "kg": ("公斤", "kg"),
    "t": ("吨", "t"),
}

Number = Decimal | int


class UnsupportedLanguage(ValueError):
    """A language other than "zh" or "en" was asked for."""

    def __init__(self, lang: str) -> None:
        super().__init__(f"unsupported language {lang!r}; use 'zh' or 'en'")
        self.lang = lang


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is supported; otherwise raise rather than fall back silently."""
    if lang not in LANGS:
        raise UnsupportedLanguage(lang)
    return lang


def missing(lang: str) -> str:
    """The words for a figure that has no value."""
    return _MISSING[check_lang(lang)]


def round_money(value: Number) -> Decimal:
    """Money rounded half-up to the cent (1.005 → 1.01)."""
    return Decimal(value).quantize(_CENT, rounding=ROUND_HALF_UP)


def round_quantity(value: Number) -> Decimal:
    """A quantity rounded half-up to two decimals, trailing zeros dropped (12.50 → 12.5)."""
    rounded = Decimal(value).quantize(_CENT, rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return rounded.quantize(Decimal(1))
    return rounded.normalize()


def amount(value: Number | None, lang: str = "zh") -> str:
    """Money without a currency, for table cells under a "（元）" header: 1,234,567.89."""
    if value is None:
        return missing(lang)
    return f"{round_money(value):,.2f}"


def money(value: Number | None, lang: str = "zh") -> str:
    """Money with its currency: "1,234,567.89 元" in Chinese, "CNY 1,234,567.89" in English."""
    if value is None:
        return missing(lang)
    text = amount(value, lang)
    return f"{text} 元" if check_lang(lang) == "zh" else f"CNY {text}"


def number(value: Number | None, lang: str = "zh", places: int = 2) -> str:
    """A plain number with separators and ``places`` decimals, rounded half-up."""
    if value is None:
        return missing(lang)
    step = Decimal(1).scaleb(-places)
    return f"{Decimal(value).quantize(step, rounding=ROUND_HALF_UP):,.{places}f}"


def percent(ratio: Number | None, lang: str = "zh") -> str:
    """A fraction as a percentage with two decimals: 0.681 → "68.10%"."""
    if ratio is None:
        return missing(lang)
    return f"{number(Decimal(ratio) * 100, lang)}%"


def signed_percent(ratio: Number | None, lang: str = "zh") -> str:
    """A change as a signed percentage: 0.123 → "+12.30%", -0.05 → "-5.00%"."""
    if ratio is None:
        return missing(lang)
    text = percent(ratio, lang)
    return text if text.startswith("-") or Decimal(ratio) == 0 else f"+{text}"


def change(ratio: Number | None, lang: str = "zh") -> str:
    """A change in words: "增长12.30%" / "下降5.00%" / "持平"; "up 12.30%" / "down 5.00%"."""
    if ratio is None:
        return missing(lang)
    value = Decimal(ratio)
    zh = check_lang(lang) == "zh"
    if percent(abs(value), lang) == "0.00%":
        return "持平" if zh else "level"
    words = ("增长", "下降") if zh else ("up ", "down ")
    return f"{words[0] if value > 0 else words[1]}{percent(abs(value), lang)}"


def count(value: int | None, lang: str = "zh") -> str:
    """A count with thousands separators: 12345 → "12,345"."""
    if value is None:
        return missing(lang)
    return f"{value:,}"


def unit_name(unit: str, lang: str = "zh") -> str:
    """The unit as people write it: m3 → "方" / "m³"; an unknown unit is shown as given."""
    names = _UNITS.get(unit)
    if names is None:
        return unit
    return names[0] if check_lang(lang) == "zh" else names[1]


def quantity(value: Number | None, unit: str, lang: str = "zh") -> str:
    """A quantity with its unit: "29,827 间夜", "1,234.5 m³"."""
    if value is None:
        return missing(lang)
    return f"{round_quantity(value):,} {unit_name(unit, lang)}"


def days(value: Number | None, lang: str = "zh") -> str:
    """A number of days with one decimal: "45.3 天" / "45.3 days"."""
    if value is None:
        return missing(lang)
    text = number(value, lang, places=1)
    return f"{text} 天" if check_lang(lang) == "zh" else f"{text} days"


def month(label: str, lang: str = "zh") -> str:
    """A "YYYY-MM" label as "2016年3月" / "Mar 2016"."""
    year, mon = int(label[:4]), int(label[5:7])
    if check_lang(lang) == "zh":
        return f"{year}年{mon}月"
    return f"{_MONTHS_EN[mon - 1]} {year}"


def month_short(label: str, lang: str = "zh") -> str:
    """A "YYYY-MM" label without the year, for chart axes: "3月" / "Mar"."""
    mon = int(label[5:7])
    return f"{mon}月" if check_lang(lang) == "zh" else _MONTHS_EN[mon - 1]


def day(value: date | None, lang: str = "zh") -> str:
    """A date as "2016年3月5日" / "5 Mar 2016"."""
    if value is None:
        return missing(lang)
    if check_lang(lang) == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def timestamp(value: datetime, lang: str = "zh") -> str:
    """A moment to the minute: "2017年1月5日 09:30" / "5 Jan 2017 09:30"."""
    return f"{day(value.date(), lang)} {value:%H:%M}"


def period(first: date | None, last: date | None, lang: str = "zh") -> str:
    """The span of the year's records: "2016年1月4日至2016年12月30日"."""
    if first is None or last is None:
        return "本年无业务记录" if check_lang(lang) == "zh" else "no records in the year"
    joiner = "至" if lang == "zh" else " to "
    return f"{day(first, lang)}{joiner}{day(last, lang)}"


def by_unit(value: Number | None, unit: str, lang: str = "zh") -> str:
    """A value formatted by a figure unit: money, ratio, days, quantity, count, hhi or number."""
    if value is None:
        return missing(lang)
    if unit == "money":
        return money(value, lang)
    if unit == "ratio":
        return percent(value, lang)
    if unit == "days":
        return days(value, lang)
    if unit == "quantity":
        return f"{round_quantity(value):,}"
    if isinstance(value, int):
        return count(value, lang)
    return number(value, lang, places=0 if unit in ("hhi", "count") else 2)


def figure_value(figure: Figure, lang: str = "zh") -> str:
    """A traceable figure's value, formatted by its unit."""
    return by_unit(figure.value, figure.unit, lang)


_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "order_type": {
        "regular": ("常规订单", "regular"),
        "gift": ("赠品订单", "gift"),
        "promo": ("促销订单", "promotion"),
        "oem": ("OEM订单", "OEM"),
        "odm": ("ODM订单", "ODM"),
        "own": ("自主产品", "own products"),
    },
    "channel": {
        "cash": ("现金", "cash"),
        "bank_card": ("银行卡", "bank card"),
        "member_card": ("会员卡", "member card"),
        "on_account": ("挂账", "on account"),
        "deposit": ("定金", "deposit"),
        "staff_meal": ("员工餐券", "staff meal vouchers"),
        "transfer": ("转账", "bank transfer"),
        "letter_of_credit": ("信用证", "letter of credit"),
        "meituan": ("美团", "Meituan"),
        "dianping": ("大众点评", "Dianping"),
        "nuomi": ("百度糯米", "Baidu Nuomi"),
        "ota": ("网络订房", "online travel agencies"),
        "other": ("其他", "other"),
    },
    "adjustment": {
        "discount": ("折扣", "discounts"),
        "voucher": ("代金券", "vouchers"),
        "comp": ("赠送", "complimentary items"),
        "rounding": ("抹零", "rounding"),
        "free": ("免单", "free bills"),
        "hosting": ("宴请", "hosting"),
        "return": ("退货", "returns"),
        "other": ("其他", "other"),
    },
    "activity": {
        "visit": ("拜访", "visits"),
        "cold_visit": ("陌生拜访", "cold visits"),
        "call": ("电话", "calls"),
        "mail": ("邮寄", "mailings"),
        "meeting": ("会议", "meetings"),
        "message": ("微信/短信", "messages"),
    },
    "incident": {
        "late_delivery": ("交期延误", "late delivery"),
        "quality": ("质量问题", "quality problems"),
        "form_error": ("单据错误", "form errors"),
        "sample": ("样板问题", "sample problems"),
        "mold_delay": ("模具延期", "mould delays"),
        "other": ("其他", "other"),
    },
    "aging": {
        "current": ("未到期", "not yet due"),
        "1-30": ("逾期1–30天", "1–30 days overdue"),
        "31-60": ("逾期31–60天", "31–60 days overdue"),
        "61-90": ("逾期61–90天", "61–90 days overdue"),
        "90+": ("逾期90天以上", "over 90 days overdue"),
    },
    "lead_source": {
        "yellow_pages": ("黄页", "yellow pages"),
        "mailing": ("邮寄资料", "mailings"),
        "cold_visit": ("陌生拜访", "cold visits"),
        "referral": ("转介绍", "referrals"),
        "other": ("其他", "other"),
        "unknown": ("未登记来源", "source not recorded"),
    },
    "department_kind": {
        "general": ("通用", "general"),
        "export": ("外贸出口", "export"),
        "concrete": ("商品混凝土", "ready-mixed concrete"),
        "hospitality": ("酒店餐饮", "hotel and restaurant"),
        "team": ("销售团队", "sales team"),
        "prepaid_card": ("预付卡", "prepaid cards"),
    },
    "team_reason": {
        "few_visits": ("拜访少", "few visits"),
        "low_conversion": ("转化低", "low conversion"),
        "low_prices": ("价格偏低", "lower prices"),
        "lost_customers": ("客户流失", "lost customers"),
        "no_follow_up": ("不跟进", "no follow-up"),
        "none": ("数据未显示原因", "no reason in the data"),
    },
    "attainment_band": {
        "lt60": ("低于60%", "below 60%"),
        "60-80": ("60%–80%", "60%–80%"),
        "80-100": ("80%–100%", "80%–100%"),
        "100-120": ("100%–120%", "100%–120%"),
        "ge120": ("120%及以上", "120% and above"),
        "none": ("无目标", "no target"),
    },
    "tie_break": {
        "revenue": ("完成率相同，按销售额", "same attainment: by revenue"),
        "collections": (
            "完成率、销售额相同，按回款",
            "same attainment and revenue: by collections",
        ),
        "code": ("完成率、销售额、回款均相同，按工号", "all equal: by rep code"),
    },
    "basis": {
        "given": ("管理层下达的目标", "target set by management"),
        "last_year_growth": (
            "上年销售额按增长率推算",
            "last year's revenue grown by the growth rate",
        ),
        "seasonality": (
            "历年同月销售额（季节性）",
            "same-month revenue in past years (seasonality)",
        ),
        "working_days": ("各月工作日天数", "working days in each month"),
        "last_year_share": (
            "上年销售额占比，按在职工作日折算",
            "last year's revenue share, prorated by working days employed",
        ),
        "equal": ("人均分配，按在职工作日折算", "equal per rep, prorated by working days employed"),
        "none": ("未分解到人", "not split by rep"),
    },
}


def label(group: str, code: str, lang: str = "zh") -> str:
    """The display name of a code (order type, channel, …); an unknown code is shown as given.

    Free-text names from the department's own files (a sales channel "外贸", a region) are not
    codes and come back unchanged.
    """
    names = _LABELS.get(group, {}).get(code)
    if names is None:
        return code
    return names[0] if check_lang(lang) == "zh" else names[1]
