"""Fixture departments for the metric tests (see fixture_dept.py for the hand-worked figures)."""

from __future__ import annotations

import pytest
from fixture_dept import card_team, export_dept, hotel_dept

from salesdesk.metrics.scope import Scope
from salesdesk.records.models import Department


@pytest.fixture
def export(db: None) -> Department:
    return export_dept()


@pytest.fixture
def hotel(db: None) -> Department:
    return hotel_dept()


@pytest.fixture
def team(db: None) -> Department:
    return card_team()


@pytest.fixture
def export_2024(export: Department) -> Scope:
    return Scope(export, 2024)
