import datetime
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from search.analysis import words
from search.models import PromotedResult, SynonymGroup

ZERO_RESULT_DAYS = 90
# The list shows what visitors typed: only for those who may read search terms (analytics'
# permission, named by string so search does not import analytics).
SEARCH_TERMS_PERMISSION = "analytics.view_dailysearch"


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


def zero_results(request):
    """The editors' to-do list: what visitors searched in the last 90 days whose words, as
    typed, found nothing, most searched first, with what the editors can do about each."""
    if not request.user.has_perm(SEARCH_TERMS_PERMISSION):
        raise PermissionDenied
    try:
        from analytics.models import DailySearch
    except ImportError:  # analytics switched off: nothing is counted
        rows = []
    else:
        since = timezone.localdate() - datetime.timedelta(days=ZERO_RESULT_DAYS)
        rows = list(
            DailySearch.objects.filter(date__gte=since, zero_results=True)
            .exclude(query="")
            .values("query")
            .annotate(n=Sum("count"))
            .order_by("-n", "query")[:200]
        )
    promoted = {p.normalised_query for p in PromotedResult.objects.all()}
    synonyms = {w for g in SynonymGroup.objects.all() for word in g.word_list for w in words(word)}
    add_promoted = reverse(PromotedResult.snippet_viewset.get_url_name("add"))
    for row in rows:
        typed = " ".join(words(row["query"]))
        row["done"] = typed in promoted or set(words(row["query"])) <= synonyms
        row["promote_url"] = f"{add_promoted}?{urlencode({'query': row['query']})}"
        row["redirect_url"] = f"{add_promoted}?{urlencode({'query': row['query'], 'go_straight': 1})}"
    return render(
        request,
        "search/admin/zero_results.html",
        {
            "rows": rows,
            "days": ZERO_RESULT_DAYS,
            "synonym_url": reverse(SynonymGroup.snippet_viewset.get_url_name("add")),
        },
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("zoeken-zonder-resultaat/", zero_results, name="search_zero_results")]


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SEARCH_TERMS_PERMISSION)


@hooks.register("register_admin_menu_item")
def zero_results_menu_item():
    return EditorMenuItem(
        "Zoekopdrachten zonder resultaat",
        reverse("search_zero_results"),
        icon_name="search",
        order=902,
    )
