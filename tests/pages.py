"""The page tree the foundation tests need, declared in one place.

Tests build their content through these small functions instead of each writing its own
`add_child` calls, so a change to the content model is fixed here once. Everything is created
through the ORM (fast); the admin itself is exercised through `AdminPageTestCase` in each content
app's `tests/test_admin_pages.py`.

The home page and the taxonomy terms come from the migrations (`home.0002`, `taxonomy.0002`).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from core.models import ContentPage, KennisDocument
from glossary.models import GlossaryPage, GlossaryTerm
from home.models import AudiencePage, HomeFeatured, HomePage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from practices.models import EvidenceLevel, PracticeIndexPage, PracticePage, PracticeResearch
from research.models import KeyFigure, ResearchIndexPage, ResearchPage
from resources.models import ResourceIndexPage, ResourceLink, ResourcePage
from taxonomy.models import AgeGroup, Approach, Audience, Setting, Topic, WholeSchoolCell
from toolkits.models import (
    ToolkitDownload,
    ToolkitIndexPage,
    ToolkitPage,
    ToolkitPractice,
    ToolkitResearch,
)

# A minimal but valid PDF: browsers and `file` recognise it, and it has a known size.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def home_page() -> HomePage:
    return HomePage.objects.get()


def page_html(client, page) -> str:
    """The page as a visitor's browser gets it."""
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def publish(parent: Page, page: Page) -> Page:
    """Add `page` under `parent` and publish it the way the admin does (a revision, live)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def draft(parent: Page, page: Page, *, user=None) -> Page:
    """Add `page` under `parent` as a draft an editor saved but never published."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision(user=user)
    return page


def document(
    title: str = "Gids voor de school",
    *,
    size: int = 150 * 1024,
    ext: str = "pdf",
    description: str | None = None,
    audiences=(),
    language: str = "nl",
    kind: str = "gids",
) -> KennisDocument:
    """A downloadable document of about `size` bytes (padding after a valid PDF header)."""
    content = PDF_BYTES + b"%" + b"0" * max(0, size - len(PDF_BYTES) - 2) + b"\n"
    if description is None:
        description = f"Omschrijving van {title}."
    doc = KennisDocument(title=title, description=description, language=language, kind=kind)
    doc.file.save(f"{title.lower().replace(' ', '-')[:40]}.{ext}", ContentFile(content), save=False)
    doc._set_document_file_metadata()
    doc.save()
    doc.audiences.set(Audience.objects.filter(slug__in=audiences))
    return doc


def tag(page, **slugs):
    """Set taxonomy values by slug: tag(page, audiences=["onderwijs"], topics=["pesten"], ...);
    school_cells as (strategy, level) pairs."""
    for field, values in slugs.items():
        if field == "school_cells":
            cells = [WholeSchoolCell.objects.get(strategy__slug=s, level__slug=lvl) for s, lvl in values]
            page.school_cells.set(cells)
        else:
            getattr(page, field).set(TAXONOMY_MODELS[field].objects.filter(slug__in=values))
    return page


def publish_tagged(parent: Page, page: Page, **slugs) -> Page:
    """Add a page, set its taxonomy on the draft, publish (the revision carries the M2M)."""
    parent.add_child(instance=page)
    tag(page, **slugs)
    page.save()
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@dataclass
class Sections:
    """The section pages directly under the home page."""

    home: HomePage
    toolkits: ToolkitIndexPage
    research: ResearchIndexPage
    practices: PracticeIndexPage
    glossary: GlossaryPage
    news: NewsIndexPage
    events: EventIndexPage
    about: ContentPage


