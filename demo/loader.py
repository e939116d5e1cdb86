"""Fill the site with the demo content in `fixtures/demo/`.

Idempotent: every item is keyed by a stable slug (pages, glossary terms) or title (documents,
images); a second run updates what changed and publishes nothing that did not. Transactional:
the caller wraps `load()` in one database transaction; files written during a failed run are
removed again.
"""

import datetime
import json
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from modelsearch.signal_handlers import post_save_signal_handler

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from wagtail.models import Page, ReferenceIndex
from wagtail.search import index as search_index
from wagtail.signal_handlers import disable_reference_index_auto_update

from demo.content import ContentLoader
from demo.media import MediaLoader
from demo.pages import DEFAULT_COLOUR, TAXONOMY_FIELDS, PageWriter
from demo.sections import SectionLoader
from home.models import HomePage
from taxonomy.models import WholeSchoolCell

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "kenniscentrum-demo"  # noqa: S105 - documented demo login, never production


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


class DemoContentLoader(PageWriter, MediaLoader, SectionLoader, ContentLoader):
    """Loads `fixtures/demo/` in order; each content kind's code is in its mixin (`demo.pages`,
    `demo.media`, `demo.sections`, `demo.content`)."""

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
