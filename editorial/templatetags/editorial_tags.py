from django import template

from editorial.citations import apa7

register = template.Library()


@register.simple_tag
def apa_citation(page):
    """The APA 7 reference of a research summary as safe HTML."""
    return apa7(page)
