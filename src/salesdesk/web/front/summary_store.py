"""Built summaries kept in the database, so every worker and server process shares them.

One row per scope (department, year, rep, language): the last summary built, the data version
it was built from, and the lease of a build under way. A process claims the lease before
building; while the lease holds, the others do not build the same thing again. A process that
dies mid-build (a worker killed on time-out) loses its lease when it runs out.

Every write here is its own short statement in autocommit: a build must not hold a transaction
(and on SQLite the database's write lock) open for the seconds it takes.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from salesdesk.web.front.models import StoredSummary

LEASE = timedelta(minutes=15)
"""How long a claimed build keeps others from building (longer than any build should take)."""


@dataclass(frozen=True)
class Scope:
    department_id: int
    year: int
    rep: str  # "" for the whole department
    lang: str

    def rows(self) -> QuerySet[StoredSummary]:  # one row at most
        return StoredSummary.objects.filter(
            department_id=self.department_id, year=self.year, rep=self.rep, lang=self.lang
        )


@dataclass(frozen=True)
class Stamp:
    """What identifies a stored summary without reading it: its version and when it was built."""

    version: str
    built_at: datetime | None


def stamp(scope: Scope) -> Stamp | None:
    row = scope.rows().values_list("version", "built_at").first()
    return None if row is None else Stamp(*row)


def load(scope: Scope) -> tuple[Stamp, object] | None:
    """The stored summary (unpickled) and its stamp; None if nothing was built yet."""
    row = scope.rows().values_list("version", "built_at", "summary").first()
    if row is None or row[2] is None:
        return None
    return Stamp(row[0], row[1]), pickle.loads(bytes(row[2]))


def claim(scope: Scope, version: str) -> bool:
    """Take the lease to build `version` of the scope: False if it is already stored or another
    process holds an unexpired lease."""
    now = timezone.now()
    free = Q(building_until__isnull=True) | Q(building_until__lt=now)
    if scope.rows().filter(free).exclude(version=version).update(building_until=now + LEASE):
        return True
    if scope.rows().exists():
        return False
    try:
        with transaction.atomic():  # a savepoint: a lost race must not spoil an outer transaction
            StoredSummary.objects.create(
                department_id=scope.department_id,
                year=scope.year,
                rep=scope.rep,
                lang=scope.lang,
                building_until=now + LEASE,
            )
    except IntegrityError:  # another process created it first, and holds the lease
        return False
    return True


def put(scope: Scope, version: str, value: object) -> Stamp:
    """Store a built summary and give up the lease."""
    built = Stamp(version, timezone.now())
    scope.rows().update(
        version=version,
        summary=pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),
        built_at=built.built_at,
        building_until=None,
    )
    return built


def release(scope: Scope) -> None:
    """Give up the lease without storing (the build failed): the next request tries again."""
    scope.rows().update(building_until=None)
