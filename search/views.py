"""The search page, its JSON twin and suggestions while typing.

GET only, no session, no CSRF token, no cookies. Responses with a query or filters are not
stored in shared caches (`Cache-Control: private`)."""

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from search.analysis import parse_suggest_input
from search.backends import get_backend
from search.facets import type_label
from search.forms import MAX_QUERY_LENGTH
from search.service import analyse, api_payload, corrected_query, run_search, synonyms

MAX_SUGGESTIONS = 8


def _private(response, request):
    if request.GET:
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=300)
    patch_vary_headers(response, ["Accept"])
    return response


@require_GET
def search_page(request):
    page = run_search(request.GET, source="page")
    if page.redirect_url:  # an editor's "meteen doorsturen" for exactly this query
        return HttpResponseRedirect(page.redirect_url)
    context = {
        "search": page,
        # The topics as the search read them already (slug, name): no second taxonomy read.
        "popular_topics": (
            [{"slug": slug, "name": name} for slug, name in page.labels["thema"].items()]
            if page.total == 0
            else []
        ),
        "max_query_length": MAX_QUERY_LENGTH,
        "quick_exit": True,  # a young person or victim may land here: "Snel weg" on every search
        "meta_description": (
            "Zoek in onderzoek, goede praktijken, toolkits, downloads, begrippen, nieuws en vorming "
            "over (cyber)pesten."
        ),
    }
    response = _private(render(request, "search/search_page.html", context), request)
    response.sensitive = True  # no-store, no-referrer (core.middleware), as on the help pages
    return response


@require_GET
def search_api(request):
    page = run_search(request.GET, source="api")
    response = JsonResponse(api_payload(page), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data for partners; no cookies involved
    return _private(response, request)


@require_GET
def suggestions_api(request):
    text = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    query, prefix = parse_suggest_input(text, synonyms())
    backend = get_backend()
    items = backend.suggest(query, prefix, MAX_SUGGESTIONS) if len(text) >= 2 else []
    corrected = None
    if not items and len(text) >= 4:  # a typo while typing: suggest for the corrected words
        _, unknown = analyse(text, backend)
        corrected = corrected_query(text, unknown, backend.vocabulary())
        if corrected:
            query, prefix = parse_suggest_input(corrected, synonyms())
            items = backend.suggest(query, prefix, MAX_SUGGESTIONS)
    payload = {
        "query": text,
        "corrected": corrected,
        "suggestions": [
            {
                "title": s.title,
                "url": s.url,
                "type": s.type,
                "type_label": type_label(s.type),
            }
            for s in items
        ],
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return _private(response, request)
