"""RSS 2.0 and Atom feeds of any search or filtered listing, and iCal for trainings and events.

Every feed is a search (`search.service.run_search`, newest first): `/feeds/rss/?<the same
parameters as /zoeken/>` follows exactly what that search page lists ("Volg deze
zoekopdracht"); `/feeds/<type>/rss/` and `/feeds/doelgroep/<slug>/rss/` are the named
shortcuts for one content type or one audience. Types and audiences come from the search
facets, so a new content type registered with search gets its feed without a change here.
"""

from __future__ import annotations

import datetime
import functools
from urllib.parse import urlencode

import icalendar

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.views.decorators.http import require_GET

from news.models import EventPage
from opendata.findability import SITE_NAME, absolute, clean_text
from search.facets import FACETS_BY_PARAM
from search.models import SearchEntry
from search.service import run_search

FEED_SIZE = 50
FEED_PARAMS = {"q", *FACETS_BY_PARAM}


def type_choices() -> dict[str, str]:
    return dict(FACETS_BY_PARAM["type"].choices())


def audience_choices() -> dict[str, str]:
    return dict(FACETS_BY_PARAM["doelgroep"].choices())


def _at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class SearchRssFeed(Feed):
    feed_type = Rss201rev2Feed
    feed_format = "rss"

    def get_object(self, request, kind=None, audience=None):
        params = request.GET.copy()
        base_filters, label = {}, ""
        if kind is not None:
            types = type_choices()
            if kind not in types:
                raise Http404
            base_filters["type"], label = (kind,), types[kind]
        if audience is not None:
            audiences = audience_choices()
            if audience not in audiences:
                raise Http404
            base_filters["doelgroep"], label = (audience,), f"Voor {audiences[audience].lower()}"
        params["per_page"] = str(FEED_SIZE)
        params.pop("page", None)
        search = run_search(
            params, base_filters=base_filters, default_sort="nieuwste", source="feed", per_page=FEED_SIZE
        )
        keys = [item.hit.key for item in search.items]
        updated = dict(SearchEntry.objects.filter(key__in=keys).values_list("key", "updated_at"))
        kept = {k: v for k, v in request.GET.lists() if k in FEED_PARAMS}
        return {
            "request": request,
            "search": search,
            "updated": updated,
            "label": label or search_label(search),
            "page_url": page_url(kind, audience, kept),
            "query": urlencode(kept, doseq=True),
        }

    def title(self, obj):
        return f"{obj['label']} | {SITE_NAME}"

    def link(self, obj):
        return obj["page_url"]

    def feed_url(self, obj):
        url = obj["request"].path
        return absolute(obj["request"], url + (f"?{obj['query']}" if obj["query"] else ""))

    def description(self, obj):
        return f"Het nieuwste van het {SITE_NAME}: {obj['label'].lower()}."

    subtitle = description

    def feed_guid(self, obj):
        return self.feed_url(obj)

    def feed_copyright(self, obj):
        return "Eigen inhoud: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"

    def items(self, obj):
        return [(item, obj) for item in obj["search"].items]

    def item_title(self, item):
        return item[0].hit.title

    def item_description(self, item):
        result = item[0]
        return result.hit.summary or clean_text(result.hit.body, 600)

    def item_link(self, item):
        return absolute(item[1]["request"], item[0].hit.url)

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        hit = item[0].hit
        if hit.date:
            return _at_noon(hit.date)
        return item[1]["updated"].get(hit.key)

    def item_updateddate(self, item):
        hit = item[0].hit
        return item[1]["updated"].get(hit.key) or (_at_noon(hit.date) if hit.date else timezone.now())

    def item_categories(self, item):
        return [item[0].type_label]

    def item_author_name(self, item):
        return SITE_NAME

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=900"
        return response


class SearchAtomFeed(SearchRssFeed):
    feed_type = Atom1Feed
    feed_format = "atom"


