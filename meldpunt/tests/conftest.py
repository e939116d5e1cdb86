import time

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from core import formguard
from meldpunt.service import GROUP


@pytest.fixture(autouse=True)
def fresh_limits(settings, monkeypatch):
    """Rate-limit counters live in the cache: every test starts at zero, in one frozen minute.
    Forms may be sent at once (the minimum time on screen has its own test)."""
    frozen = time.time()
    monkeypatch.setattr(formguard, "clock", lambda: frozen)
    settings.MELDPUNT_MIN_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def counsellor(db):
    user = get_user_model().objects.create_user("consulent", "consulent@1712.example", "wachtwoord-123")
    user.groups.add(Group.objects.get(name=GROUP))
    client = Client()
    client.force_login(user)
    client.user = user
    return client
