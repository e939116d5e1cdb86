"""Editors can only add a page where it belongs: the page tree is constrained per page type."""

from django.urls import reverse

from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from core.models import ContentPage
from glossary.models import GlossaryPage
from home.models import AudiencePage, HomePage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from practices.models import PracticeIndexPage, PracticePage
from research.models import ResearchIndexPage, ResearchPage
from resources.models import ResourceIndexPage, ResourcePage
from tests import pages
from tests.pages import page_form
from toolkits.models import ToolkitIndexPage, ToolkitPage

SECTIONS = {
    AudiencePage,
    ToolkitIndexPage,
    ResearchIndexPage,
    PracticeIndexPage,
    ResourceIndexPage,
    GlossaryPage,
    NewsIndexPage,
    EventIndexPage,
    ContentPage,
}
DETAIL_PAGES = {ToolkitPage, ResearchPage, PracticePage, ResourcePage, NewsPage, EventPage}
ALL_TYPES = SECTIONS | DETAIL_PAGES | {HomePage}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_holds_the_sections(self):
        self.assertAllowedSubpageTypes(HomePage, SECTIONS)
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_each_detail_page_lives_only_under_its_index(self):
        for index, detail in [
            (ToolkitIndexPage, ToolkitPage),
            (ResearchIndexPage, ResearchPage),
            (PracticeIndexPage, PracticePage),
            (ResourceIndexPage, ResourcePage),
            (NewsIndexPage, NewsPage),
            (EventIndexPage, EventPage),
        ]:
            with self.subTest(detail=detail.__name__):
                self.assertAllowedSubpageTypes(index, {detail})
                self.assertAllowedParentPageTypes(detail, {index})
                self.assertAllowedSubpageTypes(detail, set())
                self.assertCanNotCreateAt(HomePage, detail)
                for other in DETAIL_PAGES - {detail}:
                    self.assertCanNotCreateAt(index, other)

    def test_sections_live_only_under_the_home_page(self):
        for section in SECTIONS - {ContentPage}:
            with self.subTest(section=section.__name__):
                self.assertAllowedParentPageTypes(section, {HomePage})
                self.assertCanNotCreateAt(Page, section)
                self.assertCanNotCreateAt(ContentPage, section)

    def test_content_pages_nest_only_as_plain_pages(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})
        self.assertAllowedSubpageTypes(AudiencePage, set())
        self.assertAllowedSubpageTypes(GlossaryPage, set())

    def test_at_most_one_of_each_singleton(self):
        """One home page, and one index of each kind: an editor cannot add a second."""
        tree = pages.sections()
        pages.resource_index(tree.home)
        root = Page.get_first_root_node()
        self.assertFalse(HomePage.can_create_at(root))
        for model in (
            ToolkitIndexPage,
            ResearchIndexPage,
            PracticeIndexPage,
            ResourceIndexPage,
            GlossaryPage,
            NewsIndexPage,
            EventIndexPage,
        ):
            with self.subTest(model=model.__name__):
                self.assertEqual(model.max_count, 1)
                self.assertFalse(model.can_create_at(tree.home))
        # Plain pages and details have no limit.
        self.assertTrue(ContentPage.can_create_at(tree.home))
        self.assertTrue(ToolkitPage.can_create_at(tree.toolkits))

    def test_one_landing_page_per_audience(self):
        """The audience field is one-to-one: a second landing page for the same audience fails
        in the editor with a message, not with an error page."""
        home = pages.home_page()
        first = pages.audience_page(home, "ouders")
        editor = self.create_superuser("redacteur")
        self.client.force_login(editor)
        data = page_form(
            AudiencePage, title="Ouders bis", slug="ouders-bis", audience=first.audience.pk
        )
        data["action-publish"] = "action-publish"
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["home", "audiencepage", home.pk]), data
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(AudiencePage.objects.filter(slug="ouders-bis").exists())
        self.assertIn("audience", response.context["form"].errors)

    def test_admin_refuses_a_page_in_the_wrong_place(self):
        """The admin's own 'add page' view answers no for a toolkit under the home page or a
        research summary under the toolkit index, and creates nothing."""
        tree = pages.sections()
        editor = self.create_superuser("redacteur")
        self.client.force_login(editor)
        for model, parent in [
            (ToolkitPage, tree.home),
            (ResearchPage, tree.toolkits),
            (HomePage, tree.home),
        ]:
            with self.subTest(model=model.__name__, parent=type(parent).__name__):
                url = reverse(
                    "wagtailadmin_pages:add",
                    args=[model._meta.app_label, model._meta.model_name, parent.pk],
                )
                before = model.objects.count()
                response = self.client.post(
                    url, {"title": "Verkeerde plek", "slug": "verkeerde-plek"}
                )
                self.assertIn(response.status_code, (302, 403, 404))
                self.assertEqual(model.objects.count(), before)

    def test_every_page_type_is_covered(self):
        """Adding a page type without thinking about where it may go fails here."""
        # tests/throwaway is a page type of the test settings only (test_new_content_type.py).
        ours = {m for m in get_page_models() if m._meta.app_label not in {"wagtailcore", "throwaway"}}
        self.assertEqual(ours - ALL_TYPES, set(), "page types without tree rules in this test")
