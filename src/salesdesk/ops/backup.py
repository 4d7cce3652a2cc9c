"""`salesdesk backup` and `salesdesk restore`: one entry point for either database.

A backup is written under a temporary name and renamed when complete and checked, so a
half-written file never carries the backup's name. A restore only goes into an empty database
and applies any migrations the backup predates.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from salesdesk.ops import postgres, sqlite
from salesdesk.ops.fingerprint import Fingerprint, sqlite_fingerprint
from salesdesk.ops.problems import OpsProblem
from salesdesk.ops.target import Database, current_database

VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass(frozen=True)
class Copy:
    """What a backup or a restore did: which database, which file, and the fingerprint."""

    database: Database
    file: Path
    fingerprint: Fingerprint
    size: int


def backup(file: Path, *, overwrite: bool = False) -> Copy:
    """Back up the configured database into `file` (refused if it exists, unless overwrite)."""
    database = current_database()
    _check_destination(file, overwrite)
    partial = file.with_name(f".{file.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        fingerprint = _backup(database, partial)
        os.replace(partial, file)
    finally:
        partial.unlink(missing_ok=True)
    return Copy(database, file, fingerprint, file.stat().st_size)


def _backup(database: Database, partial: Path) -> Fingerprint:
    with _database_errors(database):
        if database.vendor == "sqlite":
            sqlite.backup(database.path, partial, _sqlite_timeout())
            return sqlite_fingerprint(partial)
        return postgres.backup(partial, database.settings)


def _check_destination(file: Path, overwrite: bool) -> None:
    if file.is_dir():
        raise OpsProblem(f"{file} 是文件夹，请给出备份文件名", f"{file} is a folder: name a file")
    if not file.parent.is_dir():
        raise OpsProblem(f"文件夹 {file.parent} 不存在", f"the folder {file.parent} does not exist")
    if file.exists() and not overwrite:
        raise OpsProblem(
            f"备份文件 {file} 已存在；换一个文件名，或加 --overwrite 覆盖",
            f"the backup file {file} exists; choose another name or add --overwrite",
        )


def restore(file: Path) -> Copy:
    """Restore the backup `file` into the configured database, which must hold no records."""
    from salesdesk.bootstrap import migrate_if_needed

    database = current_database()
    vendor = backup_vendor(file)
    if vendor != database.vendor:
        raise OpsProblem(
            f"{file} 是 {VENDOR_NAMES[vendor]} 备份，而当前数据库 {database.label} 是 "
            f"{VENDOR_NAMES[database.vendor]}；在两种数据库之间迁移请用 export / import",
            f"{file} is a {VENDOR_NAMES[vendor]} backup but the database {database.label} is "
            f"{VENDOR_NAMES[database.vendor]}; move between the two with export / import",
        )
    fingerprint = _restore(database, file)
    with _database_errors(database):
        migrate_if_needed()  # a backup taken before an upgrade gets the newer tables
    return Copy(database, file, fingerprint, file.stat().st_size)


def _restore(database: Database, file: Path) -> Fingerprint:
    with _database_errors(database):
        if database.vendor == "sqlite":
            sqlite.restore(file, database.path, _sqlite_timeout())
            return sqlite_fingerprint(database.path)
        return postgres.restore(file, database.settings, database.label)


@contextmanager
def _database_errors(database: Database) -> Iterator[None]:
    """A database that cannot be reached (or fails) is a problem named in words, not a traceback."""
    from django.db import Error as DjangoError

    try:
        yield
    except (DjangoError, sqlite3.Error) as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise OpsProblem(
            f"数据库 {database.label} 出错：{detail}", f"database {database.label}: {detail}"
        ) from None


def backup_vendor(file: Path) -> str:
    """The kind of backup `file` is ("sqlite" or "postgresql"), from its first bytes."""
    try:
        with open(file, "rb") as handle:
            magic = handle.read(len(sqlite.MAGIC))
    except FileNotFoundError:
        raise OpsProblem(
            f"备份文件 {file} 不存在", f"the backup file {file} does not exist"
        ) from None
    except OSError as error:
        raise OpsProblem(
            f"无法读取备份文件 {file}：{error.strerror}", f"cannot read {file}: {error.strerror}"
        ) from None
    if magic.startswith(sqlite.MAGIC):
        return "sqlite"
    if magic.startswith(postgres.MAGIC):
        return "postgresql"
    raise OpsProblem(
        f"{file} 不是 salesdesk 备份文件（既不是 SQLite 数据库，也不是 pg_dump 自定义格式）",
        f"{file} is not a salesdesk backup (neither an SQLite database nor a pg_dump archive)",
    )


def _sqlite_timeout() -> float:
    from django.conf import settings

    return float(getattr(settings, "SQLITE_BUSY_TIMEOUT_S", 30))
