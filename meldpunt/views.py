"""The public meldpunt: /melden/ (the report) and /melden/terug/ (come back with the code).

No session, no cookie (the forms are CSRF-exempt and checked with core.formguard instead: same
origin, a signed timestamp, a honeypot, site-wide limits per minute), no IP address or user agent
is stored, every response is `no-store` and `no-referrer` (core.middleware).
"""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core import formguard
from helpfinder.models import brussels_now
from meldpunt import service
from meldpunt.crypto import KeyUnavailable
from meldpunt.forms import AddForm, CodeForm, ReportForm
from meldpunt.models import Message, Report

logger = logging.getLogger("meldpunt")
SALT = "meldpunt.report"
MAX_FORM_AGE = 6 * 3600  # writing a report may take a while

NOT_HERE = "Je melding is niet verstuurd: gebruik het formulier op deze website."
AUTOMATIC = "Je melding is niet verstuurd: het formulier lijkt automatisch ingevuld."
TOO_FAST = "Dat ging erg snel. Kijk je melding nog eens na en verstuur ze opnieuw."
EXPIRED = "Het formulier stond te lang open. Je tekst staat er nog: verstuur ze opnieuw."
NO_FILES = (
    "Je kan hier geen bestanden, foto's of filmpjes meesturen. Je melding is niet verstuurd. "
    "Haal de bijlage weg en verstuur je melding opnieuw, alleen met tekst."
)
BUSY = "Er komen nu erg veel meldingen binnen. Je melding is niet verstuurd. Probeer het over een minuut opnieuw."
SENT_ALREADY = "Deze melding is al verstuurd. Wil je iets toevoegen? Gebruik je code bij ‘Terugkomen met je code’."
UNSAFE = (
    "Het meldpunt kan je melding nu niet veilig bewaren. Er is niets opgeslagen. "
    "Probeer het later opnieuw, of bel of chat met 1712."
)
UNKNOWN_CODE = (
    "We vinden geen melding met deze code. Kijk de woorden en het getal na. "
    "Een melding wordt ook gewist na de bewaartermijn."
)
TOO_MANY_CODES = "Er zijn net te veel foute codes geprobeerd. Wacht een minuut en probeer het opnieuw."
CLOSED = "Deze melding is afgesloten. Wil je nog iets vertellen? Doe een nieuwe melding of bel 1712."


def _render(request, template, context, status=200):
    now = brussels_now()
    base = {
        "quick_exit": True,
        "now": now,
        "reach": service.reachability(now),
        "closed_days": settings.MELDPUNT_CLOSED_RETENTION_DAYS,
        "open_days": settings.MELDPUNT_OPEN_RETENTION_DAYS,
    }
    response = render(request, template, {**base, **context}, status=status)
    response.sensitive = True
    return response


def _form_page(request, form, error="", status=200):
    context = {"form": form, "error": error, "token": formguard.make_timestamp(SALT, n=_nonce())}
    return _render(request, "meldpunt/report.html", context, status=status)


def _nonce() -> str:
    return secrets.token_urlsafe(12)


