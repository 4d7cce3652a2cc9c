"""ReferenceCheck: on PostgreSQL the stage's rows skip the per-row foreign-key triggers and
are checked set-wise after; a parent that is missing still fails the import."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from salesdesk.ingest.bulk import ReferenceCheck
from salesdesk.ingest.merge import Stage
from salesdesk.records.models import Customer, Department, ImportBatch, OrderLine

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers are PostgreSQL's (DATABASE_URL)"
)


def _stage(dept: Department, batch: ImportBatch, *, direct: bool) -> Stage:
    stage = Stage(OrderLine, direct=direct, references=ReferenceCheck(OrderLine, dept.pk, batch.pk))
    stage.create()
    return stage


def _row(stage: Stage, dept: Department, batch: ImportBatch, key: str, customer: int) -> list[Any]:
    values = {c: None for c in stage.compared}
    values.update(
        order_no=key,
        line_no=1,
        date=date(2025, 3, 1),
        customer_id=customer,
        order_type="regular",
        channel="",
        product="",
        category="",
        quantity=1,
        unit="",
        amount=10,
        currency="CNY",
        fx_rate=1,
        amount_cny=10,
        status="normal",
        extra={},
    )
    return stage.row_values(dept.pk, f"{key}#1", batch.pk, values, 2)


def _setting() -> str:
    with connection.cursor() as cur:
        cur.execute("SHOW session_replication_role")
        return str(cur.fetchone()[0])


@pytest.fixture
def dept_batch() -> tuple[Department, ImportBatch, Customer]:
    dept = Department.objects.create(name="refs")
    batch = ImportBatch.objects.create(department=dept, kind="orders")
    customer = Customer.objects.create(department=dept, key="C1", code="C1", name="C1")
    return dept, batch, customer


@postgres_only
@pytest.mark.parametrize("direct", [True, False])
def test_a_missing_parent_fails_the_load_and_nothing_stays(dept_batch, direct: bool) -> None:
    dept, batch, customer = dept_batch
    stage = _stage(dept, batch, direct=direct)
    assert stage.references is not None and stage.references.active  # the test role is superuser
    rows = [_row(stage, dept, batch, "SO1", customer.pk), _row(stage, dept, batch, "SO2", 999_999)]
    with pytest.raises(IntegrityError, match="customer_id: 1 value"), transaction.atomic():
        stage.load(rows)
        stage.merge(batch.pk)
    assert not OrderLine.objects.filter(department=dept).exists()
    assert _setting() == "origin"


@postgres_only
def test_a_missing_batch_fails_the_load(dept_batch) -> None:
    """department_id and batch_id are fixed by the check's own WHERE: looked up, not scanned."""
    dept, _, customer = dept_batch
    gone = ImportBatch.objects.create(department=dept, kind="orders")
    gone_pk = gone.pk
    gone.delete()
    stage = Stage(OrderLine, direct=True, references=ReferenceCheck(OrderLine, dept.pk, gone_pk))
    with pytest.raises(IntegrityError, match="batch_id: 1 value"), transaction.atomic():
        stage.load([_row(stage, dept, ImportBatch(pk=gone_pk), "SO1", customer.pk)])
        stage.merge(gone_pk)
    assert not OrderLine.objects.filter(department=dept).exists()


@postgres_only
@pytest.mark.parametrize("direct", [True, False])
def test_good_rows_are_stored_and_the_triggers_wake_again(dept_batch, direct: bool) -> None:
    dept, batch, customer = dept_batch
    stage = _stage(dept, batch, direct=direct)
    with transaction.atomic():
        stage.load([_row(stage, dept, batch, "SO1", customer.pk)])
        assert _setting() == "origin"  # asleep only while a write runs
        counts = stage.merge(batch.pk)
    stage.drop()
    assert counts.added == 1
    assert list(
        OrderLine.objects.filter(department=dept).values_list("customer_id", flat=True)
    ) == [customer.pk]
    with pytest.raises(IntegrityError), transaction.atomic():  # per-row checks are back
        OrderLine.objects.filter(department=dept).update(customer_id=999_999)
        with connection.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")


@postgres_only
def test_a_role_that_may_not_set_the_role_keeps_the_triggers(dept_batch) -> None:
    dept, batch, _ = dept_batch
    with connection.cursor() as cur:
        cur.execute("DROP ROLE IF EXISTS salesdesk_plain_test")
        cur.execute("CREATE ROLE salesdesk_plain_test")
        cur.execute("SET ROLE salesdesk_plain_test")
        try:
            assert not ReferenceCheck(OrderLine, dept.pk, batch.pk).active
        finally:
            cur.execute("RESET ROLE")
            cur.execute("DROP ROLE salesdesk_plain_test")


@postgres_only
def test_a_role_granted_the_parameter_may_set_it(dept_batch) -> None:
    if connection.pg_version < 150000:  # type: ignore[attr-defined]
        pytest.skip("GRANT SET ON PARAMETER came with PostgreSQL 15")
    dept, batch, _ = dept_batch
    with connection.cursor() as cur:
        cur.execute("DROP ROLE IF EXISTS salesdesk_granted_test")
        cur.execute("CREATE ROLE salesdesk_granted_test")
        cur.execute("GRANT SET ON PARAMETER session_replication_role TO salesdesk_granted_test")
        cur.execute("SET ROLE salesdesk_granted_test")
        try:
            assert ReferenceCheck(OrderLine, dept.pk, batch.pk).active
        finally:
            cur.execute("RESET ROLE")
            cur.execute(
                "REVOKE SET ON PARAMETER session_replication_role FROM salesdesk_granted_test"
            )
            cur.execute("DROP ROLE salesdesk_granted_test")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps its per-row checks")
def test_sqlite_keeps_its_own_checks(dept_batch) -> None:
    dept, batch, _ = dept_batch
    assert not ReferenceCheck(OrderLine, dept.pk, batch.pk).active
