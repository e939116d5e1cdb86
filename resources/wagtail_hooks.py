from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from resources import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("voorstellen/", admin_views.queue, name="resources_proposals"),
        path("voorstellen/<int:proposal_id>/", admin_views.detail, name="resources_proposal"),
    ]


class ProposalsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_proposals_menu_item():
    return ProposalsMenuItem(
        "Voorstellen van materiaal", reverse("resources_proposals"), name="voorstellen", icon_name="clipboard-list",
        order=260,
    )
