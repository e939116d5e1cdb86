"""The visitor's address, for rate limits and login lockouts only (never stored with content).

Behind the shipped proxy (deploy/nginx.conf) every request reaches the app from 127.0.0.1, so
REMOTE_ADDR alone would put all visitors in one bucket: one attacker guessing a password would
lock the real editor out everywhere. The proxy sets `X-Real-IP` to the address it saw,
overwriting anything the client sent; the app trusts that header only when the operator says
it runs behind such a proxy (`CLIENT_IP_HEADER=X-Real-IP`), because a client talking to the app
directly could otherwise pick any address it likes.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        # A proxy chain may append: the first entry is the address the outermost proxy saw.
        value = value.split(",")[0].strip()
        if value:
            return value
    return request.META.get("REMOTE_ADDR")
