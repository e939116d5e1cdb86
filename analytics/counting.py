"""Counting: aggregate per-day counters, written after the response has been sent.

Every counter is written with
`INSERT ... ON CONFLICT (day, key) DO UPDATE SET count = count + n` (SQLite and PostgreSQL
both speak it): one statement, atomic, no read-modify-write race.
During a request, events are queued on the request; when the WSGI server closes the response
(after the visitor has the page) they are added to a small in-process buffer, which is written
in one transaction at most every ANALYTICS_FLUSH_SECONDS (default 5; 0 writes at once) or when
it holds ANALYTICS_FLUSH_EVENTS events, and when the process exits. On SQLite a write per
request would cost a checkpoint (an fsync) per request; the buffer makes that one per few
seconds. A failure is logged and never reaches the visitor. Nothing that could single out a
visitor is read into a counter: the user agent is looked at only to decide "bot or not" and
is then forgotten.
"""

import atexit
import contextvars
import functools
import logging
import re
import threading
import time
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from analytics.models import (
    FACETS_MAX_LENGTH,
    PATH_MAX_LENGTH,
    QUERY_MAX_LENGTH,
    ROUTE_MAX_LENGTH,
    SECTOR_LABELS,
    DailyDownload,
    DailyHelpClick,
    DailyPageView,
    DailyPlanningEvent,
    DailySearch,
    DailySearchLanding,
)
from core.text import clean_value

logger = logging.getLogger("analytics")

# Well-known crawlers, link checkers, preview fetchers and scripted clients. An empty user agent
# counts as a bot too: browsers always send one.
BOT_PATTERN = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|scrap|archiver|facebookexternalhit|embedly|preview|"
    r"curl|wget|python-|httpx|aiohttp|go-http-client|java/|okhttp|libwww|http_request|"
    r"headless|phantomjs|lighthouse|pagespeed|pingdom|uptime|monitor|checker|validator|"
    r"feedfetcher|mediapartners|adsbot|bingpreview|yandex|baidu|duckduck|semrush|ahrefs|"
    r"petalbot|bytespider|gptbot|ccbot|claude|perplexity|applebot|whatsapp|telegram|discord|slack",
    re.IGNORECASE,
)

_current_request = contextvars.ContextVar("analytics_current_request", default=None)

EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
LONG_NUMBER_PATTERN = re.compile(r"(?:\+|\b)\d[\d ./-]{6,}\d\b")


def enabled() -> bool:
    return getattr(settings, "ANALYTICS_ENABLED", True)


def search_paths() -> tuple[str, ...]:
    return tuple(getattr(settings, "ANALYTICS_SEARCH_PATHS", None) or (reverse("search:page"),))


@functools.lru_cache(maxsize=512)
def is_bot(user_agent: str) -> bool:
    """Remembered per user agent: a handful of browsers make most visits (the pattern is long)."""
    user_agent = (user_agent or "").strip()
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def mask_personal(text: str) -> str:
    """Mask e-mail addresses and long numbers (phone, national number) in free text."""
    text = EMAIL_PATTERN.sub("[e-mailadres]", text)
    return LONG_NUMBER_PATTERN.sub("[nummer]", text)


def normalise_query(query) -> str:
    text = " ".join(str(query or "").lower().split())
    return mask_personal(text)[:QUERY_MAX_LENGTH]


def normalise_facets(facets) -> str:
    """{"thema": ["sexting", "cyberpesten"]} -> "thema=cyberpesten,sexting" (sorted, capped)."""
    if not facets:
        return ""
    parts = []
    try:
        items = facets.items()
    except AttributeError:
        return ""
    for name, values in sorted(items, key=lambda item: str(item[0])):
        if isinstance(values, str | int):
            values = [values]
        cleaned = sorted({str(v).strip().lower()[:40] for v in values or [] if str(v).strip()})
        if cleaned:
            parts.append(f"{str(name).strip().lower()[:30]}={','.join(cleaned)}")
    return ";".join(parts)[:FACETS_MAX_LENGTH]


def valid_sector(value) -> str:
    value = (value or "").strip().lower()
    return value if value in SECTOR_LABELS else ""


# --- writing -------------------------------------------------------------------------------


def increment(model, keys: dict, replace: dict | None = None, amount: int = 1) -> None:
    """Add `amount` to the counter of (keys); `replace` sets other columns to the newest value."""
    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    values = {**keys, **(replace or {}), "count": amount}
    columns, params = [], []
    for name, value in values.items():
        field = meta.get_field(name)
        value = clean_value(value)  # a NUL from a Referer must not fail the statement
        columns.append(connection.ops.quote_name(field.column))
        params.append(field.get_db_prep_value(value, connection, prepared=False))
    conflict = ", ".join(connection.ops.quote_name(meta.get_field(name).column) for name in keys)
    count_column = connection.ops.quote_name("count")
    updates = [f"{count_column} = {table}.{count_column} + EXCLUDED.{count_column}"]
    for name in replace or {}:
        column = connection.ops.quote_name(meta.get_field(name).column)
        updates.append(f"{column} = EXCLUDED.{column}")
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "  # noqa: S608
        f"ON CONFLICT ({conflict}) DO UPDATE SET {', '.join(updates)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def write_events(events) -> None:
    """Write events now, in one transaction; never raises.

    When the batch fails, every counter is written again on its own, so one bad event (a value
    the database refuses) is written off alone and the others of the batch are kept.
    """
    if not events:
        return
    counters = _merge(events)
    try:
        with transaction.atomic():
            for counter in counters:
                increment(*counter)
        return
    except Exception:
        if len(counters) == 1:
            logger.exception("Counting failed; the page was served without being counted.")
            return
        logger.warning("Writing a batch of counts failed; writing its counters one by one.")
    lost = 0
    for counter in counters:
        try:
            with transaction.atomic():
                increment(*counter)
        except Exception:
            lost += 1
            logger.exception("One counter could not be written: %s", counter[0].__name__)
    if lost:
        logger.error("%s of %s counters in a batch were written off.", lost, len(counters))


