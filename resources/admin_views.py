"""Admin: the moderation queue of proposed material ("Voorstellen van materiaal")."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from resources import moderation
from resources.models import Proposal

PERMISSION = "resources.moderate_proposal"


def can_moderate(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def _require(request):
    if not can_moderate(request.user):
        raise PermissionDenied


def queue(request):
    _require(request)
    show = request.GET.get("toon", "nieuw")
    proposals = Proposal.objects.all()
    if show != "alle":
        proposals = proposals.filter(status=Proposal.Status.NEW)
    context = {
        "page_title": "Voorstellen van materiaal",
        "header_icon": "clipboard-list",
        "proposals": proposals.order_by("created_at")[:500],
        "show": show,
    }
    return TemplateResponse(request, "resources/admin/queue.html", context)


def detail(request, proposal_id):
    _require(request)
    proposal = get_object_or_404(Proposal, pk=proposal_id)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "aanvaarden":
                page = moderation.accept(proposal, request.user)
                messages.success(
                    request,
                    f"'{page.title}' is aanvaard als ontwerp. Beschrijf het in eigen woorden, vul de "
                    "gegevens aan en dien het in bij de wetenschappelijke raad.",
                )
                return redirect("wagtailadmin_pages:edit", page.pk)
            if action == "afwijzen":
                moderation.decline(proposal, request.user, request.POST.get("reden", "")[:2000])
                messages.success(request, f"'{proposal.title}' is afgewezen.")
                return redirect(reverse("resources_proposals"))
            error = "Kies 'Aanvaarden als ontwerp' of 'Afwijzen'."
        except moderation.ModerationError as exc:
            error = str(exc)
        proposal.refresh_from_db()
    context = {
        "page_title": f"Voorstel: {proposal.title}",
        "header_icon": "clipboard-list",
        "proposal": proposal,
        "error": error,
        "reason": request.POST.get("reden", "") if request.method == "POST" else "",
    }
    return TemplateResponse(request, "resources/admin/detail.html", context, status=400 if error else 200)
