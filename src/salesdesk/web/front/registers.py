"""Product ideas (by a rep, for themselves) and incidents (by a manager): one record each,
keyed the way the importer keys a row of an ideas or incidents file (ingest/builders.py), so a
later import of the same record updates it instead of duplicating it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction

from salesdesk.ingest.builders import fit_key, incident_key_base
from salesdesk.records.closing import check_open
from salesdesk.records.models import Customer, Department, Idea, Incident, Rep


class DuplicateIdea(ValueError):
    """The rep already registered an idea with this title on this day."""


@dataclass(frozen=True)
class IncidentInput:
    day: date
    kind: str
    customer: Customer | None = None
    order_no: str = ""
    cost: Decimal | None = None
    note: str = ""


def idea_key(day: date, rep: Rep, title: str) -> str:
    """IdeaBuilder's key: date, rep code and title."""
    return fit_key(f"{day}|{rep.code}|{title}")


def add_idea(rep: Rep, day: date, title: str) -> Idea:
    """Register the rep's idea (status submitted). Raises YearClosed or DuplicateIdea."""
    check_open(rep.department, day)
    title = title.strip()
    try:
        with transaction.atomic():
            return Idea.objects.create(
                department=rep.department,
                key=idea_key(day, rep, title),
                date=day,
                rep=rep,
                title=title,
                status="submitted",
            )
    except IntegrityError:
        raise DuplicateIdea(title) from None


def incident_base(item: IncidentInput) -> str:
    """IncidentBuilder's key without its occurrence number."""
    customer = item.customer.code if item.customer else ""
    return incident_key_base(item.day, item.kind, item.order_no, customer)


def _next_key(department: Department, base: str) -> str:
    used = set(
        Incident.objects.filter(department=department, key__startswith=f"{base}|").values_list(
            "key", flat=True
        )
    )
    n = 1
    while fit_key(f"{base}|{n}") in used:
        n += 1
    return fit_key(f"{base}|{n}")


def add_incident(department: Department, item: IncidentInput) -> Incident:
    """Register an incident of the department. Raises YearClosed for a closed year."""
    check_open(department, item.day)
    base = incident_base(item)
    for attempt in range(2):
        try:
            with transaction.atomic():
                return Incident.objects.create(
                    department=department,
                    key=_next_key(department, base),
                    date=item.day,
                    kind=item.kind,
                    customer=item.customer,
                    order_no=item.order_no,
                    cost=item.cost,
                    note=item.note,
                )
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")
