"""Django admin (in Chinese, like the rest of the site): users with their role profile."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from salesdesk.web.accounts.models import Profile

admin.site.site_header = _("销售台 · 管理后台")
admin.site.site_title = _("销售台管理")
admin.site.index_title = _("用户与主数据")


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = ()
    fields = ("role", "rep", "department")


class UserWithRoleAdmin(UserAdmin):
    inlines = (ProfileInline,)
    list_display = ("username", "email", "role", "is_active", "last_login")
    list_select_related = ("profile",)

    @admin.display(description=_("角色"))
    def role(self, user: Any) -> str:
        profile = getattr(user, "profile", None)
        return profile.get_role_display() if profile else "—"


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserWithRoleAdmin)
