from django.template.loader import render_to_string

from wagtail import hooks
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


@hooks.register("audience_page_tools")
def scan_teaser(page, request):
    """On an audience page, at the top: the self-assessment made for that audience, if any."""
    scan = Scan.objects.filter(audience_id=page.audience_id).order_by("sort_order").first()
    if scan is None:
        return None
    count = scan.questions.count()
    return render_to_string("planning/includes/scan_teaser.html", {"scan": scan, "count": count}, request)
