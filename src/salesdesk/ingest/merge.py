"""Set-based upsert through a staging table: one file in, added / updated / unchanged out.

Rows are streamed into a temporary table (nothing in the real tables changes
while a file is still being read), duplicate keys are found there with their
row numbers, and one INSERT and one UPDATE move the differences across. Cost
grows with the file, not with the table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db import models as djm

from salesdesk.ingest import changes
from salesdesk.ingest.bulk import ReferenceCheck
from salesdesk.ingest.problems import ValueProblem
from salesdesk.records.audit import ChangedRow
from salesdesk.records.bulk_insert import insert_rows

STAGE = "salesdesk_stage"


@dataclass(frozen=True)
class MergeCounts:
    added: int
    updated: int
    unchanged: int


class Stage:
    """The staging table for one model, living inside the caller's transaction.

    `direct=True` is the first import of a kind into a department: there is
    nothing to compare with, so rows go straight into the real table and every
    row is added. A key the file repeats then fails the unique constraint
    (IntegrityError); the caller retries through the staging table to name the rows.
    """

    def __init__(
        self,
        model: type[djm.Model],
        *,
        direct: bool = False,
        references: ReferenceCheck | None = None,
    ) -> None:
        self.model = model
        self.direct = direct
        # the rows' foreign keys: row by row (None), or once after the writes (PostgreSQL)
        self.references = references
        self.loaded = 0

        self.table = model._meta.db_table
        self.compared = [
            column
            for column in _columns(model)
            if column not in ("id", "batch_id", "department_id", "key")
        ]
        self.columns = ["department_id", "key", "batch_id", *self.compared]
        self._pick = itemgetter(*self.compared)
        # column → max length of text; column → exclusive bound of numbers
        self._text_limit, self._number_bound = _limits(model)
        # SQLite keeps a DecimalField as REAL: exact to 15 significant digits, no further.
        self._exact_bound = (
            {
                str(f.column): Decimal(10) ** (REAL_DIGITS - f.decimal_places)
                for f in model._meta.concrete_fields
                if isinstance(f, djm.DecimalField)
            }
            if connection.vendor == "sqlite"
            else {}
        )
        self._json = {
            str(f.column) for f in model._meta.concrete_fields if isinstance(f, djm.JSONField)
        }
        # where load() writes: the real table (direct), else the staging table, with row numbers
        self.target = (
            f"{self.table} ({', '.join(_q(c) for c in self.columns)})"
            if direct
            else f"{STAGE} ({', '.join(_q(c) for c in [*self.columns, '_row'])})"
        )

    def create(self) -> None:
        if self.direct:
            return
        cols = ", ".join(_q(c) for c in self.columns)
        with connection.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {STAGE}")
            cur.execute(
                f"CREATE TEMPORARY TABLE {STAGE} AS SELECT {cols} FROM {self.table} WHERE 1 = 0"
            )
            cur.execute(f"ALTER TABLE {STAGE} ADD COLUMN _row integer")

    def drop(self) -> None:
        if self.direct:
            return
        with connection.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {STAGE}")
            changes.drop(cur)

    def check_limits(self, columns: dict[str, Any]) -> None:
        """Values the column cannot hold are a bad row, not a database error mid-file."""
        for rule, limited in (
            (self._too_long, self._text_limit),
            (self._out_of_range, self._number_bound),
            (self._inexact, self._exact_bound),
        ):
            for name in limited:
                problem = rule(name, columns.get(name))
                if problem is not None:
                    raise problem

    def column_fits(self, column: str, values: Iterable[Any]) -> bool:
        """Whether every value fits the column (what check_limits checks), a column at a time:
        only the longest text and the smallest and largest number can be too long or too large."""
        present = [v for v in values if v is not None]
        if not present:
            return True
        if column in self._text_limit:
            return self._too_long(column, max(present, key=len)) is None
        if column not in self._number_bound:
            return True
        ends = (min(present), max(present))
        return all(self._out_of_range(column, v) is None for v in ends) and all(
            self._inexact(column, v) is None for v in present
        )

    def _too_long(self, column: str, value: Any) -> ValueProblem | None:
        limit = self._text_limit.get(column)
        if limit is None or value is None or len(value) <= limit:
            return None
        zh, en = f"过长（{len(value)} 个字符，最多 {limit} 个）", f"longer than {limit}"
        return _named(ValueProblem(zh, en), column)

    def _out_of_range(self, column: str, value: Any) -> ValueProblem | None:
        bound = self._number_bound.get(column)
        if bound is None or value is None or -bound < value < bound:
            return None
        return _named(ValueProblem(f"数值过大：{value}", f"out of range: {value}"), column)

    def _inexact(self, column: str, value: Any) -> ValueProblem | None:
        exact = self._exact_bound.get(column)
        if exact is None or value is None or -exact < value < exact:
            return None
        if _digits(value) <= REAL_DIGITS:
            return None
        zh = f"有效数字超过 15 位（{value}），SQLite 数据库无法精确保存；请改用 PostgreSQL"
        return _named(ValueProblem(zh, f"more than 15 significant digits: {value}"), column)

    def row_values(
        self, department_id: int, key: str, batch_id: int | None, columns: dict[str, Any], row: int
    ) -> list[Any]:
        """The staging row; `columns` must name every compared column (builders supply them all)."""
        for c in self._json:
            value = columns[c]
            columns[c] = json_text(value) if value else "{}"
        if self.direct:
            return [department_id, key, batch_id, *self._pick(columns)]
        return [department_id, key, batch_id, *self._pick(columns), row]

    def load(self, rows: Sequence[Sequence[Any]]) -> None:
        with self._writing(self.direct):
            insert_rows(self.target, rows)
        self.loaded += len(rows)

    def _writing(self, to_table: bool) -> AbstractContextManager[None]:
        """Writes to the real table leave their foreign keys to `references` when there is one."""
        return self.references.unchecked() if to_table and self.references else nullcontext()

    def duplicate_keys(self, limit: int = 1000) -> list[tuple[str, list[int]]]:
        """Keys that occur more than once in the file, with the rows they occur on."""
        if self.direct:
            return []  # the unique constraint has already refused any repeat
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT s.key, s._row FROM {STAGE} s JOIN (SELECT key FROM {STAGE} GROUP BY key "
                f"HAVING COUNT(*) > 1) d ON d.key = s.key ORDER BY s._row LIMIT {int(limit)}"
            )
            found: dict[str, list[int]] = {}
            for key, row in cur.fetchall():
                found.setdefault(key, []).append(row)
        return list(found.items())

    def delete_rows(self, rows: Sequence[int]) -> None:
        with connection.cursor() as cur:
            for start in range(0, len(rows), 500):
                part = list(rows[start : start + 500])
                cur.execute(
                    f"DELETE FROM {STAGE} WHERE _row IN ({', '.join(['%s'] * len(part))})", part
                )

    def merge(self, batch_id: int | None) -> MergeCounts:
        """Move the differences across (direct: already there), then check their references."""
        counts = self._merged() if not self.direct else MergeCounts(self.loaded, 0, 0)
        if self.references:
            self.references.check()
        return counts

    def _merged(self) -> MergeCounts:
        with connection.cursor() as cur, self._writing(True):
            cur.execute(f"CREATE INDEX {STAGE}_key ON {STAGE} (department_id, key)")
            cur.execute(f"SELECT COUNT(*) FROM {STAGE}")
            total = cur.fetchone()[0]
            cur.execute(f"SELECT COUNT(*) FROM {STAGE} s WHERE {self._missing()}")
            added = cur.fetchone()[0]
            changed = changes.snapshot(cur, self.table, self.compared, self._changed_join())
            if changed:
                cur.execute(self._update_sql())
            if added:
                cols = ", ".join(_q(c) for c in self.columns)
                cur.execute(
                    f"INSERT INTO {self.table} ({cols}) SELECT {cols} FROM {STAGE} s WHERE {self._missing()}"
                )
        return MergeCounts(added, changed, total - added - changed)

    def _missing(self) -> str:
        return (
            f"NOT EXISTS (SELECT 1 FROM {self.table} t "
            "WHERE t.department_id = s.department_id AND t.key = s.key)"
        )

    def _differs(self) -> str:
        op = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
        return " OR ".join(f"t.{_q(c)} {op} s.{_q(c)}" for c in self.compared)

    def _changed_join(self) -> str:
        return (
            f"FROM {STAGE} s JOIN {self.table} t "
            f"ON t.department_id = s.department_id AND t.key = s.key WHERE {self._differs()}"
        )

    def changed_rows(self) -> Iterator[ChangedRow]:
        """After merge(): each updated record's fields, before and after (for the audit trail)."""
        return changes.changed_rows(self.model, self.compared)

    def _update_sql(self) -> str:
        sets = ", ".join(f"{_q(c)} = s.{_q(c)}" for c in ["batch_id", *self.compared])
        return (
            f"UPDATE {self.table} AS t SET {sets} FROM {STAGE} s "
            f"WHERE t.department_id = s.department_id AND t.key = s.key AND ({self._differs()})"
        )


