"""Cell parsers: turn what a CSV or Excel cell holds into a date, a number, text or a choice.

Cells arrive as ``str`` (CSV) or, from calamine, as str/int/float/bool/date/datetime/time/
timedelta, with "" for an empty cell. Every parser returns None for an empty cell, because
whether a value is required is the caller's business, and raises ValueProblem (reason in Chinese
and English, naming the forms that are accepted) for anything it cannot read.

Imports run at well over 100,000 rows a second, so each parser first tries the cheapest exact
reading (``date.fromisoformat``, ``Decimal(s)``, ``int(s)``) and only falls back to Unicode
normalisation and regular expressions when that fails. Slow-path date results are cached because
sales sheets repeat the same dates on many rows.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from salesdesk.ingest.headers import normalise_token
from salesdesk.ingest.problems import ValueProblem

__all__ = [
    "parse_choice",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
    "parse_int",
    "parse_month",
    "parse_text",
]

_SHOW_MAX = 40
_CHOICES_SHOWN = 30

_DATE_FORMS_ZH = "2016-01-05、2016/1/5、2016.1.5 或 2016年1月5日（可带时间，如 2016/8/6 19:06）"
_DATE_FORMS_EN = (
    "2016-01-05, 2016/1/5, 2016.1.5 or 2016年1月5日 (optionally with a time, e.g. 2016/8/6 19:06)"
)
_MONTH_FORMS_ZH = "2016-03、2016/3 或 2016年3月（也可以是完整日期）"
_MONTH_FORMS_EN = "2016-03, 2016/3 or 2016年3月 (or a full date)"
_NUMBER_FORMS_ZH = "1234、-1,234.50、¥1,234、1234元、12.5万、(1,234) 或 68% 这样的数字"
_NUMBER_FORMS_EN = "a number such as 1234, -1,234.50, ¥1,234, 1234元, 12.5万, (1,234) or 68%"


def _show(cell: object) -> str:
    """Quote a cell for an error message, shortened so one wild cell cannot flood a report."""
    text = cell if isinstance(cell, str) else _as_text(cell)
    if len(text) > _SHOW_MAX:
        text = text[: _SHOW_MAX - 1] + "…"
    return f"'{text}'"


def _kind(cell: object) -> tuple[str, str]:
    """Name what a non-text Excel cell holds, for messages like 'expected a date, got a number'."""
    if isinstance(cell, bool):
        return "逻辑值（TRUE/FALSE）", "a TRUE/FALSE value"
    if isinstance(cell, int | float):
        return "数字", "a number"
    if isinstance(cell, datetime | date):
        return "日期", "a date"
    if isinstance(cell, time):
        return "时间（没有日期）", "a time of day without a date"
    if isinstance(cell, timedelta):
        return "时长", "a duration"
    return type(cell).__name__, type(cell).__name__


# --------------------------------------------------------------------------------------------
# Text


def _as_text(cell: object) -> str:
    """Render a non-empty native cell the way a person reads it in Excel."""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        # Excel stores every number as a float; 17850.0 is the integer the user typed.
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, date | time):
        return cell.isoformat()
    return str(cell)


def parse_text(cell: object) -> str | None:
    """Text of a cell, stripped; numbers from Excel without a spurious ".0" (123, not 123.0)."""
    if isinstance(cell, str):
        text = cell.strip()
        return text or None
    if cell is None:
        return None
    return _as_text(cell)


def parse_choice(cell: object, choices: Mapping[str, str]) -> str | None:
    """Canonical value of a choice cell; ``choices`` maps normalised alias -> canonical value.

    Aliases are compared after normalise_token, so "CASH", "Cash" and "ｃａｓｈ" all match "cash".
    """
    text = parse_text(cell)
    if text is None:
        return None
    found = choices.get(normalise_token(text))
    if found is None:
        found = choices.get(text)
    if found is not None:
        return found
    shown = list(choices)[:_CHOICES_SHOWN]
    more = "…" if len(choices) > _CHOICES_SHOWN else ""
    accepted_zh = "、".join(shown) + more
    accepted_en = ", ".join(shown) + more
    raise ValueProblem(
        f"无法识别的取值：{_show(text)}，可选的值为：{accepted_zh}",
        f"Unrecognised value: {_show(text)}; accepted values: {accepted_en}",
    )


# --------------------------------------------------------------------------------------------
# Numbers

_TEN_THOUSAND = Decimal(10_000)
_EXACT_FLOAT = 2.0**53  # below this every integral float is the integer that was typed
_HUNDRED_MILLION = Decimal(100_000_000)

_GROUPED_RE = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_NUMBER_RE = re.compile(
    r"""
    (?P<sign>[-+])?\s*
    (?:(?P<cur>[¥$]|rmb|cny|人民币)\s*)?
    (?P<sign2>[-+])?\s*
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)
    \s*(?P<unit>万元|亿元|万|亿|元|%|‰|rmb|cny)?
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _bad_number(cell: object) -> ValueProblem:
    return ValueProblem(
        f"无法识别的数字：{_show(cell)}，应为 {_NUMBER_FORMS_ZH}",
        f"Unrecognised number: {_show(cell)}; expected {_NUMBER_FORMS_EN}",
    )


