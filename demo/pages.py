"""The demo loader's page writing: create or update a page from a fixture item, publish it only
when its content changed, and the lookups every content kind shares (taxonomy, pages, documents)."""

import datetime
import json
import uuid

from django.core.management.base import CommandError

from wagtail.models import Page

from glossary.models import GlossaryPage
from news.models import EventIndexPage, NewsIndexPage
from practices.models import PracticeIndexPage
from research.models import ResearchIndexPage
from resources.models import ResourceIndexPage
from taxonomy.models import AgeGroup, Approach, Audience, Setting, Topic
from toolkits.models import ToolkitIndexPage

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


def rich(html: str) -> str:
    """Fixture HTML in Wagtail's stored rich text form (<b>/<i> rather than <strong>/<em>)."""
    for source, target in (("strong", "b"), ("em", "i")):
        html = html.replace(f"<{source}>", f"<{target}>").replace(f"</{source}>", f"</{target}>")
    return html


class PageWriter:
    """Mixed into `demo.loader.DemoContentLoader` (its state: `self.home`, `self.taxonomy`, ...)."""

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
                value = rich(value)
            elif kind == "callout":
                value = {**value, "text": rich(value["text"])}
            elif kind == "question":
                value = {**value, "answer": rich(value["answer"])}
            elif kind == "step":
                value = {
                    "title": value["title"],
                    "body": rich(value["body"]),
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
