from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content (`manage.py load_demo_content`): the top of the layers, it knows every app."""

    name = "demo"
    label = "demo"
    verbose_name = "Democontent"
