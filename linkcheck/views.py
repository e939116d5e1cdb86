"""Admin report "Gebroken links": the page, the link, the state and since when."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.template.response import TemplateResponse

from linkcheck.models import FAILING, CheckedLink, PageLink, dead_after

PERMISSION = "linkcheck.view_checkedlink"


def can_view(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def broken_links_report(request):
    if not can_view(request.user):
        raise PermissionDenied
    show_all = request.GET.get("toon") == "alle"
    links = CheckedLink.objects.all() if show_all else CheckedLink.objects.filter(state__in=FAILING)
    links = links.prefetch_related(
        Prefetch("pages", queryset=PageLink.objects.select_related("page").order_by("page__title"))
    ).order_by("failing_since", "url")[:2000]
    rows = []
    for link in links:
        pages = [pl.page for pl in link.pages.all()]
        rows.append({"link": link, "pages": pages})
    context = {
        "page_title": "Gebroken links",
        "header_icon": "warning",
        "rows": rows,
        "show_all": show_all,
        "threshold_days": dead_after().days,
        "last_run": CheckedLink.objects.order_by("-last_checked_at").values_list("last_checked_at", flat=True).first(),
    }
    return TemplateResponse(request, "linkcheck/report.html", context)
