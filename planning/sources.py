"""The content the planning tools draw on, as one table: which page models, under what label.

External resources (the `resources` app) join as soon as that app is installed: any model in it
with the shared taxonomy fields (audiences, school cells) is used, so no list here changes.
"""

from django.apps import apps

from taxonomy.evidence import EvidenceLevel

#: (app label, model name, heading, kind) in the order of an action plan.
CONTENT_SOURCES = [
    ("toolkits", "ToolkitPage", "Toolkits", "toolkit"),
    ("practices", "PracticePage", "Goede praktijken", "praktijk"),
]
RESOURCES_APP = "resources"


def sources():
    """[(model, heading, kind)] of the installed content models."""
    found = [
        (apps.get_model(app, name), heading, kind)
        for app, name, heading, kind in CONTENT_SOURCES
        if apps.is_installed(app)
    ]
    if apps.is_installed(RESOURCES_APP):
        for model in apps.get_app_config(RESOURCES_APP).get_models():
            if hasattr(model, "school_cells") and hasattr(model, "live"):
                found.append((model, "Extern materiaal", "bron"))
    return found


def comparable_models():
    """Page models that can be compared side by side: practices and external resources."""
    return [model for model, _, kind in sources() if kind in ("praktijk", "bron")]


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
    models = [model for model, _, _ in sources()]
    if apps.is_installed("research"):
        models.append(apps.get_model("research", "ResearchPage"))
    return models
