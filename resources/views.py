"""Public view: the form "Materiaal voorstellen". No account, no cookie, no third party."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core import formguard
from resources.models import Proposal
from resources.proposals import ProposalForm

TOKEN_NAMESPACE = "resources.proposal"  # noqa: S105 - a signing salt, not a secret
MIN_SECONDS = 3
MAX_AGE = 2 * 86400


@never_cache  # the form carries a signed timestamp: a cached copy would expire for everyone
@csrf_exempt  # no CSRF cookie for anonymous visitors: same origin is checked by formguard
def propose(request):
    sent = request.GET.get("verstuurd") == "1"
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = ProposalForm(request.POST)
        try:
            formguard.check_same_origin(
                request, "Je voorstel is niet verstuurd: gebruik het formulier op deze website."
            )
            if (request.POST.get("website") or "").strip():
                raise formguard.GuardError(
                    "Je voorstel is niet opgeslagen: het formulier lijkt automatisch ingevuld."
                )
            formguard.check_token(request.POST.get("t"), TOKEN_NAMESPACE, min_seconds=MIN_SECONDS, max_age=MAX_AGE)
            if form.is_valid():
                formguard.check_rate(
                    "proposals",
                    settings.PROPOSALS_PER_MINUTE,
                    "Er komen op dit moment erg veel voorstellen binnen. Je voorstel is nog niet "
                    "opgeslagen, maar je tekst staat hieronder: verstuur het over een minuut opnieuw.",
                )
                Proposal.objects.create(**form.cleaned_data)
                return HttpResponseRedirect(reverse("resources:propose") + "?verstuurd=1")
            status = 400
        except formguard.GuardError as exc:
            errors.append(exc.message)
            status = exc.status
    else:
        form = ProposalForm()
    context = {
        "form": form,
        "errors": errors,
        "sent": sent,
        "token": formguard.make_token(TOKEN_NAMESPACE),
    }
    return render(request, "resources/propose.html", context, status=status)
