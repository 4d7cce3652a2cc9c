"""A database a test drives through the real `salesdesk` command: an SQLite file or a scratch
PostgreSQL database (when DATABASE_URL points at PostgreSQL)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from salesdesk.ops.fingerprint import Fingerprint, postgres_fingerprint, sqlite_fingerprint

SERVER_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER_URL.startswith("postgres")


class Database:
    """One database; `run` is `salesdesk …` against it, in a subprocess."""

    vendor = ""

    def __init__(self, name: str, workdir: Path) -> None:
        self.name = name
        self.workdir = workdir

    def env(self) -> dict[str, str]:
        raise NotImplementedError

    @property
    def label(self) -> str:
        """How salesdesk names this database in its messages (a part of it, at least)."""
        return self.name

    def fingerprint(self) -> Fingerprint:
        raise NotImplementedError

    def scalar(self, sql: str) -> object:
        raise NotImplementedError

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        raise NotImplementedError

    def drop(self) -> None:
        """Remove the database (nothing to do for a temporary file)."""

    def copy(self, name: str, workdir: Path) -> Database:
        """A new database holding the same rows (this one must not be in use)."""
        raise NotImplementedError

    def run(
        self, *args: str, check_exit: int | None = 0, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "salesdesk", *args],
            capture_output=True,
            text=True,
            cwd=self.workdir,
            env={**self.env(), **(env or {})},
            timeout=600,
        )
        if check_exit is not None:
            assert done.returncode == check_exit, done.stdout + done.stderr
        return done


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SALESDESK_DB")}
    env["COLUMNS"] = "200"
    return env


class SqliteDatabase(Database):
    vendor = "sqlite"

    def __init__(self, name: str, workdir: Path) -> None:
        super().__init__(name, workdir)
        self.path = workdir / f"{name}.sqlite3"

    def env(self) -> dict[str, str]:
        return {**_base_env(), "SALESDESK_DB": str(self.path)}

    @property
    def label(self) -> str:
        return str(self.path)

    def fingerprint(self) -> Fingerprint:
        return sqlite_fingerprint(self.path)

    def scalar(self, sql: str) -> object:
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            return db.execute(sql).fetchone()[0]

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            return list(db.execute(sql).fetchall())

    def copy(self, name: str, workdir: Path) -> SqliteDatabase:
        with closing(sqlite3.connect(self.path)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        copied = SqliteDatabase(name, workdir)
        shutil.copyfile(self.path, copied.path)
        return copied


class PostgresDatabase(Database):
    vendor = "postgresql"

    @classmethod
    def create(cls, name: str, workdir: Path) -> PostgresDatabase:
        database = cls(_scratch_name(name), workdir)
        database.drop()
        _server(f'CREATE DATABASE "{database.name}"')
        return database

    @property
    def url(self) -> str:
        parts = urlsplit(SERVER_URL)
        return urlunsplit((parts.scheme, parts.netloc, f"/{self.name}", parts.query, ""))

    def env(self) -> dict[str, str]:
        return {**_base_env(), "DATABASE_URL": self.url}

    def fingerprint(self) -> Fingerprint:
        import psycopg

        with psycopg.connect(self.url) as db, db.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            found = postgres_fingerprint(cursor)
            db.rollback()
            return found

    def scalar(self, sql: str) -> object:
        import psycopg

        with psycopg.connect(self.url) as db:
            row = db.execute(sql).fetchone()
            return row[0] if row else None

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        import psycopg

        with psycopg.connect(self.url) as db:
            return list(db.execute(sql).fetchall())

    def drop(self) -> None:
        _server(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def copy(self, name: str, workdir: Path) -> PostgresDatabase:
        copied = PostgresDatabase(_scratch_name(name), workdir)
        copied.drop()
        _server(f'CREATE DATABASE "{copied.name}" TEMPLATE "{self.name}"')
        return copied


def new_database(name: str, workdir: Path) -> Database:
    """A new, empty database of the kind this run tests."""
    if ON_POSTGRES:
        return PostgresDatabase.create(name, workdir)
    return SqliteDatabase(name, workdir)


def unreachable_database(workdir: Path) -> Database:
    """A database that cannot be opened: a file in a missing folder, or a database never made."""
    if ON_POSTGRES:
        return PostgresDatabase(_scratch_name("never_created"), workdir)
    missing = SqliteDatabase("x", workdir)
    missing.path = workdir / "no-such-folder" / "x.sqlite3"
    return missing


def _scratch_name(name: str) -> str:
    return f"salesdesk_ops_{name}_{os.getpid()}"


def _server(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER_URL, autocommit=True) as db:
        db.execute(sql)
