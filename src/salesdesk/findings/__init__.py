"""Findings: rules that turn the metrics into strengths and shortfalls, ranked by money at stake."""

from __future__ import annotations

from salesdesk.findings import ops_rules, sales_rules, team_rules
from salesdesk.findings.inputs import FindingInputs, LateDeliveries, LeftRep
from salesdesk.findings.settings import Thresholds, load_thresholds
from salesdesk.report.summary import Finding

__all__ = [
    "FindingInputs",
    "LateDeliveries",
    "LeftRep",
    "Thresholds",
    "find",
    "load_thresholds",
    "rank",
]

RULES = (*sales_rules.RULES, *team_rules.RULES, *ops_rules.RULES)


def find(inputs: FindingInputs, thresholds: Thresholds | None = None) -> tuple[Finding, ...]:
    """Run every rule; rank by money at stake (largest first), shortfalls before strengths on a tie."""
    t = thresholds or load_thresholds()
    return rank([f for rule in RULES for f in rule(inputs, t)])


def rank(found: list[Finding]) -> tuple[Finding, ...]:
    """Largest money at stake first; shortfalls before strengths on a tie; then by code."""
    return tuple(sorted(found, key=lambda f: (-f.at_stake, f.kind != "shortfall", f.code)))
