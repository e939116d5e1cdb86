"""Fill the site with the demo content in `fixtures/demo/`.

Idempotent: every item is keyed by a stable slug (pages, glossary terms) or title (documents,
images); a second run updates what changed and publishes nothing that did not. Transactional:
the caller wraps `load()` in one database transaction; files written during a failed run are
removed again.
"""

import datetime
import hashlib
import json
import uuid
from collections import Counter
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from modelsearch.signal_handlers import post_save_signal_handler

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.search import index as search_index
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.models import ContentPage, SiteSettings
from demo import documents as document_files
from demo.images import illustration
from glossary.models import GlossaryPage, GlossaryTerm
from home.models import AudiencePage, HomeFeatured, HomePage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from practices.models import EvidenceLevel, PracticeIndexPage, PracticePage, PracticeResearch
from research.models import KeyFigure, ResearchIndexPage, ResearchPage
from resources.models import ResourceIndexPage, ResourceLink, ResourcePage, ResourceRelated
from taxonomy.models import AgeGroup, Approach, Audience, Setting, Topic, WholeSchoolCell
from toolkits.models import (
    ToolkitDownload,
    ToolkitIndexPage,
    ToolkitPage,
    ToolkitPractice,
    ToolkitResearch,
)

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "kenniscentrum-demo"  # noqa: S105 - documented demo login, never production
BLOCK_NAMESPACE = uuid.UUID("6f1c3a52-4d0e-4b7a-9c55-2f3f1d0c7a10")
RESERVED_SLUGS = {"hulp", "zoeken", "api", "admin", "documenten", "django-admin"}
SECTION_MODELS = {
    "toolkits": ToolkitIndexPage,
    "research": ResearchIndexPage,
    "practices": PracticeIndexPage,
    "resources": ResourceIndexPage,
    "glossary": GlossaryPage,
    "news": NewsIndexPage,
    "events": EventIndexPage,
}
TAXONOMY_FIELDS = {
    "audiences": Audience,
    "topics": Topic,
    "approaches": Approach,
    "age_groups": AgeGroup,
    "settings": Setting,
}
DEFAULT_COLOUR = "#1f5f8b"
# Keys that differ between an unsaved and a saved child object without a change in content.
VOLATILE_CHILD_KEYS = {"pk", "id", "sort_order", "toolkit", "practice", "research", "resource", "home"}


