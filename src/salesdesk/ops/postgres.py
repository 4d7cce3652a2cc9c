"""PostgreSQL: `pg_dump --format=custom` out, `pg_restore --no-owner` back in.

The dump reads a snapshot exported by our own REPEATABLE READ transaction, and the fingerprint
is computed in that same transaction: it describes exactly the rows in the dump, however busy
the database was. Connection settings reach the tools through PG* environment variables, so a
password never appears on a command line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from salesdesk.ops.contents import record_tables, records_present, refuse_unless_empty
from salesdesk.ops.fingerprint import Fingerprint, postgres_fingerprint, postgres_tables, quote
from salesdesk.ops.problems import OpsProblem

MAGIC = b"PGDMP"
LOCK_WAIT = "10min"  # a first import into an empty table holds it exclusively until it commits
_ENVIRONMENT = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT"}


def tool(name: str) -> str:
    """The full path of pg_dump / pg_restore, or a problem saying how to get it."""
    found = shutil.which(name)
    if found is None:
        raise OpsProblem(
            f"找不到 {name}：请安装 PostgreSQL 客户端工具（Debian/Ubuntu：apt install "
            "postgresql-client；主版本不低于服务器），并确保它在 PATH 中",
            f"{name} not found: install the PostgreSQL client tools (Debian/Ubuntu: apt install "
            "postgresql-client; the same major version as the server or newer) and put them "
            "on PATH",
        )
    return found


def environment(settings: Mapping[str, Any]) -> dict[str, str]:
    """PG* variables for the tools: Django's connection settings over the inherited ones.

    Like Django's own connection, the tools still honour PGPASSFILE, PGSSLMODE and the rest
    where the settings say nothing.
    """
    env = dict(os.environ)
    env["PGDATABASE"] = str(settings["NAME"])
    for key, variable in _ENVIRONMENT.items():
        if settings.get(key):
            env[variable] = str(settings[key])
    for key, variable in _OPTIONS.items():
        if settings.get("OPTIONS", {}).get(key):
            env[variable] = str(settings["OPTIONS"][key])
    return env


def _run(command: Sequence[str], env: Mapping[str, str], what_zh: str, what_en: str) -> None:
    done = subprocess.run(list(command), env=dict(env), capture_output=True, text=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-1500:]
        raise OpsProblem(f"{what_zh}失败：{detail}", f"{what_en} failed: {detail}")


def backup(copy: Path, settings: Mapping[str, Any]) -> Fingerprint:
    """Dump the database into `copy`; returns the fingerprint of the dumped snapshot."""
    from django.db import connection, transaction

    pg_dump = tool("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = str(cursor.fetchone()[0])
        command = [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={copy}"]
        command += ["--no-password", f"--lock-wait-timeout={LOCK_WAIT}"]
        _run(command, environment(settings), "pg_dump 备份", "pg_dump")
        return postgres_fingerprint(cursor)


def check_backup(path: Path) -> None:
    """Refuse a file pg_restore cannot read."""
    _run(
        [tool("pg_restore"), "--list", str(path)],
        os.environ,
        f"读取备份文件 {path} ",
        "reading the backup",
    )


def restore(copy: Path, settings: Mapping[str, Any], label: str) -> Fingerprint:
    """Restore the dump `copy` into the configured, empty database."""
    pg_restore = tool("pg_restore")
    check_backup(copy)
    _clear_empty_database(label)
    command = [pg_restore, "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction"]
    command += [f"--dbname={settings['NAME']}", str(copy)]
    _run(command, environment(settings), f"pg_restore 恢复到 {label} ", f"pg_restore into {label}")
    return snapshot_fingerprint()


def _clear_empty_database(label: str) -> None:
    """Refuse a database with records; drop the empty tables of one migrated but never used."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        refuse_unless_empty(records_present(cursor, postgres_tables(cursor)), label)
        ours = {
            *record_tables(),
            *connection.introspection.django_table_names(),
            "django_migrations",
        }
        present = [t for t in postgres_tables(cursor) if t in ours]
        if present:
            cursor.execute(f"DROP TABLE {', '.join(quote(t) for t in present)} CASCADE")


def snapshot_fingerprint() -> Fingerprint:
    """Fingerprint of the whole database, read from one snapshot."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return postgres_fingerprint(cursor)
