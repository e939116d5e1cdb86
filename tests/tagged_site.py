"""A small site for the search tests: bare index pages and a handful of items with their
taxonomy, built with the page-tree helpers of `tests.pages`."""

import datetime

from django.utils import timezone

from glossary.models import GlossaryPage, GlossaryTerm
from home.models import HomePage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from practices.models import PracticeIndexPage, PracticePage
from research.models import ResearchIndexPage, ResearchPage
from tests.pages import PDF_BYTES, document, publish, publish_tagged
from toolkits.models import ToolkitDownload, ToolkitIndexPage, ToolkitPage


class TaggedSite:
    """A small site for the search tests: bare index pages and a handful of items with their
    taxonomy (no menus, summaries or intros, unlike `sections()`). Attributes name the pages."""

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
            size=2048 + len(PDF_BYTES),
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
