"""Background task: import a parsed reference file (see `importers.import_references`).

Runs on the "imports" task backend: immediately in development and tests, queued in the
database for `manage.py db_worker --backend imports` in production, so that a file of
hundreds of references never holds a web request (or the database) for its whole length.
"""

import dataclasses
import logging

from django_tasks import task

from editorial.importers import Reference, import_references
from editorial.models import ReferenceImport

logger = logging.getLogger(__name__)


@task(backend="imports")
def run_reference_import(job_id: int) -> None:
    job = ReferenceImport.objects.select_related("parent", "user").get(pk=job_id)
    if job.status != ReferenceImport.Status.QUEUED:
        return  # already run (a retried or duplicated task)
    job.status = ReferenceImport.Status.RUNNING
    job.save(update_fields=["status"])

    def progress(done: int, total: int) -> None:
        ReferenceImport.objects.filter(pk=job.pk).update(done=done, total=total)

    try:
        report = import_references(
            [Reference(**item) for item in job.references],
            job.parent.specific,
            user=job.user,
            filename=job.filename,
            submit=job.submit_for_review,
            progress=progress,
        )
    except Exception:
        logger.exception("Reference import %s failed", job.pk)
        ReferenceImport.objects.filter(pk=job.pk).update(status=ReferenceImport.Status.FAILED)
        raise
    ReferenceImport.objects.filter(pk=job.pk).update(
        status=ReferenceImport.Status.DONE, report=report.to_json(), references=[]
    )


def reference_data(references) -> list[dict]:
    """Parsed references as JSON for the job."""
    return [dataclasses.asdict(ref) for ref in references]