FIELD_OF_COLUMN = {
    "order_no": "order",
    "line_no": "line",
    "customer_id": "customer",
    "rep_id": "rep",
    "owner_id": "owner",
    "payment_no": "payment",
    "amount_cny": "amount",  # amount × fx_rate: too large in CNY means the amount is
}


def _named(problem: ValueProblem, column: str) -> ValueProblem:
    """Tag a problem with the contract field it is about, so the user sees their column."""
    problem.field = FIELD_OF_COLUMN.get(column, column)  # type: ignore[attr-defined]
    return problem


def _limits(model: type[djm.Model]) -> tuple[dict[str, int], dict[str, Any]]:
    """{column: max length} of text columns; {column: exclusive bound} of numeric ones."""
    text: dict[str, int] = {}
    numbers: dict[str, Any] = {}
    for f in model._meta.concrete_fields:
        column = str(f.column)
        if isinstance(f, djm.CharField) and f.max_length and column != "key":
            text[column] = f.max_length
        elif isinstance(f, djm.DecimalField):
            numbers[column] = Decimal(10) ** (f.max_digits - f.decimal_places)
        elif isinstance(f, djm.IntegerField) and column != "id":
            numbers[column] = 2**31 if not isinstance(f, djm.BigIntegerField) else 2**63
    return text, numbers


REAL_DIGITS = 15  # a REAL (double) keeps any decimal of up to 15 significant digits


def _digits(value: Decimal) -> int:
    """Significant digits, trailing zeros not counted (1.2000E+13 has 2)."""
    return len(value.normalize().as_tuple().digits)


def json_text(value: object) -> str:
    """Canonical JSON (sorted keys) so that the same extra columns compare equal on re-import."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _columns(model: type[djm.Model]) -> list[str]:
    return [str(f.column) for f in model._meta.concrete_fields]


def _q(column: str) -> str:
    return connection.ops.quote_name(column)
