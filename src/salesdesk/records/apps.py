from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "salesdesk.records"
    label = "records"
    verbose_name = "销售记录"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from salesdesk.records import rollup_state
        from salesdesk.records.audit import register_models

        register_models()  # the audit trail (django-auditlog) of every kind of record
        rollup_state.connect()  # writes to lines and customers make the rollups stale
