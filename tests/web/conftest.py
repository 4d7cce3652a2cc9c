"""Web tests: demo departments loaded once per module, users of every role, a CLI runner.

The demo data is imported inside a module-wide transaction that is rolled back at the end of the
module, so each test (in its own savepoint, pytest-django's `db`) sees it without the rest of
the suite ever seeing it. Browser tests (live_server, transactional) build their own small data.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from salesdesk.records.models import Department, Rep

PASSWORD = "Correct-Horse-42"
YEAR = 2025
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rolled-back tests can recreate the same data version: start every test with no cache."""
    cache.clear()
    yield
    cache.clear()


def _load(kind: str, folder: Path) -> Department:
    from salesdesk.demo.generate import generate_department
    from salesdesk.demo.run import load_department

    files = generate_department(kind, folder)
    load_department(files, lambda _message: None)
    return Department.objects.get(name=files.name)


@pytest.fixture(scope="module")
def demo(
    django_db_setup: None, django_db_blocker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Department]]:
    """The export and team demo departments (a full year 2025 and 2024 each) plus a small hotel."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            root = tmp_path_factory.mktemp("web-demo")
            yield {
                "export": _load("export", root / "export"),
                "team": _load("team", root / "team"),
                "hotel": _hotel(),
            }
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _hotel() -> Department:
    """A tiny hotel: 10 rooms a night in January 2025, a few room-nights sold by one rep."""
    from datetime import date, timedelta
    from decimal import Decimal

    from salesdesk.records.models import Capacity, OrderLine

    hotel = Department.objects.create(name="测试酒店销售部", kind="hospitality")
    rep = Rep.objects.create(department=hotel, key="H1", code="H1", name="刘芳")
    for n in range(31):
        day = date(YEAR, 1, 1) + timedelta(days=n)
        Capacity.objects.create(
            department=hotel, key=f"{day}|rooms", date=day, resource="rooms", available=10
        )
    for n, (nights, price) in enumerate([(4, "300"), (6, "280"), (2, "0")], start=1):
        amount = Decimal(price) * nights
        OrderLine.objects.create(
            department=hotel,
            key=f"R{n}#1",
            order_no=f"R{n}",
            line_no=1,
            date=date(YEAR, 1, n * 3),
            rep=rep,
            quantity=nights,
            unit="room_night",
            unit_price=Decimal(price),
            amount=amount,
            amount_cny=amount,
        )
    return hotel


@functools.cache
def _password_hash() -> str:
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)


@pytest.fixture
def make_user(db: None) -> Callable[..., object]:
    """make_user("name", "rep", rep=Rep) → a user with that role (password PASSWORD)."""
    from django.contrib.auth import get_user_model

    from salesdesk.web.accounts.models import Profile

    def make(
        name: str,
        role: str,
        *,
        rep: Rep | None = None,
        department: Department | None = None,
        email: str = "",
    ) -> object:
        user = get_user_model().objects.create_user(name, email=email)
        user.password = _password_hash()  # argon2, hashed once for the whole session
        user.is_staff = user.is_superuser = role == "admin"
        user.save()
        Profile.objects.create(
            user=user,
            role=role,
            rep=rep,
            department=department or (rep.department if rep else None),
        )
        return user

    return make


@pytest.fixture
def password() -> str:
    """The password every `make_user` user has."""
    return PASSWORD


@pytest.fixture
def login() -> Callable[[object], Client]:
    def client_for(user: object) -> Client:
        client = Client()
        client.force_login(user)  # type: ignore[arg-type]
        return client

    return client_for


@pytest.fixture
def run_salesdesk(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real `salesdesk` command in a subprocess on a temporary SQLite database."""
    db = tmp_path / "web.sqlite3"

    def run(
        *args: str, stdin: str = "", check_exit: int | None = 0, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        environment.update({"SALESDESK_DB": str(db), "COLUMNS": "200"})
        environment.update(env or {})
        done = subprocess.run(
            [sys.executable, "-m", "salesdesk", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=environment,
            timeout=300,
        )
        if check_exit is not None:
            assert done.returncode == check_exit, done.stdout + done.stderr
        return done

    run.db = db  # type: ignore[attr-defined]
    return run


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for the module. While Playwright's sync API runs its event loop in
    this thread, Django's ORM must be told that synchronous calls from it are fine."""
    from browser_support import ARGS, CHROMIUM
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
