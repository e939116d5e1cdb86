"""Full-page cache for anonymous visitors, on Django's cache framework (the "pages" cache).

What is stored: the response to an anonymous GET/HEAD that answered 200, set no cookie, did not
touch the session and did not ask to stay private. Never: admin and preview requests, editors
who are logged in (they neither read nor fill the cache), POSTs, responses with
`Cache-Control: private/no-cache/no-store`, and no-store pages with a query string (whatever a
visitor typed is never kept). Help pages that send `no-store` to the browser are stored here
without their query string only: the HTML is the same for every visitor and nothing about the
visit is kept; `PrivacyHeadersMiddleware` (outside this middleware) adds `no-store` to every
copy, hit or miss. The key is the URL alone, so cookies never multiply the entries.

Never stale: every write to a model that pages show (pages, snippets, settings, images,
documents, privacy rules; see IGNORED) bumps one generation number, which every key carries.
The whole cache turns over at once: editors change content a few times an hour, while
visitors ask thousands of pages. The bump happens at once and again after the transaction
commits (a request in between could store the old content), and then the frontend caches
(Varnish, deploy/varnish.vcl) are purged through Wagtail's frontend cache.

Time-dependent content ("nu open", helpfinder's signal `open_status_shown`) calls
`expires_in()`: the entry lives only until the answer can change. The analytics page count
keeps counting hits: what it needs is kept beside the response with `note()` and given back
on a hit (`notes()`).
"""

import contextlib
import contextvars
import logging
import pickle
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.encoding import iri_to_uri

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site
from wagtail.signals import page_unpublished, post_page_move, published, unpublished

from helpfinder.signals import open_status_shown

logger = logging.getLogger(__name__)

ALIAS = "pages"
GENERATION_KEY = "pagecache:generation"
ADMIN_PATHS = ("/admin/", "/django-admin/")
NOT_SHARED = {"private", "no-cache", "no-store"}

# Writes that change no public page: visitors' own submissions, counters, logs, sessions,
# search index rows (written together with the page that changes them), lazily made renditions.
IGNORED_APPS = {
    "admin", "analytics", "auth", "axes", "contenttypes", "django_tasks_database", "sessions",
    "wagtailadmin", "wagtailembeds", "wagtailforms", "wagtailsearch", "wagtailusers",
}  # fmt: skip
IGNORED_MODELS = {
    "editorial.referenceimport", "meldpunt.report", "meldpunt.message", "meldpunt.accesslog", "resources.proposal",
    "planning.sharedlist", "planning.listitem", "planning.savedscan",  # visitors' lists and saved plans
    "search.searchentry", "search.searchfacetvalue",
    "search.searchindexstate", "search.searchindexchange", "wagtailcore.comment", "wagtailcore.commentreply",
    "wagtailcore.modellogentry", "wagtailcore.pagelogentry", "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex", "wagtailcore.revision", "wagtailcore.taskstate",
    "wagtailcore.uploadedfile", "wagtailcore.workflowstate", "wagtailimages.rendition",
}  # fmt: skip

_current = contextvars.ContextVar("pagecache_request", default=None)
# Per request: the generation, read once (PageCacheMiddleware opens and closes the scope).
_scope = contextvars.ContextVar("pagecache_scope", default=None)
# This process's fragments: name -> (generation, value).
_local: dict[str, tuple[int, object]] = {}
LOCAL_FRAGMENTS = 5000  # cards are fragments too: one per page and heading level


class FileCache(FileBasedCache):
    """Django's file cache without zlib: a hit reads the page as it is sent. Decompressing every
    hit cost more than the rest of serving it (profiled: zlib was the largest single cost of a
    cached page); the price is disk space, bounded by MAX_ENTRIES. Its own suffix: a file
    written compressed by the stock backend is never read as a plain one."""

    cache_suffix = ".page"

    def get(self, key, default=None, version=None):
        with contextlib.suppress(FileNotFoundError), open(self._key_to_file(key, version), "rb") as f:
            if not self._is_expired(f):
                return pickle.loads(f.read())  # noqa: S301 - our own files, as FileBasedCache
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, version=version)
        if value is None:
            return False
        self.set(key, value, timeout, version)
        return True


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def cache():
    return caches[ALIAS]


# --- what a view tells the cache ----------------------------------------------------------------


def note(request, name: str, value) -> None:
    """Keep `value` with the cached response; on a hit it is back in `notes(request)`."""
    if request is not None:
        request.__dict__.setdefault("_pagecache_notes", {})[name] = value


def notes(request) -> dict:
    return getattr(request, "_pagecache_notes", {})


def expires_in(seconds: float) -> None:
    """The page being rendered may change after `seconds` (opening hours): cache it no longer."""
    request = _current.get()
    if request is not None:
        current = getattr(request, "_pagecache_ttl", None)
        request._pagecache_ttl = max(1, int(seconds)) if current is None else min(current, max(1, int(seconds)))


def do_not_store() -> None:
    """The page being rendered is for this visitor only (a one-time form nonce): never stored."""
    request = _current.get()
    if request is not None:
        request._pagecache_skip = True


# --- fragments the same on every page ----------------------------------------------------------


def generation() -> int:
    """The current generation of the pages cache, read once per request.

    A missing generation (an emptied or restarted cache) is created anew, never taken as 0: a
    process-local fragment kept under an old 0 would otherwise be served again.
    """
    scope = _scope.get()
    if scope is not None and "generation" in scope:
        return scope["generation"]
    store = cache()
    value = store.get(GENERATION_KEY)
    if value is None:
        store.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = store.get(GENERATION_KEY, 0)
    if scope is not None:
        scope["generation"] = value
    return value


