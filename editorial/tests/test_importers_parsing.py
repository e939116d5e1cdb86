"""BibTeX and RIS files read into references: real-world-shaped files with accents, missing
fields, names and broken entries, each with a clear Dutch message."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from editorial.importers import (
    ReferenceFileError,
    normalise_doi,
    parse_references,
)
from editorial.tests.conftest import fixture_bytes, parse
from research.models import ResearchPage

pytestmark = pytest.mark.django_db


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
