"""APA 7, BibTeX and RIS out of a research summary."""

import pytest

from django.template import Context, Template
from django.test import RequestFactory

from editorial.citations import apa7, apa_authors, bibtex, ris
from editorial.importers import parse_references
from research.models import ResearchPage
from tests import pages

# Building a Wagtail page looks up its content type: without database access these tests only
# passed while an earlier test had left Django's content-type cache warm.
pytestmark = pytest.mark.django_db


def page(**fields):
    fields.setdefault("title", "Pagina")
    fields.setdefault("slug", "pagina")
    return ResearchPage(**fields)


ARTICLE = dict(
    original_title=(
        "Defining cyberbullying: A qualitative research into the perceptions of youngsters"
    ),
    authors="Vandebosch, H.; Van Cleemput, K.",
    year=2008,
    publication_type="artikel",
    journal="CyberPsychology & Behavior",
    volume="11",
    issue="4",
    pages="499–503",
    doi="10.1089/cpb.2007.0042",
    language="en",
)


def test_apa_article():
    assert apa7(page(**ARTICLE)) == (
        "Vandebosch, H., &amp; Van Cleemput, K. (2008). Defining cyberbullying: A qualitative "
        "research into the perceptions of youngsters. <i>CyberPsychology &amp; Behavior</i>, "
        "<i>11</i>(4), 499–503. https://doi.org/10.1089/cpb.2007.0042"
    )


def test_apa_report_by_a_group_author_who_is_also_the_publisher():
    citation = apa7(
        page(
            title="Pesten op school",
            authors="Kinderrechtencommissariaat",
            publisher="Kinderrechtencommissariaat",
            year=2018,
            publication_type="rapport",
            publication_url="https://example.org/r.pdf",
        )
    )
    assert citation == (
        "Kinderrechtencommissariaat. (2018). <i>Pesten op school</i>. https://example.org/r.pdf"
    )


def test_apa_book_with_publisher_and_doi():
    citation = apa7(
        page(
            original_title="Understanding school bullying",
            authors="Smith, P. K.",
            year=2014,
            publication_type="boek",
            publisher="SAGE",
            doi="10.4135/9781473906853",
        )
    )
    assert citation == (
        "Smith, P. K. (2014). <i>Understanding school bullying</i>. SAGE. "
        "https://doi.org/10.4135/9781473906853"
    )


def test_apa_chapter():
    citation = apa7(
        page(
            original_title="School bullying: Development and some important challenges",
            authors="Olweus, D.; Limber, S. P.",
            year=2012,
            publication_type="hoofdstuk",
            journal="Handbook of bullying in schools",
            pages="9–33",
            publisher="Routledge",
        )
    )
    assert citation == (
        "Olweus, D., &amp; Limber, S. P. (2012). School bullying: Development and some important "
        "challenges. In <i>Handbook of bullying in schools</i> (pp. 9–33). Routledge."
    )


def test_apa_thesis_and_title_ending_in_question_mark():
    thesis = apa7(
        page(
            original_title="Pesten onder jongeren",
            authors="Dehue, F.",
            year=2013,
            publication_type="proefschrift",
            publisher="Open Universiteit",
        )
    )
    assert (
        thesis
        == "Dehue, F. (2013). <i>Pesten onder jongeren</i> [Proefschrift, Open Universiteit]."
    )
    question = apa7(
        page(
            original_title="Werkt KiVa ook in Vlaanderen?",
            authors="Peeters, J.",
            year=2020,
            publication_type="rapport",
        )
    )
    assert question == "Peeters, J. (2020). <i>Werkt KiVa ook in Vlaanderen?</i>"


def test_apa_author_lists():
    names = [f"Auteur{i}, A." for i in range(1, 25)]
    assert apa_authors(names[:1]) == "Auteur1, A."
    assert apa_authors(names[:2]) == "Auteur1, A., & Auteur2, A."
    assert apa_authors(names[:3]) == "Auteur1, A., Auteur2, A., & Auteur3, A."
    twenty = apa_authors(names[:20])
    assert twenty.endswith("Auteur19, A., & Auteur20, A.") and "…" not in twenty
    many = apa_authors(names)
    assert "Auteur19, A., … Auteur24, A." in many and "Auteur20" not in many


def test_apa_escapes_html():
    citation = apa7(
        page(
            original_title="<script>alert(1)</script>",
            authors="X, Y.",
            year=2020,
            publication_type="rapport",
        )
    )
    assert "<script>" not in citation and "&lt;script&gt;" in citation


def test_bibtex_and_ris_round_trip_through_the_importer():
    source = page(**ARTICLE)
    for name, text in (("a.bib", bibtex(source)), ("a.ris", ris(source))):
        (ref,) = parse_references(name, text.encode())
        for field in (
            "authors",
            "year",
            "journal",
            "volume",
            "issue",
            "pages",
            "doi",
            "publication_type",
            "original_title",
        ):
            assert ref.data[field] == getattr(source, field), (name, field)
    assert bibtex(source).startswith("@article{vandebosch2008defining,")
    assert "journal = {CyberPsychology \\& Behavior}" in bibtex(source)
    assert "author = {{Kinderrechtencommissariaat}}" in bibtex(
        page(authors="Kinderrechtencommissariaat", year=2018, publication_type="rapport")
    )


def test_downloads_and_include_on_a_live_research_page(client, tree):
    study = pages.research(tree.research, "Cyberpesten gedefinieerd", **ARTICLE)
    response = client.get(study.get_url() + "citatie.bib")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cyberpesten-gedefinieerd.bib"'
    assert "@article{" in response.content.decode()

    response = client.get(study.get_url() + "citatie.ris")
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response.content.decode().startswith("TY  - JOUR")

    request = RequestFactory().get(study.get_url())
    html = Template('{% include "includes/research_citation.html" %}').render(
        Context({"page": study, "request": request})
    )
    assert "Kopieer bronvermelding" in html
    assert "Vandebosch, H., &amp; Van Cleemput, K. (2008)." in html
    assert f'href="{study.get_url()}citatie.bib"' in html
    assert f'href="{study.get_url()}citatie.ris"' in html
    assert "js/copy-citation.js" in html
    assert "onclick" not in html  # no inline JavaScript (CSP)


def test_draft_has_no_public_downloads(client, tree):
    pages.draft(tree.research, ResearchPage(title="Concept", slug="concept", **ARTICLE))
    assert client.get("/onderzoek/concept/citatie.bib").status_code == 404
