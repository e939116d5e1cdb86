from django.apps import AppConfig


class MeldpuntConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meldpunt"
    verbose_name = "Meldpunt 1712"
