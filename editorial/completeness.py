"""The parts a research summary needs before it is published: the board's check.

An imported reference is only a citation; the summary, the findings, region and method come
from the editor. Drafts may be incomplete; publishing, bulk publishing and the board's
approval are refused with a Dutch message that names what is missing.
"""

from editorial.evidence import is_blank_rich_text

# (field, what the editor reads when it is missing)
RESEARCH_PARTS = (
    ("summary", "een korte samenvatting"),
    ("key_findings", "de belangrijkste bevindingen"),
    ("region", "de regio"),
    ("method", "de methode"),
)
SOURCE = "waar de publicatie te vinden is (tijdschrift, uitgever, DOI of webadres)"


def is_research(page) -> bool:
    return page.__class__.__name__ == "ResearchPage" and page._meta.app_label == "research"


def research_missing(values: dict) -> dict[str, str]:
    """Field name ('source' for the citation's source) -> Dutch label of the missing part."""
    missing = {name: label for name, label in RESEARCH_PARTS if is_blank_rich_text(values.get(name))}
    if not any(values.get(name) for name in ("journal", "publisher", "doi", "publication_url")):
        missing["source"] = SOURCE
    return missing


def research_missing_parts(page) -> list[str]:
    """The Dutch labels of what a research summary (also one from a revision) lacks."""
    if not is_research(page):
        return []
    fields = [name for name, _ in RESEARCH_PARTS] + ["journal", "publisher", "doi", "publication_url"]
    return list(research_missing({name: getattr(page, name, "") for name in fields}).values())


def missing_message(parts: list[str]) -> str:
    return "Nog niet klaar om te publiceren. Vul eerst aan: " + ", ".join(parts) + "."
