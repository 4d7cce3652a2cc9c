"""How the export department's own facts appear: JSON facts and document parts."""

from __future__ import annotations

from typing import Any

from salesdesk.report.render.document import Part
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary, ExportFacts


def to_json(f: ExportFacts, lang: str) -> dict[str, Any]:
    return {}


def parts(s: AnnualSummary, f: ExportFacts, w: Words) -> dict[str, tuple[Part, ...]]:
    """Parts keyed by the section they belong to: results, highlights or shortfalls."""
    return {}
