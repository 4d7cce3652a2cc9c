"""Bulk loading: work done once for the whole load instead of once a row.

Into an empty table: drop its secondary indexes, load, build them again. Building an index
once over sorted keys costs far less than updating it row by row. Only done when the table is
empty (every department), so the rebuild never pays for rows that were already there. DDL is
transactional on SQLite and PostgreSQL: a failed import rolls the indexes back with everything
else. On PostgreSQL, foreign keys likewise: checked set-wise after the load (ReferenceCheck).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError, connection
from django.db import models as djm


def secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the plain indexes; constraint-backed ones stay."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [table],
            )
        else:
            cur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = %s AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [table],
            )
        return [(str(name), str(sql)) for name, sql in cur.fetchall()]


@contextmanager
def indexes_built_after(model: type[djm.Model]) -> Iterator[None]:
    table = model._meta.db_table
    if model._default_manager.exists():
        yield
        return
    indexes = secondary_indexes(table)
    with connection.cursor() as cur:
        for name, _ in indexes:
            cur.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # deferred FK checks block CREATE INDEX
        for _, sql in indexes:
            cur.execute(sql)


class ReferenceCheck:
    """PostgreSQL: the foreign keys of an import's rows checked once, set-wise, not row by row.

    Each foreign key is a trigger that looks its parent up for every row written: at a million
    lines and four keys, most of an import's time. Where the role may set
    session_replication_role (a superuser, or `GRANT SET ON PARAMETER session_replication_role`
    on PostgreSQL 15+), the triggers sleep while the stage writes its rows (`unchecked`), and
    `check` then looks up, and locks FOR KEY SHARE as the triggers would, every parent the
    batch's rows name, in one query per key: a missing one is an IntegrityError, as it would
    have been. Elsewhere both are no-ops and the triggers run.
    """

    def __init__(self, model: type[djm.Model], department_id: int, batch_id: int) -> None:
        self.model, self.department_id, self.batch_id = model, department_id, batch_id
        self.active = connection.vendor == "postgresql" and _may_silence_triggers()
        self.pending = False

    @contextmanager
    def unchecked(self) -> Iterator[None]:
        if not self.active:
            yield
            return
        with connection.cursor() as cur:
            cur.execute("SET LOCAL session_replication_role = replica")
        yield  # on an error the transaction (or savepoint) rolls back, and the SET LOCAL with it
        with connection.cursor() as cur:
            cur.execute("SET LOCAL session_replication_role = DEFAULT")
        self.pending = True

    def check(self) -> None:
        if not self.pending:
            return
        with connection.cursor() as cur:
            for field in _constrained_keys(self.model):
                _check_key(cur, self.model, field, self.department_id, self.batch_id)
        self.pending = False


def _may_silence_triggers() -> bool:
    """A superuser may; from PostgreSQL 15 a role granted SET on the parameter may too (the
    function that asks does not exist before 15, so it is only named there)."""
    with connection.cursor() as cur:
        cur.execute("SELECT current_setting('is_superuser') = 'on'")
        if cur.fetchone()[0]:
            return True
        if connection.pg_version < 150000:  # type: ignore[attr-defined]
            return False
        cur.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
        return bool(cur.fetchone()[0])


def _constrained_keys(model: type[djm.Model]) -> list[djm.ForeignKey[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, djm.ForeignKey) and getattr(f, "db_constraint", True)
    ]


def _check_key(
    cur: Any,
    model: type[djm.Model],
    field: djm.ForeignKey[Any, Any],
    department_id: int,
    batch_id: int,
) -> None:
    """Lock the parents the batch's rows name; one that is missing is an IntegrityError."""
    quote = connection.ops.quote_name
    parent = field.related_model._meta
    parent_key = quote(str(field.target_field.column))
    column = quote(field.column)
    rows = f"FROM {quote(model._meta.db_table)} WHERE department_id = %s AND batch_id = %s"
    pinned = {"department_id": department_id, "batch_id": batch_id}.get(field.column)
    if pinned is None:
        named, params = f"SELECT DISTINCT {column} AS ref {rows} AND {column} IS NOT NULL", []
    else:  # the WHERE fixes this column: its one value, if the batch has rows, without a scan
        named, params = f"SELECT CAST(%s AS bigint) AS ref WHERE EXISTS (SELECT 1 {rows})", [pinned]
    cur.execute(
        f"WITH named AS ({named}), found AS (SELECT p.{parent_key} FROM {quote(parent.db_table)} p "
        f"WHERE p.{parent_key} IN (SELECT ref FROM named) FOR KEY SHARE) "
        "SELECT (SELECT COUNT(*) FROM named), (SELECT COUNT(*) FROM found)",
        [*params, department_id, batch_id],
    )
    named_count, found_count = cur.fetchone()
    if found_count != named_count:
        raise IntegrityError(
            f"{model._meta.db_table}.{field.column}: {named_count - found_count} value(s) name "
            f"no row of {parent.db_table}"
        )
