"""insert_rows stores exactly what it is given, on either engine (COPY on PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from salesdesk.records.bulk_insert import insert_rows
from salesdesk.records.models import Department, Rep

pytestmark = pytest.mark.django_db

AWKWARD = ["tab\there", "line\nbreak", "back\\slash \\N", "quote ' \"", "中文，全角", "", "\\."]


def _target() -> str:
    names = ["department_id", "key", "code", "name", "team", "territory", "manager", "extra"]
    names += ["hired_on"]
    quoted = ", ".join(connection.ops.quote_name(n) for n in names)
    return f"{Rep._meta.db_table} ({quoted})"


def test_awkward_text_dates_nulls_and_json_come_back_as_written() -> None:
    dept = Department.objects.create(name="bulk")
    rows = [
        [dept.pk, f"k{i}", f"R{i}", text, text, "", "", '{"note": "a\\tb"}', None]
        for i, text in enumerate(AWKWARD)
    ]
    rows[0][-1] = date(2025, 2, 28)
    insert_rows(_target(), rows)
    stored = {r.key: r for r in Rep.objects.filter(department=dept)}
    assert [stored[f"k{i}"].name for i in range(len(AWKWARD))] == AWKWARD
    assert stored["k0"].hired_on == date(2025, 2, 28) and stored["k1"].hired_on is None
    assert stored["k3"].extra == {"note": "a\tb"}


def test_a_repeated_key_is_djangos_integrity_error() -> None:
    dept = Department.objects.create(name="bulk")
    row = [dept.pk, "same", "R1", "n", "", "", "", "{}", None]
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(_target(), [row, row])
    assert not Rep.objects.filter(department=dept).exists()


def test_nothing_to_insert_does_nothing() -> None:
    insert_rows(_target(), [])
    assert Rep.objects.count() == 0
