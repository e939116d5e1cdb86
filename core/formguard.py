"""Spam and abuse checks for public forms that keep no cookie and no address.

Shared by the page feedback (analytics), the proposal form (resources) and the meldpunt:
- same origin (Sec-Fetch-Site or Origin) instead of a CSRF cookie;
- a signed timestamp instead of a session: the form was on screen a few seconds, not for days;
- counters per minute in the cache: site-wide ones, and where one visitor could otherwise
  block everybody (guessing meldpunt codes), per address: the key is then a keyed hash of the
  address that changes every minute (`address_key`) and leaves the cache after two minutes;
  the address itself is never stored anywhere.
Two styles: the `check_*` functions raise `GuardError` with a Dutch message; `is_same_origin`,
`read_timestamp`, `over_limit` and `limit_reached` answer, for views that word their own messages.
"""

import logging
import time
from urllib.parse import urlsplit

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from core import pagecache
from core.client_ip import client_ip

logger = logging.getLogger(__name__)

#: The clock of the per-minute counters (tests freeze it so a run never straddles two minutes).
clock = time.time

TOO_FAST = "too-fast"
EXPIRED = "expired"


class GuardError(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def is_same_origin(request) -> bool:
    """The form was posted from a page of this site (Sec-Fetch-Site, or else Origin)."""
    fetch_site = request.headers.get("Sec-Fetch-Site", "")
    origin = request.headers.get("Origin", "")
    if fetch_site:
        return fetch_site == "same-origin"
    if origin and origin != "null":
        return urlsplit(origin).netloc == request.get_host()
    return False


def check_same_origin(request, message: str) -> None:
    if not is_same_origin(request):
        raise GuardError(message, status=403)


def make_token(namespace: str) -> str:
    return signing.dumps(int(time.time()), salt=namespace)


def make_timestamp(salt: str, **extra) -> str:
    """Like `make_token`, with extra signed values (e.g. a one-time nonce).

    A page that carries one-time values is never stored by the page cache: every visitor must
    get their own. (`make_token` pages may be: a copy's token is at most PAGE_CACHE_SECONDS old,
    far below the two days the forms accept.)"""
    if extra:
        pagecache.do_not_store()
    return signing.dumps({"t": int(time.time()), **extra}, salt=salt)


def read_timestamp(value: str, salt: str, min_seconds: float, max_age: float) -> tuple[str, dict]:
    """('', payload) when the form was on screen long enough and not too long; else (TOO_FAST
    or EXPIRED, {}). Reads both `make_token` and `make_timestamp` tokens."""
    try:
        payload = signing.loads(value or "", salt=salt, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):
        return EXPIRED, {}
    if isinstance(payload, int):
        payload = {"t": payload}
    if not isinstance(payload, dict) or not isinstance(payload.get("t"), int):
        return EXPIRED, {}
    age = time.time() - payload["t"]
    if age > max_age:
        return EXPIRED, {}
    if age < min_seconds:
        return TOO_FAST, {}
    return "", payload


def check_token(value, namespace: str, *, min_seconds: float, max_age: int) -> None:
    problem, _ = read_timestamp(value, namespace, min_seconds=min_seconds, max_age=max_age)
    if problem == EXPIRED:
        raise GuardError("Het formulier is verlopen. Kijk je gegevens na en verstuur het opnieuw.")
    if problem == TOO_FAST:
        raise GuardError("Dat ging erg snel. Wacht een paar tellen en verstuur het formulier opnieuw.")


def over_limit(key: str, limit: int) -> bool:
    """Count one use of `key` in this minute; True once more than `limit` were counted.

    An unreachable cache (django-redis with IGNORE_EXCEPTIONS answers None) means no limit this
    minute rather than a lost message from an honest visitor."""
    bucket = f"formguard:{key}:{int(clock() // 60)}"
    try:
        cache.add(bucket, 0, timeout=120)
        used = cache.incr(bucket)
    except Exception:  # noqa: BLE001 - an unreachable cache must not stop honest visitors
        used = None
    if not isinstance(used, int):
        logger.warning("Rate limit %s skipped: the cache is not reachable.", key)
        return False
    return used > limit


def check_rate(key: str, limit: int, message: str) -> None:
    """At most `limit` per minute for `key`, site-wide. An unreachable cache lets it through."""
    if over_limit(key, limit):
        raise GuardError(message, status=429)


def limit_reached(key: str, limit: int) -> bool:
    """True when `over_limit` already counted more than `limit` uses of `key` this minute
    (reads only; counts nothing)."""
    try:
        used = cache.get(f"formguard:{key}:{int(clock() // 60)}")
    except Exception:  # noqa: BLE001 - an unreachable cache limits nothing
        return False
    return isinstance(used, int) and used > limit


def address_key(request, key: str) -> str:
    """`key` for this visitor's address, for a per-address limit (`over_limit`/`limit_reached`).
    A keyed hash of the address under a key that changes every minute: the cache entry cannot
    be linked to another minute's, nor to anything the site keeps, and expires in two minutes."""
    minute = int(clock() // 60)
    digest = salted_hmac(f"formguard.address.{minute}", client_ip(request) or "-", algorithm="sha256")
    return f"{key}:{digest.hexdigest()[:24]}"
