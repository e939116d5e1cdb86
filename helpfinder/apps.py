from django.apps import AppConfig


class HelpfinderConfig(AppConfig):
    name = "helpfinder"
    verbose_name = "Hulpwijzer"