def sections() -> Sections:
    """One of each section page, shown in the menu, with the URLs the demo site uses."""
    home = home_page()

    def section(cls, title, slug, **fields):
        return publish(
            home,
            cls(
                title=title,
                slug=slug,
                show_in_menus=True,
                summary=f"Over {title.lower()}.",
                **fields,
            ),
        )

    return Sections(
        home=home,
        toolkits=section(
            ToolkitIndexPage, "Toolkits", "toolkits", intro="Kant-en-klare materialen."
        ),
        research=section(
            ResearchIndexPage, "Onderzoek", "onderzoek", intro="Samenvattingen van studies."
        ),
        practices=section(
            PracticeIndexPage, "Wat werkt", "goede-praktijken", intro="Goede praktijken."
        ),
        glossary=section(
            GlossaryPage, "Woordenlijst", "woordenlijst", intro="Begrippen uitgelegd."
        ),
        news=section(NewsIndexPage, "Nieuws", "nieuws", intro="Nieuws van het kenniscentrum."),
        events=section(
            EventIndexPage, "Vorming en campagnes", "vorming", intro="Opleidingen en campagnes."
        ),
        about=section(ContentPage, "Over het kenniscentrum", "over-ons"),
    )


def resource_index(home: HomePage | None = None) -> ResourceIndexPage:
    """The "Extern materiaal" section (not part of `sections()`, so older tests keep their tree)."""
    return publish(
        home or home_page(),
        ResourceIndexPage(title="Extern materiaal", slug="extern-materiaal", show_in_menus=True,
                          summary="Materiaal van anderen.", intro="Tools van partners."),
    )


def resource(
    index: ResourceIndexPage, title: str = "Cyber-Scan", *, urls=("https://www.mediawijs.be/",), **fields
) -> ResourcePage:
    fields.setdefault("owner_name", "Mediawijs")
    fields.setdefault("description", "<p>Een online scan voor scholen.</p>")
    fields.setdefault("summary", f"{title}: materiaal van {fields['owner_name']}.")
    taxonomy = {name: fields.pop(name) for name in list(fields) if name in TAXONOMY_NAMES}
    page = ResourcePage(title=title, slug=title.lower().replace(" ", "-"), **fields)
    page.links = [ResourceLink(url=url) for url in urls]
    for name, values in taxonomy.items():
        getattr(page, name).set(values)
    return publish(index, page)


TAXONOMY_NAMES = ("audiences", "topics", "approaches", "age_groups", "settings", "school_cells")
TAXONOMY_MODELS = {
    "audiences": Audience, "topics": Topic, "approaches": Approach, "age_groups": AgeGroup, "settings": Setting,
}


def audience(slug: str = "onderwijs") -> Audience:
    return Audience.objects.get(slug=slug)


def audience_page(home: HomePage, slug: str = "onderwijs", **fields) -> AudiencePage:
    aud = audience(slug)
    fields.setdefault("intro", f"Alles voor {aud.name.lower()}.")
    return publish(home, AudiencePage(title=aud.name, slug=slug, audience=aud, **fields))


def research(
    index: ResearchIndexPage,
    title: str = "EU Kids Online 2014",
    *,
    figures: int = 1,
    audiences=(),
    **fields,
) -> ResearchPage:
    fields.setdefault("authors", "Vandoninck, S.; d'Haenens, L.")
    fields.setdefault("year", 2014)
    fields.setdefault("population", "kinderen van 9 tot 16 jaar")
    fields.setdefault("key_findings", "<p>Een op tien kinderen werd online gepest.</p>")
    page = ResearchPage(title=title, summary=f"Samenvatting van {title}.", **fields)
    for i in range(figures):
        page.key_figures.add(
            KeyFigure(
                label=f"Slachtoffers van cyberpesten, meting {i + 1}",
                value=Decimal("11.1") + i,
                unit="%",
                year=2012 + i,
            )
        )
    page.audiences.set(audiences)
    return publish(index, page)


