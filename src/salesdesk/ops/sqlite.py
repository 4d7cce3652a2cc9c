"""SQLite: copies through the online backup API, which reads one consistent snapshot.

In WAL mode a reader never waits for a writer, so a backup runs while the web app and imports
keep working; an import still in progress is simply not in the copy. The copy is switched to
the rollback journal, so the backup is one self-contained file.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from salesdesk.ops.contents import records_present, refuse_unless_empty
from salesdesk.ops.fingerprint import sqlite_tables
from salesdesk.ops.problems import OpsProblem

MAGIC = b"SQLite format 3\x00"


def _open(path: Path, mode: str, timeout: float) -> sqlite3.Connection:
    """A plain connection; mode "rw" never creates the file, "rwc" may."""
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=timeout)
    except sqlite3.Error as error:
        raise OpsProblem(
            f"无法打开数据库文件 {path}：{error}", f"cannot open the database file {path}: {error}"
        ) from None


def backup(live: Path, copy: Path, timeout: float) -> None:
    """Copy the live database `live` into the new file `copy`, then check the copy."""
    if not live.is_file():
        raise OpsProblem(f"数据库文件 {live} 不存在", f"the database file {live} does not exist")
    with (
        closing(_open(live, "rw", timeout)) as source,
        closing(_open(copy, "rwc", timeout)) as target,
    ):
        try:
            source.backup(target)  # pages=-1: one step, one read snapshot
            target.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error as error:
            raise OpsProblem(
                f"备份数据库 {live} 失败：{error}", f"backing up {live} failed: {error}"
            ) from None
    verdict, tables = _inspect(copy)
    if verdict != ["ok"]:
        raise OpsProblem(
            f"数据库 {live} 的备份未通过完整性检查，数据库可能已损坏：{'；'.join(verdict[:3])}",
            f"the backup of {live} fails the integrity check; the database may be damaged: "
            + "; ".join(verdict[:3]),
        )
    if "django_migrations" not in tables:
        raise OpsProblem(f"{live} 不是 salesdesk 数据库", f"{live} is not a salesdesk database")


def check_backup(path: Path) -> None:
    """Refuse a file that is not a sound SQLite salesdesk database."""
    verdict, tables = _inspect(path)
    if verdict != ["ok"]:
        raise OpsProblem(
            f"备份文件 {path} 已损坏：{'；'.join(verdict[:3])}",
            f"the backup file {path} is damaged: {'; '.join(verdict[:3])}",
        )
    if "django_migrations" not in tables:
        raise OpsProblem(
            f"{path} 是 SQLite 文件，但不是 salesdesk 数据库的备份",
            f"{path} is an SQLite file but not a backup of a salesdesk database",
        )


def _inspect(path: Path) -> tuple[list[str], list[str]]:
    """`PRAGMA integrity_check`'s lines and the table names of an SQLite file."""
    with closing(_open(path, "ro", 5)) as db:
        try:
            verdict = [str(row[0]) for row in db.execute("PRAGMA integrity_check")]
            return verdict, sqlite_tables(db.cursor())
        except sqlite3.Error as error:
            return [str(error)], []


def restore(copy: Path, live: Path, timeout: float) -> None:
    """Copy the backup `copy` into the empty (or missing) database file `live`."""
    check_backup(copy)
    with (
        closing(_open(copy, "ro", timeout)) as source,
        closing(_open(live, "rwc", timeout)) as target,
    ):
        with closing(target.cursor()) as cursor:
            refuse_unless_empty(records_present(cursor, sqlite_tables(cursor)), str(live))
        try:
            source.backup(target)
        except sqlite3.Error as error:
            raise OpsProblem(
                f"恢复到数据库 {live} 失败：{error}", f"restoring into {live} failed: {error}"
            ) from None
