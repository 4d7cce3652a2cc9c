from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontConfig(AppConfig):
    name = "salesdesk.web.front"
    label = "front"
    verbose_name = _("网页")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from salesdesk.web.front import signals

        signals.connect()