def practice(
    index: PracticeIndexPage,
    title: str = "No Blame-aanpak",
    *,
    research_pages=(),
    audiences=(),
    **fields,
) -> PracticePage:
    fields.setdefault("description", "<p>Een steungroep rond het slachtoffer, zonder straf.</p>")
    fields.setdefault("evidence_level", EvidenceLevel.FIRST)
    fields.setdefault("provider", "Kenniscentrum (voorbeeld)")
    page = PracticePage(title=title, summary=f"Samenvatting van {title}.", **fields)
    for r in research_pages:
        page.research_links.add(PracticeResearch(research=r))
    page.audiences.set(audiences)
    return publish(index, page)


def toolkit(
    index: ToolkitIndexPage,
    title: str = "Toolkit sexting secundair",
    *,
    documents=(),
    practices=(),
    research_pages=(),
    audiences=(),
    **fields,
) -> ToolkitPage:
    fields.setdefault("intro", f"Met {title.lower()} pak je het samen aan.")
    page = ToolkitPage(title=title, summary=f"Samenvatting van {title}.", **fields)
    for doc in documents:
        page.downloads.add(ToolkitDownload(document=doc))
    for p in practices:
        page.related_practices.add(ToolkitPractice(page=p))
    for r in research_pages:
        page.related_research.add(ToolkitResearch(page=r))
    page.audiences.set(audiences)
    return publish(index, page)


def news_item(
    index: NewsIndexPage, title: str = "Nieuwe cijfers over cyberpesten", **fields
) -> NewsPage:
    fields.setdefault("date", datetime.date(2025, 3, 1))
    return publish(index, NewsPage(title=title, summary=f"Samenvatting van {title}.", **fields))


def event(index: EventIndexPage, title: str = "Vorming: omgaan met sexting", **fields) -> EventPage:
    fields.setdefault("start", timezone.make_aware(datetime.datetime(2030, 5, 14, 9, 30)))
    fields.setdefault("location", "Huis van het Kind, Gent")
    return publish(index, EventPage(title=title, summary=f"Samenvatting van {title}.", **fields))


def glossary_term(term: str = "Sexting", **fields) -> GlossaryTerm:
    fields.setdefault("slug", term.lower().replace(" ", "-"))
    fields.setdefault("definition", f"<p>{term}: uitleg in eenvoudige woorden.</p>")
    return GlossaryTerm.objects.create(term=term, **fields)


def feature(home: HomePage, pages) -> None:
    """Put pages in the home page's 'Uitgelicht' block."""
    for i, page in enumerate(pages):
        HomeFeatured.objects.create(home=home, page=page, sort_order=i)


def page_form(model, **fields):
    """Form data of the admin's page editor for `model`: the fields given, and for every
    stream field and inline panel left out, the empty value the editor would submit."""
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            fields.setdefault(field.name, streamfield([]))
    for relation in get_all_child_relations(model):
        fields.setdefault(relation.get_accessor_name(), inline_formset([]))
    fields.setdefault("comments", inline_formset([]))
    return nested_form_data(fields)


class AdminPageTestCase(WagtailPageTestCase):
    """An editor creates pages in the admin (Wagtail's `assertCanCreate` with the form data a
    browser posts), publishes them, and a visitor reads them; the section pages come from
    `sections()`."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = cls.create_superuser("redacteur", password="geheim-wachtwoord")
        cls.tree = sections()

    def setUp(self):
        cache.clear()
        self.client.force_login(self.editor)

    def create(self, parent, model, **fields):
        """Create and publish through the admin; return the live page, seen as a visitor."""
        self.assertCanCreate(parent, model, page_form(model, **fields))
        page = model.objects.get(slug=fields.get("slug") or slugify(fields["title"]))
        self.assertTrue(page.live, f"{model.__name__} is not published")
        return page

    def visit(self, page, *texts, path=""):
        """Read the page as an anonymous visitor and check that each text is on it."""
        self.client.logout()
        response = self.client.get(page.get_url() + path)
        self.assertEqual(
            response.status_code, 200, f"{page.get_url()}{path} answered {response.status_code}"
        )
        for text in texts:
            self.assertContains(
                response, text, msg_prefix=f"{type(page).__name__} at {page.get_url()}{path}"
            )
        return response
