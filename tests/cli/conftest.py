"""Run the real `salesdesk` command in a subprocess against a temporary SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def salesdesk(tmp_path: Path):
    db = tmp_path / "cli.sqlite3"

    def run(
        *args: str, check_exit: int | None = 0, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        environment.update({"SALESDESK_DB": str(db), "COLUMNS": "200"})
        environment.update(env or {})
        done = subprocess.run(
            [sys.executable, "-m", "salesdesk", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=environment,
            timeout=600,
        )
        if check_exit is not None:
            assert done.returncode == check_exit, done.stdout + done.stderr
        return done

    run.db = db  # type: ignore[attr-defined]
    return run
