from django import template
from django.conf import settings

register = template.Library()

DEFAULT_QUICK_EXIT_URL = "https://www.meteo.be/nl"


@register.simple_tag
def quick_exit_url() -> str:
    """Where 'Snel weg' goes: a neutral site (setting QUICK_EXIT_URL; the weather by default)."""
    return getattr(settings, "QUICK_EXIT_URL", "") or DEFAULT_QUICK_EXIT_URL
