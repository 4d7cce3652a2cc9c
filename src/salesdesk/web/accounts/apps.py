from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "salesdesk.web.accounts"
    label = "accounts"
    verbose_name = _("账户与角色")
    default_auto_field = "django.db.models.BigAutoField"
