"""The health check for load balancers and the Docker HEALTHCHECK (project level: it asks the
database and the search engine)."""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from search.backends import get_backend

logger = logging.getLogger(__name__)


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


def _search_state() -> dict:
    """Which search engine answers; "down" while the cluster's circuit breaker is open. The
    site still works then (the database answers searches), so the status stays 200."""
    try:
        backend = get_backend()
    except Exception as error:  # noqa: BLE001 - a health check reports, it never fails
        logger.error("Health check: search engine not configured: %s", error)
        return {"engine": "unknown", "state": "error"}
    state = getattr(backend, "state", None)
    return state() if state else {"engine": backend.name, "state": "up"}
