"""Demo users for the web app: the boss, a manager and a rep, with fresh passwords."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from salesdesk.records.models import Rep


@dataclass(frozen=True)
class DemoUser:
    name: str
    role: str
    department: str | None
    rep: str | None
    password: str


def create_demo_users(department: str) -> list[DemoUser]:
    """A viewer of every department, a manager of `department` and its first rep."""
    from salesdesk.web.accounts.users import save_user

    rep = (
        Rep.objects.filter(department__name=department, left_on__isnull=True)
        .order_by("code")
        .first()
    )
    wanted = [
        DemoUser("boss", "viewer", None, None, _password()),
        DemoUser("manager", "manager", department, None, _password()),
    ]
    if rep is not None:
        wanted.append(DemoUser("rep", "rep", department, rep.code, _password()))
    for user in wanted:
        save_user(
            user.name, user.role, user.password, rep_code=user.rep, department_name=user.department
        )
    return wanted


def _password() -> str:
    return "demo-" + secrets.token_urlsafe(9)