def search_label(search) -> str:
    parts = []
    if search.q:
        parts.append(f"zoekopdracht ‘{search.q}’")
    for chip in search.chips:
        parts.append(f"{chip.facet_label.lower()}: {chip.label}")
    return ("Zoeken: " + ", ".join(parts)) if parts else "Alle inhoud"


def page_url(kind, audience, params) -> str:
    """The listing the feed follows: the search page with the same filters."""
    params = dict(params)
    if kind:
        params.setdefault("type", [kind])
    if audience:
        params.setdefault("doelgroep", [audience])
    query = urlencode(params, doseq=True)
    return reverse("search:page") + (f"?{query}" if query else "")


def feed_urls(kind=None, audience=None, params=None) -> dict[str, str]:
    query = ("?" + urlencode(params, doseq=True)) if params else ""
    urls = _feed_urls(kind, audience, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return {name: url + query for name, url in urls.items()}


@functools.lru_cache(maxsize=256)
def _feed_urls(kind, audience, prefix, urlconf) -> dict[str, str]:
    """The addresses without a query: the same for every page of a kind (most pages name the
    news feed), so not reversed again on every request."""
    if kind:
        names = ("opendata:type-rss", "opendata:type-atom"), [kind]
    elif audience:
        names = ("opendata:audience-rss", "opendata:audience-atom"), [audience]
    else:
        names = ("opendata:search-rss", "opendata:search-atom"), []
    return {
        "rss": reverse(names[0][0], args=names[1], urlconf=urlconf),
        "atom": reverse(names[0][1], args=names[1], urlconf=urlconf),
    }


def feed_links(context) -> list[dict]:
    """`<link rel="alternate">` for the feeds of what a page lists."""
    page = context.get("page")
    search = context.get("search")
    request = context.get("request")
    links = []
    kind = getattr(page, "listing_type", "") if page is not None else ""
    audience = getattr(getattr(page, "audience", None), "slug", "") if page is not None else ""
    # The filters and query of the listing as shown: the feed follows exactly that.
    params = {k: v for k, v in request.GET.lists() if k in FEED_PARAMS} if request is not None else {}
    if kind and kind in type_choices():
        urls, label = feed_urls(kind=kind, params=params), type_choices()[kind]
    elif audience:
        urls, label = feed_urls(audience=audience, params=params), f"Voor {page.audience.name.lower()}"
    elif search is not None:
        urls, label = feed_urls(params=params), "Deze zoekopdracht"
    else:
        urls, label = feed_urls(kind="nieuws"), "Nieuws"
    links.append({"mime": "application/rss+xml", "title": f"{label} (RSS)", "url": urls["rss"]})
    links.append({"mime": "application/atom+xml", "title": f"{label} (Atom)", "url": urls["atom"]})
    if kind == "vorming":
        links.append({"mime": "text/calendar", "title": "Agenda (iCal)", "url": reverse("opendata:events-ical")})
    return links


@require_GET
def events_ical(request):
    """Trainings, events and campaigns as an iCalendar file (RFC 5545) for agenda apps."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{SITE_NAME}//vorming//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Vorming en campagnes | {SITE_NAME}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = absolute(request, "/").split("://", 1)[-1].strip("/")
    for event in EventPage.objects.live().public().order_by("start"):
        entry = icalendar.Event()
        entry.add("uid", f"vorming-{event.pk}@{host}")
        entry.add("dtstamp", event.last_published_at or timezone.now())
        entry.add("dtstart", event.start)
        entry.add("dtend", event.end or event.start + datetime.timedelta(hours=2))
        entry.add("summary", event.title)
        entry.add("description", clean_text(event.summary, 2000))
        entry.add("url", absolute(request, event.url))
        entry.add("location", "Online" if event.online and not event.location else event.location or "")
        entry.add("categories", [event.get_kind_display()])
        if event.last_published_at:
            entry.add("last-modified", event.last_published_at)
        calendar.add_component(entry)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="vorming.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response
