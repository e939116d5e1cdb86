"""Dashboard panel: help facts the editors have not checked with the organisation recently.

Numbers and opening hours of help lines change, and a wrong hour sends someone in trouble to a
closed line. `last_checked` records when an editor last compared a card with the
organisation's own website; this panel turns "never" and "long ago" into a to-do list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component

from helpfinder.models import HelpRoute, HelpService, PlatformGuide

#: After this many days a checked fact counts as due again.
RECHECK_AFTER_DAYS = 183


@dataclass
class DueFact:
    label: str
    kind: str
    last_checked: datetime.date | None
    edit_url: str


def due_facts(user, today: datetime.date | None = None) -> list[DueFact]:
    """Every help card this user may change whose facts are unchecked or older than the limit.

    Help lines first (they carry numbers and hours), never-checked before long-ago.
    """
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=RECHECK_AFTER_DAYS)
    due = Q(last_checked__isnull=True) | Q(last_checked__lt=cutoff)
    facts: list[DueFact] = []
    for model, kind, label_field in (
        (HelpService, "Hulplijn", "name"),
        (HelpRoute, "Hulproute", "title"),
        (PlatformGuide, "Melden per platform", "name"),
    ):
        meta = model._meta
        if not user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
            continue
        rows = sorted(
            model.objects.filter(due),
            key=lambda row: (row.last_checked is not None, row.last_checked or today, getattr(row, label_field)),
        )
        for row in rows:
            facts.append(
                DueFact(
                    label=getattr(row, label_field),
                    kind=kind,
                    last_checked=row.last_checked,
                    edit_url=reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[row.pk]),
                )
            )
    return facts


class FactsDuePanel(Component):
    name = "helpfinder_facts_due"
    order = 105  # just above the pages due for review: these facts reach people in trouble
    template_name = "helpfinder/panels/facts_due.html"
    limit = 10

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        facts = due_facts(self.request.user)
        return {"count": len(facts), "facts": facts[: self.limit], "recheck_months": RECHECK_AFTER_DAYS // 30}
