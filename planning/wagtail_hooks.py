from django.db.models import Count
from django.template.loader import render_to_string

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import pagecache
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


@hooks.register("audience_page_tools")
def scan_teaser(page, request):
    """On an audience page, at the top: the self-assessment made for that audience, if any."""
    found = pagecache.fragment(f"audience_scan:{page.audience_id}", lambda: _scan_of(page.audience_id))
    if found is None:
        return None
    scan, count = found
    return render_to_string("planning/includes/scan_teaser.html", {"scan": scan, "count": count}, request)


def _scan_of(audience_id):
    """The audience's self-assessment and its number of questions, in one query (kept in the
    pages cache until the next content change, as a scan is a snippet)."""
    scan = (
        Scan.objects.filter(audience_id=audience_id)
        .annotate(question_count=Count("questions"))
        .order_by("sort_order")
        .first()
    )
    return None if scan is None else (scan, scan.question_count)