def _guard(request) -> tuple[str, int, dict]:
    """('', 200, payload) for a form that may be processed; else a message and a status."""
    if not formguard.is_same_origin(request):
        return NOT_HERE, 403, {}
    if request.FILES:
        return NO_FILES, 400, {}
    if (request.POST.get("website") or "").strip():
        return AUTOMATIC, 400, {}
    problem, payload = formguard.read_timestamp(
        request.POST.get("t", ""), SALT, min_seconds=settings.MELDPUNT_MIN_SECONDS, max_age=MAX_FORM_AGE
    )
    if problem == formguard.TOO_FAST:
        return TOO_FAST, 400, {}
    if problem or not payload.get("n"):
        return EXPIRED, 400, {}
    return "", 200, payload


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    platforms = service.platform_choices()
    if request.method != "POST":
        return _form_page(request, ReportForm(platforms=platforms))
    form = ReportForm(request.POST, platforms=platforms)
    problem, status, payload = _guard(request)
    if problem:
        form.is_valid()  # keeps what was typed on screen
        return _form_page(request, form, problem, status)
    if not form.is_valid():
        return _form_page(request, form, "", 400)
    if formguard.over_limit("meldpunt:reports", settings.MELDPUNT_REPORTS_PER_MINUTE):
        return _form_page(request, form, BUSY, 429)
    sent_key = f"meldpunt:sent:{payload['n']}"
    if not cache.add(sent_key, 1, timeout=MAX_FORM_AGE + 60):
        return _render(request, "meldpunt/message.html", {"title": "Al verstuurd", "message": SENT_ALREADY}, 409)
    try:
        code = service.create_report(form.cleaned_data)
    except KeyUnavailable as error:
        cache.delete(sent_key)
        logger.error("Meldpunt: a report could not be stored: %s", error)
        return _form_page(request, form, UNSAFE, 503)
    return _render(
        request,
        "meldpunt/sent.html",
        {"code": code, "danger": form.cleaned_data["danger"] == "ja", "answer_by": form.cleaned_data["answer_by"]},
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def follow_up(request):
    """/melden/terug/: the code opens the conversation; the same page adds information."""
    if request.method != "POST":
        return _render(request, "meldpunt/code.html", {"form": CodeForm()})
    adding = request.POST.get("actie") == "aanvullen"
    form = (AddForm if adding else CodeForm)(request.POST)
    if not formguard.is_same_origin(request):
        return _render(request, "meldpunt/code.html", {"form": CodeForm(), "error": NOT_HERE}, 403)
    if request.FILES:
        return _render(request, "meldpunt/code.html", {"form": CodeForm(), "error": NO_FILES}, 400)
    code = (request.POST.get("code") or "")[:200]
    # Guessing is limited per address (one visitor cannot lock the others out) and, as a
    # backstop against many addresses at once, for the whole site.
    limits = (
        (formguard.address_key(request, "meldpunt:codes"), settings.MELDPUNT_CODE_FAILURES_PER_ADDRESS),
        ("meldpunt:codes", settings.MELDPUNT_CODE_FAILURES_PER_MINUTE),
    )
    if any(formguard.limit_reached(key, limit) for key, limit in limits):
        return _render(request, "meldpunt/code.html", {"form": CodeForm(), "error": TOO_MANY_CODES}, 429)
    found = service.find(code) if code.strip() else None
    if found is None:
        if code.strip():
            for key, limit in limits:
                formguard.over_limit(key, limit)
        error = UNKNOWN_CODE if code.strip() else "Vul je code in."
        return _render(request, "meldpunt/code.html", {"form": CodeForm(), "error": error}, 400)
    error, notice, status = "", "", 200
    add_form = AddForm(initial={"code": code})
    if adding:
        if found.status == Report.CLOSED:
            error, status = CLOSED, 400
        elif not form.is_valid():
            add_form, status = form, 400
        else:
            try:
                service.add_information(found, form.cleaned_data["text"])
            except KeyUnavailable as problem:
                logger.error("Meldpunt: an addition could not be stored: %s", problem)
                error, status = UNSAFE, 503
            else:
                notice = "Je aanvulling is verstuurd. Een medewerker van 1712 leest ze."
                found.refresh_from_db()
    try:
        messages = [
            {"kind": m.kind, "mine": m.kind == Message.REPORTER, "body": m.body, "at": m.created_at}
            for m in found.messages.exclude(kind=Message.NOTE)
        ]
    except KeyUnavailable as problem:
        logger.error("Meldpunt: a report could not be shown: %s", problem)
        return _render(
            request,
            "meldpunt/message.html",
            {
                "title": "Even niet beschikbaar",
                "message": "We kunnen je melding nu niet tonen. Er is niets verloren. "
                "Probeer het later opnieuw, of bel of chat met 1712.",
            },
            503,
        )
    context = {
        "report": found,
        "conversation": messages,
        "add_form": add_form,
        "code": code,
        "error": error,
        "notice": notice,
    }
    return _render(request, "meldpunt/conversation.html", context, status)
