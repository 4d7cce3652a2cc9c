"""Django settings for salesdesk. Every knob is read from the environment (see env.py)."""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from salesdesk.conf.env import env_bool, env_int, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _cache_dir() -> Path:
    """$XDG_CACHE_HOME/salesdesk, else ~/.cache/salesdesk."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "salesdesk"


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
_test_db_name = env_str(
    "SALESDESK_TEST_DB_NAME",
    "",
    "Name of the throw-away database the test suite creates on PostgreSQL (default test_<name>); "
    "lets two test runs share one server.",
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
        database = dict(dj_database_url.parse(_database_url, conn_max_age=60))
        if database["ENGINE"] != "django.db.backends.sqlite3":
            given = database.get("OPTIONS") or {}
            database["OPTIONS"] = _without_jit(dict(given) if isinstance(given, dict) else {})
        if _test_db_name:
            database["TEST"] = {"NAME": _test_db_name}
        return database
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


def _without_jit(options: dict[str, object]) -> dict[str, object]:
    """PostgreSQL's JIT compiles any query the planner costs high, e.g. one that probes an index
    per activity: 0.4 s of compiling for 0.03 s of work, on every report. Off for our sessions;
    `?options=-c jit=on` in DATABASE_URL comes after and wins."""
    given = str(options.get("options", "")).strip()
    return {**options, "options": f"-c jit=off {given}".strip()}


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
    "salesdesk.metrics",
    "salesdesk.web.accounts",
    "salesdesk.web.front",
    "salesdesk.web.api",
    "ninja",  # the API's own Swagger UI files, served locally (no CDN)
    "axes",
    "auditlog",  # the audit trail of every record (salesdesk.records.audit)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "salesdesk.records.audit.AuditMiddleware",  # the logged-in user is the actor of each change
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

# The audit trail compares typed values (Decimal 1.50 == 1.5000 is no change) and keeps them as JSON.
AUDITLOG_STORE_JSON_CHANGES = True

ROOT_URLCONF = "salesdesk.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "salesdesk.web.front.context.navigation",
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
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# ---------------------------------------------------------------- the web app (salesdesk.web)

LOCALE_PATHS = [PACKAGE_DIR / "web" / "locale"]
STATICFILES_DIRS = [PACKAGE_DIR / "web" / "static"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "front:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {
            "min_length": env_int(
                "SALESDESK_PASSWORD_MIN_LENGTH", 8, "Shortest password accepted.", minimum=1
            )
        },
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int(
    "SALESDESK_LOGIN_FAILURES",
    5,
    "Failed log-ins in a row after which a user name is locked out.",
    minimum=1,
)
AXES_COOLOFF_TIME = timedelta(
    minutes=env_int(
        "SALESDESK_LOGIN_LOCKOUT_MINUTES",
        15,
        "Minutes a locked-out user name must wait before trying again.",
        minimum=1,
    )
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # a user name from one address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "salesdesk.web.accounts.views.locked_out"

# Imports in the browser (web/front/imports.py): each user session's uploaded file waits in its
# own folder under IMPORT_UPLOAD_DIR until it is imported or replaced; folders left behind (a
# session that never came back) are removed after IMPORT_UPLOAD_KEEP_HOURS.
IMPORT_UPLOAD_DIR = Path(tempfile.gettempdir()) / "salesdesk-uploads"
IMPORT_UPLOAD_MAX_MB = 200
IMPORT_UPLOAD_KEEP_HOURS = 24

# Static files: `salesdesk serve` collects them into STATIC_ROOT and serves the hashed,
# compressed copies through WhiteNoise (SALESDESK_STATIC_MANIFEST=1, which serve sets).
# Everywhere else (tests, `manage.py runserver`-style use) WhiteNoise serves them straight from
# the package through the staticfiles finders, so nothing has to be collected first.
STATIC_MANIFEST = env_bool(
    "SALESDESK_STATIC_MANIFEST",
    False,
    "Serve collected, hashed static files (set by `salesdesk serve`; 0 = straight from the package).",
)
_static_root = Path(
    env_str(
        "SALESDESK_STATIC_ROOT",
        str(_cache_dir() / "static"),
        "Where `salesdesk serve` collects the static files (a cache directory).",
    )
).expanduser()
STATIC_ROOT = _static_root if STATIC_MANIFEST else None
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "salesdesk",
        "TIMEOUT": env_int(
            "SALESDESK_CACHE_SECONDS",
            3600,
            "Seconds a cached dashboard summary lives (it is also dropped when the data change).",
            minimum=1,
        ),
    }
}

# Security: the cookies and headers a production deployment needs. HTTPS ones only when the
# site is served over HTTPS (SALESDESK_HTTPS=1) and not in debug mode.
HTTPS = (
    env_bool("SALESDESK_HTTPS", False, "The site is served over HTTPS: secure cookies and HSTS.")
    and not DEBUG
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [
    o.strip()
    for o in env_str(
        "SALESDESK_CSRF_TRUSTED_ORIGINS",
        "",
        "Comma-separated origins (https://sales.example.com) trusted for form posts behind a proxy.",
    ).split(",")
    if o.strip()
]

# E-mail (the follow-up digest): the console by default; SMTP when a host is given.
EMAIL_HOST = env_str(
    "SALESDESK_EMAIL_HOST", "", "SMTP server for e-mail; empty prints mail to the console."
)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("SALESDESK_EMAIL_PORT", 587, "SMTP port.", minimum=1)
EMAIL_HOST_USER = env_str("SALESDESK_EMAIL_USER", "", "SMTP user name.")
EMAIL_HOST_PASSWORD = env_str("SALESDESK_EMAIL_PASSWORD", "", "SMTP password.")
EMAIL_USE_TLS = env_bool("SALESDESK_EMAIL_TLS", True, "Use STARTTLS with the SMTP server.")
DEFAULT_FROM_EMAIL = env_str(
    "SALESDESK_EMAIL_FROM", "salesdesk@localhost", "Sender address of the e-mail salesdesk sends."
)

# `salesdesk serve` (gunicorn): two workers with four threads each suit a two-core machine.
WEB_WORKERS = env_int(
    "SALESDESK_WEB_WORKERS", 2, "Worker processes of `salesdesk serve`.", minimum=1
)
WEB_THREADS = env_int(
    "SALESDESK_WEB_THREADS", 4, "Threads per worker of `salesdesk serve`.", minimum=1
)
WEB_TIMEOUT = env_int(
    "SALESDESK_WEB_TIMEOUT",
    60,
    "Seconds a request may take before its worker is restarted.",
    minimum=5,
)
