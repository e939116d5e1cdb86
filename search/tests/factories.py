"""Small factories for the search tests: a page tree with a few items of every type."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.models import Page

from core.models import KennisDocument
from glossary.models import GlossaryPage, GlossaryTerm
from home.models import HomePage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from practices.models import PracticeIndexPage, PracticePage
from research.models import ResearchIndexPage, ResearchPage
from taxonomy import models as taxonomy
from toolkits.models import ToolkitDownload, ToolkitIndexPage, ToolkitPage

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def tag(page, **slugs):
    """Set taxonomy values by slug: tag(page, audiences=["onderwijs"], topics=["pesten"], ...)."""
    models = {
        "audiences": taxonomy.Audience,
        "topics": taxonomy.Topic,
        "approaches": taxonomy.Approach,
        "age_groups": taxonomy.AgeGroup,
        "settings": taxonomy.Setting,
    }
    for field, values in slugs.items():
        if field == "school_cells":
            cells = [
                taxonomy.WholeSchoolCell.objects.get(strategy__slug=s, level__slug=lvl)
                for s, lvl in values
            ]
            page.school_cells.set(cells)
        else:
            getattr(page, field).set(models[field].objects.filter(slug__in=values))
    return page


def publish_tagged(parent, page, **slugs):
    """Add a page, set its taxonomy on the draft, publish (the revision carries the M2M)."""
    parent.add_child(instance=page)
    tag(page, **slugs)
    page.save()
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def document(title, *, description="", audiences=(), size=2048, language="nl", kind="gids"):
    doc = KennisDocument(title=title, description=description, language=language, kind=kind)
    doc.file.save(
        f"{title.lower().replace(' ', '-')[:40]}.pdf", ContentFile(PDF + b"0" * size), save=False
    )
    doc._set_document_file_metadata()
    doc.save()
    doc.audiences.set(taxonomy.Audience.objects.filter(slug__in=audiences))
    return doc


class Site:
    """A small site: index pages and a handful of items. Attributes name the pages."""

    def __init__(self):
        home = HomePage.objects.get()
        self.home = home
        self.toolkits = publish(home, ToolkitIndexPage(title="Toolkits", slug="toolkits"))
        self.research = publish(home, ResearchIndexPage(title="Onderzoek", slug="onderzoek"))
        self.practices = publish(home, PracticeIndexPage(title="Wat werkt", slug="wat-werkt"))
        self.news = publish(home, NewsIndexPage(title="Nieuws", slug="nieuws"))
        self.events = publish(home, EventIndexPage(title="Vorming", slug="vorming"))
        self.glossary = publish(home, GlossaryPage(title="Woordenlijst", slug="woordenlijst"))

        self.toolkit = publish_tagged(
            self.toolkits,
            ToolkitPage(
                title="Toolkit sexting voor het secundair",
                slug="sexting",
                summary="Lessen en afspraken over sexting en naaktfoto's.",
                intro="Voor leerkrachten en leerlingbegeleiders.",
            ),
            audiences=["onderwijs"],
            topics=["sexting", "cyberpesten"],
            age_groups=["secundair"],
            settings=["school", "online"],
            approaches=["preventie"],
            school_cells=[("educatie", "klas"), ("afspraken", "school")],
        )
        self.lesson = document(
            "Lesfiche sexting",
            description="Een les van 50 minuten over sexting.",
            audiences=["onderwijs"],
            kind="lesmateriaal",
        )
        ToolkitDownload.objects.create(toolkit=self.toolkit, document=self.lesson)
        self.toolkit.save_revision().publish()

        self.workplace = publish_tagged(
            self.toolkits,
            ToolkitPage(
                title="Grensoverschrijdend gedrag op de werkvloer",
                slug="werkvloer",
                summary="Voor werkgevers en preventieadviseurs: pesterijen op het werk aanpakken.",
            ),
            audiences=["werkgevers-werknemers"],
            topics=["pesten-op-het-werk"],
            age_groups=["volwassen"],
            settings=["werkvloer"],
        )
        self.study = publish_tagged(
            self.research,
            ResearchPage(
                title="Gezondheid van jongeren die gepest worden",
                slug="gezondheid",
                summary="Wie gepest wordt, heeft vaker gezondheidsklachten.",
                authors="Peeters, A.",
                year=2019,
                key_findings="<p>Slachtoffers slapen slechter.</p>",
            ),
            audiences=["onderzoek-beleid", "zorg-welzijn"],
            topics=["pesten"],
            age_groups=["secundair"],
        )
        self.practice = publish_tagged(
            self.practices,
            PracticePage(
                title="No Blame in de klas",
                slug="no-blame",
                summary="Een steungroep rond de leerling die gepest wordt.",
                description="<p>Herstelgericht werken met de hele klas.</p>",
                evidence_level="goede-aanwijzingen",
            ),
            audiences=["onderwijs"],
            topics=["pesten"],
            approaches=["no-blame", "herstelgericht"],
            age_groups=["lager", "secundair"],
            settings=["school"],
            school_cells=[("zorg-en-begeleiding", "klas")],
        )
        self.welfare = publish_tagged(
            self.news,
            NewsPage(
                title="Welzijn op school",
                slug="welzijn",
                summary="Nieuwe cijfers over het welzijn van leerkrachten.",
                date=datetime.date(2025, 2, 1),
            ),
            audiences=["onderwijs"],
        )
        self.training = publish_tagged(
            self.events,
            EventPage(
                title="Vorming cyberpesten bij kleuters",
                slug="kleuters",
                summary="Een vorming voor kleuterleid(st)ers.",
                start=timezone.make_aware(datetime.datetime(2025, 10, 1, 9, 0)),
            ),
            audiences=["onderwijs"],
            topics=["cyberpesten"],
            age_groups=["kleuter"],
        )
        self.term = GlossaryTerm.objects.create(
            term="Sexting",
            slug="sexting",
            definition="<p>Seksueel getinte berichten of beelden versturen.</p>",
        )
