from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "salesdesk.records"
    label = "records"
    verbose_name = "销售记录"
    default_auto_field = "django.db.models.BigAutoField"
