"""Customers and reps named by code or name; the unknown ones are created from what the row says."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from salesdesk.ingest.problems import ValueProblem
from salesdesk.records.audit import log_created
from salesdesk.records.models import Customer, Rep


class References:
    def __init__(self, department_id: int) -> None:
        self.department_id = department_id
        self._customers, self._customer_codes = _index(
            Customer.objects.filter(department_id=department_id)
        )
        self._reps, self._rep_codes = _index(Rep.objects.filter(department_id=department_id))
        self.new_customers: list[str] = []
        self.new_reps: list[str] = []

    def customer_code(self, value: str) -> str:
        """The code of the customer a cell names (by code or by name): one spelling for keys."""
        return self._customer_codes[self.customer(value)]

    def rep_code(self, value: str) -> str:
        return self._rep_codes[self.rep(value)]

    def customer(self, value: str) -> int:
        found = self._customers.get(value)
        if found is None:
            _fits(value, 200, "客户编号", "customer code", "customer")
            found = Customer.objects.create(
                department_id=self.department_id, key=value, code=value, name=value
            ).pk
            self._customers[value] = found
            self._customer_codes[found] = value
            self.new_customers.append(value)
        return found

    def rep(self, value: str) -> int:
        found = self._reps.get(value)
        if found is None:
            _fits(value, 100, "工号", "rep code", "rep")
            found = Rep.objects.create(
                department_id=self.department_id, key=value, code=value, name=value
            ).pk
            self._reps[value] = found
            self._rep_codes[found] = value
            self.new_reps.append(value)
        return found

    def add_customers(self, values: Iterable[str | None]) -> None:
        """Create, in bulk, the customers these cells name that are not known yet (in order)."""
        self._add(Customer, values, self._customers, self._customer_codes, self.new_customers)

    def add_reps(self, values: Iterable[str | None]) -> None:
        self._add(Rep, values, self._reps, self._rep_codes, self.new_reps)

    def _add(
        self,
        model: Any,
        values: Iterable[str | None],
        known: dict[str, int],
        codes: dict[int, str],
        new: list[str],
    ) -> None:
        missing = [v for v in dict.fromkeys(values) if v and v not in known]
        if not missing:
            return
        made = model.objects.bulk_create(
            [model(department_id=self.department_id, key=v, code=v, name=v) for v in missing],
            batch_size=500,
        )
        for obj in made:
            known[obj.code] = obj.pk
            codes[obj.pk] = obj.code
            new.append(obj.code)
        log_created(made)

    def forget_customer(self, code: str) -> None:
        """A customers file is about to (re)write this code: stop treating it as new."""
        if code in self.new_customers:
            self.new_customers.remove(code)


def _index(queryset: object) -> tuple[dict[str, int], dict[int, str]]:
    """code → id, then name → id where the name is not also someone's code; and id → code."""
    rows = list(queryset.values_list("pk", "code", "name"))  # type: ignore[attr-defined]
    index = {name: pk for pk, _, name in rows}
    index.update({code: pk for pk, code, _ in rows})
    return index, {pk: code for pk, code, _ in rows}


def _fits(value: str, limit: int, zh: str, en: str, field: str) -> None:
    if len(value) > limit:
        problem = ValueProblem(
            f"{zh}过长（{len(value)} 个字符，最多 {limit} 个）", f"{en} longer than {limit}"
        )
        problem.field = field  # type: ignore[attr-defined]
        raise problem
