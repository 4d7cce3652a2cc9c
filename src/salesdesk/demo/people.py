"""Reps and customers as the generators know them, and their rows in the reps/customers files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from salesdesk.demo.tables import Tables


@dataclass(frozen=True)
class Rep:
    code: str
    name: str
    team: str = ""
    territory: str = ""
    hired_on: date | None = None
    left_on: date | None = None
    manager: str = ""

    def works_on(self, day: date) -> bool:
        started = self.hired_on is None or self.hired_on <= day
        return started and (self.left_on is None or day <= self.left_on)


@dataclass(frozen=True)
class Customer:
    code: str
    name: str
    owner: str = ""
    kind: str = ""
    region: str = ""
    country: str = ""
    tier: str = ""
    source: str = ""
    since: date | None = None
    extra: dict[str, object] = field(default_factory=dict)


def add_reps(tables: Tables, reps: list[Rep]) -> None:
    for r in reps:
        tables.add(
            "reps",
            rep=r.code,
            name=r.name,
            team=r.team,
            territory=r.territory,
            hired_on=r.hired_on,
            left_on=r.left_on,
            manager=r.manager,
        )


def add_customers(tables: Tables, customers: list[Customer]) -> None:
    for c in customers:
        tables.add(
            "customers",
            customer=c.code,
            name=c.name,
            kind=c.kind,
            region=c.region,
            country=c.country,
            tier=c.tier,
            owner=c.owner,
            source=c.source,
            since=c.since,
            **c.extra,
        )
