from django.apps import AppConfig


class ThrowawayConfig(AppConfig):
    """A page type that exists only in the tests (kenniscentrum.settings.test): proof that a new
    content type becomes searchable, faceted and listed without an edit in search/, core/ or home/."""

    name = "tests.throwaway"
    label = "throwaway"
    default_auto_field = "django.db.models.BigAutoField"
