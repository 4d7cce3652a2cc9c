"""Which database the settings point at, named the way messages and `pg_dump` need it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from salesdesk.ops.problems import OpsProblem


@dataclass(frozen=True)
class Database:
    vendor: str  # "sqlite" or "postgresql"
    name: str  # the SQLite file, or the PostgreSQL database name
    label: str  # shown in messages; never holds a password
    settings: Mapping[str, Any]

    @property
    def path(self) -> Path:
        """The SQLite file (only meaningful when vendor is sqlite)."""
        return Path(self.name)


def current_database() -> Database:
    """The database Django is configured for (SALESDESK_DB / --db, or DATABASE_URL)."""
    from django.db import connection

    settings = connection.settings_dict
    name = str(settings["NAME"])
    if connection.vendor == "sqlite":
        return Database("sqlite", name, name, settings)
    if connection.vendor == "postgresql":
        return Database("postgresql", name, postgres_label(settings), settings)
    raise OpsProblem(
        f"不支持备份 {connection.vendor} 数据库（只支持 SQLite 和 PostgreSQL）",
        f"cannot back up a {connection.vendor} database (only SQLite and PostgreSQL)",
    )


def postgres_label(settings: Mapping[str, Any]) -> str:
    """postgresql://user@host:port/name, without the password."""
    user = f"{settings['USER']}@" if settings.get("USER") else ""
    host = settings.get("HOST") or "localhost"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgresql://{user}{host}{port}/{settings['NAME']}"
