"""What an import's UPDATE changed, field by field, for the audit trail.

Before the one UPDATE runs, the rows it will touch are copied (as they are) into a temporary
table, inside the import's transaction; afterwards each copy is read next to the updated row,
a chunk at a time by id. The cost grows with the rows that change, never with the file or the
table: a first import or a re-import of the same file copies nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connection
from django.db import models as djm
from django.utils.encoding import smart_str

from salesdesk.records.audit import NOT_AUDITED, ChangedRow

BEFORE = "salesdesk_before"
CHUNK = 2000
Reader = Callable[[Any], Any]


def snapshot(cur: Any, table: str, compared: Sequence[str], join: str) -> int:
    """Copy the rows `join` (the stage joined to the table, changed rows only) will update."""
    cols = ", ".join(f"t.{_q(c)}" for c in ["id", "batch_id", *compared])
    cur.execute(f"DROP TABLE IF EXISTS {BEFORE}")
    cur.execute(f"CREATE TEMPORARY TABLE {BEFORE} AS SELECT {cols} {join}")
    cur.execute(f"CREATE INDEX {BEFORE}_id ON {BEFORE} (id)")
    cur.execute(f"SELECT COUNT(*) FROM {BEFORE}")
    return int(cur.fetchone()[0])


def drop(cur: Any) -> None:
    cur.execute(f"DROP TABLE IF EXISTS {BEFORE}")


def changed_rows(model: type[djm.Model], compared: Sequence[str]) -> Iterator[ChangedRow]:
    """Each updated record with its audited fields' [before, after], after the UPDATE ran."""
    fields = _audited(model, compared)
    readers = [_reader(model, f) for f in fields]
    before = ", ".join(f"b.{_q(str(f.column))}" for f in fields)
    after = ", ".join(f"t.{_q(str(f.column))}" for f in fields)
    sql = (
        f"SELECT b.id, t.{_q('key')}, b.batch_id, {before}, {after} FROM {BEFORE} b "
        f"JOIN {model._meta.db_table} t ON t.id = b.id WHERE b.id > %s ORDER BY b.id LIMIT {CHUNK}"
    )
    last = 0
    while True:
        with connection.cursor() as cur:
            cur.execute(sql, [last])
            rows = cur.fetchall()
        for row in rows:
            yield _changed(row, fields, readers)
        if len(rows) < CHUNK:
            return
        last = rows[-1][0]


def _changed(row: Sequence[Any], fields: list[djm.Field], readers: list[Reader]) -> ChangedRow:
    n = len(fields)
    olds, news = row[3 : 3 + n], row[3 + n :]
    changes: dict[str, list[Any]] = {}
    for field, read, old, new in zip(fields, readers, olds, news, strict=True):
        before, after = read(old), read(new)
        if before != after:  # typed: 1.5 == 1.5000, the same JSON in another key order
            changes[field.name] = [_as_json(before), _as_json(after)]
    return ChangedRow(int(row[0]), str(row[1]), row[2], changes)


def _audited(model: type[djm.Model], compared: Sequence[str]) -> list[djm.Field]:
    by_column = {str(f.column): f for f in model._meta.concrete_fields}
    return [by_column[c] for c in compared if by_column[c].name not in NOT_AUDITED]


def _reader(model: type[djm.Model], field: djm.Field) -> Reader:
    """The database value as the ORM would give it (dates, Decimals, JSON), as Django converts it."""
    column = field.get_col(model._meta.db_table)
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)

    def read(value: Any) -> Any:
        for convert in converters:
            value = convert(value, column, connection)
        return value

    return read


def _as_json(value: Any) -> Any:
    """As django-auditlog keeps a value (AUDITLOG_STORE_JSON_CHANGES): JSON types as they are,
    anything else (dates, Decimals) as its text."""
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return smart_str(value)


def _q(column: str) -> str:
    return connection.ops.quote_name(column)
