"""How the prepaid_card department's own facts appear: JSON facts and document parts."""

from __future__ import annotations

from typing import Any

from salesdesk.report.render.document import Part
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary, PrepaidFacts


def to_json(f: PrepaidFacts, lang: str) -> dict[str, Any]:
    return {}


def parts(s: AnnualSummary, f: PrepaidFacts, w: Words) -> dict[str, tuple[Part, ...]]:
    """Parts keyed by the section they belong to: results, highlights or shortfalls."""
    return {}
