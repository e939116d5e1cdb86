"""The editor's import screen: who may import, Dutch validation, submitting to the board, and
the import as a background task with its progress (issue 15)."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from editorial.tests.conftest import fixture_bytes
from research.models import ResearchPage

pytestmark = pytest.mark.django_db


def upload(name):
    return SimpleUploadedFile(name, fixture_bytes(name))


def test_admin_import_as_redacteur(client, redacteur, tree):
    client.force_login(redacteur)
    url = reverse("editorial_import")
    response = client.get(url)
    assert response.status_code == 200
    assert "Referenties importeren" in response.content.decode()

    response = client.post(
        url, {"file": upload("zotero_export.bib"), "parent": tree.research.pk}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "6 geïmporteerd als concept" in html
    assert "Staat twee keer in het bestand" in html
    assert "Het jaar van publicatie ontbreekt" in html
    assert ResearchPage.objects.filter(live=False).count() == 6

    response = client.post(
        url, {"file": upload("zotero_export.bib"), "parent": tree.research.pk}, follow=True
    )
    html = response.content.decode()
    assert "Bekijk de bestaande samenvatting" in html
    assert ResearchPage.objects.count() == 6


def test_admin_import_of_a_broken_file_imports_nothing(client, redacteur, tree):
    client.force_login(redacteur)
    response = client.post(
        reverse("editorial_import"), {"file": upload("broken.bib"), "parent": tree.research.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is niets geïmporteerd" in html
    assert "Regel 8" in html
    assert ResearchPage.objects.count() == 0


def test_admin_import_validation_in_dutch(client, redacteur, tree):
    client.force_login(redacteur)
    url = reverse("editorial_import")
    response = client.post(url, {"parent": tree.research.pk})
    assert "Kies een bestand om te importeren." in response.content.decode()
    response = client.post(
        url, {"file": SimpleUploadedFile("foto.jpg", b"abc"), "parent": tree.research.pk}
    )
    assert "Kies een BibTeX-bestand (.bib) of een RIS-bestand (.ris)." in response.content.decode()


def test_admin_import_and_submit_to_the_board(client, redacteur, tree):
    client.force_login(redacteur)
    client.post(
        reverse("editorial_import"),
        {
            "file": upload("endnote_export.ris"),
            "parent": tree.research.pk,
            "submit_for_review": "on",
        },
    )
    drafts = ResearchPage.objects.all()
    assert drafts.count() == 3
    for page in drafts:
        assert page.workflow_in_progress
        assert page.current_workflow_task.name == "Beoordeling wetenschappelijke raad"


def test_admin_import_is_refused_without_add_permission(client, partner, tree):
    client.force_login(partner)
    response = client.get(reverse("editorial_import"))
    assert response.status_code == 302  # Wagtail turns PermissionDenied into a message
    assert response.url == reverse("wagtailadmin_home")


QUEUED = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


def many_references(count: int) -> bytes:
    return "".join(
        f"@article{{ref{i}, author={{Peeters, An and Maes, L.M.}}, title={{Pesten op school, "
        f"deel {i}}}, journal={{Tijdschrift voor Onderwijs}}, year={{2020}}}}\n"
        for i in range(count)
    ).encode()


# The real worker closes old connections between tasks, as in production: that needs real
# transactions (and the migrations' groups and workflow restored afterwards).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_import_runs_as_a_background_task_with_progress(client, redacteur, tree, settings):
    from editorial.models import ReferenceImport

    settings.TASKS = QUEUED  # production: queued in the database for the worker
    client.force_login(redacteur)
    response = client.post(
        reverse("editorial_import"),
        {
            "file": SimpleUploadedFile("groot.bib", many_references(60)),
            "parent": tree.research.pk,
            "submit_for_review": "on",
        },
    )
    job = ReferenceImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("editorial_import_status", args=(job.pk,))
    waiting = client.get(response.url).content.decode()
    assert "de import staat in de wachtrij" in waiting
    assert '<meta http-equiv="refresh"' in waiting  # follows itself, also without JavaScript
    assert ResearchPage.objects.count() == 0  # the request did not import anything itself

    call_command(
        "db_worker", "--batch", "--backend", "imports", "--queue-name", "*",
        "--no-startup-delay", verbosity=0,
    )  # fmt: skip
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("klaar", 60, 60)
    report = client.get(response.url).content.decode()
    assert "60 geïmporteerd als concept" in report
    assert "60 concepten ter beoordeling voorgelegd" in report
    drafts = ResearchPage.objects.all()
    assert drafts.count() == 60
    assert all(page.workflow_in_progress for page in drafts)  # none left unsubmitted


def test_someone_else_cannot_read_an_import(client, redacteur, tree):
    from editorial.models import ReferenceImport
    from editorial.setup import REDACTIE
    from editorial.tests.conftest import make_user

    client.force_login(redacteur)
    client.post(
        reverse("editorial_import"),
        {"file": SimpleUploadedFile("a.bib", many_references(1)), "parent": tree.research.pk},
    )
    job = ReferenceImport.objects.get()
    client.force_login(make_user("collega", REDACTIE))
    assert client.get(reverse("editorial_import_status", args=(job.pk,))).status_code == 404


def test_production_queues_imports_for_the_worker():
    from tests.test_settings import PRODUCTION_ENV, run_production

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.TASKS['imports']['BACKEND'], s.TASKS['default']['BACKEND'])"
    )
    result = run_production(code, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django_tasks_db.DatabaseBackend",
        "django_tasks.backends.immediate.ImmediateBackend",  # Wagtail's own tasks stay inline
    ]
