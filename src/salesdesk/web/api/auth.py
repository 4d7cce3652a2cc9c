"""Who is calling the API: a bearer token, or the browser's own log-in session.

Both give the Django user, and `salesdesk.web.access` decides what that user may read or change
exactly as on the pages. A session may only write with Django's CSRF token (SessionAuth checks
it); a request with neither is answered 401.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from salesdesk.records.audit import act_as
from salesdesk.web.api.tokens import user_for


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for(token.strip())
        if user is not None:
            request.user = user  # type: ignore[assignment]
            act_as(user)  # the audit trail names the token's user
        return user


class ActiveSession(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


AUTH = [BearerToken(), ActiveSession()]