def _not_finite(cell: object) -> ValueProblem:
    return ValueProblem(
        f"不是有效的数字：{_show(cell)}（不接受 NaN 或无穷大）",
        f"Not a valid number: {_show(cell)} (NaN and infinity are not accepted)",
    )


def _scale(value: Decimal, unit: str) -> Decimal:
    """Apply a Chinese magnitude or percent suffix exactly (12.5万 -> 125000, 68% -> 0.68)."""
    if unit in ("万", "万元"):
        return value * _TEN_THOUSAND
    if unit in ("亿", "亿元"):
        return value * _HUNDRED_MILLION
    if unit == "%":
        return value.scaleb(-2)
    if unit == "‰":
        return value.scaleb(-3)
    return value  # 元 / RMB / CNY only name the currency


@lru_cache(maxsize=8192)
def _decimal_from_text(cell: str) -> Decimal | None:
    """Slow path for numbers written the way people write money: ¥1,234 / 12.5万 / (1,234).

    Cached because money columns repeat the same prices; Decimals are immutable, so sharing is
    safe.
    """
    if _GROUPED_RE.fullmatch(cell):  # 1,234.50 exported by Excel: the commonest slow case
        return Decimal(cell.replace(",", ""))
    text = unicodedata.normalize("NFKC", cell).replace("\u2212", "-").strip()
    if not text:
        return None
    negative = False
    if len(text) > 1 and text[0] == "(" and text[-1] == ")":
        negative, text = True, text[1:-1].strip()
    match = _NUMBER_RE.fullmatch(text)
    if match is None or (match["sign"] and match["sign2"]):
        raise _bad_number(cell)
    sign = match["sign"] or match["sign2"]
    if negative and sign:
        raise _bad_number(cell)
    value = _scale(Decimal(match["num"].replace(",", "")), (match["unit"] or "").lower())
    return value.copy_negate() if negative or sign == "-" else value


def parse_decimal(cell: object) -> Decimal | None:
    """Exact Decimal of a number cell; Excel floats go through repr so 0.1 stays 0.1."""
    if type(cell) is str:
        try:
            value = Decimal(cell)
        except InvalidOperation:
            return _decimal_from_text(cell)
        if value.is_finite():
            return value
        raise _not_finite(cell)
    if type(cell) is float:
        if cell.is_integer() and -_EXACT_FLOAT < cell < _EXACT_FLOAT:
            return Decimal(int(cell))  # 17850.0 -> 17850, cheaper than going through repr
        if math.isfinite(cell):
            return Decimal(repr(cell))  # shortest round-trip text: 0.1 stays 0.1
        raise _not_finite(cell)
    if type(cell) is int:
        return Decimal(cell)
    if cell is None:
        return None
    zh, en = _kind(cell)
    raise ValueProblem(
        f"应为数字，但单元格是{zh}：{_show(cell)}",
        f"Expected a number but the cell holds {en}: {_show(cell)}",
    )


def parse_int(cell: object) -> int | None:
    """Whole number of a cell; 3.0 is fine, 3.5 is an error rather than being silently cut."""
    if type(cell) is int:
        return cell
    if type(cell) is str:
        try:
            return int(cell)
        except ValueError:
            pass
    elif type(cell) is float and cell.is_integer():
        return int(cell)
    value = parse_decimal(cell)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise ValueProblem(f"应为整数：{_show(cell)}", f"Expected a whole number: {_show(cell)}")
    return int(value)


