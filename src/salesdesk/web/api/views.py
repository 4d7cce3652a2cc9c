"""The page where a logged-in user creates, replaces or revokes their own API token."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from salesdesk.web.api.models import ApiToken
from salesdesk.web.api.tokens import issue, revoke


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_page(request: HttpRequest) -> HttpResponse:
    """GET shows the token's state; POST action=create shows a new token once, action=revoke
    deletes it."""
    shown = ""
    action = request.POST.get("action", "")
    if action == "create":
        shown = issue(request.user)  # type: ignore[arg-type]
    elif action == "revoke":
        if revoke(request.user):  # type: ignore[arg-type]
            messages.success(request, _("接口令牌已撤销。"))
        return redirect("api_token")
    token = ApiToken.objects.filter(user_id=request.user.pk or 0).first()
    return render(request, "api/token.html", {"token": token, "shown": shown})
