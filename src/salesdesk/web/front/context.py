"""Template context for every page: the navigation the user's role allows."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from salesdesk.web.access import can_log_visits, manages, reach


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    # "" everyone with a role | "log" reps who log visits | "manage" managers and admins |
    # "admin" staff
    needs: str = ""


NAV = (
    NavItem("front:dashboard", _("概览")),
    NavItem("front:visit_new", _("记拜访"), "log"),
    NavItem("front:follow_ups", _("待跟进")),
    NavItem("front:customers", _("客户")),
    NavItem("front:reports", _("年度总结")),
    NavItem("front:ideas", _("产品建议")),
    NavItem("front:incidents", _("客诉/事故")),
    NavItem("front:import", _("导入"), "manage"),
    NavItem("front:targets", _("目标"), "manage"),
    NavItem("front:year_close", _("年度结账"), "manage"),
    NavItem("api_token", _("接口")),
    NavItem("admin:index", _("管理"), "admin"),
)


def _allowed(item: NavItem, request: HttpRequest) -> bool:
    user = request.user
    if item.needs == "log":
        return can_log_visits(user)
    if item.needs == "manage":
        return manages(user)
    if item.needs == "admin":
        return bool(getattr(user, "is_staff", False))
    return True


@functools.lru_cache(maxsize=64)
def _url(name: str, prefix: str) -> str:
    """`reverse(name)` under the script prefix `prefix` (the current one): a dozen reversals on
    every page otherwise, always giving the same answer."""
    return reverse(name)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not reach(user).is_member:
        return {"nav": ()}
    current = request.resolver_match.view_name if request.resolver_match else ""
    prefix = get_script_prefix()
    items = [
        {"url": _url(i.url_name, prefix), "label": i.label, "current": i.url_name == current}
        for i in NAV
        if _allowed(i, request)
    ]
    return {"nav": items, "reach": reach(user)}
