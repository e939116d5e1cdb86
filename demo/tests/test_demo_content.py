"""The demo content: idempotent loader, minimum amounts, every page and download works."""

import io
import re
from collections import Counter

import pytest

from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from core.models import ContentPage, SiteSettings
from glossary.models import GlossaryPage, GlossaryTerm
from home.models import AudiencePage, HomePage
from news.models import EventPage, NewsPage
from practices.models import EvidenceLevel, PracticePage
from research.models import ResearchPage
from taxonomy.models import AgeGroup, Approach, Audience, Setting, Topic, WholeSchoolCell
from toolkits.models import ToolkitPage

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_MODELS = (ToolkitPage, ResearchPage, PracticePage, NewsPage, EventPage)


def content_counts() -> dict[str, int]:
    counts = Counter(Page.objects.values_list("content_type__model", flat=True))
    counts["documents"] = get_document_model().objects.count()
    counts["images"] = get_image_model().objects.count()
    counts["glossary terms"] = GlossaryTerm.objects.count()
    counts["revisions"] = Revision.objects.count()
    return dict(counts)


def test_second_run_changes_nothing(demo_content):
    before = content_counts()
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    assert content_counts() == before
    report = output.getvalue()
    assert " created" not in report and " updated" not in report, report
    # Titles are the keys of documents and images: no duplicates.
    for model in (get_document_model(), get_image_model()):
        titles = list(model.objects.values_list("title", flat=True))
        assert len(titles) == len(set(titles))


def test_minimum_amounts(demo_content):
    assert AudiencePage.objects.live().count() >= 7
    assert ToolkitPage.objects.live().count() >= 14
    assert ResearchPage.objects.live().count() >= 25
    assert PracticePage.objects.live().count() >= 20
    assert GlossaryTerm.objects.count() >= 30
    assert NewsPage.objects.live().count() >= 6
    assert EventPage.objects.live().count() >= 6
    assert set(PracticePage.objects.values_list("evidence_level", flat=True)) == set(
        EvidenceLevel.values
    )


def test_every_audience_has_a_landing_page_and_two_toolkits(demo_content):
    for audience in Audience.objects.all():
        assert AudiencePage.objects.live().filter(audience=audience).exists(), audience.slug
        assert ToolkitPage.objects.live().filter(audiences=audience).count() >= 2, audience.slug


def test_every_toolkit_has_a_download(demo_content):
    for toolkit in ToolkitPage.objects.live():
        assert toolkit.downloads.exists(), toolkit.slug


def test_journey_documents_exist(demo_content):
    workplace = ToolkitPage.objects.get(slug="gids-pesten-op-het-werk")
    assert any(
        d.title == "Gids pesten op het werk" and d.file_extension == "pdf"
        for d in workplace.download_documents()
    )
    sexting = ToolkitPage.objects.get(slug="lespakket-sexting")
    assert "secundair" in sexting.age_groups.values_list("slug", flat=True)
    assert any(d.file_extension == "docx" for d in sexting.download_documents())


def test_every_taxonomy_value_is_used(demo_content):
    for field, model in (
        ("audiences", Audience),
        ("topics", Topic),
        ("approaches", Approach),
        ("age_groups", AgeGroup),
        ("settings", Setting),
    ):
        used = set()
        for content_model in CONTENT_MODELS:
            used |= set(
                content_model.objects.values_list(f"{field}__slug", flat=True).exclude(
                    **{f"{field}__isnull": True}
                )
            )
        assert used == set(model.objects.values_list("slug", flat=True)), field


def test_whole_school_matrix_is_partly_filled(demo_content):
    used = set()
    for content_model in (ToolkitPage, PracticePage):
        used |= set(
            content_model.objects.exclude(school_cells__isnull=True).values_list(
                "school_cells", flat=True
            )
        )
    total = WholeSchoolCell.objects.count()
    assert 0 < len(used) < total


def test_rated_practices_are_justified_by_research(demo_content):
    for practice in PracticePage.objects.live():
        if practice.evidence_rank >= EvidenceLevel.rank(EvidenceLevel.FIRST):
            assert practice.research_links.exists(), practice.slug
            assert practice.evidence_justification.strip(), practice.slug


def test_studies_named_in_the_resolution_carry_their_figures(demo_content):
    figures = {
        "dica-cyberpesten-vlaanderen-2012": "11.10",
        "eu-kids-online-net-children-go-mobile-2014": "12.00",
        "cyber-shoc-scholen-2015-2016": "10.20",
        "cyber-shoc-ict-werknemers-2015": "5.00",
        "imec-digimeter-2017": "77.70",
        "imec-digimeter-2019": "90.00",
    }
    for slug, value in figures.items():
        page = ResearchPage.objects.get(slug=slug)
        assert value in {str(f.value) for f in page.key_figures.all()}, slug


def test_invented_examples_say_so(demo_content):
    for model in (ResearchPage, PracticePage):
        for page in model.objects.filter(slug__contains="fictief"):
            assert "fictief voorbeeld" in f"{page.title} {page.summary}".lower(), page.slug


def test_site_settings_and_reserved_slugs(demo_content):
    home = HomePage.objects.get()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.privacy_page.slug == "privacy"
    assert settings.accessibility_page.slug == "toegankelijkheid"
    assert settings.about_page.slug == "over-ons"
    assert home.featured.count() >= 3
    assert not Page.objects.child_of(home).filter(slug__in=["hulp", "zoeken", "api"]).exists()
    assert ContentPage.objects.get(slug="veilig-surfen").show_quick_exit
    assert Page.objects.child_of(home).in_menu().count() >= 13


def test_events_past_and_future(demo_content):
    from django.utils import timezone

    now = timezone.now()
    assert EventPage.objects.filter(start__lt=now).exists()
    assert EventPage.objects.filter(start__gt=now).exists()


def test_every_live_page_answers_with_its_title(demo_content, client):
    from django.utils.html import escape

    for page in Page.objects.live().filter(depth__gt=1).specific():
        url = page.get_url()
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert escape(page.title) in html, (url, title and title.group(1))


def test_every_glossary_term_has_its_own_page(demo_content, client):
    assert GlossaryPage.objects.live().exists()
    for term in GlossaryTerm.objects.all():
        response = client.get(term.get_url())
        assert response.status_code == 200, term.slug


def test_every_document_downloads_as_a_real_file(demo_content, client):
    magic = {"pdf": (b"%PDF", "application/pdf"), "docx": (b"PK", DOCX_TYPE)}
    for document in get_document_model().objects.all():
        response = client.get(document.url)
        assert response.status_code == 200, document.title
        body = b"".join(response.streaming_content)
        prefix, content_type = magic[document.file_extension]
        assert response["Content-Type"].startswith(content_type), document.title
        assert body.startswith(prefix) and len(body) == document.file_size, document.title
