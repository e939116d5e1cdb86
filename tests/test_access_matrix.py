"""Role matrix: every admin URL of the project's own apps × every role.

The URLs are discovered from the URL resolver, so a new admin view (or a new snippet model) is in
the matrix the day it is added, and the test fails until someone states who may open it
(`EXPECTED` / `SNIPPET_RULES`). Least privilege: a role sees a view only when its work needs it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from analytics import reports
from analytics.models import DailySearch, Feedback
from editorial.models import ReferenceImport
from editorial.setup import BOARD, PARTNER, PARTNER_PREFIX, REDACTIE, setup_all
from meldpunt import service as meldpunt_service
from meldpunt.models import Report
from resources.models import Proposal
from search.models import PromotedResult, SynonymGroup
from tests import pages

ROLES = ("anonymous", "partner", "editor", "board", "admin", "counsellor")
ALL = {"partner", "editor", "board", "admin"}
ADMIN = {"admin"}
#: The helpline's counsellors (group "Meldpunt 1712"): the only ones who read reports; not even a
#: superuser outside the group.
COUNSELLOR = {"counsellor"}

#: Who may open each admin URL of our own apps (by URL name).
EXPECTED = {
    "analytics_dashboard": ALL,
    "analytics_toolkit_report": ALL,  # the partner only for a toolkit of their own audience
    "editorial_import": {"editor", "admin"},
    "editorial_import_status": {"editor", "admin"},  # the job of the editor who started it
    "editorial_review_report": ALL,  # each sees only the pages they may change
    "editorial_review_report_results": ALL,
    "search_zero_results": {"editor", "board", "admin"},  # visitors' search terms
    "linkcheck_report": {"editor", "board", "admin"},  # broken links of all pages
    "resources_proposals": {"board", "admin"},  # the board moderates proposed material
    "resources_proposal": {"board", "admin"},
    "meldpunt_inbox": COUNSELLOR,
    "meldpunt_report": COUNSELLOR,
    "meldpunt_access_log": COUNSELLOR,
}
#: Snippet admin views, by "app_label.model" (every view of the snippet viewset).
SNIPPET_RULES = {
    "glossary.glossaryterm": ADMIN,
    "helpfinder.helpservice": ADMIN,
    "helpfinder.helproute": ADMIN,
    "helpfinder.platformguide": ADMIN,
    "helpfinder.crisisphrase": ADMIN,
    "search.synonymgroup": {"editor", "admin"},
    "search.promotedresult": {"editor", "admin"},
    "planning.scan": {"editor", "admin"},  # the self-assessment questions and advice
    "taxonomy.audience": ADMIN,
    "taxonomy.topic": ADMIN,
    "taxonomy.approach": ADMIN,
    "taxonomy.agegroup": ADMIN,
    "taxonomy.schoollevel": ADMIN,
    "taxonomy.schoolstrategy": ADMIN,
    "taxonomy.setting": ADMIN,
}
#: Exports of the reach dashboard: visitor free text only for the roles that need it.
DASHBOARD_EXPORTS = {key: ALL for key in reports.DASHBOARD_TABLES} | {
    "opmerkingen": {"editor", "admin"},
    "zoektermen": {"editor", "board", "admin"},
    "zonder-resultaat": {"editor", "board", "admin"},
    "toolkits": {"editor", "board", "admin"},  # site-wide: not narrowed to an audience
    "hulproutes": {"editor", "board", "admin"},
    "meldpunt": {"editor", "board", "admin"},  # monthly report counts, small ones suppressed
}
TOOLKIT_EXPORTS = {
    "downloads": ALL,
    "sectoren": ALL,
    "feedback": ALL,
    "opmerkingen": {"editor", "admin"},
    "zoektermen": {"editor", "board", "admin"},
}
#: Site settings of our own apps (Wagtail's settings views), by "app_label.model".
SETTINGS_RULES = {
    "core.sitesettings": ADMIN,
    "opendata.findabilitysettings": ADMIN,  # share image, pages hidden from search engines
}
COMMENT = "Mijn naam is Jana en ik word gepest op school"
SEARCHED = "jana peeters klas 3b"


def own_apps() -> set[str]:
    root = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root) and "site-packages" not in Path(config.path).parts
    }


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            for route, name, callback, converters in _walk(entry.url_patterns, prefix + str(entry.pattern)):
                yield route, (namespace + name) if name else None, callback, converters
        elif isinstance(entry, URLPattern):
            yield (
                prefix + str(entry.pattern),
                entry.name,
                entry.callback,
                list(entry.pattern.converters) or re.findall(r"<(?:\w+:)?(\w+)>", str(entry.pattern)),
            )


def admin_urls():
    """(route, url name, owner) for every admin URL that belongs to one of our own apps."""
    ours = own_apps()
    found = []
    for route, name, callback, converters in _walk(get_resolver().url_patterns):
        if not route.startswith(("admin/", "django-admin/")):
            continue
        module = getattr(callback, "__module__", "") or ""
        snippet = re.match(r"admin/snippets/(choose/)?(\w+)/(\w+)/", route)
        owner = None
        if snippet and snippet.group(2) in ours:
            owner = f"{snippet.group(1) or ''}{snippet.group(2)}.{snippet.group(3)}"
        elif module.split(".")[0] in ours:
            owner = name
        elif re.match(r"django-admin/(\w+)/", route) and route.split("/")[1] in ours:
            owner = name
        if owner:
            found.append((route, name, owner, converters))
    return found


@pytest.fixture
def world(db):
    sections = pages.sections()
    onderwijs = pages.audience_page(sections.home, "onderwijs")
    pages.audience_page(sections.home, "ouders")
    toolkit = pages.toolkit(sections.toolkits, "Toolkit onderwijs", audiences=[pages.audience("onderwijs")])
    other = pages.toolkit(sections.toolkits, "Toolkit ouders", audiences=[pages.audience("ouders")])
    term = pages.glossary_term()
    SynonymGroup.objects.create(words="sexting, sexten")
    PromotedResult.objects.create(query="pestprotocol", url="/toolkits/")
    Feedback.objects.create(date=toolkit.first_published_at.date(), page=toolkit, useful=False, comment=COMMENT)
    DailySearch.objects.create(date=toolkit.first_published_at.date(), query=SEARCHED, zero_results=True, count=1)
    setup_all(apps)
    meldpunt_service.create_report(
        {"danger": "nee", "who": "slachtoffer", "setting": "online", "answer_by": "code", "text": COMMENT}
    )
    proposal = Proposal.objects.create(
        title="Cyber-Scan", url="https://www.mediawijs.be/", owner_name="Mediawijs", audience="scholen", why="Goed."
    )
    return {
        "proposal": proposal,
        "research": sections.research,
        "toolkit": toolkit,
        "other_toolkit": other,
        "audience_page": onderwijs,
        "term": term,
    }


@pytest.fixture
def clients(world):
    User = get_user_model()
    memberships = {
        "partner": [PARTNER, f"{PARTNER_PREFIX}Onderwijs"],
        "editor": [REDACTIE],
        "board": [BOARD],
        "counsellor": [meldpunt_service.GROUP],
    }
    result = {"anonymous": Client()}
    for role, group_names in memberships.items():
        user = User.objects.create_user(role, f"{role}@example.org", "wachtwoord-123")
        groups = list(Group.objects.filter(name__in=group_names))
        assert len(groups) == len(group_names), group_names
        user.groups.add(*groups)
        result[role] = Client()
        result[role].force_login(user)
    admin = User.objects.create_superuser("beheer", "beheer@example.org", "wachtwoord-123")
    result["admin"] = Client()
    result["admin"].force_login(admin)
    world["import_job"] = ReferenceImport.objects.create(
        user=User.objects.get(username="editor"), parent=world["research"], filename="refs.bib"
    )
    return result


def sample_object(owner):
    app_label, model_name = owner.removeprefix("choose/").split(".")
    model = apps.get_model(app_label, model_name)
    obj = model.objects.first()
    assert obj is not None, f"no {owner} to test the admin views with: add one in `world`"
    return obj


def build_url(route, name, owner, converters, world):
    kwargs = {}
    for converter in converters:
        if converter == "page_id":
            kwargs[converter] = world["toolkit"].pk
        elif converter == "job_id":
            kwargs[converter] = world["import_job"].pk
        elif converter == "proposal_id":
            kwargs[converter] = world["proposal"].pk
        elif converter == "pk" and owner.startswith("meldpunt_"):
            kwargs[converter] = Report.objects.first().pk
        elif converter in ("pk", "object_id"):
            kwargs[converter] = sample_object(owner).pk
        else:
            raise AssertionError(f"{route}: no sample value for <{converter}>; add one here")
    return reverse(name, kwargs=kwargs)


def outcome(response) -> str:
    """'allowed' or 'denied', as a person in the browser would see it: denied is a 403, a 404
    (someone else's object), or a redirect to the login form or (Wagtail's "no permission"
    message) to the admin home."""
    location = urlparse(response.get("Location", "")).path
    logins = (reverse("wagtailadmin_login"), "/django-admin/login/")
    if response.status_code in (401, 403, 404) or (
        response.status_code == 302 and (location == reverse("wagtailadmin_home") or location.startswith(logins))
    ):
        return "denied"
    return "allowed"


def expected_roles(owner, name):
    if owner in EXPECTED:
        return EXPECTED[owner]
    model = owner.removeprefix("choose/")
    assert model in SNIPPET_RULES, f"{owner}: say who may open it in SNIPPET_RULES"
    if owner.startswith("choose/"):
        # Choosers list the terms for the page editor; creating one needs the add permission.
        # Any admin user (a counsellor too) may list the public terms.
        return SNIPPET_RULES[model] if name.endswith(":create") else ALL | COUNSELLOR
    return SNIPPET_RULES[model]


def test_every_admin_url_of_our_apps_is_in_the_matrix():
    for route, name, owner, _ in admin_urls():
        assert name, f"{route}: give the admin URL a name"
        assert owner in EXPECTED or owner.removeprefix("choose/") in SNIPPET_RULES, (
            f"{route} ({owner}) is not in the role matrix: say who may open it"
        )


def test_role_matrix(clients, world):
    urls = admin_urls()
    assert len(urls) > 20
    wrong = []
    for route, name, owner, converters in urls:
        url = build_url(route, name, owner, converters, world)
        allowed = expected_roles(owner, name)
        for role in ROLES:
            response = clients[role].get(url)
            expected = "allowed" if role in allowed else "denied"
            got = outcome(response)
            if got != expected:
                wrong.append(f"{role} {url}: {got} ({response.status_code}), expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_exports_follow_the_matrix(clients, world):
    """Every CSV export: the free text of visitors only for the roles whose work needs it."""
    wrong = []
    toolkit = world["toolkit"].pk
    cases = [(f"/admin/bereik/?export={key}", roles) for key, roles in DASHBOARD_EXPORTS.items()]
    cases += [(f"/admin/bereik/toolkit/{toolkit}/?export={key}", roles) for key, roles in TOOLKIT_EXPORTS.items()]
    cases += [("/admin/te-herzien/?export=csv", ALL)]
    for url, allowed in cases:
        for role in ROLES:
            response = clients[role].get(url)
            got = outcome(response)
            expected = "allowed" if role in allowed else "denied"
            if got != expected:
                wrong.append(f"{role} {url}: {got} ({response.status_code}), expected {expected}")
            if got == "allowed":
                assert response.status_code == 200, url
                content = b"".join(response.streaming_content if response.streaming else [response.content]).decode(
                    "utf-8-sig"
                )
                assert (COMMENT in content) == (key_of(url) == "opmerkingen"), (role, url)
    assert not wrong, "\n".join(wrong)


def key_of(url):
    return url.split("export=")[1]


def test_partner_sees_only_the_figures_of_their_own_audience(clients, world):
    partner = clients["partner"]
    response = partner.get("/admin/bereik/?doelgroep=ouders")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["filters"].audience == "onderwijs"
    assert 'value="ouders"' not in html and "Alle doelgroepen" not in html
    assert COMMENT not in html
    assert "Kliks op hulproutes" not in html  # counted site-wide, not per audience
    assert {t.key for t in response.context["tables"]}.isdisjoint(
        {"opmerkingen", "zoektermen", "zonder-resultaat", "toolkits", "hulproutes", "meldpunt"}
    )
    # A toolkit of another audience: no figures at all.
    other = partner.get(f"/admin/bereik/toolkit/{world['other_toolkit'].pk}/")
    assert outcome(other) == "denied"
    # The admin home panel and menu follow the same rule.
    home = partner.get("/admin/").content.decode()
    assert "Bereik &amp; impact" in home  # their own figures, on the admin home too
    assert COMMENT not in home and SEARCHED not in home
    assert SEARCHED in clients["editor"].get("/admin/").content.decode()


def test_editor_reads_the_comments_the_partner_cannot(clients, world):
    html = clients["editor"].get(f"/admin/bereik/toolkit/{world['toolkit'].pk}/").content.decode()
    assert COMMENT in html
    html = clients["partner"].get(f"/admin/bereik/toolkit/{world['toolkit'].pk}/").content.decode()
    assert "Toolkit onderwijs" in html and COMMENT not in html


def test_a_user_without_a_role_gets_nothing(world):
    """An account with admin access but in no group (e.g. just created) sees no figures."""
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("nieuw", "nieuw@example.org", "wachtwoord-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    assert outcome(client.get("/admin/bereik/?export=opmerkingen")) == "denied"
    assert outcome(client.get("/admin/bereik/")) == "denied"
    assert "Bereik &amp; impact" not in client.get("/admin/").content.decode()


def test_site_settings_follow_the_matrix(clients, world):
    from wagtail.contrib.settings.registry import registry
    from wagtail.models import Site

    ours = own_apps()
    registered = {f"{m._meta.app_label}.{m._meta.model_name}" for m in registry if m._meta.app_label in ours}
    assert registered == set(SETTINGS_RULES), "say in SETTINGS_RULES who may change each site setting"
    site = Site.objects.get(is_default_site=True)
    wrong = []
    for key, allowed in SETTINGS_RULES.items():
        url = reverse("wagtailsettings:edit", args=[*key.split("."), site.pk])
        for role in ROLES:
            expected = "allowed" if role in allowed else "denied"
            got = outcome(clients[role].get(url))
            if got != expected:
                wrong.append(f"{role} {url}: {got}, expected {expected}")
    assert not wrong, "\n".join(wrong)
