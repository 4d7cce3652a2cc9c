"""A fingerprint of every table's rows: equal fingerprints mean equal database contents.

Each table gets its row count and a digest that does not depend on row order; the whole
database gets one digest over the tables. `salesdesk backup` prints the fingerprint of what it
copied and `salesdesk restore` that of what it put back, so a restore drill compares two lines.
Fingerprints compare databases of the same kind (SQLite with SQLite, PostgreSQL with
PostgreSQL); the two compute theirs differently.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Cursor = Any  # a DB-API cursor: sqlite3, psycopg or Django's wrapper around either
_MODULUS = 1 << 128


@dataclass(frozen=True)
class TableDigest:
    rows: int
    digest: str


@dataclass(frozen=True)
class Fingerprint:
    tables: Mapping[str, TableDigest]

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables.values())

    @property
    def digest(self) -> str:
        """16 hex digits over every table's name, row count and digest."""
        lines = "".join(f"{n}\t{t.rows}\t{t.digest}\n" for n, t in sorted(self.tables.items()))
        return hashlib.sha256(lines.encode()).hexdigest()[:16]

    def differences(self, other: Fingerprint) -> list[str]:
        """Names of the tables whose rows differ (or that only one side has)."""
        names = set(self.tables) | set(other.tables)
        return sorted(n for n in names if self.tables.get(n) != other.tables.get(n))


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_tables(cursor: Cursor) -> list[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return [str(row[0]) for row in cursor.fetchall()]


def postgres_tables(cursor: Cursor) -> list[str]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    return [str(row[0]) for row in cursor.fetchall()]


def sqlite_fingerprint(path: Path) -> Fingerprint:
    """Fingerprint of an SQLite file, read through a plain connection that only reads.

    A plain connection (no type converters) sees the stored values themselves, so the result
    does not depend on who else has registered converters in this process. It opens the file
    read-write (never creating it) because a WAL database left by a killed writer needs its
    index rebuilt before anyone can read it.
    """
    uri = f"{path.resolve().as_uri()}?mode=rw"
    with closing(sqlite3.connect(uri, uri=True)) as db, closing(db.cursor()) as cursor:
        cursor.execute("BEGIN")  # one read transaction: every table from the same moment
        return Fingerprint({t: _sqlite_table(cursor, t) for t in sqlite_tables(cursor)})


def _sqlite_table(cursor: Cursor, table: str) -> TableDigest:
    cursor.execute(f"SELECT * FROM {quote(table)}")
    rows, total = 0, 0
    while chunk := cursor.fetchmany(5000):
        for row in chunk:
            text = repr(row).encode("utf-8", "surrogatepass")
            total += int.from_bytes(hashlib.sha256(text).digest()[:16], "big")
        rows += len(chunk)
    return TableDigest(rows, f"{total % _MODULUS:032x}")


def postgres_fingerprint(cursor: Cursor) -> Fingerprint:
    """Fingerprint of the current PostgreSQL schema, computed by the server.

    The caller holds a transaction (ideally REPEATABLE READ, so every table is read from the
    same snapshot); the settings that shape a row's text are pinned for that transaction.
    """
    for setting in ("TimeZone = 'UTC'", "DateStyle = 'ISO, YMD'", "extra_float_digits = 3"):
        cursor.execute(f"SET LOCAL {setting}")
    return Fingerprint({t: _postgres_table(cursor, t) for t in postgres_tables(cursor)})


def _postgres_table(cursor: Cursor, table: str) -> TableDigest:
    cursor.execute(
        "SELECT count(*), coalesce(md5(string_agg(h, '' ORDER BY h)), '') "
        f"FROM (SELECT md5(t::text) AS h FROM {quote(table)} t) s"
    )
    rows, digest = cursor.fetchone()
    return TableDigest(int(rows), str(digest))
