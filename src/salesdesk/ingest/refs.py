"""Customers and reps named by code or name; the unknown ones are created from what the row says."""

from __future__ import annotations

from salesdesk.records.models import Customer, Rep


class References:
    def __init__(self, department_id: int) -> None:
        self.department_id = department_id
        self._customers = _index(Customer.objects.filter(department_id=department_id))
        self._reps = _index(Rep.objects.filter(department_id=department_id))
        self.new_customers: list[str] = []
        self.new_reps: list[str] = []

    def customer(self, value: str) -> int:
        found = self._customers.get(value)
        if found is None:
            found = Customer.objects.create(
                department_id=self.department_id, key=value, code=value, name=value
            ).pk
            self._customers[value] = found
            self.new_customers.append(value)
        return found

    def rep(self, value: str) -> int:
        found = self._reps.get(value)
        if found is None:
            found = Rep.objects.create(
                department_id=self.department_id, key=value, code=value, name=value
            ).pk
            self._reps[value] = found
            self.new_reps.append(value)
        return found

    def forget_customer(self, code: str) -> None:
        """A customers file is about to (re)write this code: stop treating it as new."""
        if code in self.new_customers:
            self.new_customers.remove(code)


def _index(queryset: object) -> dict[str, int]:
    """code → id, then name → id where the name is not also someone's code."""
    rows = list(queryset.values_list("pk", "code", "name"))  # type: ignore[attr-defined]
    index = {name: pk for pk, _, name in rows}
    index.update({code: pk for pk, code, _ in rows})
    return index
