"""Settings read from the environment: each declared once with a default and help.

A bad value fails loudly at start-up (ImproperlyConfigured) instead of being
silently replaced by the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


DECLARED: dict[str, Setting] = {}


def declare(name: str, default: str, help: str) -> str:
    """Register a setting (for `salesdesk settings` and the docs) and return its raw value."""
    DECLARED[name] = Setting(name, default, help)
    return os.environ.get(name, default)


def env_str(name: str, default: str, help: str) -> str:
    return declare(name, default, help)


def env_bool(name: str, default: bool, help: str) -> bool:
    raw = declare(name, "1" if default else "0", help).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of 1/0/true/false/yes/no/on/off")


def env_int(name: str, default: int, help: str, *, minimum: int | None = None) -> int:
    raw = declare(name, str(default), help)
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value}: must be at least {minimum}")
    return value
