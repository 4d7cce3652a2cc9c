"""Django settings for salesdesk. Every knob is read from the environment (see env.py)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from salesdesk.conf.env import env_bool, env_int, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("SALESDESK_DEBUG", False, "Django debug mode; never on in production.")
SECRET_KEY = env_str(
    "SALESDESK_SECRET_KEY",
    "salesdesk-insecure-local-key-change-me",
    "Secret key for sessions and tokens; set a long random value in production.",
)
ALLOWED_HOSTS = [
    h.strip()
    for h in env_str(
        "SALESDESK_ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names served."
    ).split(",")
    if h.strip()
]

_sqlite_path = env_str(
    "SALESDESK_DB",
    "salesdesk.sqlite3",
    "Path of the embedded SQLite database (default ./salesdesk.sqlite3).",
)
_database_url = env_str(
    "DATABASE_URL", "", "postgresql://user@host:5432/name selects PostgreSQL instead of SQLite."
)
SQLITE_CACHE_MB = env_int(
    "SALESDESK_SQLITE_CACHE_MB",
    128,
    "SQLite page cache per connection (MB); large imports update their indexes in memory.",
    minimum=2,
)
SQLITE_BUSY_TIMEOUT_S = env_int(
    "SALESDESK_SQLITE_TIMEOUT", 30, "Seconds a SQLite writer waits for a lock.", minimum=1
)


def _database() -> dict[str, object]:
    if _database_url:
        if not _database_url.startswith(("postgres://", "postgresql://", "sqlite://")):
            raise ImproperlyConfigured(
                f"DATABASE_URL={_database_url!r}: expected postgresql://… or sqlite:///path"
            )
        return dict(dj_database_url.parse(_database_url, conn_max_age=60))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(Path(_sqlite_path).expanduser().resolve()),
        "OPTIONS": {
            "timeout": SQLITE_BUSY_TIMEOUT_S,
            # WAL lets readers work during an import; temp_store keeps the staging table off disk.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; "
                f"PRAGMA cache_size=-{SQLITE_CACHE_MB * 1024};"
            ),
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "salesdesk.records",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "salesdesk.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = env_str("SALESDESK_TIME_ZONE", "Asia/Shanghai", "Time zone of the department.")
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
