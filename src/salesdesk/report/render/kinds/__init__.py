"""A department kind's own facts in the report: the JSON key and the document parts of each pack.

The summary carries at most one pack's facts (the one of its department kind); these two
functions find it and hand it to its module, so the general renderers need not know the kinds.
"""

from __future__ import annotations

from typing import Any

from salesdesk.report.render.document import Part
from salesdesk.report.render.kinds import concrete, export, prepaid_card, team
from salesdesk.report.render.words import Words
from salesdesk.report.summary import AnnualSummary

__all__ = ["kind_json", "kind_parts"]


def kind_json(s: AnnualSummary, lang: str) -> dict[str, Any]:
    """``{kind: facts}`` for the pack the summary carries (empty for a general department)."""
    found: dict[str, Any] = {}
    if s.export is not None:
        found["export"] = export.to_json(s.export, lang)
    if s.concrete is not None:
        found["concrete"] = concrete.to_json(s.concrete, lang)
    if s.team is not None:
        found["team"] = team.to_json(s.team, lang)
    if s.prepaid_card is not None:
        found["prepaid_card"] = prepaid_card.to_json(s.prepaid_card, lang)
    return found


def kind_parts(s: AnnualSummary, section: str, w: Words) -> tuple[Part, ...]:
    """The pack's parts for one section ("results", "highlights" or "shortfalls")."""
    by_section: dict[str, tuple[Part, ...]] = {}
    if s.export is not None:
        by_section = export.parts(s, s.export, w)
    elif s.concrete is not None:
        by_section = concrete.parts(s, s.concrete, w)
    elif s.team is not None:
        by_section = team.parts(s, s.team, w)
    elif s.prepaid_card is not None:
        by_section = prepaid_card.parts(s, s.prepaid_card, w)
    return by_section.get(section, ())
