"""Fixtures for every test directory (each app's tests/ and the cross-app tests in tests/)."""

import io

import pytest


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with an empty page cache: a rolled-back test leaves no pages or fragments
    (navigation) behind that the next one could be served (core.pagecache). Likewise the
    analytics counts not yet written: they belong to the test that made them (and, left over
    at the end, would be written at exit into a test database that is gone)."""
    from django.core.cache import caches

    from analytics import counting
    from core import pagecache

    caches["pages"].clear()
    pagecache.forget_local()
    counting.buffer.discard()
    yield
    counting.buffer.discard()


@pytest.fixture
def sections(db):
    """One of each section page (tests.pages.sections) and the site settings a new site has."""
    from wagtail.models import Site

    from core.models import SiteSettings
    from tests import pages

    tree = pages.sections()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return tree


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content (`manage.py load_demo_content`), loaded once for a test module.

    Everything runs inside one transaction that is rolled back when the module is done, so other
    modules start from the empty database again; files go to a temporary MEDIA_ROOT. Tests that
    use it still need `@pytest.mark.django_db`. Yields the loader's console output.
    """
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            output = io.StringIO()
            call_command("load_demo_content", stdout=output)
            yield output.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()
