"""The concrete department's own facts (placeholder until the pack lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesdesk.metrics.scope import Scope
from salesdesk.report.summary import ConcreteFacts

if TYPE_CHECKING:
    from salesdesk.report.build import Computed


def facts(scope: Scope, c: Computed) -> ConcreteFacts | None:
    """None when the scope has nothing this pack can speak of."""
    return None
