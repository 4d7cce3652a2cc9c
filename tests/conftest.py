"""Shared test set-up: database selection, real data location, PostgreSQL availability."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("SALESDESK_SHARED_DATA", REPO.parent / "shared" / "data"))


def _postgres_unreachable() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
    except Exception as error:  # any failure to connect means: skip, with the reason
        return f"PostgreSQL at DATABASE_URL is not reachable: {error}"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _postgres_unreachable()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if "django_db" in item.keywords or "db" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public data in ../shared/data; tests that need it skip when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder {SHARED_DATA} is absent (set SALESDESK_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def real_file():
    """real_file("x.csv.gz") → its path in ../shared/data, or skip the test with the reason."""

    def find(name: str) -> Path:
        path = SHARED_DATA / name
        if not path.is_file():
            pytest.skip(f"real data file {path} is absent (set SALESDESK_SHARED_DATA)")
        return path

    return find


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
