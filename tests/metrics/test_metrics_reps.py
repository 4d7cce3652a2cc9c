"""The rep table: revenue net of adjustments, targets, rank with its tie-breaks, spread."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesdesk.metrics import customers, reps
from salesdesk.metrics.scope import Scope
from salesdesk.report.summary import RepRow

D = Decimal
pytestmark = pytest.mark.django_db


def _row(code: str, revenue: str, target: str | None) -> RepRow:
    t = D(target) if target is not None else None
    attainment = D(revenue) / t if t else None
    return RepRow(code, code, D(revenue), t, attainment, 0, D(0), 0, 0, 0, None)


def test_rank_by_attainment_then_revenue_then_code() -> None:
    rows = [
        _row("B", "800", "1000"),  # 0.8, revenue 800
        _row("A", "400", "500"),  # 0.8, revenue 400
        _row("C", "800", "1000"),  # 0.8, revenue 800: code breaks the tie with B
        _row("D", "900", "600"),  # 1.5
        _row("E", "5000", None),  # no target: after every rep with one
        _row("F", "6000", None),
        _row("G", "100", "0"),  # a zero target has no attainment: ranked with the no-target reps
    ]
    ranked = reps.ranked(rows)
    assert [(r.rep, r.rank) for r in ranked] == [
        ("D", 1), ("B", 2), ("C", 3), ("A", 4), ("F", 5), ("E", 6), ("G", 7),
    ]  # fmt: skip


def test_attainment_cv_over_reps_with_a_target() -> None:
    rows = [_row("A", "900", "1000"), _row("B", "1100", "1000"), _row("C", "50", None)]
    assert reps.attainment_cv(rows) == D("0.1")  # mean 1.0, population std dev 0.1
    assert reps.attainment_cv([_row("C", "50", None)]) is None


def test_rep_table_of_the_export_department(export_2024: Scope) -> None:
    info = customers.load_customers(export_2024)
    grid = customers.load_grid(export_2024, info)
    split = customers.load_adjustment_split(export_2024)
    facts = reps.rep_facts(grid, split, reps.load_rep_data(export_2024))
    table = {r.rep: r for r in facts.rows}
    # R1: O1 1,200 + O3 710 − O5 200 + O7 400 + O8 300; R2: O2 1,000 − 100; R3: O6 1,000 − 0.50
    assert table["R1"].revenue == D("2410") and table["R1"].target == D("3000")
    assert table["R2"].revenue == D("900") and table["R2"].attainment == D("0.9")
    assert table["R3"].revenue == D("999.50") and table["R3"].target is None
    assert [r.rep for r in facts.rows] == ["R2", "R1", "R3"]
    assert [r.rank for r in facts.rows] == [1, 2, 3]
    assert table["R1"].orders == 5 and table["R1"].customers == 3  # O1 O3 O5 O7 O8; C1 C2 C3
    assert table["R1"].collections == D("1910")  # P1 1,200 (O1) + P3 710 (O3)
    assert table["R2"].collections == D("900")  # P2 500 (O23-3) + P4 400 (O2)
    assert table["R1"].visits == 2 and table["R2"].visits == 2 and table["R3"].visits == 1
    assert table["R2"].left_on is not None
    mean = (D("2410") / 3000 + D("0.9")) / 2
    std = (((D("2410") / 3000 - mean) ** 2 + (D("0.9") - mean) ** 2) / 2).sqrt()
    assert facts.attainment_cv == std / mean


def test_rep_scope_keeps_the_rank_in_the_department(export: object) -> None:
    from salesdesk.metrics.scope import rep_scope

    scope = rep_scope(export, 2024, "R1")  # type: ignore[arg-type]
    team = scope.whole_department()
    info = customers.load_customers(team)
    facts = reps.rep_facts(
        customers.load_grid(team, info),
        customers.load_adjustment_split(team),
        reps.load_rep_data(scope),
        only=scope.rep.pk if scope.rep else None,
    )
    assert [(r.rep, r.rank) for r in facts.rows] == [("R1", 2)]
