"""One public item of every type, plus what must never be published: a draft, a private page
and a page the editors hid from search engines."""

from dataclasses import dataclass

import pytest

from django.core.cache import cache

from wagtail.models import Page, PageViewRestriction, Site

from core.models import ContentPage
from opendata.models import FindabilitySettings, HiddenPage
from practices.models import EvidenceLevel
from tests import pages


@dataclass
class Catalogue:
    sections: pages.Sections
    research: Page
    practice: Page
    toolkit: Page
    news: Page
    event: Page
    audience: Page
    term: object
    document: object
    resource: Page
    draft: Page
    private: Page
    hidden: Page

    def public_pages(self):
        s = self.sections
        return [
            s.home, s.toolkits, s.research, s.practices, s.glossary, s.news, s.events, s.about,
            self.research, self.practice, self.toolkit, self.news, self.event, self.audience,
            self.resource.get_parent(), self.resource,
        ]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def build_catalogue() -> Catalogue:
    s = pages.sections()
    onderwijs = [pages.audience("onderwijs")]
    study = pages.research(
        s.research, "EU Kids Online België", audiences=onderwijs, doi="10.1000/eukids.2014",
        journal="Tijdschrift voor Jeugd", volume="12", issue="3", pages="112–130", publication_type="artikel",
        region="belgie", method="survey",
    )
    practice = pages.practice(
        s.practices, "No Blame-aanpak", research_pages=[study], audiences=onderwijs,
        evidence_level=EvidenceLevel.FIRST, evidence_justification="<p>Twee studies.</p>",
    )
    gids = pages.document("Gids sexting")
    toolkit = pages.toolkit(s.toolkits, "Toolkit sexting secundair", documents=[gids], audiences=onderwijs)
    news = pages.news_item(s.news, "Nieuwe cijfers over cyberpesten")
    event = pages.event(s.events, "Vorming: omgaan met sexting", kind="opleiding")
    audience = pages.audience_page(s.home, "ouders")
    term = pages.glossary_term("Sexting")
    resource = pages.resource(pages.resource_index(s.home), "Cyber-Scan", licence="cc-by-nc-4.0", audiences=onderwijs)
    draft = pages.draft(s.home, ContentPage(title="Nog niet klaar", slug="concept", summary="Concept."))
    private = pages.publish(s.home, ContentPage(title="Intern verslag", slug="intern", summary="Intern."))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    hidden = pages.publish(s.home, ContentPage(title="Bedankt voor je bericht", slug="bedankt", summary="Dank."))
    settings_obj = FindabilitySettings.for_site(Site.objects.get(is_default_site=True))
    HiddenPage.objects.create(settings=settings_obj, page=hidden)
    return Catalogue(s, study, practice, toolkit, news, event, audience, term, gids, resource, draft, private, hidden)


@pytest.fixture
def catalogue(db):
    return build_catalogue()