# --------------------------------------------------------------------------------------------
# Dates

_DATE_RE = re.compile(
    r"""
    (?P<y>\d{4})\s*
    (?:
        (?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})
      | 年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?
    )
    (?:
        (?:\s*[Tt]\s*|\s+|(?<=[日号]))
        (?P<H>\d{1,2})\s*
        (?:
            :\s*(?P<M>\d{1,2})(?:\s*:\s*(?P<S>\d{1,2})(?:[.,](?P<f>\d{1,6}))?)?
          | [时点]\s*(?:(?P<M2>\d{1,2})\s*分\s*(?:(?P<S2>\d{1,2})\s*秒)?)?
        )
    )?
    """,
    re.VERBOSE,
)
_MONTH_RE = re.compile(r"(?P<y>\d{4})\s*(?:[-/.]\s*(?P<m>\d{1,2})|年\s*(?P<m2>\d{1,2})\s*月份?)")
_SERIAL_RE = re.compile(r"\d+(?:\.\d+)?")

_EXCEL_EPOCH = datetime(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2_958_466  # 10000-01-01: Excel's last date is 9999-12-31
_SECONDS_PER_DAY = 86_400


def _bad_date(cell: object) -> ValueProblem:
    return ValueProblem(
        f"无法识别的日期：{_show(cell)}，应为 {_DATE_FORMS_ZH}",
        f"Unrecognised date: {_show(cell)}; expected {_DATE_FORMS_EN}",
    )


def _check_calendar(cell: object, year: int, month: int, day: int) -> None:
    """Explain exactly why a well-formed date does not exist (month 13, 2016-02-30, ...)."""
    if not 1 <= month <= 12:
        raise ValueProblem(
            f"日期无效：{_show(cell)}，月份应在 1 到 12 之间",
            f"Invalid date: {_show(cell)}; the month must be between 1 and 12",
        )
    if year < 1:
        raise _bad_date(cell)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueProblem(
            f"日期无效：{_show(cell)}，{year}年{month}月只有 {last} 天",
            f"Invalid date: {_show(cell)}; {calendar.month_name[month]} {year} has {last} days",
        )


def _check_clock(cell: object, hour: int, minute: int, second: int) -> None:
    if hour > 23 or minute > 59 or second > 59:
        raise ValueProblem(
            f"时间无效：{_show(cell)}，时应为 0–23，分和秒应为 0–59",
            f"Invalid time: {_show(cell)}; hours must be 0–23, minutes and seconds 0–59",
        )


@lru_cache(maxsize=16_384)
def _datetime_from_text(text: str) -> datetime:
    """Read a stripped date(-time) string in the accepted forms; cached, dates repeat a lot."""
    match = _DATE_RE.fullmatch(unicodedata.normalize("NFKC", text))
    if match is None:
        raise _bad_date(text)
    year = int(match["y"])
    month = int(match["m"] or match["m2"])
    day = int(match["d"] or match["d2"])
    _check_calendar(text, year, month, day)
    if match["H"] is None:
        return datetime(year, month, day)
    hour = int(match["H"])
    minute = int(match["M"] or match["M2"] or 0)
    second = int(match["S"] or match["S2"] or 0)
    _check_clock(text, hour, minute, second)
    micro = int(match["f"].ljust(6, "0")) if match["f"] else 0
    return datetime(year, month, day, hour, minute, second, micro)


def _from_serial(cell: object, serial: float) -> datetime:
    """Excel 1900-system serial number -> datetime, honouring Excel's phantom 1900-02-29.

    Excel counts 1900-02-29 (serial 60) as a real day, so serials after it are days since
    1899-12-30 and serials before it are one day later than that arithmetic says.
    """
    if not math.isfinite(serial) or serial < 1 or serial >= _EXCEL_MAX_SERIAL:
        raise ValueProblem(
            f"不是有效的 Excel 日期序号：{_show(cell)}（应在 1 到 2958465 之间）",
            f"Not a valid Excel date serial: {_show(cell)} (must be between 1 and 2958465)",
        )
    if 60 <= serial < 61:
        raise ValueProblem(
            f"Excel 日期序号 {_show(cell)} 表示 1900-02-29，这一天并不存在",
            f"Excel date serial {_show(cell)} means 1900-02-29, which does not exist",
        )
    if serial < 60:
        serial += 1
    return _EXCEL_EPOCH + timedelta(seconds=round(serial * _SECONDS_PER_DAY))


def _not_a_date(cell: object) -> ValueProblem:
    zh, en = _kind(cell)
    hint_zh = hint_en = ""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        hint_zh = "（若是 Excel 日期序号，请把该列设置为日期格式）"
        hint_en = " (if it is an Excel date serial, format the column as a date)"
    return ValueProblem(
        f"应为日期，但单元格是{zh}：{_show(cell)}{hint_zh}",
        f"Expected a date but the cell holds {en}: {_show(cell)}{hint_en}",
    )


def _datetime_from_cell(cell: object, excel_serial: bool) -> datetime | None:
    """Shared slow path of parse_date/parse_datetime for every kind of cell."""
    if isinstance(cell, str):
        text = cell.strip()
        if not text:
            return None
        if excel_serial and _SERIAL_RE.fullmatch(text):
            return _from_serial(cell, float(text))
        return _datetime_from_text(text)
    if isinstance(cell, datetime):
        return cell
    if isinstance(cell, date):
        return datetime(cell.year, cell.month, cell.day)
    if cell is None:
        return None
    if excel_serial and isinstance(cell, int | float) and not isinstance(cell, bool):
        return _from_serial(cell, float(cell))
    raise _not_a_date(cell)


def parse_date(cell: object, *, excel_serial: bool = False) -> date | None:
    """Calendar date of a cell; any time of day in it is dropped.

    ``excel_serial`` says that plain numbers in this column are Excel serial dates (a date
    column that lost its date format); without it a number is an error, since 42375 in a date
    column is more likely a typo than a date.
    """
    if type(cell) is str:
        size = len(cell)
        if size == 10 and cell[4] == "-" and cell[7] == "-":
            try:
                return date.fromisoformat(cell)
            except ValueError:
                pass
        elif size == 19 and cell[4] == "-" and cell[10] in " T":
            try:
                moment = datetime.fromisoformat(cell)
            except ValueError:
                pass
            else:
                if moment.tzinfo is None:  # "2016-01-05 08:26+08" is not a form we accept
                    return moment.date()
    elif type(cell) is date:
        return cell
    elif type(cell) is datetime:
        return cell.date()
    value = _datetime_from_cell(cell, excel_serial)
    return None if value is None else value.date()


def parse_datetime(cell: object, *, excel_serial: bool = False) -> datetime | None:
    """Date and time of a cell; a date without a time means midnight."""
    if type(cell) is str:
        if len(cell) == 19 and cell[4] == "-" and cell[10] in " T":
            try:
                moment = datetime.fromisoformat(cell)
            except ValueError:
                pass
            else:
                if moment.tzinfo is None:  # mixing zone-aware and naive times breaks sorting
                    return moment
    elif type(cell) is datetime:
        return cell
    return _datetime_from_cell(cell, excel_serial)


def parse_month(cell: object) -> tuple[int, int] | None:
    """(year, month) of a month cell such as 2016-03, 2016/3 or 2016年3月.

    Also None when the cell is a full date (a date object or text with a day): the caller then
    reads it with parse_date, which also explains any problem with that date.
    """
    if cell is None or isinstance(cell, date):
        return None
    if not isinstance(cell, str):
        zh, en = _kind(cell)
        raise ValueProblem(
            f"应为月份，但单元格是{zh}：{_show(cell)}，请写成 {_MONTH_FORMS_ZH}",
            f"Expected a month but the cell holds {en}: {_show(cell)}; write {_MONTH_FORMS_EN}",
        )
    text = unicodedata.normalize("NFKC", cell).strip()
    if not text:
        return None
    match = _MONTH_RE.fullmatch(text)
    if match is None:
        if _DATE_RE.fullmatch(text):
            return None
        raise ValueProblem(
            f"无法识别的月份：{_show(cell)}，应为 {_MONTH_FORMS_ZH}",
            f"Unrecognised month: {_show(cell)}; expected {_MONTH_FORMS_EN}",
        )
    month = int(match["m"] or match["m2"])
    if not 1 <= month <= 12:
        raise ValueProblem(
            f"月份无效：{_show(cell)}，月份应在 1 到 12 之间",
            f"Invalid month: {_show(cell)}; the month must be between 1 and 12",
        )
    return int(match["y"]), month
