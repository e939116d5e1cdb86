"""The Elasticsearch index: analysis settings and mapping, built with `elasticsearch.dsl`.

Pure functions only (no cluster): the golden tests pin what they return.

The analysis mirrors `search.analysis` token for token, so the cluster and the database
engine see the same terms:

    words:    split on anything that is not a letter, digit or combining mark
    folding:  lowercase, then ASCII folding ("Geëvalueerd" -> "geevalueerd")
    length:   tokens truncated to MAX_TOKEN_LENGTH characters
    stop:     the project's own short stopword list (not Lucene's `_dutch_`)
    stemmer:  Dutch *Porter*, pinned by name (`dutch_porter`). Since Snowball 3 the name
              `dutch` means Kraaij-Pohlmann ("gezondheid" -> "zon"); a new index is probed
              with the `_analyze` API before it goes live (see `PROBE_TEXT`).

Search-time only, the editors' synonym list (`search.models.SynonymGroup`) is a
`synonym_graph` filter after the stemmer: ES runs each rule through the filters before it,
so a rule written in words ("pesten, gepest") becomes a rule on stems, exactly like
`search.analysis.synonym_map`.
"""

from __future__ import annotations

import hashlib

from elasticsearch.dsl import (
    Date,
    Index,
    Keyword,
    Mapping,
    Object,
    Text,
    analyzer,
    normalizer,
    token_filter,
    tokenizer,
)

from search.analysis import MAX_TOKEN_LENGTH, STEMMER_ALGORITHM, STOPWORDS, analyze, words

#: Bump when the mapping or analysis changes incompatibly; stored in the index's `_meta`.
SCHEMA_VERSION = 2  # 2: title_terms (exact-title ranking)
#: Fields searched by text queries and their weights (title > summary > body).
TEXT_FIELDS = ("title^3", "summary^2", "body")
#: Longest prefix the suggestion field indexes; longer typed prefixes are cut to this.
PREFIX_MAX_GRAM = 20
#: Words that must come out of the cluster's analyzer exactly as `search.analysis.analyze`
#: makes them. "gezondheid" and "geweld" tell Porter from Kraaij-Pohlmann.
PROBE_TEXT = (
    "Gezondheid, geweld en welzijn: gepeste kinderen, pesterijen op de werkvloer, "
    "geëvalueerde aanpakken in het café"
)
#: The facets with a mapping of their own. Any other facet a document carries is mapped
#: as keyword too (dynamic template), so no value is ever lost.
FACET_FIELDS = (
    "type",
    "herkomst",
    "doelgroep",
    "thema",
    "aanpak",
    "leeftijd",
    "omgeving",
    "bewijs",
    "strategie",
    "niveau",
    "cel",
    "jaar",
    "taal",
)

# Analysis components -------------------------------------------------------------------

WORDS = tokenizer("kc_words", "pattern", pattern=r"[^\p{L}\p{N}\p{M}]+")
TRUNCATE = token_filter("kc_truncate", "truncate", length=MAX_TOKEN_LENGTH)
STOP = token_filter("kc_stop", "stop", stopwords=sorted(STOPWORDS))
PREFIXES = token_filter("kc_prefixes", "edge_ngram", min_gram=1, max_gram=PREFIX_MAX_GRAM)
FOLDING = ["lowercase", "asciifolding"]


def stemmer_filter(language: str = STEMMER_ALGORITHM):
    return token_filter("kc_stemmer", "stemmer", language=language)


def synonym_rules(groups: list[list[str]]) -> list[str]:
    """Editors' synonym groups -> Solr-format rules for the `synonym_graph` filter.

    Same selection as `search.analysis.synonym_map`: only entries that analyse to one term
    take part (a multi-word entry would make its words synonyms on their own); entries with
    the same stem count once; a group needs two stems to be a rule. Each entry is written as
    its one meaningful folded word, so ES (which runs rules through the filters before the
    synonym filter) derives the same stem as Python."""
    rules = set()
    for group in groups:
        by_stem: dict[str, str] = {}
        for entry in group:
            terms = analyze(entry)
            if len(terms) != 1:
                continue
            word = next(w for w in words(entry) if w not in STOPWORDS)
            by_stem.setdefault(terms[0], word)
        if len(by_stem) >= 2:
            rules.add(", ".join(sorted(by_stem.values())))
    return sorted(rules)


