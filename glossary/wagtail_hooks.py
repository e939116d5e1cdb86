from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from glossary.models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = "Woordenlijst"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["term", "slug"]
    search_fields = ["term"]


register_snippet(GlossaryTermViewSet)
