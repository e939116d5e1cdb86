"""Admin view 'Referenties importeren': upload a .bib/.ris file, get drafts and a report."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from editorial.forms import ReferenceImportForm
from editorial.importers import ReferenceFileError, import_references, parse_references


def importable_parents(user):
    """Research index pages under which the user may add research summaries."""
    from research.models import ResearchIndexPage

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
        workflow = page.get_workflow()
        perms = page.permissions_for_user(user)
        if workflow is None or not perms.can_submit_for_moderation():
            refused.append(page.title)
            continue
        workflow.start(page, user)
        started += 1
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

    report = import_references(
        references,
        form.cleaned_data["parent"],
        user=request.user,
        dry_run=form.cleaned_data["dry_run"],
        filename=upload.name,
    )
    submitted, refused = 0, []
    if form.cleaned_data["submit_for_review"] and not report.dry_run:
        submitted, refused = submit_for_review(
            [result.page for result in report.imported], request.user
        )
    context.update(
        report=report,
        parent=form.cleaned_data["parent"],
        submitted=submitted,
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
    from django.http import Http404, HttpResponse

    from wagtail.models import Site

    from editorial import citations
    from research.models import ResearchPage

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
