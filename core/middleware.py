"""Request input made storable, and response headers that keep visitors private."""

import re

from django.conf import settings
from django.contrib import messages

from core.text import clean_querydict, clean_text

ENCODED_NUL = re.compile("%00")


class PrivacyHeadersMiddleware:
    """No referrer leaks to other sites; help pages are never cached or kept in history caches.

    Views mark a response as sensitive with `response.sensitive = True` (help and safety pages);
    those get `Cache-Control: no-store` and `Referrer-Policy: no-referrer`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", "interest-cohort=(), browsing-topics=()")
        csp = getattr(settings, "CONTENT_SECURITY_POLICY_HEADER", "")
        if csp and not request.path.startswith(("/admin/", "/django-admin/")):
            response.headers.setdefault("Content-Security-Policy", csp)
        if getattr(response, "sensitive", False):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Referrer-Policy"] = "no-referrer"
        return response


class CleanInputMiddleware:
    """Drop NUL bytes and lone surrogates from every query and form parameter and the Referer.

    The one place public input is made storable, so search terms, feedback comments, help-finder
    answers and the analytics that record them never fail on such a character (see core.text).
    Reading request.POST here is what CsrfViewMiddleware does for every POST anyway.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = clean_querydict(request.GET)
        if request.method == "POST":
            request.POST = clean_querydict(request.POST)
        referer = request.META.get("HTTP_REFERER")
        if referer:
            # The Referer's own query string is percent-encoded: clean what it decodes to.
            request.META["HTTP_REFERER"] = clean_referer(referer)
        return self.get_response(request)


def clean_referer(referer: str) -> str:
    """The Referer without NUL bytes, also not percent-encoded ones in its query string."""
    return ENCODED_NUL.sub("", clean_text(referer))


class AdminSearchLimitMiddleware:
    """Cap the admin search (`q`) at ADMIN_SEARCH_MAX_TERMS words and tell the editor.

    Wagtail's database search nests one SQL expression per word; a few hundred words exceed
    Python's recursion limit and the search answers 500 (wagtail/wagtail#4701). Place after
    MessageMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET.get("q", "")
        if query and request.path.startswith(("/admin/", "/django-admin/")):
            limit = getattr(settings, "ADMIN_SEARCH_MAX_TERMS", 30)
            words = query.split()
            if len(words) > limit:
                params = request.GET.copy()
                kept = " ".join(words[:limit])
                params["q"] = kept + '"' if kept.count('"') % 2 else kept  # close a phrase
                request.GET = params
                if not request.path.endswith("/results/") and "results_only" not in params:
                    messages.warning(
                        request,
                        f"Je zoekopdracht was erg lang: we zochten op de eerste {limit} woorden.",
                    )
        return self.get_response(request)
