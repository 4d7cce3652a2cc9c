"""Does a database already hold records? A restore goes into an empty database only."""

from __future__ import annotations

from collections.abc import Collection

from salesdesk.ops.fingerprint import Cursor, quote
from salesdesk.ops.problems import OpsProblem

# Apps whose rows `migrate` writes itself, or that are throw-away (sessions, login throttling).
_BOOKKEEPING_APPS = frozenset({"contenttypes", "sessions", "axes"})
_BOOKKEEPING_TABLES = frozenset({"auth_permission", "django_migrations"})


def record_tables() -> list[str]:
    """Tables of the installed models that hold the department's or the users' data."""
    from django.apps import apps

    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in _BOOKKEEPING_APPS
    }
    return sorted(tables - _BOOKKEEPING_TABLES)


def records_present(cursor: Cursor, existing: Collection[str]) -> dict[str, int]:
    """Row counts of the record tables that exist and are not empty (rollups, derived from
    the order lines, are not named: the lines themselves are)."""
    from salesdesk.records.models import RollupState
    from salesdesk.records.models.rollups import ROLLUPS

    derived = {model._meta.db_table for model in (*ROLLUPS, RollupState)}
    counts: dict[str, int] = {}
    for table in record_tables():
        if table in existing and table not in derived:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            count = int(cursor.fetchone()[0])
            if count:
                counts[table] = count
    return counts


def refuse_unless_empty(counts: dict[str, int], label: str) -> None:
    if not counts:
        return
    shown = "、".join(f"{t} {n:,} 行" for t, n in sorted(counts.items())[:8])
    shown_en = ", ".join(f"{t}: {n:,}" for t, n in sorted(counts.items())[:8])
    raise OpsProblem(
        f"数据库 {label} 已有记录（{shown}），只能恢复到空数据库。"
        "请指定一个新的数据库（--db 新文件，或 DATABASE_URL 指向新建的空库）后再恢复",
        f"the database {label} already holds records ({shown_en}); a backup is only restored "
        "into an empty database. Point --db at a new file (or DATABASE_URL at a new, empty "
        "database) and restore again",
    )
