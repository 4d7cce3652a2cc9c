"""The people of the concurrency test, written to the database in one process.

    python ops_team.py DEPARTMENT N PASSWORD

creates the department, reps W01…WN (each owning one customer K01…KN), a web user per rep
(user name w01…, role rep, the given password) with an API token, and one 2025 order line so
the year has a report before any import. Prints, as JSON, what the clients need:
{"W01": {"user": "w01", "token": "sd_…", "customer": 7}, …}.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal

from django.db import transaction

from salesdesk import bootstrap


def build(department_name: str, count: int, password: str) -> dict[str, dict[str, object]]:
    from salesdesk.records.models import Customer, Department, OrderLine, Rep
    from salesdesk.web.accounts.users import save_user
    from salesdesk.web.api.tokens import issue

    department = Department.objects.create(name=department_name, kind="export")
    people: dict[str, dict[str, object]] = {}
    for n in range(1, count + 1):
        code = f"W{n:02d}"
        rep = Rep.objects.create(department=department, key=code, code=code, name=f"业务员{n}")
        customer = Customer.objects.create(
            department=department, key=f"K{n:02d}", code=f"K{n:02d}", name=f"客户{n}", owner=rep
        )
        user = save_user(code.lower(), "rep", password, rep_code=code).user
        people[code] = {"user": user.username, "token": issue(user), "customer": customer.pk}
    OrderLine.objects.create(
        department=department,
        key="SEED#1",
        order_no="SEED",
        line_no=1,
        date=date(2025, 1, 2),
        quantity=1,
        amount=Decimal(100),
        amount_cny=Decimal(100),
    )
    return people


if __name__ == "__main__":
    bootstrap.setup()
    with transaction.atomic():
        made = build(sys.argv[1], int(sys.argv[2]), sys.argv[3])
    print(json.dumps(made), flush=True)
