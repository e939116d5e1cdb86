"""Compare two to four practices (or external resources) side by side, without JavaScript:
the checkboxes of a listing submit `?id=..&id=..`, which is also the link to share."""

from collections import Counter

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Page

from planning.scan_views import message
from planning.signals import announce
from planning.sources import comparable_models, comparison_rows

MIN_ITEMS, MAX_ITEMS = 2, 4
MAX_IDS_READ = 20  # a forged link with thousands of ids is cut short before any query

NOT_GIVEN = "Niet opgegeven"


def _rows(items):
    """[(label, [value per item])]: every label any item's type declares, in the declared order
    (a label only some types have comes after the labels before it in their list)."""
    labels, values = [], []
    for item in items:
        declared = comparison_rows(item)
        position = 0
        for label, _ in declared:
            if label in labels:
                position = labels.index(label) + 1
            else:
                labels.insert(position, label)
                position += 1
        values.append(dict(declared))
    return [(label, [value.get(label) or NOT_GIVEN for value in values]) for label in labels]


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
    return render(request, "planning/compare.html", {"items": items, "rows": _rows(items)})
