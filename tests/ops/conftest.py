"""Databases for the operations tests, each driven through the real `salesdesk` command.

On the SQLite run a database is a temporary file; when DATABASE_URL points at PostgreSQL it is
a scratch database created on that server for the test and dropped after it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from ops_databases import Database, new_database


@pytest.fixture
def databases(tmp_path: Path) -> Iterator[Callable[[str], Database]]:
    """databases("name") → a new, empty database, dropped after the test."""
    made: list[Database] = []

    def make(name: str) -> Database:
        made.append(new_database(name, tmp_path))
        return made[-1]

    yield make
    for database in made:
        database.drop()


@pytest.fixture
def start_writer() -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """start_writer(database, mode) → ops_writer.py writing to the database in its own process."""
    started: list[subprocess.Popen[str]] = []

    def start(database: Database, mode: str, *args: str) -> subprocess.Popen[str]:
        script = Path(__file__).with_name("ops_writer.py")
        process = subprocess.Popen(
            [sys.executable, str(script), mode, *args],
            env=database.env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)
