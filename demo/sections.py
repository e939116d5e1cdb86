"""The demo loader's site structure: section index pages, audience pages, content pages and the
home page."""



from django.core.management.base import CommandError

from wagtail.models import Site

from core.models import ContentPage, SiteSettings
from demo.pages import SECTION_MODELS
from home.models import AudiencePage, HomeFeatured, HomePage


class SectionLoader:
    """Mixed into `demo.loader.DemoContentLoader` (its state: `self.home`, `self.taxonomy`, ...)."""

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
