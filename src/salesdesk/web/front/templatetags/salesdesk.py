"""Template filters that format figures the way the report does (report.format)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.utils import translation

from salesdesk.report import format as fmt

register = template.Library()


def _lang() -> str:
    return "en" if (translation.get_language() or "").startswith("en") else "zh"


@register.filter
def money(value: Decimal | int | None) -> str:
    return fmt.money(value, _lang())


@register.filter
def day(value: date | None) -> str:
    return fmt.day(value, _lang())


@register.filter
def label(code: str, group: str) -> str:
    """`{{ code|label:"channel" }}`: a contract code's display name."""
    return fmt.label(group, code, _lang())


@register.filter
def lookup(mapping: dict[str, object], key: str) -> object:
    """`{{ kinds|lookup:activity.kind }}`: a label from a dict, or the key itself."""
    return mapping.get(key, key)


@register.filter
def days_late(item: object, today: date) -> int:
    """`{{ due|days_late:today }}`: how many days a follow-up is overdue."""
    return int(item.days_late(today))  # type: ignore[attr-defined]


@register.filter
def share(value: Decimal | None) -> str:
    """`{{ rep.share|share }}`: a fraction as a percentage, the way the report writes it."""
    return fmt.percent(value, _lang())


@register.filter
def month_field(form: Any, month: int) -> Any:
    """`{{ form|month_field:3 }}`: the bound field of month 3 of a monthly-targets form."""
    return form[f"m{month}"]
