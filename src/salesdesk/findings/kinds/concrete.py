"""Findings of the concrete department's own facts."""

from __future__ import annotations

from salesdesk.findings.settings import Thresholds
from salesdesk.report.summary import ConcreteFacts, Finding


def findings(facts: ConcreteFacts, t: Thresholds) -> list[Finding]:
    return []
