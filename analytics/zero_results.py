"""The editors' to-do list: searches of the last 90 days whose words found nothing, with what the
editors can do about each (a synonym, a promoted result). It reads analytics' counts and writes
search's synonyms and promoted results, so it lives here, above search."""

import datetime
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from analytics.models import DailySearch
from search.analysis import words
from search.models import PromotedResult, SynonymGroup

ZERO_RESULT_DAYS = 90
# The list shows what visitors typed: only for those who may read search terms.
SEARCH_TERMS_PERMISSION = "analytics.view_dailysearch"


def zero_results(request):
    """The editors' to-do list: what visitors searched in the last 90 days whose words, as
    typed, found nothing, most searched first, with what the editors can do about each."""
    if not request.user.has_perm(SEARCH_TERMS_PERMISSION):
        raise PermissionDenied
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
