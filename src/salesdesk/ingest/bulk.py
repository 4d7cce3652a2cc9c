"""Bulk loading into an empty table: drop its secondary indexes, load, build them again.

Building an index once over sorted keys costs far less than updating it row by
row. Only done when the table is empty (every department), so the rebuild
never pays for rows that were already there. DDL is transactional on SQLite
and PostgreSQL: a failed import rolls the indexes back with everything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
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
