from django.apps import AppConfig


class MetricsConfig(AppConfig):
    """No models: the app is here so that the metrics can listen to the records' signals."""

    name = "salesdesk.metrics"
    label = "metrics"

    def ready(self) -> None:
        from salesdesk.metrics import rollups

        rollups.connect()  # an orders import rebuilds the department's rollups at its end
