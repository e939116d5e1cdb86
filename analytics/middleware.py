"""Counts page views of live Wagtail pages and the search page, after the response is sent.

Every response that is a page view (whoever asked) carries `X-Analytics-View: <page id>` (`-`
for the search page): a shared cache in front (Varnish) stores it with the page, and the proxy
notes it for the views it answers itself, which never reach the app (analytics.cachelog,
`manage.py import_cache_log`). deploy/nginx.conf keeps the header from visitors.
"""

import logging

from analytics import counting
from core import pagecache

logger = logging.getLogger("analytics")

VIEW_HEADER = "X-Analytics-View"


class AnalyticsMiddleware:
    """Place after AuthenticationMiddleware. Never sets a cookie; adds only VIEW_HEADER."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not counting.enabled():
            return self.get_response(request)
        request._analytics_events = []
        token = counting._current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            counting._current_request.reset(token)
        try:
            if self.is_page_view_response(request, response):
                page = self.page_id(request)
                response[VIEW_HEADER] = "-" if page is None else str(page)
                if counting.countable(request):
                    counting.record_page_view(request, page)
            events = request._analytics_events
            if events:
                # Written when the server closes the response: after the visitor has it.
                response._resource_closers.append(lambda: counting.buffer.add(events))
        except Exception:
            logger.exception("Counting failed; the page was served without being counted.")
        return response

    @staticmethod
    def page_id(request):
        """The live page served, also when its copy came from the page cache (core.pagecache)."""
        page = getattr(request, "_analytics_page", None)
        return page.pk if page is not None else pagecache.notes(request).get("analytics_page")

    @staticmethod
    def is_page_view_response(request, response) -> bool:
        """A view of a page, whoever asked: the same answer for every request of this URL."""
        if request.method != "GET" or response.status_code != 200 or response.streaming:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        if "feedback" in request.GET:  # back from the feedback form: not a new visit
            return False
        page = AnalyticsMiddleware.page_id(request)
        return page is not None or request.path in counting.search_paths()
