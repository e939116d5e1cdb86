"""The content the planning tools draw on, as each content type declares it on its search source
(`plan_heading`, `plan_comparable`, `plan_listable`, and per page `plan_evidence` and `plan_rows`,
in `<app>/search_documents.py`): planning names no content model and reads no content field, so
a new type joins by saying so in its own app.
"""

from search.registry import plan_sources, source_for_page
from taxonomy.evidence import EvidenceLevel


def sources():
    """[(model, heading, kind)] of the types recommended in action plans, in the order of a plan
    (the type facet's order); the kind is the search type."""
    return [(s.model, s.plan_heading, s.type) for s in plan_sources() if s.plan_heading]


def comparable_models():
    """Page models that can be compared side by side (practices, external resources)."""
    return [s.model for s in plan_sources() if s.plan_comparable]


def ranked_by_evidence(kind: str) -> bool:
    """Whether a plan shows this kind's items strongest evidence first (the comparable ones)."""
    return any(s.type == kind and s.plan_comparable for s in plan_sources())


def evidence(page) -> tuple[str, str]:
    """(slug, label) of a specific page's evidence, as its type declares it (`plan_evidence`)."""
    source = source_for_page(page)
    return source.plan_evidence(page) if source else ("", "")


def evidence_label(page) -> str:
    return evidence(page)[1]


def evidence_rank(page) -> int:
    """Higher is stronger; content without an evidence level on the scale sorts last."""
    level = evidence(page)[0]
    return EvidenceLevel.rank(level) if level in EvidenceLevel.values else -1


def comparison_rows(page) -> list[tuple[str, str]]:
    """A specific page's (label, value) rows on the compare page, as its type declares them."""
    source = source_for_page(page)
    return source.plan_rows(page) if source else []


def listable_models():
    """Page models a visitor can put on a list."""
    return [s.model for s in plan_sources() if s.plan_listable]