@contextmanager
def deferred_admin_search_index():
    """Skip Wagtail's search-index update on every save; the loader indexes changed objects once.

    The public search (the `search` app) listens to page publication and is not affected.
    """
    models = [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    disconnected = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def _rich(html: str) -> str:
    """Fixture HTML in Wagtail's stored rich text form (<b>/<i> rather than <strong>/<em>)."""
    for source, target in (("strong", "b"), ("em", "i")):
        html = html.replace(f"<{source}>", f"<{target}>").replace(f"</{source}>", f"</{target}>")
    return html


class DemoContentLoader:
    def __init__(self, fixtures_dir: Path | None = None, stdout=None, verbosity: int = 1):
        self.dir = Path(fixtures_dir or FIXTURES_DIR)
        self.stdout = stdout
        self.verbosity = verbosity
        self.today = timezone.localdate()
        self.stats: dict[str, Counter] = {}
        self.written_files: list[tuple] = []
        self.pages_by_path: dict[str, Page] = {}
        self.documents: dict[str, object] = {}
        self.colours: dict[str, str] = {}
        self.user = None
        self.touched: dict[tuple, object] = {}
        self.placeholders: set[str] = set()  # section pages first created without their body

    # -- plumbing ---------------------------------------------------------------------------

    def say(self, message: str, level: int = 1):
        if self.stdout is not None and self.verbosity >= level:
            self.stdout.write(message)

    def count(self, kind: str, outcome: str, obj=None):
        self.stats.setdefault(kind, Counter())[outcome] += 1
        if obj is not None and outcome != "unchanged":
            self.touched[(obj._meta.label, obj.pk)] = obj

    def fixture(self, name: str):
        path = self.dir / name
        try:
            with path.open(encoding="utf-8") as handle:
                return json.load(handle)
        except FileNotFoundError as exc:
            raise CommandError(f"Demo fixture {path} is missing.") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"Demo fixture {path} is not valid JSON: {exc}") from exc

    def date(self, value: str | None, default: datetime.date | None = None) -> datetime.date | None:
        if not value:
            return default
        return min(datetime.date.fromisoformat(value), self.today)

    def moment(self, day: datetime.date, hour: int = 9) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))

    def load(self) -> dict[str, Counter]:
        """Load everything inside one transaction; undo written files when it fails."""
        try:
            with transaction.atomic():
                # One reference-index update per changed object at the end, instead of one
                # per save (a page is saved several times while it is created and published).
                with disable_reference_index_auto_update(), deferred_admin_search_index():
                    self._load()
                for obj in self.touched.values():
                    ReferenceIndex.create_or_update_for_object(obj)
                    if search_index.class_is_indexed(type(obj)):
                        search_index.insert_or_update_object(obj)
        except BaseException:
            for storage, name in self.written_files:
                storage.delete(name)
            raise
        return self.stats

    def _load(self):
        self.home = HomePage.objects.first()
        if self.home is None:
            raise CommandError("No home page found: run `manage.py migrate` first.")
        self.home_path = self.home.url_path
        self.taxonomy = {
            field: {term.slug: term for term in model.objects.all()}
            for field, model in TAXONOMY_FIELDS.items()
        }
        if not self.taxonomy["audiences"]:
            raise CommandError("The taxonomy is empty: run `manage.py migrate` first.")
        self.cells = {
            f"{cell.strategy.slug}:{cell.level.slug}": cell
            for cell in WholeSchoolCell.objects.select_related("strategy", "level")
        }

        self.load_admin_user()
        audiences = self.fixture("audiences.json")
        self.colours = {item["audience"]: item.get("colour", DEFAULT_COLOUR) for item in audiences}
        sections = self.fixture("sections.json")
        content_pages = self.fixture("pages.json")

        self.say("Section pages…")
        self.ensure_sections(audiences, sections, content_pages)
        self.say("Documents…")
        self.load_documents(self.fixture("documents.json"))
        self.say("Glossary terms…")
        self.load_glossary(self.fixture("glossary.json"))
        self.say("Research summaries…")
        self.load_research(self.fixture("research.json"))
        self.say("Practices…")
        self.load_practices(self.fixture("practices.json"))
        self.say("Toolkits…")
        self.load_toolkits(self.fixture("toolkits.json"))
        self.say("External material…")
        self.load_resources(self.fixture("resources.json"))
        self.say("News and events…")
        self.load_news(self.fixture("news.json"))
        self.load_events(self.fixture("events.json"))
        self.say("Audience pages, content pages and home page…")
        for item in audiences:
            self.load_audience_page(item)
        for item in sections:
            self.load_section_page(item)
        for item in content_pages:
            self.load_content_page(item)
        self.load_home(self.fixture("site.json"))

    # -- lookups ----------------------------------------------------------------------------

    def taxonomy_values(self, item: dict, where: str) -> dict:
        values = {}
        for field, terms in self.taxonomy.items():
            slugs = item.get(field, [])
            unknown = [slug for slug in slugs if slug not in terms]
            if unknown:
                raise CommandError(f"{where}: unknown {field} {', '.join(unknown)}.")
            values[field] = [terms[slug] for slug in slugs]
        cells = item.get("school_cells", [])
        unknown = [key for key in cells if key not in self.cells]
        if unknown:
            raise CommandError(f"{where}: unknown whole-school cells {', '.join(unknown)}.")
        values["school_cells"] = [self.cells[key] for key in cells]
        return values

    def page_at(self, path: str) -> Page:
        """A page by its path below the home page, e.g. 'toolkits/lespakket-sexting'."""
        path = path.strip("/")
        if path not in self.pages_by_path:
            page = Page.objects.filter(url_path=f"{self.home_path}{path}/").first()
            if page is None:
                raise CommandError(f"Demo content refers to a page that does not exist: /{path}/")
            self.pages_by_path[path] = page
        return self.pages_by_path[path]

    def document(self, key: str, where: str):
        if key not in self.documents:
            raise CommandError(f"{where}: unknown document {key!r} (see documents.json).")
        return self.documents[key]

    def colour_for(self, item: dict) -> str:
        if item.get("colour"):
            return item["colour"]
        audiences = item.get("audiences") or [item.get("audience")]
        return (
            self.colours.get(audiences[0], DEFAULT_COLOUR)
            if audiences and audiences[0]
            else DEFAULT_COLOUR
        )

    # -- stream fields ----------------------------------------------------------------------

    def stream(self, blocks: list, key: str) -> list:
        """Fixture blocks as raw stream data with stable ids, references resolved."""
        raw = []
        for number, block in enumerate(blocks or []):
            kind, value = block["type"], block["value"]
            if kind in ("paragraph",):
                value = _rich(value)
            elif kind == "callout":
                value = {**value, "text": _rich(value["text"])}
            elif kind == "question":
                value = {**value, "answer": _rich(value["answer"])}
            elif kind == "step":
                value = {
                    "title": value["title"],
                    "body": _rich(value["body"]),
                    "duration": value.get("duration", ""),
                }
            elif kind == "document":
                value = {
                    "document": self.document(value["document"], key).pk,
                    "title": value.get("title", ""),
                }
            elif kind == "link":
                page = self.page_at(value["page"]).pk if value.get("page") else None
                value = {"text": value["text"], "page": page, "url": value.get("url", "")}
            elif kind == "heading":
                value = {"text": value["text"], "level": value.get("level", "h2")}
            elif kind == "quote":
                value = {"quote": value["quote"], "source": value.get("source", "")}
            raw.append(
                {
                    "type": kind,
                    "value": value,
                    "id": str(uuid.uuid5(BLOCK_NAMESPACE, f"{key}:{number}")),
                }
            )
        return raw

    # -- pages ------------------------------------------------------------------------------

    def snapshot(self, page: Page, names) -> dict:
        data = page.serializable_data()
        snap = {}
        for name in names:
            value = data.get(name)
            if isinstance(value, list):
                value = [
                    {k: v for k, v in child.items() if k not in VOLATILE_CHILD_KEYS}
                    if isinstance(child, dict)
                    else child
                    for child in value
                ]
                if value and not isinstance(value[0], dict):
                    value = sorted(value)
            if isinstance(value, str) and value[:1] in "[{":
                try:
                    value = json.loads(value)
                except ValueError:
                    pass
            snap[name] = value
        return snap

    def upsert_page(
        self, parent: Page, model, slug: str, fields: dict, kind: str, published=None, updated=None
    ):
        """Create or update the child `slug` of `parent`; publish only when something changed."""
        if slug in RESERVED_SLUGS and parent.pk == self.home.pk:
            raise CommandError(f"The slug {slug!r} is reserved for a Django view.")
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            other = Page.objects.child_of(parent).filter(slug=slug).first()
            if other is not None:
                raise CommandError(
                    f"A page with slug {slug!r} already exists under {parent.title!r} but is a "
                    f"{other.specific_class.__name__}, not a {model.__name__}."
                )
        names = list(fields)
        if page is None:
            page = model(slug=slug, live=False, owner=self.user)
            self.apply(page, fields)
            parent.add_child(instance=page)
            outcome = "created"
        else:
            before = self.snapshot(page, names)
            self.apply(page, fields)
            changed = before != self.snapshot(page, names)
            outcome = "updated" if changed else "unchanged"
            if changed and page.url_path in self.placeholders:
                outcome = "created"
            if not changed and page.live and not page.has_unpublished_changes:
                self.set_dates(page, published, updated)
                self.count(kind, outcome)
                return page
        page.save_revision(user=self.user, log_action=True).publish(user=self.user)
        page.refresh_from_db()
        self.set_dates(page, published, updated)
        self.count(kind, outcome, page)
        return page

    def apply(self, page: Page, fields: dict):
        for name, value in fields.items():
            setattr(page, name, value)

    def set_dates(self, page: Page, published, updated=None):
        if not published:
            return
        first = self.moment(published, 10)
        last = self.moment(max(updated or published, published), 10)
        if page.first_published_at != first or page.last_published_at != last:
            Page.objects.filter(pk=page.pk).update(first_published_at=first, last_published_at=last)
            page.first_published_at, page.last_published_at = first, last

    def review_fields(self, item: dict, published: datetime.date) -> dict:
        reviewed = self.date(item.get("last_reviewed"))
        basis = reviewed or published
        try:
            next_review = basis.replace(year=basis.year + 3)
        except ValueError:
            next_review = basis.replace(year=basis.year + 3, day=28)
        return {"last_reviewed": reviewed, "next_review": next_review}

    def base_fields(self, item: dict) -> dict:
        return {
            "title": item["title"],
            "draft_title": item["title"],
            "summary": item.get("summary", ""),
        }

    # -- admin user, images, documents ------------------------------------------------------

    def load_admin_user(self):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=ADMIN_USERNAME,
            defaults={"email": "admin@kenniscentrum.example", "first_name": "Demo"},
        )
        if created or not user.check_password(ADMIN_PASSWORD) or not user.is_superuser:
            user.is_superuser = user.is_staff = user.is_active = True
            user.set_password(ADMIN_PASSWORD)
            user.save()
        self.user = user
        self.count("admin user", "created" if created else "unchanged")

    def store_file(self, instance, content: bytes, filename: str):
        """Put new bytes in `instance.file`; the old file goes once the transaction commits."""
        old_name = instance.file.name if instance.file else None
        instance.file.save(
            filename,
            ContentFile(content) if not isinstance(content, ImageFile) else content,
            save=False,
        )
        self.written_files.append((instance.file.storage, instance.file.name))
        if old_name and old_name != instance.file.name:
            storage = instance.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))

    def image(self, title: str, description: str, key: str, colour: str, motif: str = "bubbles"):
        Image = get_image_model()
        content = illustration(key, colour, motif)
        digest = hashlib.sha1(content).hexdigest()  # noqa: S324 - Wagtail's own file hash
        image = Image.objects.filter(title=title).order_by("pk").first()
        outcome = "unchanged"
        if image is None:
            image = Image(title=title, description=description, uploaded_by_user=self.user)
            outcome = "created"
        if (
            outcome == "created"
            or image.file_hash != digest
            or not image.file.storage.exists(image.file.name)
        ):
            self.store_file(image, ImageFile(ContentFile(content), name=f"{key}.png"), f"{key}.png")
            image.file_size, image.file_hash = len(content), digest
            outcome = outcome if outcome == "created" else "updated"
        if image.description != description:
            image.description = description
            outcome = outcome if outcome == "created" else "updated"
        if outcome != "unchanged":
            image.save()
        self.count("images", outcome, image)
        return image

    def page_image(self, item: dict, kind: str):
        if item.get("image") is False:
            return None
        colour = self.colour_for(item)
        description = (
            item.get("image_alt") or "Illustratie met tekstballonnen: mensen die met elkaar praten."
        )
        if item.get("motif") == "people":
            description = (
                item.get("image_alt") or "Illustratie: een groep figuren die naast elkaar staan."
            )
        return self.image(
            f"Illustratie – {item['title']}",
            description,
            f"{kind}-{item['slug']}",
            colour,
            item.get("motif", "bubbles"),
        )

    def load_documents(self, specs: dict):
        Document = get_document_model()
        for key, spec in specs.items():
            where = f"document {key}"
            audiences = self.taxonomy_values({"audiences": spec.get("audiences", [])}, where)[
                "audiences"
            ]
            colour = (
                self.colours.get(spec["audiences"][0], DEFAULT_COLOUR)
                if spec.get("audiences")
                else DEFAULT_COLOUR
            )
            content, _extension = document_files.build(spec, spec.get("colour", colour))
            digest = hashlib.sha1(content).hexdigest()  # noqa: S324 - Wagtail's own file hash
            document = Document.objects.filter(title=spec["title"]).order_by("pk").first()
            outcome = "unchanged"
            if document is None:
                document = Document(title=spec["title"], uploaded_by_user=self.user)
                outcome = "created"
            meta = {
                "description": spec["description"],
                "kind": spec["kind"],
                "language": spec.get("language", "nl"),
                "licence": spec.get("licence", "cc-by-4.0"),
            }
            if any(getattr(document, name) != value for name, value in meta.items()):
                self.apply(document, meta)
                outcome = outcome if outcome == "created" else "updated"
            if (
                outcome == "created"
                or document.file_hash != digest
                or not document.file.storage.exists(document.file.name)
            ):
                self.store_file(document, content, spec["filename"])
                document.file_size, document.file_hash = len(content), digest
                outcome = outcome if outcome == "created" else "updated"
            if outcome != "unchanged":
                document.save()
            if set(document.audiences.all()) != set(audiences):
                document.audiences.set(audiences)
                outcome = outcome if outcome == "created" else "updated"
            self.documents[key] = document
            self.count("documents", outcome, document)

    # -- snippets ---------------------------------------------------------------------------

    def load_glossary(self, items: list):
        terms = {}
        for item in items:
            values = {
                "term": item["term"],
                "definition": _rich(item["definition"]),
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

    # -- sections ---------------------------------------------------------------------------

    def ensure_sections(self, audiences: list, sections: list, content_pages: list):
        """Make sure every section page exists, in menu order, before content refers to it."""
        for item in audiences:
            if not AudiencePage.objects.child_of(self.home).filter(slug=item["slug"]).exists():
                self.load_audience_page(item, with_body=False)
                self.placeholders.add(f"{self.home_path}{item['slug']}/")
        for item in sections:
            model = SECTION_MODELS[item["type"]]
            if not model.objects.child_of(self.home).filter(slug=item["slug"]).exists():
                self.load_section_page(item)
        for item in content_pages:
            if not ContentPage.objects.child_of(self.home).filter(slug=item["slug"]).exists():
                self.load_content_page(item, with_body=False)
                self.placeholders.add(f"{self.home_path}{item['slug']}/")
        self.sections = {
            item["type"]: SECTION_MODELS[item["type"]]
            .objects.child_of(self.home)
            .get(slug=item["slug"])
            for item in sections
        }

    def load_audience_page(self, item: dict, with_body: bool = True):
        kind = "audience pages" if with_body else "_placeholders"
        audience = self.taxonomy["audiences"].get(item["audience"])
        if audience is None:
            raise CommandError(
                f"Audience page {item['slug']}: unknown audience {item['audience']}."
            )
        fields = {
            **self.base_fields(item),
            "audience": audience,
            "intro": item.get("intro", ""),
            "show_in_menus": item.get("show_in_menus", True),
            "show_quick_exit": item.get("show_quick_exit", False),
        }
        if with_body:
            fields["image"] = self.page_image(
                {**item, "motif": item.get("motif", "people")}, "doelgroep"
            )
            fields["body"] = self.stream(item.get("body"), f"audience:{item['slug']}")
        self.upsert_page(
            self.home, AudiencePage, item["slug"], fields, kind, self.date(item.get("published"))
        )

    def load_section_page(self, item: dict):
        fields = {
            **self.base_fields(item),
            "intro": item.get("intro", ""),
            "show_in_menus": item.get("show_in_menus", True),
        }
        self.upsert_page(
            self.home,
            SECTION_MODELS[item["type"]],
            item["slug"],
            fields,
            "section pages",
            self.date(item.get("published")),
        )

    def load_content_page(self, item: dict, with_body: bool = True):
        kind = "content pages" if with_body else "_placeholders"
        fields = {
            **self.base_fields(item),
            "show_quick_exit": item.get("show_quick_exit", False),
            "show_in_menus": item.get("show_in_menus", False),
        }
        if with_body:
            fields["body"] = self.stream(item.get("body"), f"page:{item['slug']}")
        self.upsert_page(
            self.home,
            ContentPage,
            item["slug"],
            fields,
            kind,
            self.date(item.get("published")),
            self.date(item.get("updated")),
        )

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
                "key_findings": _rich(item.get("key_findings", "")),
                "implications": _rich(item.get("implications", "")),
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
                fields[name] = _rich(item.get(name, ""))
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
                "description": _rich(item["description"]),
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

    # -- home and settings ------------------------------------------------------------------

    def load_home(self, site: dict):
        home_item = site["home"]
        featured = [HomeFeatured(page=self.page_at(path)) for path in home_item.get("featured", [])]
        fields = {
            "title": home_item["title"],
            "draft_title": home_item["title"],
            "summary": home_item.get("summary", ""),
            "intro": home_item.get("intro", ""),
            "body": self.stream(home_item.get("body"), "home"),
            "featured": featured,
        }
        home = HomePage.objects.get(pk=self.home.pk)
        before = self.snapshot(home, fields)
        self.apply(home, fields)
        if before != self.snapshot(home, fields) or home.has_unpublished_changes or not home.live:
            home.save_revision(user=self.user, log_action=True).publish(user=self.user)
            self.count("home page", "updated", home)
        else:
            self.count("home page", "unchanged")
        self.set_dates(home, self.date(home_item.get("published")))

        site_obj = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site_obj is None:
            raise CommandError("No Wagtail site found: run `manage.py migrate` first.")
        if site_obj.site_name != home_item["title"]:
            site_obj.site_name = home_item["title"]
            site_obj.save()
        settings_obj = SiteSettings.for_site(site_obj)
        values = {
            "about_page": self.page_at(site["about_page"]),
            "privacy_page": self.page_at(site["privacy_page"]),
            "accessibility_page": self.page_at(site["accessibility_page"]),
            "evidence_page": self.page_at(site["evidence_page"]),
            "contact_email": site.get("contact_email", ""),
        }
        if any(getattr(settings_obj, k) != v for k, v in values.items()):
            self.apply(settings_obj, values)
            settings_obj.save()
            self.count("site settings", "updated", settings_obj)
        else:
            self.count("site settings", "unchanged")
