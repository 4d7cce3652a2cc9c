"""Logging a visit from a phone: one Activity, keyed the way the importer keys it.

The importer (ingest/builders.py, ActivityBuilder) gives the n-th activity of a file with the
same date, rep, customer and kind the key ``f"{date}|{rep}|{customer}|{kind}|{n}"``. A visit
logged here gets the next free n for that base, so when the same visit later arrives in an
imported visit log (as row 1 of that base), it updates this record instead of duplicating it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from salesdesk.ingest.builders import activity_key_base, fit_key
from salesdesk.records.closing import check_open
from salesdesk.records.models import Activity, Customer, Department, Rep

# The contract's codes (ingest/contract.py ACTIVITY_KINDS, OUTCOMES) with the page's labels.
KINDS = [
    ("visit", _("拜访")),
    ("cold_visit", _("陌拜")),
    ("call", _("电话")),
    ("message", _("微信/短信")),
    ("meeting", _("会面")),
    ("mail", _("邮寄")),
]
OUTCOMES = [
    ("interested", _("有意向")),
    ("deal", _("成交")),
    ("pending", _("待定")),
    ("rejected", _("拒绝")),
    ("no_answer", _("未接通")),
]
KIND_LABELS = dict(KINDS)
OUTCOME_LABELS = dict(OUTCOMES)


class ProspectTaken(ValueError):
    """A new prospect's name is already a customer the rep may not log visits for."""


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float


@dataclass(frozen=True)
class Visit:
    day: date
    kind: str
    outcome: str = ""
    next_follow_up: date | None = None
    note: str = ""
    location: Location | None = None


def key_base(day: date, rep_code: str, customer_ref: str, kind: str) -> str:
    """The importer's key without its occurrence number (ActivityBuilder)."""
    return activity_key_base(day, rep_code, customer_ref, kind)


def next_key(department: Department, base: str) -> str:
    """`base|n` with the first n not yet used in the department."""
    used = set(
        Activity.objects.filter(department=department, key__startswith=f"{base}|").values_list(
            "key", flat=True
        )
    )
    n = 1
    while fit_key(f"{base}|{n}") in used:
        n += 1
    return fit_key(f"{base}|{n}")


def prospect_customer(rep: Rep, name: str, allowed: QuerySet[Customer]) -> Customer:
    """The customer a new prospect's visit is about, created (owned by the rep) the way the
    importer creates a customer a row names: code = name = the name given.

    An existing customer of the department with that code or name is used instead when it is
    among `allowed` (the customers the user may log visits for); otherwise ProspectTaken."""
    name = name.strip()
    existing = (
        Customer.objects.filter(Q(code=name) | Q(name=name), department=rep.department)
        .order_by("pk")
        .first()
    )
    if existing is None:
        return Customer.objects.create(
            department=rep.department,
            key=name,
            code=name,
            name=name,
            owner=rep,
            extra={"created_in": "web"},
        )
    if allowed.filter(pk=existing.pk).exists():
        return existing
    raise ProspectTaken(name)


def log_visit(rep: Rep, customer: Customer, visit: Visit) -> Activity:
    """Store the visit for the rep; retried once if another request took the same key.

    Raises YearClosed when the visit's date falls in a closed (结账) year."""
    check_open(rep.department, visit.day)
    base = key_base(visit.day, rep.code, customer.code, visit.kind)
    extra: dict[str, object] = {}
    if visit.location is not None:
        extra = {"lat": visit.location.lat, "lon": visit.location.lon}
    for attempt in range(2):
        try:
            with transaction.atomic():
                # One visit of a rep at a time picks the next free n: two phones of one rep
                # would otherwise both take the same key (PostgreSQL; SQLite's IMMEDIATE
                # transactions already take turns). NO KEY: imports referencing the rep go on.
                Rep.objects.select_for_update(no_key=True).filter(pk=rep.pk).exists()
                return Activity.objects.create(
                    department=rep.department,
                    key=next_key(rep.department, base),
                    date=visit.day,
                    rep=rep,
                    customer=customer,
                    kind=visit.kind,
                    outcome=visit.outcome,
                    next_follow_up=visit.next_follow_up,
                    note=visit.note,
                    extra=extra,
                )
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")
