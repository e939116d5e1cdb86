"""The self-assessment (zelfscan): questions, action plan, PDF, saved plans, advice per cell."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from planning import answers as codec
from planning.models import SavedScan, Scan
from planning.origin import same_origin
from planning.recommend import advice_for
from planning.signals import announce
from taxonomy.models import WholeSchoolCell


def message(request, title, text, status=400, links=()):
    """A clear Dutch message instead of an error page."""
    return render(
        request, "planning/message.html", {"title": title, "text": text, "links": links}, status=status
    )


def _scan(slug):
    return Scan.objects.filter(slug=slug).select_related("audience").first()


def _questions(scan):
    return list(
        scan.questions.select_related("cell__strategy", "cell__level", "approach", "topic")
    )


def _not_found(request):
    return message(
        request,
        "Deze zelfscan bestaat niet",
        "Kies hieronder de zelfscan voor je school, vereniging of organisatie.",
        status=404,
        links=[("/zelfscan/", "Alle zelfscans")],
    )


@require_GET
def scan_index(request):
    return render(request, "planning/scan_index.html", {"scans": Scan.objects.all()})


@never_cache  # counts "started": a page cache must not swallow the count
@require_GET
def scan_form(request, slug):
    scan = _scan(slug)
    if scan is None:
        return _not_found(request)
    questions = _questions(scan)
    given, error = {}, ""
    if "a" in request.GET:  # "change my answers" from a plan
        try:
            given = codec.decode(scan.slug, request.GET["a"])
        except codec.AnswersError as exc:
            error = exc.message
    else:
        announce(request, "zelfscan-gestart", scan.audience.slug)
    return render(request, "planning/scan_form.html", _form_context(scan, questions, given, error))


def _form_context(scan, questions, given, error="", missing=()):
    return {
        "scan": scan,
        "questions": [
            {"q": q, "value": given.get(q.pk, ""), "missing": q.pk in missing} for q in questions
        ],
        "choices": list(codec.LABELS.items()),
        "error": error,
        "missing_count": len(missing),
    }


def _plan_context(request, scan, questions, given, share_url):
    rows = []
    covered, gaps = [], []
    for question in questions:
        answer = given.get(question.pk)
        if answer is None:
            continue
        if answer == "ja":
            covered.append(question)
        else:
            gaps.append(advice_for(scan, question, answer))
    return {
        "scan": scan,
        "covered": covered,
        "gaps": gaps,
        "labels": codec.LABELS,
        "grid": _grid(questions, given) if any(q.cell_id for q in questions) else None,
        "share_url": share_url,
        "absolute_share_url": request.build_absolute_uri(share_url),
        "today": timezone.localdate(),
        "answered": len(given),
        "total": len(questions),
        "rows": rows,
    }


def _grid(questions, given):
    """The 4×4 matrix with the answer per cell: rows are strategies, columns levels."""
    by_cell = {q.cell_id: (q, given.get(q.pk, "")) for q in questions if q.cell_id}
    cells = WholeSchoolCell.objects.select_related("strategy", "level")
    levels, rows = [], {}
    for cell in cells:
        if cell.level not in levels:
            levels.append(cell.level)
        question, answer = by_cell.get(cell.pk, (None, ""))
        rows.setdefault(cell.strategy, []).append(
            {"cell": cell, "question": question, "answer": answer, "label": codec.LABELS.get(answer, "")}
        )
    levels.sort(key=lambda level: (level.sort_order, level.name))
    return {"levels": levels, "rows": sorted(rows.items(), key=lambda r: (r[0].sort_order, r[0].name))}


def _decode_or_message(request, scan):
    try:
        given = codec.decode(scan.slug, request.GET.get("a", ""))
    except codec.AnswersError as exc:
        return None, message(
            request, "We kunnen dit actieplan niet openen", exc.message,
            links=[(reverse("planning_scan", args=[scan.slug]), f"{scan.title} opnieuw invullen")],
        )
    return given, None


@never_cache  # counts "completed"
@require_GET
def scan_plan(request, slug):
    """Answers from the form become a signed link (redirect); the link shows the plan."""
    scan = _scan(slug)
    if scan is None:
        return _not_found(request)
    questions = _questions(scan)
    if "a" not in request.GET:
        result = codec.from_form(questions, request.GET)
        if result.missing:
            context = _form_context(
                scan, questions, result.answers,
                "Beantwoord elke vraag (kies ‘Weet ik niet’ als je het niet weet). "
                f"Er ontbreken nog {len(result.missing)} antwoorden.",
                result.missing,
            )
            return render(request, "planning/scan_form.html", context, status=400)
        announce(request, "zelfscan-voltooid", scan.audience.slug)
        token = codec.encode(scan.slug, result.answers)
        url = reverse("planning_plan", args=[scan.slug]) + "?" + urlencode({"a": token})
        return HttpResponseRedirect(url)
    given, error = _decode_or_message(request, scan)
    if error:
        return error
    share_url = request.get_full_path()
    context = _plan_context(request, scan, questions, given, share_url)
    context["token"] = request.GET["a"]
    return render(request, "planning/scan_plan.html", context)


@require_GET
def scan_pdf(request, slug):
    scan = _scan(slug)
    if scan is None:
        return _not_found(request)
    given, error = _decode_or_message(request, scan)
    if error:
        return error
    share_url = reverse("planning_plan", args=[scan.slug]) + "?" + urlencode({"a": request.GET["a"]})
    context = _plan_context(request, scan, _questions(scan), given, share_url)
    return _pdf_response(context, f"actieplan-{scan.slug}-{context['today'].isoformat()}.pdf")


def _pdf_response(context, filename):
    from weasyprint import HTML  # lazy: loading pango takes seconds; only this PDF needs it

    with open(finders.find("planning/plan-print.css"), encoding="utf-8") as css:
        context = context | {"css": css.read(), "pdf": True}
    html = render_to_string("planning/plan_pdf.html", context)

    def no_fetch(url, *args, **kwargs):  # the PDF never reaches out to any server
        raise ValueError(f"External resources are not loaded in the PDF: {url}")

    pdf = HTML(string=html, url_fetcher=no_fetch).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@csrf_exempt  # same-origin check instead: no CSRF cookie for visitors
@require_POST
def scan_save(request, slug):
    scan = _scan(slug)
    if scan is None:
        return _not_found(request)
    if not same_origin(request):
        return message(request, "Niet bewaard", "Bewaar je actieplan met de knop op het actieplan zelf.", 403)
    token = request.POST.get("a", "")
    try:
        codec.decode(scan.slug, token)
    except codec.AnswersError as exc:
        return message(request, "Niet bewaard", exc.message)
    saved = SavedScan.objects.create(scan=scan, answers=token)
    return HttpResponseRedirect(reverse("planning_saved", args=[saved.token]))


@never_cache
@require_GET
def scan_saved(request, token):
    saved = SavedScan.objects.filter(token=token[:64]).select_related("scan__audience").first()
    if saved is None or saved.expires < timezone.localdate():
        return message(
            request,
            "Deze link werkt niet (meer)",
            "Een bewaard actieplan blijft een jaar beschikbaar; daarna verwijderen we het. "
            "Misschien is deze link verlopen of niet volledig gekopieerd. Vul de zelfscan opnieuw in.",
            status=410 if saved else 404,
            links=[("/zelfscan/", "Naar de zelfscans")],
        )
    scan = saved.scan
    given = codec.decode(scan.slug, saved.answers)
    share_url = reverse("planning_saved", args=[saved.token])
    context = _plan_context(request, scan, _questions(scan), given, share_url)
    context |= {"token": saved.answers, "saved": saved}
    return render(request, "planning/scan_plan.html", context)


@require_GET
def cell_advice(request, slug, strategy, level):
    """What to do for one cell of the matrix (linked from the school page's empty cells)."""
    scan = _scan(slug)
    question = scan and scan.questions.filter(
        cell__strategy__slug=strategy, cell__level__slug=level
    ).select_related("cell__strategy", "cell__level").first()
    if question is None:
        return message(
            request, "Geen advies voor deze cel",
            "Voor deze combinatie van strategie en niveau hebben we (nog) geen vraag en advies.",
            status=404, links=[("/zelfscan/", "Naar de zelfscans")],
        )
    advice = advice_for(scan, question)
    return render(request, "planning/cell_advice.html", {"scan": scan, "gap": advice})
