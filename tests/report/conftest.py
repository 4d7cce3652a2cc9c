"""Report tests: the ``--update-golden`` option rewrites tests/report/golden/ from the renderers.

Run it with the report folder as the argument (``pytest tests/report --update-golden``) so this
conftest is loaded before the command line is parsed; from anywhere else, set
``SALESDESK_UPDATE_GOLDEN=1`` instead.
"""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files in tests/report/golden/ from the current renderers",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the golden files should be rewritten instead of compared."""
    flag = bool(request.config.getoption("--update-golden", default=False))
    return flag or os.environ.get("SALESDESK_UPDATE_GOLDEN") == "1"
