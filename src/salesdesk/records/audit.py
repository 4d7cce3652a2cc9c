"""The audit trail: who changed which record, when, from what to what, and from which file.

Saves and deletions through the ORM (web pages, the API, the Django admin) are logged by
django-auditlog: every record model is registered here, `AuditMiddleware` names the logged-in
user and the API's token check names the token's user (`act_as`). An import moves rows with
set-based SQL and sends no model signals, so it logs itself, cheaply: the `ImportBatch` (file,
sha256, kind, counts, who) stands for every record it added — each points to its batch — and
each record it updated gets one entry with the fields that changed, before and after
(`log_import_updates`). Nothing is logged for unchanged rows, so a re-import logs nothing.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.diff import model_instance_diff
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db import models as djm
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from salesdesk.records.bulk_insert import insert_rows

if TYPE_CHECKING:
    from salesdesk.records.models import ImportBatch

LOG_CHUNK = 2000
NOT_AUDITED = ["batch", "id"]  # which import last wrote a record is the trail's "file" column
_importing: ContextVar[dict[str, object] | None] = ContextVar("salesdesk_importing", default=None)


@dataclass(frozen=True)
class ChangedRow:
    """A record an import updated: its fields that changed, each as [before, after]."""

    id: int
    key: str
    previous_batch: int | None
    changes: dict[str, list[Any]]


def register_models() -> None:
    """Register every kind of record with django-auditlog (called once, from the app's ready())."""
    from salesdesk.records.registry import MODELS

    for model in MODELS.values():
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=NOT_AUDITED)


class AuditMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, which also forgets the user when the request ends.

    One thread serves many requests and the library leaves its context behind; an import run
    later in the same thread (a test, a script) must not be put down to the last web user."""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = auditlog_value.set({})
        try:
            return super().__call__(request)
        finally:
            auditlog_value.reset(token)


def act_as(user: Any) -> None:
    """Name `user` as the actor of this request's changes (the API checks its token after the
    middleware has already looked for a logged-in user)."""
    context = auditlog_value.get(None)
    if isinstance(context, dict) and "signal_duid" in context:
        context["actor"] = user


def current_actor() -> Any:
    """The web or API user whose request is running, or None (the command line)."""
    context = auditlog_value.get(None)
    actor = context.get("actor") if isinstance(context, dict) else None
    return actor if isinstance(actor, get_user_model()) else None


def who_now() -> str:
    """Who is changing records: the web user, else the operating-system user of the command."""
    actor = current_actor()
    if actor is not None:
        return str(actor.get_username())
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        return ""


@contextmanager
def importing(batch: ImportBatch) -> Iterator[None]:
    """Records an import creates one by one (the customers and reps its rows name) are logged
    with its file and who ran it (`Record.get_additional_data` reads this)."""
    token = _importing.set(_import_data(batch, None))
    try:
        yield
    finally:
        _importing.reset(token)


def entry_data(department_id: int) -> dict[str, object]:
    """What an audit-log entry of a record keeps besides the change: its department, and the
    import it came from when an import is running."""
    return {**(_importing.get() or {}), "department": department_id}


def log_import_updates(
    model: type[djm.Model], rows: Iterable[ChangedRow], batch: ImportBatch
) -> int:
    """One UPDATE entry per changed record of the batch, with the file and who imported it."""
    entries = _Entries(model, LogEntry.Action.UPDATE)
    logged, chunk = 0, []
    for row in rows:
        if not row.changes:  # e.g. the same JSON written with its keys in another order
            continue
        extra = _import_data(batch, row.previous_batch)
        chunk.append(entries.row(str(row.id), row.id, row.key, row.changes, extra))
        if len(chunk) >= LOG_CHUNK:
            logged += _insert(entries.target, chunk)
            chunk = []
    return logged + _insert(entries.target, chunk)


def log_created(objects: Sequence[djm.Model]) -> int:
    """One CREATE entry per record an import created in bulk (the customers and reps its rows
    name), the same entry django-auditlog's signal would write for a single save."""
    if not objects:
        return 0
    entries = _Entries(type(objects[0]), LogEntry.Action.CREATE)
    as_json = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    rows = []
    for obj in objects:
        changes = model_instance_diff(None, obj, use_json_for_changes=as_json)
        if changes:
            extra = obj.get_additional_data()  # type: ignore[attr-defined]
            rows.append(entries.row(str(obj.pk), obj.pk, str(obj), changes, extra))
    return _insert(entries.target, rows)


class _Entries:
    """Audit-log rows of one model and action, written with `insert_rows` and prepared by
    LogEntry's own fields: bulk_create would cut a 100,000-row import into thousands of small
    statements (SQLite's variable limit)."""

    def __init__(self, model: type[djm.Model], action: int) -> None:
        actor = current_actor()
        self.fixed = {
            "content_type": ContentType.objects.get_for_model(model).pk,
            "action": action,
            "changes_text": "",
            "actor": actor.pk if actor is not None else None,
            "actor_email": getattr(actor, "email", None),
            "timestamp": timezone.now(),
            "cid": get_cid(),
        }
        names = [*self.fixed, "object_pk", "object_id", "object_repr", "changes"]
        self.fields = [LogEntry._meta.get_field(n) for n in [*names, "additional_data"]]
        columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in self.fields)
        self.target = f"{LogEntry._meta.db_table} ({columns})"

    def row(self, pk: str, pk_id: int, shown: str, changes: object, extra: object) -> list[Any]:
        values = [*self.fixed.values(), pk, pk_id, shown, changes, extra]
        return [f.get_db_prep_save(v, connection) for f, v in zip(self.fields, values, strict=True)]


def _insert(target: str, rows: list[list[Any]]) -> int:
    insert_rows(target, rows)
    return len(rows)


def _import_data(batch: ImportBatch, previous_batch: int | None) -> dict[str, object]:
    return {
        "department": batch.department_id,
        "batch": batch.pk,
        "file": batch.file_name,
        "by": batch.imported_by,
        "previous_batch": previous_batch,
    }
