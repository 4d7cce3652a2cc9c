"""How the concrete department's own facts appear: JSON facts and document parts."""

from __future__ import annotations

from typing import Any

from salesdesk.report.render.document import Part
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary, ConcreteFacts


def to_json(f: ConcreteFacts, lang: str) -> dict[str, Any]:
    return {}


def parts(s: AnnualSummary, f: ConcreteFacts, w: Words) -> dict[str, tuple[Part, ...]]:
    """Parts keyed by the section they belong to: results, highlights or shortfalls."""
    return {}
