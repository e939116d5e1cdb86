"""Spam resistance for public forms without cookies, accounts or third parties.

- same origin (Sec-Fetch-Site or Origin), so no CSRF cookie is needed;
- a signed timestamp: the form was on screen a few seconds, and not for days;
- a site-wide cap per minute in the cache (no per-visitor key: nothing identifies a visitor).
Each check raises `GuardError` with a Dutch message for the visitor.
"""

import logging
import time
from urllib.parse import urlsplit

from django.core import signing
from django.core.cache import cache

logger = logging.getLogger(__name__)


class GuardError(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def make_token(namespace: str) -> str:
    return signing.dumps(int(time.time()), salt=namespace)


def check_same_origin(request, message: str) -> None:
    fetch_site = request.headers.get("Sec-Fetch-Site", "")
    origin = request.headers.get("Origin", "")
    if fetch_site:
        ok = fetch_site == "same-origin"
    elif origin and origin != "null":
        ok = urlsplit(origin).netloc == request.get_host()
    else:
        ok = False
    if not ok:
        raise GuardError(message, status=403)


def check_token(value, namespace: str, *, min_seconds: float, max_age: int) -> None:
    expired = GuardError("Het formulier is verlopen. Kijk je gegevens na en verstuur het opnieuw.")
    try:
        issued = int(signing.loads(value or "", salt=namespace, max_age=max_age))
    except (signing.BadSignature, TypeError, ValueError) as exc:
        raise expired from exc
    if time.time() - issued < min_seconds:
        raise GuardError("Dat ging erg snel. Wacht een paar tellen en verstuur het formulier opnieuw.")


def check_rate(key: str, limit: int, message: str) -> None:
    """At most `limit` per minute for `key`, site-wide. An unreachable cache lets it through."""
    bucket = f"formguard:{key}:{int(time.time() // 60)}"
    try:
        cache.add(bucket, 0, timeout=120)
        used = cache.incr(bucket)
    except Exception:  # noqa: BLE001 - an unreachable cache must not stop honest visitors
        used = None
    if not isinstance(used, int):
        logger.warning("Rate limit %s skipped: the cache is not reachable.", key)
        return
    if used > limit:
        raise GuardError(message, status=429)
