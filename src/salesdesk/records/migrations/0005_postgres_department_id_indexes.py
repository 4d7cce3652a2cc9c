"""PostgreSQL only: an index on (department_id, id) for every record table.

The web app's data version reads each record table's highest id within a department. SQLite's
index on department_id already ends in the rowid, so that is one index seek there; PostgreSQL's
does not, and without this index it walks the primary key backwards through every other
department's rows (0.23 s a page at a million order lines). The index is not declared on the
models because SQLite would only pay for it on every import.
"""

from __future__ import annotations

from django.db import migrations

TABLES = (
    "records_rep",
    "records_customer",
    "records_orderline",
    "records_adjustment",
    "records_payment",
    "records_capacity",
    "records_activity",
    "records_target",
    "records_idea",
    "records_incident",
)


def _name(table: str) -> str:
    return f"{table}_dept_id_pg"


def create(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{_name(table)}" ON "{table}" ("department_id", "id")'
        )


def drop(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{_name(table)}"')


class Migration(migrations.Migration):
    dependencies = [("records", "0004_activity_follow_up_index")]

    operations = [migrations.RunPython(create, drop)]
