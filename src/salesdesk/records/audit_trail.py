"""Reading the audit trail: `salesdesk audit --since DATE` and the history on a record's page.

Three sources, one list, oldest first: django-auditlog's entries (web, API and admin changes,
and the records an import updated, with their file), the import batches (a file's added
records, its counts, who ran it) and the year closes and reopens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models as djm
from django.db.models import QuerySet
from django.utils import timezone

from salesdesk.records.models import Department, ImportBatch, YearCloseEvent
from salesdesk.records.registry import MODELS

YEAR = "year"  # the --kind of year closes and reopens
ACTIONS = {
    "create": ("新增", "added"),
    "update": ("修改", "changed"),
    "delete": ("删除", "deleted"),
    "import": ("导入", "imported"),
    "close": ("结账", "closed"),
    "reopen": ("重新开账", "reopened"),
}
LOG_ACTIONS = {LogEntry.Action.CREATE: "create", LogEntry.Action.UPDATE: "update"}


HIDDEN = {"id", "department"}  # the department has its own column


@dataclass(frozen=True)
class FieldChange:
    """One field: its logged values (JSON, None when empty) and the same as people read them."""

    field: str
    label: str
    before: Any
    after: Any
    before_text: str
    after_text: str


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    who: str
    department: str
    kind: str  # a kind of record ("orders"), or "year"
    record: str  # the record's key, the import file, or the year
    action: str  # a key of ACTIONS
    changes: tuple[FieldChange, ...] = ()
    file: str = ""  # the import file the change came from
    note: str = ""  # an import's counts, a reopen's reason

    def as_json(self) -> dict[str, Any]:
        return {
            "at": timezone.localtime(self.at).isoformat(timespec="seconds"),
            "who": self.who,
            "department": self.department,
            "kind": self.kind,
            "record": self.record,
            "action": self.action,
            "changes": [
                {"field": c.field, "before": c.before, "after": c.after} for c in self.changes
            ],
            "file": self.file,
            "note": self.note,
        }


def say(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def audit_rows(
    since: date,
    until: date | None = None,
    *,
    department: Department | None = None,
    kind: str | None = None,
    lang: str = "zh",
) -> list[AuditRow]:
    """Every audited change from `since` to `until` (both whole local days), oldest first."""
    start, end = (
        _day_start(since),
        _day_start((until or date.max - timedelta(days=1)) + timedelta(1)),
    )
    rows = []  # at the same instant an import batch comes before the records it wrote
    if kind != YEAR:
        rows += _batch_rows(_batches(start, end, department, kind), lang)
    rows += _log_rows(_entries(start, end, department, kind), lang)
    if kind in (None, YEAR):
        rows += _year_rows(_year_events(start, end, department), lang)
    return sorted(rows, key=lambda r: r.at)


def record_history(record: djm.Model, lang: str = "zh") -> list[AuditRow]:
    """One record's trail, oldest first: the import that brought it in, then every change."""
    entries = list(LogEntry.objects.get_for_object(record).select_related("actor"))
    first_batch = _first_batch(record, entries)
    rows = []
    if first_batch is not None and not any(e.action == LogEntry.Action.CREATE for e in entries):
        rows += _batch_rows([first_batch], lang)
    rows += _log_rows(entries, lang)
    return sorted(rows, key=lambda r: r.at)


def _first_batch(record: djm.Model, entries: list[LogEntry]) -> ImportBatch | None:
    """The batch that added the record: the one its first import update replaced, else its own."""
    earlier = [
        e.additional_data["previous_batch"]
        for e in sorted(entries, key=lambda e: e.timestamp)
        if isinstance(e.additional_data, dict) and e.additional_data.get("previous_batch")
    ]
    batch_id = earlier[0] if earlier else getattr(record, "batch_id", None)
    return ImportBatch.objects.filter(pk=batch_id).first() if batch_id else None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _kind_models(kind: str | None) -> list[type[djm.Model]]:
    if kind is None:
        return list(MODELS.values())
    return [MODELS[kind]] if kind in MODELS else []


def _entries(
    start: datetime, end: datetime, department: Department | None, kind: str | None
) -> QuerySet[LogEntry]:
    types = ContentType.objects.get_for_models(*_kind_models(kind)).values()
    found = LogEntry.objects.filter(
        timestamp__gte=start, timestamp__lt=end, content_type__in=list(types)
    )
    if department is not None:
        found = found.filter(additional_data__department=department.pk)
    return found.select_related("actor", "content_type").order_by("timestamp", "pk")


def _batches(
    start: datetime, end: datetime, department: Department | None, kind: str | None
) -> QuerySet[ImportBatch]:
    found = ImportBatch.objects.filter(started_at__gte=start, started_at__lt=end)
    if department is not None:
        found = found.filter(department=department)
    if kind is not None:
        found = found.filter(kind=kind)
    return found.select_related("department").order_by("started_at", "pk")


def _year_events(
    start: datetime, end: datetime, department: Department | None
) -> QuerySet[YearCloseEvent]:
    found = YearCloseEvent.objects.filter(at__gte=start, at__lt=end)
    if department is not None:
        found = found.filter(department=department)
    return found.select_related("department").order_by("at", "pk")


