from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from search.models import PromotedResult, SynonymGroup

# The editors' to-do list of searches without results reads analytics' counts, so it lives in
# analytics (analytics/zero_results.py); search does not import analytics.


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "Zoeksynoniemen"
    menu_order = 900
    add_to_admin_menu = False
    list_display = ["words", "note"]
    search_fields = ["words"]


class PromotedCreateView(CreateView):
    """Filled in from the to-do list: ?query=...&go_straight=1."""

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("query"):
            initial["query"] = self.request.GET["query"][:200]
        initial["go_straight"] = self.request.GET.get("go_straight") == "1"
        return initial


class PromotedResultViewSet(SnippetViewSet):
    model = PromotedResult
    icon = "pick"
    menu_label = "Aanbevolen resultaten"
    menu_order = 901
    add_to_admin_menu = False
    add_view_class = PromotedCreateView
    list_display = ["query", "target_url", "go_straight"]
    search_fields = ["query"]


register_snippet(SynonymGroupViewSet)
register_snippet(PromotedResultViewSet)
