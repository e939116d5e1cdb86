"""Request bodies for the Elasticsearch engine, built with `elasticsearch.dsl`.

Pure functions from the engine-neutral types (`SearchQuery`, `ParsedQuery`) to the dict
sent to the cluster, so the golden tests can pin them without a cluster.

How the contract (`search.backends.base`) maps onto one request:

- text: one clause per query term, all in `bool.must` (AND). A term is its word, analysed
  by the fields' search analyzer (Dutch Porter stems + the editors' synonym_graph), OR its
  other synonym alternatives from `search.analysis` (already stems, read by `kc_stems`), so
  the expansion the caller chose is honoured even before the index's synonym list has been
  synced. A phrase is a `phrase` multi_match analysed without synonyms (positions keep the
  gaps stopwords leave, as the stemmed text of the database engine does).
  Weights title^3, summary^2, body (`most_fields`: the fields' scores add up). The order
  follows search.ranking in score bands: clauses matched (widened queries), a title that is
  exactly the query (`title_terms`), then the text score with the typed word above its forms
  and synonyms (`dis_max`) and a small bonus when the title holds every typed word.
- `base_filters` sit in `query.bool.filter`: they restrict hits, total and every count.
- active filters sit in `post_filter` (AND across facets, `terms` = OR within one), and
  each facet's aggregation is a `filter` aggregation with every active filter except its
  own: disjunctive counts for all facets in the same round trip. Bucket sizes are explicit
  (`bucket_sizes`, from the known number of values); the engine checks
  `sum_other_doc_count` and asks again with larger sizes, so no value is ever dropped.
"""

from __future__ import annotations

import itertools
import re

from elasticsearch.dsl import Q, Search

from search.analysis import ParsedQuery, Term, stem, words
from search.backends.base import SearchQuery
from search.backends.es_mapping import PREFIX_MAX_GRAM, TEXT_FIELDS, title_terms_key
from search.ranking import FORM_WEIGHT, SYNONYM_WEIGHT

#: Hits beyond this offset are never fetched (the index's max_result_window).
MAX_RESULT_WINDOW = 10_000
#: Bucket size for a facet whose number of values is not known.
DEFAULT_BUCKETS = 100
# The order of search.ranking (the database engines), as score bands: every clause a widened
# query matches (COVERAGE_BOOST each) > a title that is exactly the query (EXACT_TITLE_BOOST) >
# the text score, plus a bonus when the title holds every typed word (TITLE_BOOST).
COVERAGE_BOOST = 10_000.0
EXACT_TITLE_BOOST = 1_000.0
TITLE_BOOST = 4.0
#: At most this many exact-title keys per query (a word that only its synonyms find may stand
#: for each of them).
MAX_EXACT_KEYS = 64
FACET_AGG = "facet_{}"
_FACET_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
SOURCE_EXCLUDES = ["spell", "sort_title"]


def facet_field(facet: str) -> str:
    if not _FACET_NAME.match(facet):
        raise ValueError(f"invalid facet name {facet!r}")
    return f"facets.{facet}"


def term_clause(term: Term, fields: tuple[str, ...] = TEXT_FIELDS, synonyms: bool = True) -> Q:
    """One query word, scored as search.ranking does: the best of the typed word itself, one of
    its forms (FORM_WEIGHT) and one of its synonyms (SYNONYM_WEIGHT, or in full when the index
    does not hold the typed word). Without `synonyms`: the typed word's stem only."""
    own = Q("multi_match", query=term.word, fields=list(fields), type="most_fields", analyzer="kc_dutch")
    if not synonyms:
        return own
    typed = stem(term.word)
    forms = [f for f in term.forms if f != typed]
    others = [a for a in term.alternatives if a != typed and a not in term.forms]
    synonym_weight = 1.0 if not term.known else SYNONYM_WEIGHT
    # The fields' own search analyzer adds the cluster's synonym list (synced from the admin).
    choices = [
        own,
        Q("multi_match", query=term.word, fields=list(fields), type="most_fields", boost=synonym_weight),
    ]
    for stems, weight in ((forms, FORM_WEIGHT), (others, synonym_weight)):
        if stems:
            choices.append(
                Q(
                    "multi_match",
                    query=" ".join(stems),
                    fields=list(fields),
                    type="most_fields",
                    operator="or",
                    analyzer="kc_stems",
                    boost=weight,
                )
            )
    return Q("dis_max", queries=choices, tie_breaker=0.0)


def exact_title_keys(query: ParsedQuery) -> list[str]:
    """The `title_terms` values of a title that is exactly the query: the typed words' stems
    (for a word the index does not hold, any of its synonyms), as search.ranking decides."""
    terms = query.required_terms
    if query.phrases or not terms:
        return []
    choices = [t.alternatives if not t.known else t.alternatives[:1] for t in terms]
    keys = {
        title_terms_key(combo)
        for combo in itertools.islice(itertools.product(*choices), MAX_EXACT_KEYS)
        if len(set(combo)) == len(combo)
    }
    return sorted(keys)


def text_clauses(query: ParsedQuery, fields: tuple[str, ...] = TEXT_FIELDS, synonyms: bool = True) -> list[Q]:
    clauses = [term_clause(term, fields, synonyms) for term in query.required_terms]
    for phrase in query.phrases:
        clauses.append(
            Q(
                "multi_match",
                query=phrase.text,
                fields=list(fields),
                type="phrase",
                analyzer="kc_dutch",
            )
        )
    return clauses


def filter_clauses(filters: dict[str, tuple[str, ...]], exclude: str | None = None) -> list[Q]:
    return [
        Q("terms", **{facet_field(facet): list(values)})
        for facet, values in filters.items()
        if facet != exclude and values
    ]


