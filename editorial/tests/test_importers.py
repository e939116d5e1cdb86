"""BibTeX and RIS import: references become draft research pages, duplicates are reported and
skipped, a reference the database refuses leaves nothing behind (`test_importers_parsing.py`
reads the files, `test_importers_admin.py` is the editor's screen)."""

import pytest

from django.core.management import CommandError, call_command

from editorial.importers import (
    import_references,
    parse_references,
)
from editorial.tests.conftest import fixture_bytes, parse
from research.models import ResearchPage
from tests import pages

pytestmark = pytest.mark.django_db


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
