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


def test_the_newest_row_of_a_department_is_read_from_its_index() -> None:
    """The web app's look-up of a department's newest row (a range of one department, ordered by
    (department_id, id): see lookups.latest) takes that index and gives the right row, also for
    the department whose rows came first."""
    from salesdesk.records.models import Customer, Department
    from salesdesk.web.front import lookups

    first, later = Department.objects.create(name="先"), Department.objects.create(name="后")
    for dept in (first, later):
        Customer.objects.bulk_create(
            Customer(department=dept, key=f"C{i}", code=f"C{i}", name=f"C{i}") for i in range(3000)
        )
    newest = Customer.objects.filter(department=first).order_by("-id")[0].pk
    assert lookups.one_row([lookups.latest(Customer, "id")], first.pk) == (newest,)
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE records_customer")
        cursor.execute("SET LOCAL enable_seqscan = off")  # choose among the index paths only
        cursor.execute("EXPLAIN " + lookups.latest(Customer, "id"), [first.pk, first.pk])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "records_customer_dept_id_pg" in plan and "pkey" not in plan
