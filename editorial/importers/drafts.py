"""Reference -> draft research summary: duplicates (DOI, else title and year) are skipped, each
new draft is created in its own transaction, optionally submitted to the board's workflow."""

from __future__ import annotations

from django.db import DatabaseError, transaction
from django.utils.text import slugify

from wagtail.log_actions import log

from editorial.importers.references import EntryResult, ImportReport, Reference, doi_key, title_key
from research.models import ResearchPage


def _unique_slug(base: str, taken: set[str]) -> str:
    base = (slugify(base)[:70].strip("-")) or "onderzoek"
    slug, counter = base, 2
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    taken.add(slug)
    return slug


def start_review(page, user) -> bool:
    """Start the page's workflow (the board's review); False when there is none or no right."""
    workflow = page.get_workflow()
    if workflow is None or not page.permissions_for_user(user).can_submit_for_moderation():
        return False
    workflow.start(page, user)
    return True


CREATE_FAILED = (
    "Kon niet worden aangemaakt ({error}). Van deze referentie is niets bewaard; importeer het "
    "bestand opnieuw om ze alsnog toe te voegen."
)


def import_references(
    references: list[Reference],
    parent,
    user=None,
    dry_run: bool = False,
    filename: str = "",
    submit: bool = False,
    progress=None,
) -> ImportReport:
    """Create a draft ResearchPage under `parent` per new reference.

    All or nothing per reference: the draft, its revision, its log entries and (with
    `submit`) the start of the board's workflow are one transaction, short enough not to hold
    the database for the whole file. `progress(done, total)` is called after each reference.
    """
    report = ImportReport(filename=filename, dry_run=dry_run)
    existing = list(ResearchPage.objects.only("id", "title", "original_title", "year", "doi"))
    by_doi = {doi_key(p.doi): p for p in existing if p.doi}
    by_title = {}
    for page in existing:
        for title in (page.title, page.original_title):
            if title:
                by_title.setdefault((title_key(title), page.year), page)
    seen_doi, seen_title = {}, {}
    to_create = []

    for ref in references:
        result = EntryResult(label=ref.label, title=ref.title, unknown=ref.unknown)
        if ref.error:
            result.message = ref.error
            report.errors.append(result)
            continue
        doi = doi_key(ref.data["doi"])
        titles = (ref.data["title"], ref.data["original_title"])
        keys = {(title_key(t), ref.data["year"]) for t in titles}
        duplicate = by_doi.get(doi) if doi else None
        if duplicate:
            result.existing = duplicate
            result.message = f"Bestaat al: zelfde DOI ({ref.data['doi']})."
        elif not doi and (match := next((by_title[k] for k in keys if k in by_title), None)):
            result.existing = match
            result.message = "Bestaat al: zelfde titel en jaar."
        elif doi and doi in seen_doi:
            result.message = f"Staat twee keer in het bestand: zelfde DOI als {seen_doi[doi]}."
        elif any(k in seen_title for k in keys):
            other = next(seen_title[k] for k in keys if k in seen_title)
            result.message = f"Staat twee keer in het bestand: zelfde titel en jaar als {other}."
        if result.message:
            report.skipped.append(result)
            continue
        if doi:
            seen_doi[doi] = ref.label
        for key in keys:
            seen_title[key] = ref.label
        to_create.append((ref, result))

    if dry_run:
        report.imported = [result for _ref, result in to_create]
        return report

    total, done = len(references), len(references) - len(to_create)
    if progress:
        progress(done, total)
    taken = set(parent.get_children().values_list("slug", flat=True))
    for ref, result in to_create:
        try:
            with transaction.atomic():
                page = ResearchPage(
                    **ref.data, slug=_unique_slug(ref.data["title"], taken), live=False, owner=user
                )
                parent.add_child(instance=page)
                log(instance=page, action="wagtail.create", user=user)
                page.save_revision(user=user, log_action=True)
                if submit and start_review(page, user):
                    result.submitted = True
        except DatabaseError as error:
            parent.refresh_from_db()  # the tree counters of the rolled-back child
            result.message = CREATE_FAILED.format(error=type(error).__name__)
            report.errors.append(result)
        else:
            result.page = page
            report.imported.append(result)
        done += 1
        if progress:
            progress(done, total)
    parent.refresh_from_db()
    return report
