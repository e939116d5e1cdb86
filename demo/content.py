"""The demo loader's content, one method per kind: glossary terms, research summaries, practices,
toolkits, external resources, news and events."""

import datetime
from decimal import Decimal

from django.core.management.base import CommandError
from django.utils import timezone

from wagtail.models import Page

from demo.pages import rich
from glossary.models import GlossaryTerm
from news.models import EventPage, NewsPage
from practices.models import EvidenceLevel, PracticePage, PracticeResearch
from research.models import KeyFigure, ResearchPage
from resources.models import ResourceLink, ResourcePage, ResourceRelated
from toolkits.models import ToolkitDownload, ToolkitPage, ToolkitPractice, ToolkitResearch


class ContentLoader:
    """Mixed into `demo.loader.DemoContentLoader` (its state: `self.home`, `self.taxonomy`, ...)."""

    # -- snippets ---------------------------------------------------------------------------

    def load_glossary(self, items: list):
        terms = {}
        for item in items:
            values = {
                "term": item["term"],
                "definition": rich(item["definition"]),
                "also_known_as": item.get("also_known_as", ""),
            }
            term = GlossaryTerm.objects.filter(slug=item["slug"]).first()
            if term is None:
                term = GlossaryTerm.objects.create(slug=item["slug"], **values)
                outcome = "created"
            elif any(getattr(term, k) != v for k, v in values.items()):
                self.apply(term, values)
                term.save()
                outcome = "updated"
            else:
                outcome = "unchanged"
            terms[item["slug"]] = term
            self.count("glossary terms", outcome, term)
        for item in items:
            missing = [slug for slug in item.get("related", []) if slug not in terms]
            if missing:
                raise CommandError(
                    f"Glossary term {item['slug']}: unknown related terms {', '.join(missing)}."
                )
            wanted = {terms[slug].pk for slug in item.get("related", [])}
            term = terms[item["slug"]]
            current = set(term.related_terms.values_list("pk", flat=True))
            if not wanted <= current:
                term.related_terms.add(*wanted)

    # -- research, practices, toolkits ------------------------------------------------------

    def load_research(self, items: list):
        parent = self.sections["research"]
        for item in items:
            where = f"research {item['slug']}"
            published = self.date(item.get("published"), self.today)
            figures = [
                KeyFigure(
                    label=figure["label"],
                    value=Decimal(str(figure["value"])).quantize(Decimal("0.01")),
                    unit=figure.get("unit", ""),
                    year=figure.get("year"),
                )
                for figure in item.get("key_figures", [])
            ]
            fields = {
                **self.base_fields(item),
                **self.taxonomy_values(item, where),
                **self.review_fields(item, published),
                "key_figures": figures,
                "key_findings": rich(item.get("key_findings", "")),
                "implications": rich(item.get("implications", "")),
            }
            for name in (
                "authors",
                "year",
                "original_title",
                "publisher",
                "journal",
                "volume",
                "issue",
                "pages",
                "publication_type",
                "doi",
                "publication_url",
                "open_access",
                "language",
                "region",
                "method",
                "sample_size",
                "population",
            ):
                if name in item:
                    fields[name] = item[name]
            self.upsert_page(
                parent, ResearchPage, item["slug"], fields, "research summaries", published
            )

    def load_practices(self, items: list):
        parent = self.sections["practices"]
        research = {
            page.slug: page for page in ResearchPage.objects.child_of(self.sections["research"])
        }
        for item in items:
            where = f"practice {item['slug']}"
            level = item["evidence_level"]
            if level not in EvidenceLevel.values:
                raise CommandError(f"{where}: unknown evidence level {level}.")
            missing = [slug for slug in item.get("research", []) if slug not in research]
            if missing:
                raise CommandError(f"{where}: unknown research {', '.join(missing)}.")
            published = self.date(item.get("published"), self.today)
            fields = {
                **self.base_fields(item),
                **self.taxonomy_values(item, where),
                **self.review_fields(item, published),
                "evidence_level": level,
                "research_links": [
                    PracticeResearch(research=research[slug]) for slug in item.get("research", [])
                ],
            }
            for name in ("description", "strategy", "materials", "evidence_justification"):
                fields[name] = rich(item.get(name, ""))
            for name in ("provider", "contact", "website", "cost", "duration"):
                fields[name] = item.get(name, "")
            self.upsert_page(parent, PracticePage, item["slug"], fields, "practices", published)

    def load_toolkits(self, items: list):
        parent = self.sections["toolkits"]
        research = {
            page.slug: page for page in ResearchPage.objects.child_of(self.sections["research"])
        }
        practices = {
            page.slug: page for page in PracticePage.objects.child_of(self.sections["practices"])
        }
        for item in items:
            where = f"toolkit {item['slug']}"
            for key, known in (("research", research), ("practices", practices)):
                missing = [slug for slug in item.get(key, []) if slug not in known]
                if missing:
                    raise CommandError(f"{where}: unknown {key} {', '.join(missing)}.")
            if not item.get("downloads"):
                raise CommandError(f"{where}: every toolkit needs at least one download.")
            published = self.date(item.get("published"), self.today)
            fields = {
                **self.base_fields(item),
                **self.taxonomy_values(item, where),
                **self.review_fields(item, published),
                "intro": item.get("intro", ""),
                "image": self.page_image(item, "toolkit"),
                "show_reach": item.get("show_reach", False),
                "modules": self.stream(
                    [{"type": "step", "value": step} for step in item.get("modules", [])],
                    f"toolkit:{item['slug']}:modules",
                ),
                "body": self.stream(item.get("body"), f"toolkit:{item['slug']}:body"),
                # sort_order: the seed's order on every database (ties are returned in any order)
                "downloads": [
                    ToolkitDownload(document=self.document(key, where), sort_order=i)
                    for i, key in enumerate(item["downloads"])
                ],
                "related_practices": [
                    ToolkitPractice(page=practices[slug], sort_order=i)
                    for i, slug in enumerate(item.get("practices", []))
                ],
                "related_research": [
                    ToolkitResearch(page=research[slug], sort_order=i)
                    for i, slug in enumerate(item.get("research", []))
                ],
            }
            self.upsert_page(
                parent,
                ToolkitPage,
                item["slug"],
                fields,
                "toolkits",
                published,
                self.date(item.get("updated")),
            )

    # -- news and events --------------------------------------------------------------------

    def load_resources(self, items: list):
        """Existing material of others, described in our own words. Never assessed here and never
        marked as checked: an editor checks each fact with the owner and fills in the date."""
        parent = self.sections["resources"]
        related = {}
        for key in ("research", "practices", "toolkits"):
            for page in Page.objects.child_of(self.sections[key]):
                related[page.slug] = page
        for item in items:
            where = f"resource {item['slug']}"
            missing = [slug for slug in item.get("related", []) if slug not in related]
            if missing:
                raise CommandError(f"{where}: unknown related pages {', '.join(missing)}.")
            if not item.get("links"):
                raise CommandError(f"{where}: every resource needs at least one link.")
            published = self.date(item.get("published"), self.today)
            fields = {
                **self.base_fields(item),
                **self.taxonomy_values(item, where),
                **self.review_fields(item, published),
                "owner_name": item["owner_name"],
                "kind": item["kind"],
                "description": rich(item["description"]),
                "cost": item.get("cost", "onbekend"),
                "conditions": item.get("conditions", ""),
                "languages": item.get("languages", ["nl"]),
                "licence": item.get("licence", "niet-vermeld"),
                "links": [
                    ResourceLink(url=link["url"], label=link.get("label", ""), sort_order=i)
                    for i, link in enumerate(item["links"])
                ],
                "related": [
                    ResourceRelated(page=related[slug], sort_order=i)
                    for i, slug in enumerate(item.get("related", []))
                ],
            }
            self.upsert_page(parent, ResourcePage, item["slug"], fields, "external resources", published)

    def load_news(self, items: list):
        parent = self.sections["news"]
        for item in items:
            day = self.date(item["date"])
            fields = {
                **self.base_fields(item),
                **self.taxonomy_values(item, f"news {item['slug']}"),
                "date": day,
                "image": self.page_image(item, "nieuws"),
                "body": self.stream(item.get("body"), f"news:{item['slug']}"),
            }
            self.upsert_page(parent, NewsPage, item["slug"], fields, "news items", day)

    def load_events(self, items: list):
        parent = self.sections["events"]
        for item in items:
            day = self.today + datetime.timedelta(days=item["starts_in_days"])
            hour, minute = (int(part) for part in item.get("start_time", "09:30").split(":"))
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
            end_day = day + datetime.timedelta(days=item.get("days", 1) - 1)
            end_hour, end_minute = (int(part) for part in item.get("end_time", "16:30").split(":"))
            end = timezone.make_aware(
                datetime.datetime.combine(end_day, datetime.time(end_hour, end_minute))
            )
            announced = min(
                self.today, day - datetime.timedelta(days=item.get("announced_days_before", 45))
            )
            fields = {
                **self.base_fields(item),
                **self.taxonomy_values(item, f"event {item['slug']}"),
                "kind": item["kind"],
                "start": start,
                "end": end,
                "location": item.get("location", ""),
                "online": item.get("online", False),
                "organiser": item.get("organiser", ""),
                "price": item.get("price", ""),
                "registration_url": item.get("registration_url", ""),
                "body": self.stream(item.get("body"), f"event:{item['slug']}"),
            }
            self.upsert_page(parent, EventPage, item["slug"], fields, "events", announced)
