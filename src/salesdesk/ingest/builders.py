"""Typed row values → model columns and a natural key, one builder per kind of record.

Natural keys make imports idempotent. Where the contract names a key (order +
line, payment number, customer code …) a repeat inside one file is an error;
where the key is derived from the row's content, the n-th identical row gets
`|n` so that two identical cash payments on one bill stay two records.
"""

from __future__ import annotations

import calendar
import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, NamedTuple

from salesdesk.ingest.problems import ValueProblem
from salesdesk.ingest.refs import References

FOUR = Decimal("0.0001")
Columns = dict[str, Any]


class Built(NamedTuple):
    key: str
    columns: Columns
    explicit_key: bool


def q4(value: Decimal) -> Decimal:
    try:
        return value.quantize(FOUR, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueProblem(f"数值过大：{value}", f"number too large: {value}") from None


def q4_field(v: dict[str, Any], name: str) -> Decimal | None:
    """q4 of a field's value; a value too large names its field."""
    value = v.get(name)
    if value is None:
        return None
    try:
        return q4(value)
    except ValueProblem as problem:
        problem.field = name  # type: ignore[attr-defined]
        raise


def canonical(value: Decimal) -> str:
    """One spelling per amount (240.50, 240.5 and 2.405E+2 alike), for derived keys."""
    return format(q4(value).normalize(), "f")


def fit_key(key: str) -> str:
    """Keys longer than the column keep a readable head and a hash of the whole."""
    if len(key) <= 255:
        return key
    return key[:200] + "|" + hashlib.sha1(key.encode()).hexdigest()


def activity_key_base(day: date, rep_code: str, customer_code: str, kind: str) -> str:
    """An activity's natural key without its occurrence number; the web app keys visits alike."""
    return f"{day}|{rep_code}|{customer_code}|{kind}"


def incident_key_base(day: date, kind: str, order_no: str, customer_code: str) -> str:
    """An incident's natural key without its occurrence number; the web app keys incidents alike."""
    return f"{day}|{kind}|{order_no}|{customer_code}"


class Builder:
    """Base: holds the reference resolver and the occurrence counter for derived keys."""

    def __init__(self, refs: References) -> None:
        self.refs = refs
        self.seen: Counter[str] = Counter()

    def occurrence(self, base: str) -> str:
        self.seen[base] += 1
        return f"{base}|{self.seen[base]}"

    def build(self, v: dict[str, Any]) -> Iterator[Built]:
        raise NotImplementedError

    def customer_id(self, v: dict[str, Any], name: str = "customer") -> int | None:
        return self.refs.customer(v[name]) if v.get(name) else None

    def customer_code(self, v: dict[str, Any]) -> str:
        """The resolved code (a customer named by name keys like one named by code)."""
        return self.refs.customer_code(v["customer"]) if v.get("customer") else ""

    def rep_id(self, v: dict[str, Any], name: str = "rep") -> int | None:
        return self.refs.rep(v[name]) if v.get(name) else None


class RepBuilder(Builder):
    def build(self, v: dict[str, Any]) -> Iterator[Built]:
        yield Built(
            v["rep"],
            {
                "code": v["rep"],
                "name": v["name"],
                "team": v.get("team") or "",
                "territory": v.get("territory") or "",
                "hired_on": v.get("hired_on"),
                "left_on": v.get("left_on"),
                "manager": v.get("manager") or "",
            },
            True,
        )


class CustomerBuilder(Builder):
    def build(self, v: dict[str, Any]) -> Iterator[Built]:
        self.refs.forget_customer(v["customer"])
        yield Built(
            v["customer"],
            {
                "code": v["customer"],
                "name": v["name"],
                "kind": v.get("kind") or "",
                "region": v.get("region") or "",
                "country": v.get("country") or "",
                "tier": v.get("tier") or "",
                "owner_id": self.rep_id(v, "owner"),
                "source": v.get("source") or "",
                "parent": v.get("parent") or "",
                "since": v.get("since"),
            },
            True,
        )


class OrderBuilder(Builder):
    def build(self, v: dict[str, Any]) -> Iterator[Built]:
        quantity = q4_field(v, "quantity")
        unit_price = q4_field(v, "unit_price")
        assert quantity is not None  # required by the contract
        amount = q4_field(
            {"amount": order_amount(v["quantity"], v.get("unit_price"), v.get("amount"))}, "amount"
        )
        assert amount is not None
        currency = (v.get("currency") or "CNY").upper()
        fx_rate = fx_for(currency, v.get("fx_rate"))
        line = v.get("line")
        explicit = line is not None
        if line is None:
            self.seen[v["order"]] += 1
            line = self.seen[v["order"]]
        yield Built(
            f"{v['order']}#{line}",
            {
                "order_no": v["order"],
                "line_no": line,
                "date": v["date"],
                "customer_id": self.customer_id(v),
                "rep_id": self.rep_id(v),
                "order_type": v.get("order_type") or "regular",
                "channel": v.get("channel") or "",
                "product": v.get("product") or "",
                "category": v.get("category") or "",
                "quantity": quantity,
                "unit": v.get("unit") or "",
                "unit_price": unit_price,
                "amount": amount,
                "currency": currency,
                "fx_rate": fx_rate,
                "amount_cny": q4_field({"amount": amount * fx_rate}, "amount"),
                "covers": v.get("covers"),
                "promised_on": v.get("promised_on"),
                "delivered_on": v.get("delivered_on"),
                "status": v.get("status") or "normal",
            },
            explicit,
        )


def order_amount(quantity: Decimal, unit_price: Decimal | None, amount: Decimal | None) -> Decimal:
    if amount is not None:
        return amount
    if unit_price is None:
        raise ValueProblem("金额和单价都为空，无法得出金额", "amount and unit_price are both empty")
    return quantity * unit_price


def fx_for(currency: str, fx_rate: Decimal | None) -> Decimal:
    if currency == "CNY":
        return fx_rate if fx_rate is not None else Decimal(1)
    if fx_rate is None or fx_rate <= 0:
        raise ValueProblem(
            f"币种为 {currency} 的金额需要填写汇率（折合人民币）",
            f"currency {currency} needs an fx_rate",
        )
    return fx_rate


class AdjustmentBuilder(Builder):
    def build(self, v: dict[str, Any]) -> Iterator[Built]:
        base = f"{v['order']}|{v['date']}|{v['kind']}|{canonical(v['amount'])}"
        yield Built(
            self.occurrence(base),
            {
                "order_no": v["order"],
                "date": v["date"],
                "kind": v["kind"],
                "amount": q4(v["amount"]),
            },
            False,
        )


class PaymentBuilder(Builder):
    def build(self, v: dict[str, Any]) -> Iterator[Built]:
        number = v.get("payment")
        if number:
            key, explicit = str(number), True
        else:
            customer = self.customer_code(v)
            base = f"{v['date']}|{v.get('order') or ''}|{customer}|{v['channel']}|{canonical(v['amount'])}"
            key, explicit = self.occurrence(base), False
        yield Built(
            key,
            {
                "payment_no": number or "",
                "date": v["date"],
                "customer_id": self.customer_id(v),
                "order_no": v.get("order") or "",
                "rep_id": self.rep_id(v),
                "channel": v["channel"],
                "amount": q4(v["amount"]),
            },
            explicit,
        )


class CapacityBuilder(Builder):
    def build(self, v: dict[str, Any]) -> Iterator[Built]:
        for day in days_of(v["date"]):
            yield Built(
                f"{day.isoformat()}|{v['resource']}",
                {"date": day, "resource": v["resource"], "available": v["available"]},
                True,
            )


def days_of(value: date | tuple[int, int]) -> list[date]:
    """A date, or every day of a (year, month)."""
    if isinstance(value, date):
        return [value]
    year, month = value
    return [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]


class ActivityBuilder(Builder):
    def build(self, v: dict[str, Any]) -> Iterator[Built]:
        base = activity_key_base(
            v["date"], self.refs.rep_code(v["rep"]), self.customer_code(v), v["kind"]
        )
        yield Built(
            self.occurrence(base),
            {
                "date": v["date"],
                "rep_id": self.refs.rep(v["rep"]),
                "customer_id": self.customer_id(v),
                "prospect": "",
                "kind": v["kind"],
                "outcome": v.get("outcome") or "",
                "next_follow_up": v.get("next_follow_up"),
                "note": v.get("note") or "",
            },
            False,
        )


class TargetBuilder(Builder):
    def build(self, v: dict[str, Any]) -> Iterator[Built]:
        month = v.get("month")
        if month is not None and not 1 <= month <= 12:
            raise ValueProblem("月份应在 1 到 12 之间", "month must be 1 to 12")
        if not 1900 <= v["year"] <= 2200:
            raise ValueProblem("年度不合理", "year out of range")
        rep = v.get("rep") or ""
        yield Built(
            f"{v['year']}|{month or ''}|{rep}|{v['metric']}",
            {
                "year": v["year"],
                "month": month,
                "rep_id": self.rep_id(v),
                "metric": v["metric"],
                "value": q4(v["value"]),
            },
            True,
        )


class IdeaBuilder(Builder):
    def build(self, v: dict[str, Any]) -> Iterator[Built]:
        yield Built(
            f"{v['date']}|{v['rep']}|{v['title']}",
            {
                "date": v["date"],
                "rep_id": self.refs.rep(v["rep"]),
                "title": v["title"],
                "status": v.get("status") or "submitted",
                "reward": q4(v["reward"]) if v.get("reward") is not None else None,
            },
            True,
        )


class IncidentBuilder(Builder):
    def build(self, v: dict[str, Any]) -> Iterator[Built]:
        base = incident_key_base(v["date"], v["kind"], v.get("order") or "", self.customer_code(v))
        yield Built(
            self.occurrence(base),
            {
                "date": v["date"],
                "kind": v["kind"],
                "customer_id": self.customer_id(v),
                "order_no": v.get("order") or "",
                "cost": q4(v["cost"]) if v.get("cost") is not None else None,
                "note": v.get("note") or "",
            },
            False,
        )


BUILDERS: dict[str, Callable[[References], Builder]] = {
    "reps": RepBuilder,
    "customers": CustomerBuilder,
    "orders": OrderBuilder,
    "adjustments": AdjustmentBuilder,
    "payments": PaymentBuilder,
    "capacity": CapacityBuilder,
    "activities": ActivityBuilder,
    "targets": TargetBuilder,
    "ideas": IdeaBuilder,
    "incidents": IncidentBuilder,
}
