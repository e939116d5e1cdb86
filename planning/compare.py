"""Compare two to four practices (or external resources) side by side, without JavaScript:
the checkboxes of a listing submit `?id=..&id=..`, which is also the link to share."""

from collections import Counter

from django.shortcuts import render
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Page

from planning.scan_views import message
from planning.signals import announce
from planning.sources import comparable_models, evidence_label

MIN_ITEMS, MAX_ITEMS = 2, 4
MAX_IDS_READ = 20  # a forged link with thousands of ids is cut short before any query

#: Which approaches count as working with which group (the "components" row).
COMPONENTS = [
    ("Slachtoffers", ("coping", "nazorg", "melden")),
    ("Omstanders", ("omstanders",)),
    ("Daders", ("daderaanpak", "herstelgericht", "no-blame", "disciplinerend")),
    ("Hele groep", ("preventie", "sensibilisering")),
]


def _names(page, field):
    related = getattr(page, field, None)
    return ", ".join(str(term) for term in related.all()) if related is not None else ""


def _components(page):
    slugs = {a.slug for a in page.approaches.all()} if hasattr(page, "approaches") else set()
    return ", ".join(label for label, wanted in COMPONENTS if slugs & set(wanted)) or "Niet opgegeven"


def _text(page, field):
    value = getattr(page, field, "") or ""
    return strip_tags(str(value)).strip()


def _first(page, *fields):
    """The first filled-in field: practices and external resources name things differently."""
    for field in fields:
        display = getattr(page, f"get_{field}_display", None)
        value = display() if display and getattr(page, field, "") else _text(page, field)
        if value:
            return value
    return ""


def _languages(page):
    if hasattr(page, "language_labels"):
        return ", ".join(page.language_labels())
    return _first(page, "language") or "Nederlands"  # our own pages are in Dutch


ROWS = [
    ("Bewijskracht", evidence_label),
    ("Onderbouwing", lambda p: _first(p, "evidence_justification", "assessment_justification")),
    ("Doelgroep", lambda p: _names(p, "audiences")),
    ("Leeftijd", lambda p: _names(p, "age_groups")),
    ("Omgeving", lambda p: _names(p, "settings")),
    ("Brede schoolaanpak (cellen)", lambda p: _names(p, "school_cells")),
    ("Werkt met", _components),
    ("Kostprijs", lambda p: _first(p, "cost")),
    ("Duur", lambda p: _first(p, "duration")),
    ("Materiaal", lambda p: _first(p, "materials", "conditions")),
    ("Taal", _languages),
    ("Aanbieder", lambda p: _first(p, "provider", "owner_name")),
]


def _read_ids(values):
    ids, bad = [], False
    for value in values[:MAX_IDS_READ]:
        value = value.strip()
        if value.isdigit() and len(value) < 10:
            if int(value) not in ids:
                ids.append(int(value))
        else:
            bad = True
    return ids, bad or len(values) > MAX_IDS_READ


@never_cache  # counts comparisons: a page cache must not swallow the count
@require_GET
def compare(request):
    ids, bad = _read_ids(request.GET.getlist("id"))
    back = [(reverse("search:page") + "?type=praktijk", "Naar de goede praktijken")]
    if bad or len(ids) > MAX_ITEMS:
        return message(
            request, "Vergelijk twee tot vier praktijken",
            f"Je kan {MIN_ITEMS} tot {MAX_ITEMS} goede praktijken of bronnen tegelijk vergelijken. "
            "Kies ze opnieuw met de vakjes ‘Vergelijk’ in een lijst of in de zoekresultaten.",
            links=back,
        )
    types = comparable_models()
    pages = Page.objects.live().public().filter(pk__in=ids).type(*types).specific()
    by_id = {page.pk: page for page in pages}
    unknown = [i for i in ids if i not in by_id]
    if unknown or len(ids) < MIN_ITEMS:
        text = (
            "Kies minstens twee goede praktijken of bronnen om te vergelijken."
            if not unknown
            else "Een of meer gekozen items bestaan niet (meer) of kunnen niet vergeleken worden. "
            "Kies opnieuw twee tot vier goede praktijken of bronnen."
        )
        return message(request, "Niets te vergelijken", text, links=back)
    items = [by_id[i] for i in ids]
    audiences = Counter(a.slug for item in items for a in item.audiences.all())
    announce(request, "vergelijking", audiences.most_common(1)[0][0] if audiences else "")
    rows = [(label, [getter(item) or "Niet opgegeven" for item in items]) for label, getter in ROWS]
    return render(request, "planning/compare.html", {"items": items, "rows": rows})
