"""Admin view 'Referenties importeren': upload a .bib/.ris file, get drafts and a report."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from wagtail.models import Site

from editorial import citations
from editorial.forms import ReferenceImportForm
from editorial.importers import ImportReport, ReferenceFileError, import_references, parse_references, start_review
from editorial.models import ReferenceImport
from editorial.tasks import reference_data, run_reference_import
from research.models import ResearchIndexPage, ResearchPage


def importable_parents(user):
    """Research index pages under which the user may add research summaries."""
    ids = [
        page.pk
        for page in ResearchIndexPage.objects.all()
        if page.permissions_for_user(user).can_add_subpage()
    ]
    return ResearchIndexPage.objects.filter(pk__in=ids).order_by("path")


def submit_for_review(pages, user) -> tuple[int, list[str]]:
    """Start the page's workflow for each draft; returns (count, titles that could not)."""
    started, refused = 0, []
    for page in pages:
        if start_review(page, user):
            started += 1
        else:
            refused.append(page.title)
    return started, refused


def import_view(request):
    parents = importable_parents(request.user)
    if not parents.exists():
        raise PermissionDenied
    context = {"page_title": "Referenties importeren", "header_icon": "upload"}

    if request.method != "POST":
        form = ReferenceImportForm(parents=parents, initial={"parent": parents.first()})
        return TemplateResponse(request, "editorial/import_form.html", {**context, "form": form})

    form = ReferenceImportForm(request.POST, request.FILES, parents=parents)
    if not form.is_valid():
        return TemplateResponse(request, "editorial/import_form.html", {**context, "form": form})

    upload = form.cleaned_data["file"]
    try:
        references = parse_references(upload.name, upload.read())
    except ReferenceFileError as error:
        context.update(form=form, file_error=error, filename=upload.name)
        return TemplateResponse(request, "editorial/import_form.html", context)

    parent = form.cleaned_data["parent"]
    if form.cleaned_data["dry_run"]:  # reads only: answered at once
        report = import_references(references, parent, dry_run=True, filename=upload.name)
        context.update(report=report, parent=parent, page_title="Resultaat van de proefimport")
        return TemplateResponse(request, "editorial/import_report.html", context)

    # The import itself runs as a background task; the editor follows it on its own page.
    job = ReferenceImport.objects.create(
        user=request.user,
        parent=parent,
        filename=upload.name[:255],
        submit_for_review=form.cleaned_data["submit_for_review"],
        total=len(references),
        references=reference_data(references),
    )
    run_reference_import.enqueue(job.pk)
    return redirect("editorial_import_status", job.pk)


def import_status_view(request, job_id):
    """Progress of an import (refreshes itself, also without JavaScript), then its report."""
    job = get_object_or_404(ReferenceImport.objects.select_related("parent"), pk=job_id)
    if job.user_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    context = {"job": job, "parent": job.parent, "header_icon": "upload"}
    if not job.finished:
        context["page_title"] = "Import bezig"
        return TemplateResponse(request, "editorial/import_progress.html", context)
    report = ImportReport.from_json(job.report)
    refused = []
    if job.submit_for_review:
        refused = [r.title for r in report.imported if not r.submitted]
    context.update(
        report=report,
        submitted=report.submitted,
        refused=refused,
        page_title="Resultaat van de import",
    )
    return TemplateResponse(request, "editorial/import_report.html", context)


CITATION_FORMATS = {
    "bib": ("application/x-bibtex", "bibtex"),
    "ris": ("application/x-research-info-systems", "ris"),
}


def citation_download(request, page_path, extension):
    """`/onderzoek/<slug>/citatie.bib` and `.ris`: the citation of a live research summary."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    page = page.specific
    if not isinstance(page, ResearchPage) or not page.live:
        raise Http404
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    content_type, function = CITATION_FORMATS[extension]
    text = getattr(citations, function)(page)
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.{extension}"'
    return response
