"""Highlighted titles and snippets (search.highlight): what a visitor sees marked in a result."""

from search.analysis import analyze
from search.highlight import highlight_title, snippet


def stems(query: str) -> set[str]:
    return set(analyze(query))


def test_the_title_marks_every_form_of_the_words_and_escapes_the_rest():
    assert highlight_title("Pesten & pest <op> school", stems("pesten")) == (
        "<mark>Pesten</mark> &amp; <mark>pest</mark> &lt;op&gt; school"
    )
    assert highlight_title("Geëvalueerde aanpak", stems("geevalueerd")) == "<mark>Geëvalueerde</mark> aanpak"
    assert highlight_title("Pesten op het werk", stems("op het")) == "Pesten op het werk"  # stopwords


def test_a_summary_that_names_the_words_is_the_snippet():
    summary = "Wat doe je tegen pesten in de klas?"
    body = "Een lange tekst over pesten " * 40
    assert snippet(summary, body, stems("pesten")) == "Wat doe je tegen <mark>pesten</mark> in de klas?"


def test_otherwise_the_passage_of_the_body_around_the_first_match():
    body = " ".join(f"woord{n}" for n in range(60)) + " over sexting en <b>sexting</b> " + "slot " * 80
    result = snippet("Een samenvatting zonder het woord.", body, stems("sexting"))
    assert result.startswith("…") and result.endswith("…")
    assert result.count("<mark>sexting</mark>") == 2
    assert "&lt;b&gt;<mark>sexting</mark>&lt;/b&gt;" in result
    assert "woord40" not in result and "woord55" in result  # starts about 60 characters before
    assert len(result) < 300


def test_a_word_cut_at_the_edge_of_the_passage_is_not_marked():
    body = "x" * 100 + " sexting " + "a " * 120 + "sextingsexting sexting"
    result = snippet("", body, stems("sexting"))
    assert result.count("<mark>") == 1 and result.endswith("…")


def test_without_words_the_summary_is_shortened_at_a_space():
    summary = "Een samenvatting van een toolkit " * 20
    result = snippet(summary, "", set())
    assert "<mark>" not in result and result.endswith(" een…")
    assert len(result) <= 261
    assert snippet("", "Alleen een tekst.", set()) == "Alleen een tekst."
