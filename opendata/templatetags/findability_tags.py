"""`{% findability_head %}` in base.html: canonical, robots, description, share tags, JSON-LD,
citation tags, feed links and icons for whatever page is rendered."""

from django import template

from opendata import feeds, findability, structured_data

register = template.Library()


@register.inclusion_tag("opendata/findability_head.html", takes_context=True)
def findability_head(context):
    request = context.get("request")
    context["findability"] = findability.site_settings(request)
    flat = context.flatten()
    description = findability.description(flat)
    return {
        "request": request,
        "canonical": findability.canonical_url(flat),
        "noindex": findability.is_noindex(flat),
        "title": findability.title(flat),
        "description": description,
        "og_type": "article" if type(flat.get("page")) in structured_data.ARTICLES else "website",
        "share_image": findability.share_image_url(flat),
        "site_name": findability.SITE_NAME,
        "json_ld": [findability.json_ld(item) for item in structured_data.structured_data(flat)],
        "citation_tags": structured_data.citation_tags(flat),
        "feed_links": feeds.feed_links(flat),
    }


@register.simple_tag(takes_context=True)
def page_description(context):
    flat = context.flatten()
    flat["findability"] = findability.site_settings(flat.get("request"))
    return findability.description(flat)


@register.simple_tag(takes_context=True)
def follow_feeds(context):
    """RSS and Atom addresses of what the listing or search on this page shows."""
    links = feeds.feed_links(context.flatten())
    by_type = {link["mime"]: link["url"] for link in links}
    return {"rss": by_type.get("application/rss+xml"), "atom": by_type.get("application/atom+xml")}
