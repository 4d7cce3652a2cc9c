"""Planner statistics after large writes."""

from __future__ import annotations

from django.db import connection


def analyze(table: str) -> None:
    """Refresh PostgreSQL's statistics of a table a large import changed: without them (a
    server with autovacuum off, or before it runs) the planner guesses, and guesses badly for
    the web app's indexed look-ups. SQLite's planner needs none for our queries."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {connection.ops.quote_name(table)}")
