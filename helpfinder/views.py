"""Help-finder views. All are GET-only, use no session or cookie, and mark their responses as
sensitive (Cache-Control: no-store, Referrer-Policy: no-referrer; see core.middleware)."""

from functools import wraps
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from helpfinder import routing
from helpfinder.forms import (
    HINTS,
    QUESTIONS,
    STEP_FIELDS,
    TOTAL_STEPS,
    HelpFinderForm,
    resolve_step,
)
from helpfinder.models import HelpRoute, HelpService, OpeningHours, PlatformGuide, brussels_now
from helpfinder.signals import help_route_clicked

SERVICE_CHANNELS = {"chat": "chat_url", "website": "contact_url"}


def sensitive(view):
    """GET/HEAD only, and the response is marked sensitive (no-store, no-referrer)."""

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.sensitive = True
        return response

    return wrapper


def _services(slugs):
    """Services by slug, in the given order, with their opening hours in one extra query."""
    hours = Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
    found = {service.slug: service for service in HelpService.objects.filter(slug__in=slugs).prefetch_related(hours)}
    return [found[slug] for slug in slugs if slug in found]


def _routes(slugs):
    hours = Prefetch("services__opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
    found = {route.slug: route for route in HelpRoute.objects.filter(slug__in=slugs).prefetch_related(hours)}
    return [found[slug] for slug in slugs if slug in found]


def _context(request, **extra):
    context = {"quick_exit": True, "now": brussels_now()}
    context.update(extra)
    return context


def _query(answers: dict, **extra) -> str:
    params = {name: answers[name] for name in STEP_FIELDS if name in answers}
    params.update(extra)
    return urlencode(params)


def _render_step(request, step: int, answers: dict, errors: dict, preselect: dict | None = None):
    name = STEP_FIELDS[step - 1]
    form = HelpFinderForm()
    field = form[name]
    chosen = (preselect or {}).get(name, "")
    options = [
        {
            "value": key,
            "label": label,
            "hint": hint,
            "id": f"{name}-{key}",
            "checked": key == chosen,
        }
        for key, label, hint in HelpFinderForm.OPTION_DETAILS[name]
    ]
    earlier = {k: v for k, v in answers.items() if STEP_FIELDS.index(k) < step - 1}
    if step == 1:
        back_url = None
    else:
        back_url = reverse("helpfinder:start") + "?" + _query(earlier, stap=step - 1)
    context = _context(
        request,
        step=step,
        total_steps=TOTAL_STEPS,
        name=name,
        field=field,
        question=QUESTIONS[name],
        hint=HINTS[name],
        options=options,
        error=errors.get(name, ""),
        hidden=[(k, earlier[k]) for k in STEP_FIELDS if k in earlier],
        action=reverse("helpfinder:route") if step == TOTAL_STEPS else reverse("helpfinder:start"),
        back_url=back_url,
        emergency=_services(routing.EMERGENCY_SERVICES),
    )
    return render(request, "helpfinder/step.html", context)


@sensitive
def start(request):
    """/hulp/: one question per step. `stap` goes back to an earlier step with its answer kept."""
    step, answers, errors = resolve_step(request.GET)
    requested = request.GET.get("stap", "")
    if requested in {"1", "2", "3"} and int(requested) <= step:
        back_to = int(requested)
        if back_to < step or not errors:
            return _render_step(request, back_to, answers, {}, preselect=answers)
    if step > TOTAL_STEPS:
        url = reverse("helpfinder:route") + "?" + _query(answers)
        return HttpResponseRedirect(url)
    return _render_step(request, step, answers, errors)


@sensitive
def route(request):
    """/hulp/route/?wie=..&waar=..&gevaar=..: the tailored route page."""
    step, answers, errors = resolve_step(request.GET, final=True)
    if step <= TOTAL_STEPS:
        return _render_step(request, step, answers, errors)
    plan = routing.plan_route(answers["wie"], answers["waar"], answers["gevaar"])
    routes = {r.slug: r for r in _routes(plan.routes + [routing.DANGER_ROUTE])}
    context = _context(
        request,
        answers=answers,
        who_label=routing.WHO_LABELS[answers["wie"]],
        where_label=routing.WHERE_LABELS[answers["waar"]],
        danger_label=routing.DANGER_LABELS[answers["gevaar"]],
        plan=plan,
        danger_route=routes.get(routing.DANGER_ROUTE) if plan.danger_first else None,
        emergency=_services(routing.EMERGENCY_SERVICES),
        helplines=_services(plan.helplines),
        routes=[routes[slug] for slug in plan.routes if slug in routes],
        compact_routes={routing.EVIDENCE_ROUTE},
        platforms=PlatformGuide.objects.all() if plan.show_platforms else [],
        change_url=reverse("helpfinder:start") + "?" + _query(answers, stap=1),
        back_url=reverse("helpfinder:start") + "?" + _query(answers, stap=TOTAL_STEPS),
    )
    return render(request, "helpfinder/route.html", context)


@sensitive
def route_detail(request, slug):
    """/hulp/route/<slug>/: one help route on its own (where search results lead)."""
    found = _routes([slug])
    if not found:
        raise Http404("Onbekende hulproute.")
    return render(request, "helpfinder/route_detail.html", _context(request, route=found[0]))


@sensitive
def helplines(request):
    """/hulp/hulplijnen/: every help service with its number and opening hours."""
    services = _services(list(HelpService.objects.values_list("slug", flat=True)))
    return render(request, "helpfinder/helplines.html", _context(request, helplines=services))


@sensitive
def platform_index(request):
    return render(
        request,
        "helpfinder/platform_index.html",
        _context(request, platforms=PlatformGuide.objects.all()),
    )


@sensitive
def platform_detail(request, slug):
    guide = get_object_or_404(PlatformGuide, slug=slug)
    context = _context(
        request,
        guide=guide,
        platforms=PlatformGuide.objects.exclude(pk=guide.pk),
        evidence=HelpRoute.objects.filter(slug=routing.EVIDENCE_ROUTE).first(),
        helplines=_services(["awel", "1712", routing.CHILD_FOCUS, routing.TELE_ONTHAAL]),
    )
    return render(request, "helpfinder/platform_detail.html", context)


@sensitive
def evidence(request):
    route_obj = HelpRoute.objects.filter(slug=routing.EVIDENCE_ROUTE).first()
    if route_obj is None:
        raise Http404("Geen pagina over bewijs bewaren.")
    context = _context(
        request,
        route=route_obj,
        platforms=PlatformGuide.objects.all(),
        police=HelpRoute.objects.filter(slug=routing.POLICE_ROUTE).first(),
        helplines=_services(["1712", "awel", routing.TELE_ONTHAAL]),
    )
    return render(request, "helpfinder/evidence.html", context)


@sensitive
def go(request, slug, channel=""):
    """/hulp/ga/<slug>/[<kanaal>/]: every outgoing help link passes here.

    It records nothing itself: it sends `help_route_clicked` (for the analytics app to count)
    and redirects to the target stored in the content, so it can never be an open redirect.
    """
    kind, target = _target(slug, channel)
    if not target:
        raise Http404("Onbekende link.")
    help_route_clicked.send(
        sender=HelpRoute,
        request=request,
        route=slug,
        kind=kind,
        channel=channel or "",
        target=target,
        timestamp=timezone.now(),
    )
    return HttpResponseRedirect(target)


def _target(slug: str, channel: str) -> tuple[str, str]:
    if slug.startswith("melden-") and not channel:
        guide = PlatformGuide.objects.filter(slug=slug.removeprefix("melden-")).first()
        return "platform", guide.help_url if guide else ""
    if not channel:
        route_obj = HelpRoute.objects.filter(slug=slug).first()
        return "route", route_obj.link_url if route_obj else ""
    attribute = SERVICE_CHANNELS.get(channel)
    service = HelpService.objects.filter(slug=slug).first() if attribute else None
    return "service", getattr(service, attribute, "") if service else ""
