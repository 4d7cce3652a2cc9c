"""Issue, revoke and check API tokens (`Authorization: Bearer <token>`).

A token is 32 random bytes (URL-safe text) after the prefix ``sd_``. The database keeps its
SHA-256 digest only, so a copy of the database lets nobody call the API; the user sees the
token once, when it is created.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from salesdesk.web.api.models import ApiToken

PREFIX = "sd_"
SHOWN = 8  # characters of the token kept to recognise it on the page
TOUCH_EVERY = timedelta(minutes=5)  # how often "last used" is written


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user: AbstractBaseUser) -> str:
    """A new token for the user, replacing any earlier one; returned once, never stored."""
    token = PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.update_or_create(
        user_id=user.pk,
        defaults={"prefix": token[:SHOWN], "digest": digest(token), "last_used_at": None},
    )
    return token


def revoke(user: AbstractBaseUser) -> bool:
    deleted, _ = ApiToken.objects.filter(user_id=user.pk).delete()
    return bool(deleted)


def user_for(token: str) -> AbstractBaseUser | None:
    """The active user whose token this is (None for an unknown token or an inactive user)."""
    if not token.startswith(PREFIX):
        return None
    found = ApiToken.objects.select_related("user").filter(digest=digest(token)).first()
    if found is None or not found.user.is_active:
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user