def rules_digest(rules: list[str]) -> str:
    return hashlib.sha256("\n".join(rules).encode()).hexdigest()[:16]


def analyzers(rules: list[str], language: str = STEMMER_ALGORITHM) -> dict:
    """name -> dsl analyzer. `kc_dutch` indexes text; `kc_dutch_search` is the same chain
    plus the editors' synonyms; `kc_stems` reads already-stemmed query terms (synonym
    alternatives from `search.analysis`, suggestion prefixes); `kc_folded` keeps whole
    words (spelling); `kc_prefix` indexes every prefix of every title stem (suggestions)."""
    stem = stemmer_filter(language)
    dutch_chain = [*FOLDING, TRUNCATE, STOP, stem]
    search_chain = list(dutch_chain)
    if rules:  # an empty synonym filter is not valid: leave it out until there are rules
        search_chain.append(
            token_filter("kc_synonyms", "synonym_graph", synonyms=rules, lenient=True)
        )
    return {
        "kc_dutch": analyzer("kc_dutch", tokenizer=WORDS, filter=dutch_chain),
        "kc_dutch_search": analyzer("kc_dutch_search", tokenizer=WORDS, filter=search_chain),
        "kc_stems": analyzer("kc_stems", tokenizer=WORDS, filter=["lowercase"]),
        "kc_folded": analyzer("kc_folded", tokenizer=WORDS, filter=[*FOLDING, TRUNCATE]),
        "kc_prefix": analyzer("kc_prefix", tokenizer=WORDS, filter=[*dutch_chain, PREFIXES]),
    }


SORT_NORMALIZER = normalizer("kc_sort", filter=FOLDING)


def mapping(rules: list[str], language: str = STEMMER_ALGORITHM) -> Mapping:
    a = analyzers(rules, language)

    def text(**extra):
        return Text(analyzer=a["kc_dutch"], search_analyzer=a["kc_dutch_search"], **extra)

    m = Mapping()
    m.meta("dynamic", "strict")
    m.meta(
        "_meta",
        {
            "schema": SCHEMA_VERSION,
            "stemmer": language,
            "synonyms": rules_digest(rules),
        },
    )
    m.meta(
        "dynamic_templates",
        [
            {
                "facets_as_keywords": {
                    "path_match": "facets.*",
                    "match_mapping_type": "string",
                    "mapping": {"type": "keyword"},
                }
            }
        ],
    )
    m.field("key", Keyword())
    m.field("type", Keyword())
    m.field(
        "title",
        text(
            fields={
                "prefix": Text(
                    analyzer=a["kc_prefix"], search_analyzer=a["kc_stems"], index_options="docs"
                )
            }
        ),
    )
    m.field("summary", text())
    m.field("body", text())
    # Title and summary as whole words (spelling suggestions) and as stems (is a misspelt
    # word's stem known after all?).
    m.field(
        "spell",
        Text(analyzer=a["kc_folded"], fields={"stem": Text(analyzer=a["kc_dutch"])}),
    )
    # Folded in Python exactly like the database engine's sort_title; the normalizer keeps
    # the order accent- and case-insensitive for any value that was not.
    m.field("sort_title", Keyword(normalizer=SORT_NORMALIZER))
    # The title's distinct index terms, sorted, as one value (`title_terms_key`): "the title is
    # exactly the query" is then one term lookup, as in the database engine's ranking.
    m.field("title_terms", Keyword(doc_values=False))
    m.field("url", Keyword(index=False, doc_values=False))
    m.field("date", Date(format="strict_date"))
    m.field("language", Keyword())
    m.field(
        "facets",
        Object(dynamic=True, properties={name: Keyword() for name in FACET_FIELDS}),
    )
    m.field("extra", Object(enabled=False))
    return m


def index_definition(name: str, rules: list[str], language: str = STEMMER_ALGORITHM) -> Index:
    """The whole index: settings, analysis and mapping."""
    index = Index(name)
    index.settings(number_of_shards=1, auto_expand_replicas="0-1", max_result_window=10_000)
    index.mapping(mapping(rules, language))
    return index


def index_body(rules: list[str], language: str = STEMMER_ALGORITHM) -> dict:
    """{"settings": ..., "mappings": ...} for `indices.create`."""
    return index_definition("kc", rules, language).to_dict()


def title_terms_key(stems) -> str:
    """Distinct stems, sorted, space separated: the same key for a title and for a query."""
    return " ".join(sorted(set(stems)))
