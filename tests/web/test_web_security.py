"""Log-in, password hashing, lock-out, CSRF, cookies and headers."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _settings(**env: str) -> dict[str, object]:
    """Settings as a fresh process reads them from the environment."""
    code = (
        "import json, salesdesk.conf.settings as s; print(json.dumps({k: str(getattr(s, k)) for k in "
        "('DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
        "'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_HTTPONLY', 'X_FRAME_OPTIONS', "
        "'SECURE_CONTENT_TYPE_NOSNIFF', 'AXES_FAILURE_LIMIT', 'AXES_COOLOFF_TIME')}))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SALESDESK_")}
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=False
    )
    if done.returncode:
        return {"error": done.stderr}
    return dict(json.loads(done.stdout))


def test_passwords_are_hashed_with_argon2(make_user, password):
    user = make_user("rep", "viewer")
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert user.password.startswith("argon2$")
    assert user.check_password(password)


def test_logging_in_and_out(make_user, password):
    make_user("li", "viewer")
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "li", "password": password})
    assert response.status_code == 302 and response["Location"] == reverse("front:dashboard")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert client.get(reverse("front:dashboard")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("front:dashboard")).status_code == 302


def test_the_login_page_is_chinese_by_default_and_english_on_request(db):
    client = Client()
    assert "登录销售台" in client.get(reverse("accounts:login")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Log in to salesdesk" in html
    body = html[html.index("<main") :]
    assert not [ch for ch in body if "\u4e00" <= ch <= "\u9fff"], "untranslated Chinese left"


def test_five_failures_lock_the_user_name_out(make_user, password):
    make_user("target", "viewer")
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "target", "password": "wrong-guess"})
        assert response.status_code == 200  # the form again, with its error
    response = client.post(url, {"username": "target", "password": "wrong-guess"})
    assert response.status_code == 429
    assert "账户已暂时锁定" in response.content.decode()
    response = client.post(url, {"username": "target", "password": password})
    assert response.status_code == 429, "even the right password is refused while locked"
    assert client.get(reverse("front:dashboard")).status_code == 302
    other_place = Client(REMOTE_ADDR="198.51.100.7")
    response = other_place.post(url, {"username": "target", "password": password})
    assert response.status_code == 302, "the user can still log in from their own address"


def test_lockout_settings_come_from_the_environment():
    found = _settings(SALESDESK_LOGIN_FAILURES="3", SALESDESK_LOGIN_LOCKOUT_MINUTES="30")
    assert found["AXES_FAILURE_LIMIT"] == "3"
    assert found["AXES_COOLOFF_TIME"] == "0:30:00"
    assert "must be at least 1" in str(_settings(SALESDESK_LOGIN_FAILURES="0")["error"])
    assert "expected a whole number" in str(_settings(SALESDESK_LOGIN_FAILURES="five")["error"])


def test_forms_need_the_csrf_token(make_user, password):
    user = make_user("v", "viewer")
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "v", "password": password})
    assert response.status_code == 403
    client.force_login(user)
    assert client.post(reverse("front:visit_new"), {}).status_code == 403


def test_security_headers(make_user):
    response = Client().get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_debug_is_off_and_https_settings_follow_salesdesk_https():
    plain = _settings()
    assert plain["DEBUG"] == "False"
    assert plain["SESSION_COOKIE_SECURE"] == plain["CSRF_COOKIE_SECURE"] == "False"
    assert (plain["SESSION_COOKIE_HTTPONLY"], plain["X_FRAME_OPTIONS"]) == ("True", "DENY")
    assert plain["SECURE_CONTENT_TYPE_NOSNIFF"] == "True"
    https = _settings(SALESDESK_HTTPS="1")
    assert https["SESSION_COOKIE_SECURE"] == https["CSRF_COOKIE_SECURE"] == "True"
    assert int(str(https["SECURE_HSTS_SECONDS"])) >= 31536000
    assert https["SECURE_SSL_REDIRECT"] == "True"
    debugging = _settings(SALESDESK_HTTPS="1", SALESDESK_DEBUG="1")
    assert debugging["SESSION_COOKIE_SECURE"] == "False"
    assert debugging["SECURE_HSTS_SECONDS"] == "0"
