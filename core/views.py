import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


@never_cache
def health(request):
    """For load balancers and the Docker HEALTHCHECK: 200 when the app can reach its database.

    One trivial query, no template, no session. 503 with a short reason when the database is
    down, so the orchestrator stops sending visitors here instead of serving error pages.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: database unreachable: %s", error)
        return JsonResponse({"status": "error", "message": "De databank is niet bereikbaar."}, status=503)
    return JsonResponse({"status": "ok", "search": _search_state()})


def dev_media_urls():
    """MEDIA for the development server (DEBUG only): image renditions and nothing else.

    Documents go through Wagtail's view (`WAGTAILDOCS_SERVE_METHOD = "serve_view"`), which asks
    for the password or login of a private collection; serving /media/documents/ straight from
    disk would skip that. Original images are never linked (pages use renditions, which carry
    no metadata). In production the proxy blocks both paths too (README, deployment).
    """
    from django.conf import settings
    from django.urls import re_path
    from django.views.static import serve

    prefix = settings.MEDIA_URL.lstrip("/")
    if "://" in settings.MEDIA_URL or not prefix:
        return []  # media on another host (S3): nothing to serve here
    return [re_path(rf"^{prefix}(?P<path>images/.*)$", serve, {"document_root": settings.MEDIA_ROOT})]


def _search_state() -> dict:
    """Which search engine answers; "down" while the cluster's circuit breaker is open. The
    site still works then (the database answers searches), so the status stays 200."""
    from search.backends import get_backend

    try:
        backend = get_backend()
    except Exception as error:  # noqa: BLE001 - a health check reports, it never fails
        logger.error("Health check: search engine not configured: %s", error)
        return {"engine": "unknown", "state": "error"}
    state = getattr(backend, "state", None)
    return state() if state else {"engine": backend.name, "state": "up"}
