"""docs/metrics.md documents every headline figure and every finding threshold."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from salesdesk.findings.settings import Thresholds
from salesdesk.metrics.definitions import DEFINITIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "metrics.md"


def test_every_figure_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [key for key in DEFINITIONS if f"`{key}`" not in text]
    assert missing == []


def test_every_threshold_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert [f.name for f in fields(Thresholds) if f"`{f.name}`" not in text] == []
