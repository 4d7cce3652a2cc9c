"""Settings read from the environment: PostgreSQL sessions run without JIT compilation."""

from __future__ import annotations

import pytest
from django.db import connection

from salesdesk.conf.settings import _without_jit


def test_jit_is_off_before_any_options_of_the_url() -> None:
    assert _without_jit({}) == {"options": "-c jit=off"}
    given = {"options": "-c statement_timeout=5000", "sslmode": "require"}
    assert _without_jit(given) == {
        "options": "-c jit=off -c statement_timeout=5000",  # a later `-c jit=on` would win
        "sslmode": "require",
    }


@pytest.mark.django_db
def test_a_postgresql_session_compiles_nothing() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's (DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
