"""The annual summary behind the dashboard, built by `build_summary` once per
(department, year, rep, language) and data version, and shared by every server process through
the database (summary_store.py).

The version changes whenever the department's records do, from whichever process changed
them (an import on the command line, the Django admin, a visit logged on a phone), so a stored
summary is never taken for current when it is not, and no cache has to be cleared by hand.

Building a large department's summary takes seconds to tens of seconds, so one process builds
it and the others do not wait: the dashboard shows the last summary built (saying so) or, the
very first time, says the summary is being prepared. Reports and the API need the current
summary and wait for the build instead of repeating it.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar, cast

from django.core.cache import cache
from django.db import connection

from salesdesk.records.models import (
    Activity,
    Adjustment,
    Capacity,
    Customer,
    Department,
    Idea,
    ImportBatch,
    Incident,
    OrderLine,
    Payment,
    Rep,
    Target,
)
from salesdesk.report.build import NoRecordsForYear, build_summary
from salesdesk.report.summary import AnnualSummary
from salesdesk.web.front import lookups
from salesdesk.web.front import summary_store as store
from salesdesk.web.front.models import Edition

RECORD_MODELS = (
    Rep,
    Customer,
    OrderLine,
    Adjustment,
    Payment,
    Capacity,
    Target,
    Activity,
    Idea,
    Incident,
)
_NO_RECORDS = "no-records"
T = TypeVar("T")


@functools.cache
def _version_lookups(vendor: str) -> tuple[str, ...]:
    """The version's look-ups, as SQL for the database `vendor` (built once, not per page).

    Each table's highest id is asked as its newest row in the order of the (department_id, id)
    index (`lookups.latest`): one index step on SQLite and on PostgreSQL, with or without
    statistics."""
    return (
        *(lookups.latest(model, "id") for model in RECORD_MODELS),
        *(lookups.latest(ImportBatch, name) for name in ("id", "added", "updated")),
        lookups.aggregate(Edition, "MAX", "number"),
    )


def data_version(department: Department) -> str:
    """A short hash that changes with any change to the department's records.

    Made of each record table's highest id (new rows), the last import batch and its counters
    (an import that updated rows in place), the department's edition counter (rows changed or
    deleted through the ORM: signals.py) and its name and kind. Every part is an index look-up,
    all in one query, so the version costs the same at a million order lines as at a hundred (a
    row count would read the whole table on every page).
    """
    found = list(lookups.one_row(_version_lookups(connection.vendor), department.pk))
    if found[-1] is None:
        found[-1] = edition(department)
    parts: list[object] = [department.name, department.kind, *found]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


def edition(department: Department) -> int:
    """The department's edition counter, its row made on first use (deletions only update it)."""
    return int(Edition.objects.get_or_create(department=department)[0].number)


@dataclass(frozen=True)
class Shown:
    """A summary for a page: `current` is False while a newer one is being built elsewhere
    (then `summary` is the last one built, or None with `built_at` None if there is none yet)."""

    summary: AnnualSummary | None
    current: bool
    built_at: datetime | None
    key: str = ""  # names this very build (scope, version, time), e.g. for a fragment cache

    @property
    def preparing(self) -> bool:
        return not self.current and self.built_at is None


def scope_of(department: Department, year: int, rep: str | None, lang: str) -> store.Scope:
    return store.Scope(department.pk, year, rep or "", lang)


_MISSING = object()


