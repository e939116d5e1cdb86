"""Editor comfort: help text on every field, a preview for every page type, content checks."""

import json
import re

import pytest

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import translation

from modelcluster.fields import ParentalKey
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from research.models import ResearchPage
from tests import pages
from tests.pages import page_form

EDITOR_APPS = {
    "core",
    "taxonomy",
    "home",
    "toolkits",
    "research",
    "practices",
    "glossary",
    "news",
    "helpfinder",
}

# Fields allowed to go without a help text (none today). New gaps anywhere make the test fail.
KNOWN_MISSING: set[str] = set()


def editor_models():
    """Page, snippet and setting models of our apps, and the inline (child) models."""
    found = set()
    for model in list(get_page_models()) + list(get_snippet_models()) + list(settings_registry):
        if model._meta.app_label in EDITOR_APPS:
            found.add(model)
    children = set()
    for model in found:
        for relation in model._meta.related_objects:
            related = relation.related_model
            if (
                isinstance(relation.remote_field, ParentalKey)
                and related._meta.app_label in EDITOR_APPS
            ):
                children.add(related)
    from core.models import KennisDocument

    return sorted(found | children | {KennisDocument}, key=lambda m: m._meta.label)


def inherited_from_wagtail(model, field) -> bool:
    return any(
        field.name in {f.name for f in base._meta.get_fields()}
        for base in (Page, AbstractDocument)
        if issubclass(model, base)
    )


def test_every_editable_field_has_a_dutch_help_text():
    missing = []
    with translation.override("nl-be"):
        for model in editor_models():
            for field in model._meta.get_fields():
                if not isinstance(field, models.Field) or isinstance(field, GenericRelation):
                    continue
                if not field.editable or field.auto_created or isinstance(field, ParentalKey):
                    continue
                if field.name in ("sort_order", "site") or inherited_from_wagtail(model, field):
                    continue
                label = f"{model._meta.label}.{field.name}"
                if not str(field.help_text).strip() and label not in KNOWN_MISSING:
                    missing.append(label)
    assert missing == [], f"Fields without help text: {missing}"


def test_our_help_texts_are_dutch():
    english = re.compile(r"\b(the|and|this|which|page|should|will|you)\b", re.IGNORECASE)
    for model in editor_models():
        if model._meta.app_label not in EDITOR_APPS:
            continue
        for field in model._meta.get_fields():
            text = str(getattr(field, "help_text", "") or "")
            if text and not inherited_from_wagtail(model, field):
                assert not english.search(text), f"{model._meta.label}.{field.name}: {text}"


# -- previews --------------------------------------------------------------------------------


def all_pages(tree):
    study = pages.research(tree.research, "Preview onderzoek")
    practice = pages.practice(tree.practices, "Preview praktijk", research_pages=[study])
    kit = pages.toolkit(tree.toolkits, "Preview toolkit", research_pages=[study])
    news = pages.news_item(tree.news, "Preview nieuws")
    return [
        tree.home,
        tree.toolkits,
        tree.research,
        tree.practices,
        tree.glossary,
        tree.news,
        tree.events,
        tree.about,
        tree.onderwijs,
        study,
        practice,
        kit,
        news,
    ]


@pytest.mark.django_db
def test_every_page_type_renders_its_preview(tree):
    from news.models import EventPage

    covered = set()
    for page in all_pages(tree):
        page = page.specific
        response = page.make_preview_request()
        assert response.status_code == 200, page
        assert page.title in response.content.decode(), page
        covered.add(type(page))
    missing = {
        m for m in get_page_models() if m._meta.app_label in EDITOR_APPS and m is not EventPage
    } - covered
    assert missing == set(), f"Page types without a preview test: {missing}"


@pytest.mark.django_db
def test_event_page_preview(tree):
    import datetime

    from django.utils import timezone

    from news.models import EventPage

    start = timezone.now() + datetime.timedelta(days=10)
    event = EventPage(
        title="Preview vorming", slug="preview-vorming", start=start, summary="Een vorming."
    )
    tree.events.add_child(instance=event)
    response = event.make_preview_request()
    assert response.status_code == 200
    assert "Preview vorming" in response.content.decode()


@pytest.mark.django_db
def test_preview_through_the_admin_shows_unsaved_edits(client, admin_user, tree):
    study = pages.research(tree.research, "Voor de preview")
    client.force_login(admin_user)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(study.pk,))
    data = page_form(
        ResearchPage,
        title="Nieuwe titel in de preview",
        slug=study.slug,
        authors=study.authors,
        year=2014,
        publication_type="rapport",
        language="nl",
        region="vlaanderen",
        method="survey",
    )
    response = client.post(url, data)
    assert json.loads(response.content)["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    assert "Nieuwe titel in de preview" in response.content.decode()


# -- accessibility and readability checks ----------------------------------------------------


@pytest.mark.django_db
def test_content_checks_in_the_page_editor(client, admin_user, tree):
    study = pages.research(tree.research, "Met controles")
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(study.pk,))).content.decode()
    match = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, "the Checks side panel (content metrics incl. readability) is missing"
    config = json.loads(match.group(1))
    assert "color-contrast" in config["options"]["runOnly"]
    assert "heading-order" in config["options"]["runOnly"]
    assert config["messages"]["image-alt"]["error_name"] == "Afbeelding zonder alternatieve tekst"
    assert "data-content-readability-score" in html  # Wagtail's readability metric


@pytest.mark.django_db
def test_content_checker_in_the_userbar_of_a_live_page(client, admin_user, tree):
    study = pages.research(tree.research, "Met userbar")
    client.force_login(admin_user)
    html = client.get(study.get_url()).content.decode()
    assert "Koppen slaan een niveau over" in html or "color-contrast" in html
