"""A profile per user: the role, and the rep or department it is tied to.

Who may see what follows from these three fields alone (see salesdesk.web.access).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from salesdesk.records.models import Department, Rep


class Role(models.TextChoices):
    MANAGER = "manager", _("经理")
    REP = "rep", _("业务员")
    VIEWER = "viewer", _("只读（老板）")
    ADMIN = "admin", _("管理员")


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("用户"),
    )
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices, default=Role.REP)
    rep = models.ForeignKey(
        Rep, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("业务员")
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("部门")
    )

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.role == Role.REP and self.rep_id is None:
            raise ValidationError({"rep": _("业务员角色必须关联一名业务员。")})
        if self.role == Role.MANAGER and self.department_id is None and self.rep_id is None:
            raise ValidationError({"department": _("经理角色必须指定部门。")})
        rep = self.rep
        if rep is not None and self.department_id is None:
            self.department_id = rep.department_id
        if rep is not None and self.department_id != rep.department_id:
            raise ValidationError({"department": _("部门与业务员所属部门不一致。")})
