"""The evidence rule: a practice rated 'eerste aanwijzingen voor effect' or higher is only
published with at least one linked research summary and a written justification.

Drafts may be incomplete; the rule is enforced when a practice is published, submitted to the
board or approved (page form, board approval task and bulk publishing).
"""

from django.utils.html import strip_tags

# Values of practices.EvidenceLevel that claim an effect.
LEVELS_REQUIRING_EVIDENCE = ("eerste-aanwijzingen", "goede-aanwijzingen", "sterke-aanwijzingen")

MISSING_RESEARCH = (
    "Bij deze bewijskracht hoort minstens één gekoppelde onderzoekssamenvatting. Voeg het "
    "onderzoek toe onder 'Onderzoek', of kies 'Niet geëvalueerd' of 'Theoretisch onderbouwd'."
)
MISSING_JUSTIFICATION = (
    "Leg uit waarom deze praktijk deze bewijskracht krijgt: welke studies tonen welk effect?"
)


def is_blank_rich_text(value) -> bool:
    return not strip_tags(str(value or "")).replace("&nbsp;", " ").strip()


def evidence_errors(level: str, research_count: int, justification) -> dict[str, str]:
    """Field name -> Dutch message, empty when the rule is met."""
    if level not in LEVELS_REQUIRING_EVIDENCE:
        return {}
    errors = {}
    if research_count < 1:
        errors["evidence_level"] = MISSING_RESEARCH
    if is_blank_rich_text(justification):
        errors["evidence_justification"] = MISSING_JUSTIFICATION
    return errors


def practice_evidence_errors(page) -> dict[str, str]:
    """The rule applied to a PracticePage instance (also one restored from a revision)."""
    links = [link for link in page.research_links.all() if link.research_id]
    return evidence_errors(page.evidence_level, len(links), page.evidence_justification)


def is_practice(page) -> bool:
    return page.__class__.__name__ == "PracticePage" and page._meta.app_label == "practices"
