"""The PostgreSQL-only (department_id, id) indexes that keep the web app's data version an index
look-up (records/migrations/0005)."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

TABLES = ("records_orderline", "records_activity", "records_customer", "records_incident")


def test_each_record_table_has_its_department_id_index() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's department_id index already ends in the rowid")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE %s",
            ["records_%_dept_id_pg"],
        )
        found = dict(cursor.fetchall())
    assert len(found) == 10
    for table in TABLES:
        assert f"ON public.{table} USING btree (department_id, id)" in found[f"{table}_dept_id_pg"]
