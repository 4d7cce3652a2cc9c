"""Start Django from a plain Python process (CLI, scripts, benchmarks) and migrate on demand."""

from __future__ import annotations

import os

_ready = False


def setup(db_path: str | None = None, *, migrate: bool = True) -> None:
    """Configure Django once; apply pending migrations so no user runs a separate step.

    `db_path` (the CLI's --db) wins over SALESDESK_DB; DATABASE_URL still selects
    PostgreSQL when set.
    """
    global _ready
    if db_path:
        os.environ["SALESDESK_DB"] = db_path
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salesdesk.conf.settings")
    if not _ready:
        import django

        django.setup()
        _ready = True
    if migrate:
        migrate_if_needed()


def migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)