def fragment(name: str, build):
    """`build()`, kept in this process until the next content change (navigation, sections,
    site rows, cards).

    Independent of PAGE_CACHE_ENABLED: uncached pages use it too. The value is shared between
    requests, so callers must not change it. Tied to the generation, which is read once per
    request, so a change made in any process is seen on the next request. Not written to the
    pages cache: each process builds a fragment once per content change, which costs less than
    writing and reading it there (profiled: with the file cache, the writes were most of the
    first request after a change).
    """
    try:
        current = generation()
    except Exception:
        logger.exception("The page cache could not be read.")
        return build()
    kept = _local.get(name)
    if kept is not None and kept[0] == current:
        return kept[1]
    value = build()
    if len(_local) >= LOCAL_FRAGMENTS:
        _local.clear()  # old generations pile up until then; a few MB at most
    _local[name] = (current, value)
    return value


def forget_local() -> None:
    """Drop this process's fragments (tests that empty the pages cache)."""
    _local.clear()


# --- invalidation ---------------------------------------------------------------------------


def invalidate() -> None:
    """Every cached page is stale from now on (a new generation)."""
    scope = _scope.get()
    if scope is not None:
        scope.pop("generation", None)  # the rest of this request reads the new one
    try:
        cache().set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:
        logger.exception("The page cache could not be invalidated.")


def invalidate_everywhere() -> None:
    """A new generation here, and a purge of the frontend caches (Varnish) of every site."""
    invalidate()
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return

    try:
        # deploy/varnish.vcl drops every object of the host on any purge: the root is enough.
        purge_urls_from_cache([site.root_url + "/" for site in Site.objects.all()])
    except Exception:
        logger.exception("The frontend cache could not be purged.")


def _after_commit():
    invalidate_everywhere()


def content_changed(sender=None, **kwargs) -> None:
    """Signal receiver: a model that pages show was written or deleted."""
    if kwargs.get("raw"):  # loading fixtures
        return
    invalidate()
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(item[1] is _after_commit for item in connection.run_on_commit):
        return  # once per transaction
    transaction.on_commit(_after_commit)


def watched(model) -> bool:
    meta = model._meta
    return not (meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS)


def connect_signals() -> None:
    """Connect per model (not for all senders): bulk deletes of ignored models stay fast."""
    for model in apps.get_models():
        if watched(model):
            uid = f"pagecache:{model._meta.label_lower}"
            post_save.connect(content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")
    for signal in (page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"pagecache:{id(signal)}")
    # Opening hours shown on a page make it time-dependent (the help-finder announces them).
    open_status_shown.connect(_open_status_shown, dispatch_uid="pagecache:open_status")


def _open_status_shown(sender, valid_for=60, **kwargs):
    expires_in(valid_for)


# --- the middleware -----------------------------------------------------------------------------


def _key(request) -> str:
    return f"pagecache:{request.get_host()}:{iri_to_uri(request.get_full_path())}"


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.path.startswith(ADMIN_PATHS):
        return False
    # A session is an editor, or a visitor who unlocked a page with its password: they never
    # read the cache (decided from the cookie alone: a hit runs before the session is read).
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _cacheable_response(request, response) -> bool:
    if getattr(request, "_pagecache_skip", False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    # `Vary: Cookie` (the template asked who is logged in) does not split the entries: the key
    # has no cookies, and every request with a session passes the cache.
    control = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if control & NOT_SHARED:
        return False
    if getattr(response, "sensitive", False) and request.META.get("QUERY_STRING"):
        return False
    return True


class PageCacheMiddleware:
    """Serve and store anonymous pages. Place after AnalyticsMiddleware (which then counts hits
    too) and PrivacyHeadersMiddleware (which adds its headers to every copy), and before the
    session, CSRF, authentication and messages middleware: a hit needs none of their work, and
    what they add to a response (a CSRF or session cookie) is seen here and never stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _scope.set({})
        try:
            return self._respond(request)
        finally:
            _scope.reset(token)

    def _respond(self, request):
        if not enabled() or not _cacheable_request(request):
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                patch_cache_control(response, private=True)  # no shared cache keeps an editor's page
            return response
        store = cache()
        key = _key(request)
        try:
            found = store.get_many([GENERATION_KEY, key])  # one round trip
        except Exception:
            logger.exception("The page cache could not be read.")
            return self.get_response(request)
        generation = found.get(GENERATION_KEY, 0)
        if GENERATION_KEY in found:
            _scope.get()["generation"] = generation  # fragments of this request use it too
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            _, response, kept_notes = entry
            request._pagecache_notes = kept_notes
            return response

        token = _current.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if not _cacheable_response(request, response):
            return response
        ttl = getattr(request, "_pagecache_ttl", None)
        timeout = min(ttl or settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_SECONDS)
        if "Cache-Control" not in response:
            # Browsers ask again each time; a shared cache (Varnish) keeps it as long as we do.
            patch_cache_control(response, max_age=0, s_maxage=timeout)
        try:
            response["X-Page-Cache"] = "hit"  # what the stored copy will say
            store.set(key, (generation, response, notes(request)), timeout)
        except Exception:
            logger.exception("The page cache could not be written.")
        response["X-Page-Cache"] = "miss"
        return response
