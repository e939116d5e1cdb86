import datetime

from django.urls import path, reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from analytics import admin_views, reports, zero_results  # noqa: F401 - zero_results registers its admin view
from analytics.access import reach_access
from core import pagecache


@hooks.register("before_serve_page", order=100)
def remember_served_page(page, request, serve_args, serve_kwargs):
    """Mark the request as a live page being served; the middleware counts it after a 200.

    Runs after Wagtail's own view-restriction check: a password form is not a page view.
    """
    if page.live:
        request._analytics_page = page
        pagecache.note(request, "analytics_page", page.pk)  # a cached copy counts as this page


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("bereik/", admin_views.dashboard, name="analytics_dashboard"),
        path(
            "bereik/toolkit/<int:page_id>/",
            admin_views.toolkit_report,
            name="analytics_toolkit_report",
        ),
    ]


class ReachMenuItem(MenuItem):
    def is_shown(self, request):
        return reach_access(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ReachMenuItem("Bereik & impact", reverse("analytics_dashboard"), icon_name="view", order=250)


class ReachSummaryPanel(Component):
    name = "bereik"
    order = 150
    template_name = "analytics/admin/home_panel.html"

    def __init__(self, access):
        self.access = access

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        filters = self.access.scope(
            reports.Filters(start=today - datetime.timedelta(days=reports.DEFAULT_DAYS - 1), end=today)
        )
        metrics, useful_share = reports.summary(filters)
        metrics = [m for m in metrics if self.access.may_see_metric(m["label"])]
        zero = []
        if self.access.may_see_table("zonder-resultaat"):
            zero = reports.table_zero_results(filters).rows[:5]
        return {
            "metrics": metrics,
            "useful_share": useful_share,
            "zero_results": zero,
            "filters": filters,
        }


@hooks.register("construct_homepage_panels")
def add_reach_panel(request, panels):
    access = reach_access(request.user)
    if access is not None:
        panels.append(ReachSummaryPanel(access))
