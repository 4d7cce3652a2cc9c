"""A small team with two reps and a second department, for the part-2 web tests.

Not a test module: the tests import `build_team` and wrap it in their own fixtures.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

YEAR = 2025
PASSWORD = "Desk-pass-4242"


@dataclass
class Team:
    team: Any
    other_department: Any
    reps: dict[str, Any]
    customers: dict[str, Any]
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # kind -> rep code -> record
    users: dict[str, Any] = field(default_factory=dict)


@functools.cache
def _hash() -> str:
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)


def _user(name: str, role: str, *, rep: Any = None, department: Any = None) -> Any:
    from django.contrib.auth import get_user_model

    from salesdesk.web.accounts.models import Profile

    user = get_user_model().objects.create(username=name, password=_hash())
    user.is_staff = user.is_superuser = role == "admin"
    user.save()
    Profile.objects.create(
        user=user, role=role, rep=rep, department=department or (rep.department if rep else None)
    )
    return user


def _orders(team: Any, rep: Any, customer: Any, n: int) -> Any:
    from salesdesk.records.models import OrderLine

    first = None
    for year in (YEAR - 1, YEAR):
        for month in range(1, 13):
            amount = Decimal(1000 * month + 500 * n + (year - YEAR + 1) * 300)
            line = OrderLine.objects.create(
                department=team,
                key=f"SO{year}{month:02d}{n}#1",
                order_no=f"SO{year}{month:02d}{n}",
                line_no=1,
                date=date(year, month, 10),
                customer=customer,
                rep=rep,
                quantity=1,
                amount=amount,
                amount_cny=amount,
            )
            first = first or line
    return first


def build_team() -> Team:
    """Department 华东销售部 (reps R01 张伟 and R02 王芳, each with a customer, orders in 2024
    and 2025, a payment, a visit, an idea and an incident) and department 出口部 with one of each."""
    from salesdesk.records.models import (
        Activity,
        Customer,
        Department,
        Idea,
        Incident,
        Payment,
        Rep,
        Target,
    )

    team = Department.objects.create(name="华东销售部", kind="team")
    export = Department.objects.create(name="出口部", kind="export")
    reps = {
        "R01": Rep.objects.create(department=team, key="R01", code="R01", name="张伟"),
        "R02": Rep.objects.create(department=team, key="R02", code="R02", name="王芳"),
        "E01": Rep.objects.create(department=export, key="E01", code="E01", name="林妮"),
    }
    customers = {
        code: Customer.objects.create(
            department=rep.department, key=code, code=code, name=name, tier="A", owner=rep
        )
        for code, name, rep in [
            ("KH001", "华联超市", reps["R01"]),
            ("KH002", "华润万家", reps["R02"]),
            ("EX001", "Tokyo Trading", reps["E01"]),
        ]
    }
    built = Team(team, export, reps, customers)
    by_rep = {"R01": "KH001", "R02": "KH002", "E01": "EX001"}
    kinds: dict[str, dict[str, Any]] = {
        k: {} for k in ("orders", "payments", "activities", "ideas", "incidents", "customers")
    }
    for n, (code, customer_code) in enumerate(by_rep.items(), start=1):
        rep, customer = reps[code], customers[customer_code]
        dept = rep.department
        kinds["customers"][code] = customer
        kinds["orders"][code] = _orders(dept, rep, customer, n)
        kinds["payments"][code] = Payment.objects.create(
            department=dept,
            key=f"P{n}",
            payment_no=f"P{n}",
            date=date(YEAR, 3, 1),
            customer=customer,
            rep=rep,
            channel="transfer",
            amount=Decimal(5000),
        )
        kinds["activities"][code] = Activity.objects.create(
            department=dept,
            key=f"2025-03-02|{code}|{customer_code}|visit|1",
            date=date(YEAR, 3, 2),
            rep=rep,
            customer=customer,
            kind="visit",
            outcome="interested",
            note="试吃",
        )
        kinds["ideas"][code] = Idea.objects.create(
            department=dept,
            key=f"2025-04-01|{code}|新口味{n}",
            date=date(YEAR, 4, 1),
            rep=rep,
            title=f"新口味{n}",
        )
        kinds["incidents"][code] = Incident.objects.create(
            department=dept,
            key=f"2025-05-01|quality||{customer_code}|1",
            date=date(YEAR, 5, 1),
            kind="quality",
            customer=customer,
            cost=Decimal(300),
            note=f"破损{n}",
        )
    Target.objects.create(
        department=team, key=f"{YEAR}|||revenue", year=YEAR, metric="revenue", value=400000
    )
    built.records = kinds
    built.users = {
        "rep1": _user("rep1", "rep", rep=reps["R01"]),
        "rep2": _user("rep2", "rep", rep=reps["R02"]),
        "manager": _user("manager", "manager", department=team),
        "viewer": _user("viewer", "viewer"),
        "admin": _user("admin", "admin"),
        "export_manager": _user("export_manager", "manager", department=export),
    }
    return built
