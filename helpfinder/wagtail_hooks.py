"""The help-finder content in one admin menu, 'Hulpwijzer'."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from helpfinder.admin_panels import FactsDuePanel
from helpfinder.models import CrisisPhrase, HelpRoute, HelpService, PlatformGuide


class HelpServiceViewSet(SnippetViewSet):
    model = HelpService
    icon = "mail"
    menu_label = "Hulplijnen"
    list_display = ["name", "phone", "always_open", "last_checked"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]


class HelpRouteViewSet(SnippetViewSet):
    model = HelpRoute
    icon = "doc-full"
    menu_label = "Hulproutes"
    list_display = ["title", "slug", "last_checked"]
    search_fields = ["title", "summary"]


class PlatformGuideViewSet(SnippetViewSet):
    model = PlatformGuide
    icon = "list-ol"
    menu_label = "Melden per platform"
    list_display = ["name", "help_url", "last_checked"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class CrisisPhraseViewSet(SnippetViewSet):
    model = CrisisPhrase
    icon = "warning"
    menu_label = "Crisiswoorden"
    list_display = ["phrase", "kind"]
    list_filter = ["kind"]
    search_fields = ["phrase", "variants"]


class HelpfinderGroup(SnippetViewSetGroup):
    menu_label = "Hulpwijzer"
    menu_icon = "help"
    menu_order = 250
    items = (HelpServiceViewSet, HelpRouteViewSet, PlatformGuideViewSet, CrisisPhraseViewSet)


register_snippet(HelpfinderGroup)


@hooks.register("construct_homepage_panels")
def add_facts_due_panel(request, panels):
    panels.append(FactsDuePanel(request))