def sort_order(query: SearchQuery) -> list:
    sort = query.sort
    if sort == "relevantie" and query.query.is_empty:
        sort = "nieuwste"
    newest = {"date": {"order": "desc", "missing": "_last"}}
    if sort == "titel":
        return [{"sort_title": {"order": "asc"}}, {"key": {"order": "asc"}}]
    if sort == "nieuwste":
        return [newest, {"key": {"order": "desc"}}]
    return [{"_score": {"order": "desc"}}, newest, {"key": {"order": "desc"}}]


def page_window(query: SearchQuery) -> tuple[int, int]:
    """(from, size), kept inside the result window: a page beyond it has no hits but still
    a total and counts (the view shows its "no such page" message)."""
    start = query.offset
    if start >= MAX_RESULT_WINDOW:
        return 0, 0
    return start, min(query.per_page, MAX_RESULT_WINDOW - start)


def search_request(query: SearchQuery, bucket_sizes: dict[str, int] | None = None) -> Search:
    bucket_sizes = bucket_sizes or {}
    clauses = text_clauses(query.query)
    # As in the database engine (issue 9): filler words never required, they only score; a
    # widened query (`min_match`) needs that many of its clauses instead of all of them.
    required = set(map(id, query.query.required_terms))
    should = [term_clause(t) for t in query.query.terms if id(t) not in required]
    if clauses and query.query.min_match is not None:
        # Full matches before partial ones: a fixed band per matched clause.
        should.extend(Q("constant_score", filter=c, boost=COVERAGE_BOOST) for c in clauses)
        clauses = [Q("bool", should=clauses, minimum_should_match=query.query.min_match)]
    if clauses:
        keys = exact_title_keys(query.query)
        if keys:
            # "pesten" -> the glossary term Pesten, before every title that merely holds it.
            should.append(Q("constant_score", filter=Q("terms", title_terms=keys), boost=EXACT_TITLE_BOOST))
        # A bonus when the title holds every typed word (without synonyms).
        title_only = Q("bool", must=text_clauses(query.query, fields=("title",), synonyms=False))
        should.append(Q("constant_score", filter=title_only, boost=TITLE_BOOST))
    s = Search().query(
        Q(
            "bool",
            must=clauses or [Q("match_all")],
            should=should,
            filter=filter_clauses(query.base_filters),
        )
    )
    active = filter_clauses(query.filters)
    if active:
        s = s.post_filter(Q("bool", filter=active))
    for facet in query.facets:
        others = filter_clauses(query.filters, exclude=facet)
        scope = Q("bool", filter=others) if others else Q("match_all")
        s.aggs.bucket(FACET_AGG.format(facet), "filter", filter=scope).bucket(
            "values",
            "terms",
            field=facet_field(facet),
            size=bucket_sizes.get(facet, DEFAULT_BUCKETS),
            order=[{"_count": "desc"}, {"_key": "asc"}],
        )
    start, size = page_window(query)
    s = s.extra(track_total_hits=True, from_=start, size=size)
    s = s.sort(*sort_order(query))
    s = s.source(excludes=SOURCE_EXCLUDES)
    if clauses:
        s = s.highlight_options(**HIGHLIGHT_TAGS)
        s = s.highlight("title", number_of_fragments=0)
        s = s.highlight("summary", number_of_fragments=0)
        s = s.highlight("body", fragment_size=200, number_of_fragments=1)
    return s


def search_body(query: SearchQuery, bucket_sizes: dict[str, int] | None = None) -> dict:
    return search_request(query, bucket_sizes).to_dict()


def suggest_body(query: ParsedQuery, prefix: str, limit: int = 8) -> dict:
    """Titles with a word starting with `prefix` (stemmed, as the database engine does:
    typing "pesten" also offers "Pesterijen ...") that match the complete words typed before
    it. `title.prefix` holds every prefix of every title stem (edge n-grams)."""
    prefix_stem = stem(prefix)[:PREFIX_MAX_GRAM]
    must = [*text_clauses(query), Q("match", **{"title.prefix": prefix_stem})]
    s = Search().query(Q("bool", must=must))
    s = s.sort({"_score": {"order": "desc"}}, {"date": {"order": "desc", "missing": "_last"}})
    s = s.source(["title", "url", "type"])
    s = s.extra(size=limit, track_total_hits=False)
    return s.to_dict()


def spelling_words(text: str) -> list[str]:
    """The words a correction is looked for: longer than three letters, not numbers."""
    return [w for w in dict.fromkeys(words(text)) if len(w) > 3 and not w.isdigit()]


def spelling_body(text: str) -> dict:
    """One request: a term suggester over the words of all titles and summaries (only for
    words that do not occur), and per word whether its stem occurs (then it is a valid
    inflection, not a typo: "gepeste" must not become "gepest")."""
    folded = " ".join(words(text))
    candidates = spelling_words(text)
    s = Search().extra(size=0, track_total_hits=False)
    s = s.suggest(
        "spelling",
        folded,
        term={
            "field": "spell",
            "suggest_mode": "missing",
            "min_word_length": 4,
            "max_edits": 2,
            "accuracy": 0.6,
            "size": 1,
            "sort": "score",
        },
    )
    if candidates:
        s.aggs.bucket(
            "known",
            "filters",
            filters={w: Q("term", **{"spell.stem": stem(w)}) for w in candidates},
        )
    return s.to_dict()


def facet_values_body(facet: str, after: dict | None = None, page_size: int = 1000) -> dict:
    composite = {
        "size": page_size,
        "sources": [{"value": {"terms": {"field": facet_field(facet)}}}],
    }
    if after:
        composite["after"] = after
    return {"size": 0, "track_total_hits": False, "aggs": {"values": {"composite": composite}}}
