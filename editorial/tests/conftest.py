from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from editorial.importers import parse_references
from editorial.setup import BOARD, PARTNER_PREFIX, REDACTIE
from tests import pages

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(name: str):
    """The references of the fixture file `name` (the import tests read the same files)."""
    return parse_references(name, fixture_bytes(name))


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tree(db):
    """Home, the section pages (research index 'onderzoek', practices, toolkits, ...) and
    the audience pages of 'onderwijs' and 'ouders'."""
    sections = pages.sections()
    sections.onderwijs = pages.audience_page(sections.home, "onderwijs")
    sections.ouders = pages.audience_page(sections.home, "ouders")
    return sections


def make_user(username, *group_names, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "geheim-123")
    user = User.objects.create_user(username, f"{username}@example.org", "geheim-123")
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def redacteur(tree):
    return make_user("redacteur", REDACTIE)


@pytest.fixture
def raadslid(tree):
    return make_user("raadslid", BOARD)


@pytest.fixture
def partner(tree):
    return make_user("partner", f"{PARTNER_PREFIX}Onderwijs")


@pytest.fixture
def admin_user(tree):
    return make_user("beheerder", superuser=True)
