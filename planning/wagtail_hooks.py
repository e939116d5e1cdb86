from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from planning.models import Scan


class ScanViewSet(SnippetViewSet):
    """Editors keep the self-assessment's questions and advice (Redactie, see editorial.setup)."""

    model = Scan
    icon = "tasks"
    menu_label = "Zelfscans"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["title", "slug", "audience"]
    ordering = ["sort_order", "title"]


register_snippet(ScanViewSet)
