from django import template

from planning.sources import evidence_label, listable_models

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")


@register.filter
def evidence(page):
    """The evidence level (practice) or board assessment (external resource), as a label."""
    return evidence_label(page)


@register.inclusion_tag("planning/includes/list_button.html")
def list_button(page):
    """The list button, only on the page types a list can hold."""
    show = page is not None and isinstance(page, tuple(listable_models()))
    return {"page": page if show else None, "show": show}
