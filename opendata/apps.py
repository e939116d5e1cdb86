from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """Reach beyond the site: sitemap, robots, meta tags and structured data, feeds, the
    catalogue API /api/v1/ and the open data dump. Sits above the content apps: it reads them,
    none of them imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "opendata"
    verbose_name = "Open data"
