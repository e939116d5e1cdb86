"""The API's rate limit (OPENDATA_API_RATE, e.g. "120/minute") per client address. The address is
kept only as a salted hash in the cache, for the length of the window."""

import hashlib

from rest_framework.throttling import SimpleRateThrottle

from django.conf import settings

from core.client_ip import client_ip


class ApiRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.OPENDATA_API_RATE  # read per request, so tests can lower it

    def get_cache_key(self, request, view):
        ident = client_ip(request._request) or "onbekend"
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{ident}".encode()).hexdigest()[:32]
        return f"opendata-throttle:{digest}"
