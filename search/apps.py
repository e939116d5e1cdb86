from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "Zoeken"

    def ready(self):
        # lazy: they import models, which are not ready before ready().
        from search import indexing, registry, signals

        registry.discover()
        indexing.connect()
        signals.connect()
