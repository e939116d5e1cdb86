from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from meldpunt import admin_views, service


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("meldpunt/", admin_views.inbox, name="meldpunt_inbox"),
        path("meldpunt/toegangslog/", admin_views.access_log, name="meldpunt_access_log"),
        path("meldpunt/<int:pk>/", admin_views.detail, name="meldpunt_report"),
    ]


class CounsellorMenuItem(MenuItem):
    def is_shown(self, request):
        return service.is_counsellor(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return CounsellorMenuItem("Meldpunt 1712", reverse("meldpunt_inbox"), icon_name="mail", order=260)
