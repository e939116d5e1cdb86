"""Connect section pages to the editorial setup as soon as they are created."""

from django.apps import apps
from django.db.models.signals import post_save

from editorial.setup import assign_board_section, create_partner_group
from home.models import AudiencePage
from practices.models import PracticeIndexPage
from research.models import ResearchIndexPage
from resources.models import ResourceIndexPage


def section_page_created(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    assign_board_section(apps, instance.pk)


def audience_page_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    create_partner_group(apps, instance.pk, instance.audience.name)


def connect():
    for model in (ResearchIndexPage, PracticeIndexPage, ResourceIndexPage):
        uid = f"editorial-{model.__name__}"
        post_save.connect(section_page_created, sender=model, dispatch_uid=uid)
    post_save.connect(audience_page_saved, sender=AudiencePage, dispatch_uid="editorial-audience")