def _log_rows(entries: Iterable[LogEntry], lang: str) -> list[AuditRow]:
    entries = list(entries)
    kinds = {model: name for name, model in MODELS.items()}
    names = dict(Department.objects.values_list("pk", "name"))
    keys = _keys(entries)
    shown = _Values()
    rows = []
    for e in entries:
        model = e.content_type.model_class()
        data = e.additional_data if isinstance(e.additional_data, dict) else {}
        changes = e.changes if isinstance(e.changes, dict) else {}
        rows.append(
            AuditRow(
                at=e.timestamp,
                who=_actor_name(e) or str(data.get("by", "")),
                department=names.get(int(data.get("department") or 0), ""),
                kind=kinds.get(model, e.content_type.model) if model else e.content_type.model,
                record=keys.get((e.content_type_id, e.object_id), e.object_repr),
                action=LOG_ACTIONS.get(e.action, "delete"),
                changes=shown.changes(model, changes, lang),
                file=str(data.get("file", "")),
            )
        )
    return rows


def _keys(entries: list[LogEntry]) -> dict[tuple[int, int | None], str]:
    """Each entry's record key: logged with it (added, deleted), else read, one query per kind."""
    keys: dict[tuple[int, int | None], str] = {}
    wanted: dict[int, set[int]] = {}
    for e in entries:
        pair = e.changes.get("key") if isinstance(e.changes, dict) else None
        if isinstance(pair, list) and len(pair) == 2 and (pair[1] or pair[0]):
            keys[(e.content_type_id, e.object_id)] = str(pair[1] or pair[0])
        elif e.object_id is not None and "file" not in (e.additional_data or {}):
            wanted.setdefault(e.content_type_id, set()).add(e.object_id)
        else:
            keys[(e.content_type_id, e.object_id)] = e.object_repr  # imports log the key itself
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None:
            for pk, key in model._default_manager.filter(pk__in=ids).values_list("pk", "key"):
                keys.setdefault((type_id, pk), str(key))
    return keys


def _actor_name(entry: LogEntry) -> str:
    return str(entry.actor.get_username()) if entry.actor is not None else ""


def _batch_rows(batches: Iterable[ImportBatch], lang: str) -> list[AuditRow]:
    return [
        AuditRow(
            at=b.started_at,
            who=b.imported_by,
            department=b.department.name,
            kind=b.kind,
            record=b.file_name,
            action="import",
            file=b.file_name,
            note=say(
                lang,
                f"新增 {b.added}，更新 {b.updated}，未变 {b.unchanged}，拒绝 {b.rejected}",
                f"added {b.added}, updated {b.updated}, unchanged {b.unchanged}, rejected {b.rejected}",
            ),
        )
        for b in batches
    ]


def _year_rows(events: Iterable[YearCloseEvent], lang: str) -> list[AuditRow]:
    return [
        AuditRow(
            at=e.at,
            who=e.by,
            department=e.department.name,
            kind=YEAR,
            record=str(e.year),
            action=e.action,
            note=say(lang, f"原因：{e.reason}", f"reason: {e.reason}") if e.reason else "",
        )
        for e in events
    ]


class _Values:
    """Logged values as people read them: a rep or customer by code and name, empty as "—"."""

    def __init__(self) -> None:
        self.related: dict[tuple[type[djm.Model], Any], str] = {}

    def changes(self, model: Any, logged: dict[str, Any], lang: str) -> tuple[FieldChange, ...]:
        """The fields that changed, in the model's order; a new record's empty fields left out."""
        order = {f.name: n for n, f in enumerate(model._meta.fields)} if model else {}
        found = []
        for name in sorted(logged, key=lambda n: (order.get(n, len(order)), n)):
            change = self.change(model, name, logged[name], lang)
            if name not in HIDDEN and change.before_text != change.after_text:
                found.append(change)
        return tuple(found)

    def change(self, model: Any, name: str, pair: Any, lang: str) -> FieldChange:
        before, after = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None and lang != "en" else name
        return FieldChange(
            name, label, before, after, self.text(field, before), self.text(field, after)
        )

    def text(self, field: djm.Field | None, value: Any) -> str:
        if value is None or value == "" or value == {}:
            return "—"
        if field is not None and field.many_to_one and field.related_model is not None:
            return self._related(field.related_model, value)
        if isinstance(field, djm.DecimalField):
            return _exact(value)
        return str(value)

    def _related(self, model: type[djm.Model], pk: Any) -> str:
        if (model, pk) not in self.related:
            found = model._default_manager.filter(pk=pk).first()
            self.related[(model, pk)] = str(found) if found is not None else f"#{pk}"
        return self.related[(model, pk)]


def _exact(value: Any) -> str:
    """A stored decimal without its padding zeros ("200.0000" → "200"): exact, never rounded."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _field(model: Any, name: str) -> djm.Field | None:
    try:
        return model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:  # a field since removed from the model: shown by its logged name
        return None
