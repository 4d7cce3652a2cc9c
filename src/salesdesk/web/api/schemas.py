"""The API's JSON shapes. Money is an exact decimal string ("1234.5000"), never a float."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

# The contract's codes (ingest/contract.py ACTIVITY_KINDS, OUTCOMES; a test keeps them equal).
ActivityKind = Literal["visit", "cold_visit", "call", "mail", "meeting", "message"]
Outcome = Literal["", "deal", "interested", "rejected", "no_answer", "pending"]


NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold a NUL character: refused up front (422)


def _code(obj: Any, name: str) -> str | None:
    """The code of a related rep or customer, or None."""
    related = getattr(obj, name)
    return related.code if related is not None else None


class Error(Schema):
    detail: str


class Invalid(Schema):
    """422: the request's parameters or body do not fit the schema (a list, one per problem),
    or the values do not fit together (a sentence)."""

    detail: str | list[dict[str, Any]]


class Record(Schema):
    id: int
    department: str
    key: str

    @staticmethod
    def resolve_department(obj: Any) -> str:
        return str(obj.department.name)


class CustomerOut(Record):
    code: str
    name: str
    kind: str
    region: str
    country: str
    tier: str
    owner: str | None = Field(None, description="the owning rep's code")
    source: str
    parent: str
    since: dt.date | None
    extra: dict[str, Any]

    @staticmethod
    def resolve_owner(obj: Any) -> str | None:
        return _code(obj, "owner")


class OrderLineOut(Record):
    order_no: str
    line_no: int
    date: dt.date
    customer: str | None = Field(None, description="the customer's code")
    rep: str | None = Field(None, description="the rep's code")
    order_type: str
    channel: str
    product: str
    category: str
    quantity: Decimal
    unit: str
    unit_price: Decimal | None
    amount: Decimal
    currency: str
    fx_rate: Decimal
    amount_cny: Decimal
    promised_on: dt.date | None
    delivered_on: dt.date | None
    status: str
    extra: dict[str, Any]

    @staticmethod
    def resolve_customer(obj: Any) -> str | None:
        return _code(obj, "customer")

    @staticmethod
    def resolve_rep(obj: Any) -> str | None:
        return _code(obj, "rep")


class PaymentOut(Record):
    payment_no: str
    date: dt.date
    customer: str | None = Field(None, description="the customer's code")
    order_no: str
    rep: str | None = Field(None, description="the rep's code")
    channel: str
    amount: Decimal

    @staticmethod
    def resolve_customer(obj: Any) -> str | None:
        return _code(obj, "customer")

    @staticmethod
    def resolve_rep(obj: Any) -> str | None:
        return _code(obj, "rep")


class ActivityOut(Record):
    date: dt.date
    rep: str = Field(..., description="the rep's code")
    customer: str | None = Field(None, description="the customer's code")
    customer_id: int | None
    prospect: str
    kind: str
    outcome: str
    next_follow_up: dt.date | None
    note: str

    @staticmethod
    def resolve_rep(obj: Any) -> str:
        return str(obj.rep.code)

    @staticmethod
    def resolve_customer(obj: Any) -> str | None:
        return _code(obj, "customer")


class ActivityIn(Schema):
    """A visit, call or message to log. The rep defaults to the caller's own."""

    date: dt.date
    kind: ActivityKind
    customer: int = Field(
        ..., ge=1, le=2**63 - 1, description="the customer's id (GET /api/customers)"
    )
    rep: str | None = Field(
        None, pattern=NO_NUL, description="rep code; needed only by a manager without one"
    )
    outcome: Outcome = ""
    next_follow_up: dt.date | None = None
    note: str = Field("", max_length=2000, pattern=NO_NUL)


class Page(Schema):
    count: int
    page: int
    pages: int
    page_size: int


class CustomerPage(Page):
    items: list[CustomerOut]


class OrderLinePage(Page):
    items: list[OrderLineOut]


class PaymentPage(Page):
    items: list[PaymentOut]


class ActivityPage(Page):
    items: list[ActivityOut]
