from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from linkcheck.views import broken_links_report, can_view


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("gebroken-links/", broken_links_report, name="linkcheck_report")]


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return BrokenLinksMenuItem(
        "Gebroken links", reverse("linkcheck_report"), name="gebroken-links", icon_name="warning", order=60
    )
