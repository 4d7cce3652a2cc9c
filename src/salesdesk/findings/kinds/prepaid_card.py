"""Findings of the prepaid_card department's own facts."""

from __future__ import annotations

from salesdesk.findings.settings import Thresholds
from salesdesk.report.summary import Finding, PrepaidFacts


def findings(facts: PrepaidFacts, t: Thresholds) -> list[Finding]:
    return []
