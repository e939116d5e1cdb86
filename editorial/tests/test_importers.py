"""BibTeX and RIS import: real-world-shaped files with accents, missing fields, duplicates and
broken entries."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from editorial.importers import (
    ReferenceFileError,
    import_references,
    normalise_doi,
    parse_references,
)
from editorial.tests.conftest import fixture_bytes
from research.models import ResearchPage
from tests import pages

pytestmark = pytest.mark.django_db


def parse(name):
    return parse_references(name, fixture_bytes(name))


# -- parsing ---------------------------------------------------------------------------------


def test_bibtex_fields_accents_and_types():
    refs = {ref.label.split(" ")[0]: ref for ref in parse("zotero_export.bib")}
    article = refs["vandebosch_defining_2008"].data
    assert article["authors"] == "Vandebosch, H.; Van Cleemput, K."
    assert article["journal"] == "CyberPsychology & Behavior"  # @string macro and \&
    assert article["pages"] == "499–503"
    assert article["doi"] == "10.1089/cpb.2007.0042"
    assert article["publication_type"] == "artikel"
    assert (article["volume"], article["issue"], article["year"]) == ("11", "4", 2008)

    report = refs["pabian_pesten_2019"].data
    assert (
        report["title"] == "Pesten en cyberpesten bij Vlaamse jongeren: één op de vijf is betrokken"
    )
    assert report["authors"] == "Pabian, S.; Döring, J.; De Bourdeaudhuij, I.; François, J.-P."
    assert report["publisher"] == "Universiteit Antwerpen"
    assert report["publication_url"] == "https://example.org/rapporten/pesten%202019.pdf"  # % is no comment
    assert (report["publication_type"], report["language"]) == ("rapport", "nl")

    assert refs["vlaams_instituut_2021"].data["authors"] == "Vlaams Instituut Gezond Leven"
    chapter = refs["olweus_school_2012"].data
    assert (chapter["publication_type"], chapter["journal"]) == (
        "hoofdstuk",
        "Handbook of bullying in schools",
    )
    assert chapter["authors"] == "Olweus, D.; Limber, S. P."
    assert refs["dehue_2013"].data["publication_type"] == "proefschrift"
    assert refs["dehue_2013"].data["publisher"] == "Open Universiteit"
    assert refs["smith_2014"].data["publication_type"] == "boek"
    assert "jaar" in refs["kinderrechtencommissariaat_onbekend"].error


def test_ris_fields_bom_crlf_accents_and_continuation_lines():
    refs = parse("endnote_export.ris")
    assert len(refs) == 5
    article = refs[0].data
    assert article["title"] == "The role of empathy in adolescents’ cyberbullying: één studie"
    assert article["authors"] == "Pabian, S.; Vandebosch, H."
    assert (article["year"], article["volume"], article["pages"]) == (2015, "47", "112–118")
    assert article["journal"] == "Computers in Human Behavior"
    assert refs[1].data["language"] == "nl"
    assert refs[1].data["publication_url"] == "https://example.org/kinderrechten.pdf"
    assert refs[2].data["publication_type"] == "hoofdstuk"
    assert "jaar" in refs[3].error


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("kapot.bib", fixture_bytes("broken.bib"), "Regel 8"),
        ("kapot.ris", fixture_bytes("broken.ris"), "Regel 7"),
        ("leeg.bib", b"   \n", "leeg"),
        ("tekst.bib", b"Dit is gewoon een brief.", "geen BibTeX"),
        ("tekst.ris", b"Dit is gewoon een brief.", "geen RIS"),
        ("foto.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "leesbaar"),
        ("export.txt", b"Gewone tekst zonder referenties.", "niet herkend"),
        ("dubbel.bib", b"@book{a, title={T}, title={U}, year=2000, author={X, Y}}", "twee keer"),
    ],
)
def test_malformed_files_give_a_clear_dutch_message(name, content, fragment):
    with pytest.raises(ReferenceFileError) as info:
        parse_references(name, content)
    text = info.value.message + " ".join(info.value.details)
    assert fragment in text


def test_normalise_doi():
    assert normalise_doi(" https://doi.org/10.1089/CPB.2007.0042 ") == "10.1089/CPB.2007.0042"
    assert normalise_doi("doi:10.1/x.") == "10.1/x"
    assert normalise_doi("http://dx.doi.org/10.1/x") == "10.1/x"


# -- importing -------------------------------------------------------------------------------


def test_import_creates_drafts_and_reports_duplicates_and_errors(tree, admin_user):
    existing = pages.research(
        tree.research, "Empathie en cyberpesten", original_title="", doi="10.1016/J.CHB.2014.08.021"
    )
    report = import_references(parse("endnote_export.ris"), tree.research, user=admin_user)

    assert [r.title for r in report.imported] == [
        "Pesten op school: wat kinderen ons vertellen",
        "Peer-led intervention campaigns against school bullying",
    ]
    skipped = {r.title: r for r in report.skipped}
    assert (
        skipped["The role of empathy in adolescents’ cyberbullying: één studie"].existing
        == existing
    )
    assert "DOI" in skipped["The role of empathy in adolescents’ cyberbullying: één studie"].message
    assert (
        "twee keer in het bestand"
        in skipped["Pesten op school. Wat kinderen ons vertellen"].message
    )
    assert [r.title for r in report.errors] == ["Een boek zonder jaartal"]

    page = ResearchPage.objects.get(title="Peer-led intervention campaigns against school bullying")
    assert not page.live
    assert page.get_parent().specific == tree.research
    assert page.owner == admin_user
    assert page.latest_revision is not None
    assert page.pages == "251–273"
    assert page.summary == "" and page.key_findings == ""  # left for the editor
    assert page.next_review is not None  # three years ahead by default


def test_import_again_skips_everything_by_doi_or_title_and_year(tree):
    first = import_references(parse("zotero_export.bib"), tree.research)
    assert len(first.imported) == 6
    assert [r.label.split(" ")[0] for r in first.skipped] == ["vandebosch_duplicate"]
    assert len(first.errors) == 1
    second = import_references(parse("zotero_export.bib"), tree.research)
    assert second.imported == []
    assert len(second.skipped) == 7
    by_title = next(r for r in second.skipped if r.title.startswith("Samen tegen pesten"))
    assert by_title.message == "Bestaat al: zelfde titel en jaar."
    assert ResearchPage.objects.count() == 6


def test_dry_run_creates_nothing(tree):
    report = import_references(parse("zotero_export.bib"), tree.research, dry_run=True)
    assert len(report.imported) == 6
    assert ResearchPage.objects.count() == 0


def test_long_titles_and_slugs(tree):
    long_title = "Pesten " * 60
    data = f"@article{{a, title={{{long_title}}}, author={{Peeters, Jan}}, year={{2020}}}}\n"
    data += "@article{b, title={Pesten}, author={Maes, Lea}, year={2021}}\n"
    data += "@article{c, title={Pesten}, author={Maes, Lea}, year={2022}}\n"
    report = import_references(parse_references("x.bib", data.encode()), tree.research)
    assert len(report.imported) == 3
    slugs = sorted(r.page.slug for r in report.imported)
    assert len(set(slugs)) == 3
    long_page = report.imported[0].page
    assert len(long_page.title) <= 255 and long_page.original_title.startswith("Pesten Pesten")


# -- management command ----------------------------------------------------------------------


def test_command_imports_and_reports_in_english(tree, tmp_path, capsys):
    path = tmp_path / "refs.bib"
    path.write_bytes(fixture_bytes("zotero_export.bib"))
    call_command("import_references", str(path), "--parent-slug", "onderzoek")
    out = capsys.readouterr().out
    assert "6 imported as drafts under 'Onderzoek', 1 skipped, 1 errors." in out
    assert "Skipped: vandebosch_duplicate" in out


def test_command_refuses_a_broken_file(tree, tmp_path):
    path = tmp_path / "broken.bib"
    path.write_bytes(fixture_bytes("broken.bib"))
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_references", str(path))
    assert ResearchPage.objects.count() == 0


# -- admin view ------------------------------------------------------------------------------


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


# -- honest metadata, names, keyless BibTeX, huge fields (issue 15) ---------------------------

RIS_NAMES = """TY  - RPRT
AU  - Menesini, L.M.
AU  - Van der Berg, J.-P.
AU  - Ministerie van Onderwijs en Vorming, Vlaamse Overheid
AU  - World Health Organization
TI  - Bullying among Brazilian adolescents
PY  - 2019
ER  -
"""


def test_ris_keeps_initials_and_organisation_authors():
    (ref,) = parse_references("namen.ris", RIS_NAMES.encode())
    assert ref.data["authors"] == (
        "Menesini, L. M.; Van der Berg, J.-P.; "
        "Ministerie van Onderwijs en Vorming, Vlaamse Overheid; World Health Organization"
    )


def test_bibtex_organisation_author_without_braces_stays_whole():
    data = b"@techreport{r, author={Vlaams Instituut Gezond Leven and Menesini, L.M.}, title={T}, year=2020}"
    (ref,) = parse_references("org.bib", data)
    assert ref.data["authors"] == "Vlaams Instituut Gezond Leven; Menesini, L. M."


def test_bibtex_entries_without_citation_keys_are_imported(tree):
    data = (
        b"@article{author = {Menesini, Ersilia}, title = {Zonder sleutel}, year = {2017}}\n"
        b"@book{, author = {Smith, Peter K.}, title = {Lege sleutel}, year = {2014}}\n"
        b"@article{olweus_1993, author = {Olweus, Dan}, title = {Met sleutel}, year = {1993}}\n"
    )
    refs = parse_references("zonder-sleutels.bib", data)
    assert [r.label for r in refs] == [
        "zonder sleutel (regel 1)",
        "zonder sleutel (regel 2)",
        "olweus_1993 (regel 3)",
    ]
    report = import_references(refs, tree.research)
    assert len(report.imported) == 3 and not report.errors


def test_import_never_invents_method_or_region(client, redacteur, tree):
    client.force_login(redacteur)
    response = client.post(
        reverse("editorial_import"),
        {"file": SimpleUploadedFile("namen.ris", RIS_NAMES.encode()), "parent": tree.research.pk},
        follow=True,
    )
    page = ResearchPage.objects.get()
    assert (page.region, page.method) == ("", "")  # unknown stays unknown
    html = response.content.decode()
    assert "zelf aanvullen" in html
    assert "taal (afgeleid uit de titel, nakijken), regio, methode" in html


def test_one_huge_field_is_read_in_linear_time(tmp_path):
    """A 2 MB author field took minutes (quadratic); now seconds. A hang guard of 90 s in a
    child process, not a speed measurement: the old code needed several minutes."""
    import subprocess
    import sys

    path = tmp_path / "groot.bib"
    names = " and ".join(["Smith, P."] * 150_000)
    path.write_text(f"@article{{x, year=2020, title={{T}}, author={{{names}}}}}\n")
    script = (
        "import django, sys; django.setup(); from editorial.importers import parse_references; "
        "(r,) = parse_references('groot.bib', open(sys.argv[1], 'rb').read()); "
        "print(r.data['authors'][-20:])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=90
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("; et al.")


# -- background import: progress, per-item transactions, never half-submitted (issue 15) ------

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


def test_a_reference_the_database_refuses_leaves_nothing_and_the_rest_goes_on(
    redacteur, tree
):
    """A real database error (a trigger refuses one row) on the second of three references:
    that one leaves no page, revision or workflow behind; the others are created and
    submitted. Before, all drafts were one transaction and submitting came afterwards."""
    from django.db import connection

    from wagtail.models import PageLogEntry, Revision

    table = ResearchPage._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION kc_refuse() RETURNS trigger AS $$ BEGIN "
                "IF NEW.original_title = 'Geweigerd' THEN RAISE EXCEPTION 'geweigerd'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER kc_refuse BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION kc_refuse()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER kc_refuse BEFORE INSERT ON {table} "
                "WHEN NEW.original_title = 'Geweigerd' BEGIN SELECT RAISE(ABORT, 'geweigerd'); END"
            )
    data = (
        b"@article{a, author={Maes, L.}, title={Eerste}, year=2020}\n"
        b"@article{b, author={Maes, L.}, title={Geweigerd}, year=2020}\n"
        b"@article{c, author={Maes, L.}, title={Derde}, year=2020}\n"
    )
    report = import_references(
        parse_references("drie.bib", data), tree.research, user=redacteur, submit=True
    )
    assert [r.title for r in report.imported] == ["Eerste", "Derde"]
    assert [r.title for r in report.errors] == ["Geweigerd"]
    assert "Van deze referentie is niets bewaard" in report.errors[0].message
    assert report.submitted == 2
    assert sorted(ResearchPage.objects.values_list("title", flat=True)) == ["Derde", "Eerste"]
    assert all(page.workflow_in_progress for page in ResearchPage.objects.all())
    assert not Revision.objects.filter(object_str="Geweigerd").exists()
    assert not PageLogEntry.objects.filter(label="Geweigerd").exists()
    tree.research.refresh_from_db()
    assert tree.research.numchild == 2 and tree.research.get_children().count() == 2
