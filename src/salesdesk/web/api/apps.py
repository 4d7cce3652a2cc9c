from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "salesdesk.web.api"
    label = "api"
    verbose_name = _("接口")
    default_auto_field = "django.db.models.BigAutoField"
