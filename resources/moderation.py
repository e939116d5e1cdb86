"""The board's moderation of proposed material: accept into a draft resource, or decline with
a reason. Either way the visitor's optional e-mail address is used once for the answer and
then deleted."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from resources.models import Proposal, ResourceIndexPage, ResourceLink, ResourcePage

logger = logging.getLogger(__name__)


class ModerationError(Exception):
    pass


def _unique_slug(parent, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "materiaal"
    slug, n = base, 1
    while ResourcePage.objects.child_of(parent).filter(slug=slug).exists() or parent.get_children().filter(
        slug=slug
    ).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _answer(proposal: Proposal, subject: str, text: str) -> bool:
    """Send the answer to the address the visitor left, if any. True when sent."""
    if not proposal.email:
        return False
    try:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [proposal.email])
    except Exception:  # noqa: BLE001 - the decision stands; the board is told the answer failed
        logger.exception("Answer to proposal %s could not be sent.", proposal.pk)
        return False
    return True


def accept(proposal: Proposal, user) -> ResourcePage:
    """A draft resource under the resource index, with the proposal as a starting point."""
    if proposal.status != Proposal.Status.NEW:
        raise ModerationError("Dit voorstel is al behandeld.")
    parent = ResourceIndexPage.objects.first()
    if parent is None:
        raise ModerationError("Er is nog geen overzichtspagina 'Extern materiaal' om het ontwerp onder te maken.")
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != Proposal.Status.NEW:
            raise ModerationError("Dit voorstel is al behandeld.")
        description = (
            "<p><i>Voorstel van een bezoeker, nog te herschrijven in onze eigen woorden en na te kijken bij "
            f"de eigenaar.</i></p><p>Voor wie: {escape(proposal.audience)}</p><p>{escape(proposal.why)}</p>"
        )
        page = ResourcePage(
            title=proposal.title, draft_title=proposal.title, slug=_unique_slug(parent, proposal.title),
            owner_name=proposal.owner_name, description=description, live=False, owner=user,
            links=[ResourceLink(url=proposal.url, label="")],
        )
        parent.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        proposal.status = Proposal.Status.ACCEPTED
        proposal.resource = page
        _close(proposal, user)
    _answer_and_forget(
        proposal,
        "Je voorstel voor het kenniscentrum (cyber)pesten",
        f"Bedankt voor je voorstel '{proposal.title}'. De wetenschappelijke raad neemt het op: de redactie "
        "beschrijft het materiaal en zet het daarna op de website.",
    )
    return page


def decline(proposal: Proposal, user, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise ModerationError("Geef een reden: de indiener en de andere raadsleden moeten weten waarom.")
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != Proposal.Status.NEW:
            raise ModerationError("Dit voorstel is al behandeld.")
        proposal.status = Proposal.Status.DECLINED
        proposal.decision_reason = reason
        _close(proposal, user)
    _answer_and_forget(
        proposal,
        "Je voorstel voor het kenniscentrum (cyber)pesten",
        f"Bedankt voor je voorstel '{proposal.title}'. De wetenschappelijke raad neemt het niet op. "
        f"De reden: {reason}",
    )


def _close(proposal: Proposal, user) -> None:
    proposal.handled_at = timezone.now()
    proposal.handled_by = user
    proposal.save()


def _answer_and_forget(proposal: Proposal, subject: str, text: str) -> None:
    """Answer once, then delete the address (also when sending failed: we promised)."""
    if proposal.email:
        _answer(proposal, subject, text)
        Proposal.objects.filter(pk=proposal.pk).update(email="")
        proposal.email = ""
