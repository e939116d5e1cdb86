from django import template
from django.conf import settings

register = template.Library()

DEFAULT_QUICK_EXIT_URL = "https://www.meteo.be/nl"


@register.simple_tag
def quick_exit_url() -> str:
    """Where 'Snel weg' goes: a neutral site (setting QUICK_EXIT_URL; the weather by default)."""
    return getattr(settings, "QUICK_EXIT_URL", "") or DEFAULT_QUICK_EXIT_URL


@register.simple_tag
def phone_open(service, now=None):
    """`{% phone_open service now as open %}`: open status at the page's moment (`now` in the
    context), so the whole page answers for one moment and tests can render any moment."""
    return service.is_open(now or None)


@register.simple_tag
def chat_open(service, now=None):
    return service.chat_is_open(now or None)
