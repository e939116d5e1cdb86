from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "analytics"
    verbose_name = "Bereik en impact"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from analytics import signals  # lazy: connected in ready(), once every app is loaded

        signals.connect()
