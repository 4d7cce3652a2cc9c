"""How the team department's own facts appear: JSON facts and document parts."""

from __future__ import annotations

from typing import Any

from salesdesk.report.render.document import Part
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary, TeamFacts


def to_json(f: TeamFacts, lang: str) -> dict[str, Any]:
    return {}


def parts(s: AnnualSummary, f: TeamFacts, w: Words) -> dict[str, tuple[Part, ...]]:
    """Parts keyed by the section they belong to: results, highlights or shortfalls."""
    return {}