def _merge(events):
    """Same counter several times -> one increment by n (the newest `replace` values win)."""
    merged = {}
    for model, keys, replace in events:
        key = (model, tuple(sorted(keys.items())))
        _, _, _, amount = merged.get(key, (None, None, None, 0))
        merged[key] = (model, keys, replace, amount + 1)
    return list(merged.values())


class Buffer:
    """Events of this process not yet written; thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.events = []
        self.since = time.monotonic()

    def add(self, events) -> None:
        interval = getattr(settings, "ANALYTICS_FLUSH_SECONDS", 5)
        limit = getattr(settings, "ANALYTICS_FLUSH_EVENTS", 500)
        with self.lock:
            self.events.extend(events)
            due = interval <= 0 or len(self.events) >= limit
            due = due or time.monotonic() - self.since >= interval
            if not due:
                return
            pending, self.events, self.since = self.events, [], time.monotonic()
        write_events(pending)

    def flush(self) -> None:
        with self.lock:
            pending, self.events, self.since = self.events, [], time.monotonic()
        write_events(pending)

    def discard(self) -> None:
        with self.lock:
            self.events, self.since = [], time.monotonic()


buffer = Buffer()


@atexit.register
def _flush_at_exit():
    try:
        buffer.flush()
    except Exception:  # the interpreter is going away; never fail its exit
        logger.warning("Counts of the last seconds could not be written at exit.")


# --- per request ---------------------------------------------------------------------------


def current_request():
    return _current_request.get()


def countable(request) -> bool:
    """Count real visitors only: no bots, no prefetches, no admin, no logged-in editors."""
    if request is None:
        return True
    cached = getattr(request, "_analytics_countable", None)
    if cached is not None:
        return cached
    result = True
    try:
        meta = request.META  # not request.headers: that copies every header on each request
        if not enabled() or is_bot(meta.get("HTTP_USER_AGENT", "")):
            result = False
        elif "prefetch" in meta.get("HTTP_SEC_PURPOSE", "") or "prefetch" in meta.get("HTTP_PURPOSE", ""):
            result = False
        elif request.path.startswith(("/admin/", "/django-admin/")):
            result = False
        elif getattr(request, "is_preview", False):
            result = False
        elif settings.SESSION_COOKIE_NAME not in request.COOKIES:
            result = True  # no session, no editor (and no need to load one)
        else:
            user = getattr(request, "user", None)
            result = not (user is not None and user.is_authenticated)
    except Exception:
        logger.exception("Could not decide whether a request is countable.")
        result = False
    request._analytics_countable = result
    return result


def queue(request, model, keys: dict, replace: dict | None = None) -> None:
    """Queue an event on the request (written after the response), or write it now."""
    if not enabled():
        return
    event = (model, keys, replace)
    events = getattr(request, "_analytics_events", None) if request is not None else None
    if events is None:
        buffer.add([event])
    else:
        events.append(event)


def record_page_view(request, page_id=None) -> None:
    today = timezone.localdate()
    queue(request, DailyPageView, {"date": today, "path": request.path[:PATH_MAX_LENGTH]}, {"page": page_id})
    if page_id is not None:
        query = search_query_from_referer(request)
        if query is not None:
            queue(request, DailySearchLanding, {"date": today, "page": page_id, "query": query})


def record_download(request, document_id, sector="") -> None:
    if request is not None and not countable(request):
        return
    keys = {
        "date": timezone.localdate(),
        "document": int(document_id),
        "sector": valid_sector(sector),
    }
    queue(request, DailyDownload, keys)


def record_search(query, total, facets=None, request=None) -> None:
    request = request or current_request()
    if request is not None and not countable(request):
        return
    try:
        total = max(0, int(total or 0))
    except (TypeError, ValueError):
        total = 0
    keys = {
        "date": timezone.localdate(),
        "query": normalise_query(query),
        "facets": normalise_facets(facets),
    }
    queue(request, DailySearch, keys, {"result_count": total, "zero_results": total == 0})


def record_help_click(route, request=None) -> None:
    request = request or current_request()
    if request is not None and not countable(request):
        return
    route = str(route or "").strip().lower()[:ROUTE_MAX_LENGTH]
    if route:
        queue(request, DailyHelpClick, {"date": timezone.localdate(), "route": route})


def record_planning_event(event, audience="", request=None) -> None:
    request = request or current_request()
    if request is not None and not countable(request):
        return
    event = str(event or "").strip().lower()[:ROUTE_MAX_LENGTH]
    audience = str(audience or "").strip().lower()[:ROUTE_MAX_LENGTH]
    if event:
        keys = {"date": timezone.localdate(), "event": event, "audience": audience}
        queue(request, DailyPlanningEvent, keys)


def search_query_from_referer(request):
    """The normalised `q` when the visitor came from our own search page, else None."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer:
        return None
    parts = urlsplit(referer)
    if parts.netloc != request.get_host() or parts.path not in search_paths():
        return None
    query = parse_qs(parts.query).get("q", [""])[0]
    return normalise_query(query)
