"""The content the planning tools draw on, as each content type declares it on its search source
(`plan_heading`, `plan_comparable`, `plan_listable` in `<app>/search_documents.py`): planning
names no content model, so a new type joins by saying so in its own app.
"""

from search.registry import plan_sources
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


def evidence_level(page) -> str:
    """The evidence slug of a practice, or the board's assessment of an external resource."""
    return getattr(page, "evidence_level", "") or getattr(page, "assessment", "") or ""


def evidence_label(page) -> str:
    for field in ("evidence_level", "assessment"):
        if getattr(page, field, ""):
            return getattr(page, f"get_{field}_display")()
    return ""


def evidence_rank(page) -> int:
    """Higher is stronger; content without an assessed evidence level sorts last."""
    level = evidence_level(page)
    return EvidenceLevel.rank(level) if level in EvidenceLevel.values else -1


def listable_models():
    """Page models a visitor can put on a list."""
    return [s.model for s in plan_sources() if s.plan_listable]
