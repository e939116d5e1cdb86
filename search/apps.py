from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "Zoeken"

    def ready(self):
        from search import signals

        signals.connect()
