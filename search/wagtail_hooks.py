from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "Zoeksynoniemen"
    menu_order = 900
    add_to_admin_menu = False
    list_display = ["words", "note"]
    search_fields = ["words"]


register_snippet(SynonymGroupViewSet)
