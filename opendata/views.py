"""robots.txt, /.well-known/security.txt, the web app manifest, the page "Open data en API"
and the open data dump."""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.models import Page

from core.models import SiteSettings
from opendata import export
from opendata.feeds import audience_choices, feed_urls, type_choices
from opendata.findability import SITE_NAME, absolute


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    # The outgoing help links share one prefix: the address of any of them without its slug.
    outgoing_help = reverse("helpfinder:go", args=["-"]).removesuffix("-/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        # Search results with a query or filters are endless variants of one page.
        f"Disallow: {reverse('search:page')}?",
        f"Disallow: {reverse('search:api')}",
        f"Disallow: {outgoing_help}",
        "Disallow: /feedback/",
        "Allow: /",
        "",
        f"Sitemap: {absolute(request, reverse('opendata:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=86400)
def security_txt(request):
    """RFC 9116. The contact is SECURITY_CONTACT, else the editors' address in the site settings."""
    contact = settings.SECURITY_CONTACT or SiteSettings.for_request(request).contact_email
    if contact and not contact.startswith(("mailto:", "https://")):
        contact = f"mailto:{contact}"
    expires = (timezone.now() + datetime.timedelta(days=180)).replace(microsecond=0)
    lines = []
    if contact:
        lines.append(f"Contact: {contact}")
    lines += [
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {absolute(request, reverse('opendata:security-txt'))}",
        f"Policy: {absolute(request, reverse('opendata:page'))}#beveiliging",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=86400)
def web_manifest(request):
    data = {
        "name": SITE_NAME,
        "short_name": "Pesten",
        "lang": "nl-BE",
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#17406f",
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
def open_data_page(request):
    types = type_choices()
    # One feed per section that lists a content type (index pages with a `listing_type`).
    sections = Page.objects.live().public().filter(depth=3).specific().order_by("path")
    listed = [getattr(page, "listing_type", "") for page in sections]
    feeds = [{"label": types[value], **feed_urls(kind=value)} for value in listed if value in types]
    audience_feeds = [{"label": label, **feed_urls(audience=value)} for value, label in audience_choices().items()]
    context = {
        "meta_title": "Open data en API",
        "meta_description": (
            "Hergebruik de inhoud van het Kenniscentrum (cyber)pesten: een open API, RSS- en "
            "Atom-feeds, een agenda (iCal) en een volledige download onder CC BY 4.0."
        ),
        "feeds": feeds,
        "audience_feeds": audience_feeds,
        "dump": export.status(),
        "api_root": absolute(request, reverse("opendata-api:root")),
        "example_items": absolute(request, reverse("opendata-api:items")) + "?type=onderzoek&thema=cyberpesten",
        "example_search": absolute(request, reverse("opendata-api:search")) + "?q=sexting&doelgroep=onderwijs",
    }
    response = render(request, "opendata/open_data_page.html", context)
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def dump_file(request, name):
    """The latest dump (manage.py export_open_data, nightly). None yet: one is queued, and the
    visitor gets the Dutch 404 page until it is there."""
    if name not in export.FILES:
        raise Http404
    export.export_if_missing()
    path = Path(settings.OPENDATA_EXPORT_DIR) / name
    if not path.exists():
        raise Http404
    response = FileResponse(path.open("rb"), content_type=export.FILES[name])
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def dump_index(request):
    return JsonResponse(json.loads(json.dumps(export.status(), default=str)))