def remembered(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept in Django's cache under `key`, which must name the data version it
    depends on (and anything else it depends on): a write makes a new version, so a new key,
    and nothing is ever taken for current when it is not."""
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        found = compute()
        cache.set(key, found)
    return cast(T, found)


def shown_summary(
    department: Department,
    year: int,
    rep: str | None = None,
    lang: str = "zh",
    *,
    version: str | None = None,
) -> Shown:
    """The current summary if it is stored or this request may build it; else, without waiting
    for the process building it, the last one built (or nothing yet). `version` is the
    department's `data_version`, when the caller has just read it."""
    scope = scope_of(department, year, rep, lang)
    version = data_version(department) if version is None else version
    found = _stored(scope, version) or _claim_and_build(department, scope, version)
    if found is not None:
        return found
    last = _stored(scope, version, any_version=True)
    return last if last is not None else Shown(None, False, None)


def cached_summary(
    department: Department, year: int, rep: str | None = None, lang: str = "zh"
) -> AnnualSummary | None:
    """`build_summary(department, year, rep=rep, lang=lang)`, or None when the scope has no
    records in the year; built once per data version, by whichever process asks first (the
    others wait for it, up to the build's lease)."""
    scope = scope_of(department, year, rep, lang)
    version = data_version(department)
    deadline = time.monotonic() + store.LEASE.total_seconds()
    while True:
        found = _stored(scope, version) or _claim_and_build(department, scope, version)
        if found is not None or time.monotonic() > deadline:
            break
        time.sleep(POLL_SECONDS)
    if found is None:  # the other build outlived its lease: build, without storing
        return _summary(_build(department, scope))
    return found.summary


POLL_SECONDS = 0.25


def _claim_and_build(department: Department, scope: store.Scope, version: str) -> Shown | None:
    if not store.claim(scope, version):
        return _stored(scope, version)  # it may have been stored since it was looked up
    try:
        value = _build(department, scope)
    except BaseException:
        store.release(scope)
        raise
    stamp = store.put(scope, version, value)
    _remember(scope, stamp, value)
    _note_stamp(scope, stamp)
    return Shown(_summary(value), True, stamp.built_at, _key(scope, stamp))


def _build(department: Department, scope: store.Scope) -> object:
    try:
        return build_summary(department.name, scope.year, rep=scope.rep or None, lang=scope.lang)
    except NoRecordsForYear:
        return _NO_RECORDS


def _summary(value: object) -> AnnualSummary | None:
    return value if isinstance(value, AnnualSummary) else None


def _stored(scope: store.Scope, version: str, any_version: bool = False) -> Shown | None:
    """The stored summary of `version` (or the last one built, of any version), from this
    process's memory when it already unpickled that very one."""
    stamp = None if any_version else _noted_stamp(scope, version)
    if stamp is None:
        stamp = store.stamp(scope)
        if stamp is not None:
            _note_stamp(scope, stamp)
    if stamp is None or stamp.built_at is None:
        return None
    if not any_version and stamp.version != version:
        return None
    value = _recalled(scope, stamp)
    if value is None:
        loaded = store.load(scope)
        if loaded is None:
            return None
        stamp, value = loaded
        _remember(scope, stamp, value)
    return Shown(_summary(value), stamp.version == version, stamp.built_at, _key(scope, stamp))


def _stamp_key(scope: store.Scope, version: str) -> str:
    return f"salesdesk:stamp:{scope.department_id}:{scope.year}:{scope.rep}:{scope.lang}:{version}"


def _noted_stamp(scope: store.Scope, version: str) -> store.Stamp | None:
    """The stamp of the stored build of `version`, if this process has seen it: a version is
    built and stored once (`store.claim` never hands out a lease for a stored version), so its
    stamp never changes and need not be read from the database on every page."""
    found = cache.get(_stamp_key(scope, version))
    return found if isinstance(found, store.Stamp) else None


def _note_stamp(scope: store.Scope, stamp: store.Stamp) -> None:
    if stamp.built_at is not None:
        cache.set(_stamp_key(scope, stamp.version), stamp)


def _key(scope: store.Scope, stamp: store.Stamp) -> str:
    built = stamp.built_at.timestamp() if stamp.built_at else ""
    return f"{scope.department_id}:{scope.year}:{scope.rep}:{scope.lang}:{stamp.version}:{built}"


# The last few summaries this process unpickled (unpickling a large summary on every page view
# costs more than the rest of the page), each with the stamp it was stored under: the stamp is
# read on every request, so a memory is only used while the database still holds that build.
RECENT = 16
_guard = threading.Lock()
_recent: OrderedDict[store.Scope, tuple[store.Stamp, object]] = OrderedDict()


def _recalled(scope: store.Scope, stamp: store.Stamp) -> object | None:
    with _guard:
        found = _recent.get(scope)
    return found[1] if found is not None and found[0] == stamp else None


def _remember(scope: store.Scope, stamp: store.Stamp, value: object) -> None:
    with _guard:
        _recent[scope] = (stamp, value)
        _recent.move_to_end(scope)
        while len(_recent) > RECENT:
            _recent.popitem(last=False)
