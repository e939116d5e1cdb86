"""Recommendations for the gaps of a self-assessment, from the centre's own content.

Per gap: toolkits, practices (strongest evidence first) and external resources that fit the
question's cell (schools) or approach and topic (clubs, employers), within the scan's audience.
When nothing fits exactly, the search widens step by step and the plan says so; a gap never
ends empty while the audience has any material.
"""

from dataclasses import dataclass, field

from planning.sources import evidence_rank, ranked_by_evidence, sources

PER_KIND = 3


@dataclass
class Recommendation:
    heading: str
    kind: str
    pages: list


@dataclass
class GapAdvice:
    question: object
    answer: str
    groups: list = field(default_factory=list)
    note: str = ""

    @property
    def count(self) -> int:
        return sum(len(group.pages) for group in self.groups)


def _attempts(scan, question):
    """(filters, note) from the most to the least specific."""
    audience = {"audiences": scan.audience_id}
    if question.cell_id:
        cell = question.cell
        yield {"school_cells": question.cell_id}, ""
        yield (
            {"school_cells__strategy": cell.strategy_id},
            f"Er is nog geen materiaal voor precies deze cel; dit materiaal werkt aan "
            f"‘{cell.strategy.name}’ op een ander niveau.",
        )
    specific = {}
    if question.approach_id:
        specific["approaches"] = question.approach_id
    if question.topic_id:
        specific["topics"] = question.topic_id
    if specific:
        yield audience | specific, ""
        for key, value in specific.items():
            yield audience | {key: value}, ""
    yield (
        audience,
        "We vonden geen materiaal dat precies hierover gaat; dit is ander materiaal voor "
        "jouw doelgroep.",
    )


def _pages(model, filters, kind):
    pages = model.objects.live().public().filter(**filters).distinct()
    pages = list(pages.order_by("title")[:50])
    if ranked_by_evidence(kind):
        pages.sort(key=lambda page: (-evidence_rank(page), page.title))
    return pages[:PER_KIND]


def advice_for(scan, question, answer="") -> GapAdvice:
    advice = GapAdvice(question, answer)
    for filters, note in _attempts(scan, question):
        groups = []
        for model, heading, kind in sources():
            pages = _pages(model, filters, kind)
            if pages:
                groups.append(Recommendation(heading, kind, pages))
        if groups:
            advice.groups, advice.note = groups, note
            break
    return advice
