"""Many rows into one table in one statement: COPY on PostgreSQL, executemany on SQLite.

Django's psycopg cursor binds parameters on the client, so an executemany there spells every
value into SQL text in Python, a statement a row; COPY streams the rows instead, several
times faster. Text format: each value is read by its column's own input function, as an
INSERT's literals are, and errors come out as Django's (an IntegrityError for a repeated key).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection


def insert_rows(target: str, rows: Sequence[Sequence[Any]]) -> None:
    """Insert `rows` into `target`, spelled `table ("column", …)`, values in that order."""
    if not rows:
        return
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with (
                connection.wrap_database_errors,
                cur.cursor.copy(f"COPY {target} FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(rows[0]))
            cur.executemany(f"INSERT INTO {target} VALUES ({marks})", rows)
