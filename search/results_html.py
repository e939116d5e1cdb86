"""The two long loops of a results page, written in Python: the facet checkboxes and the result
items. As template loops they cost more than the search itself (70 or more checkboxes and up to
50 results with a dozen lookups each; issue 16). The rest of the page stays in the templates
(templates/search/includes/); what is written here is what those templates wrote before.
Every value goes through `_text` (escaped, unless it is already safe HTML such as a highlight)."""

from __future__ import annotations

import html
from functools import lru_cache
from typing import TYPE_CHECKING

from django.template.defaultfilters import date as format_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

if TYPE_CHECKING:
    from search.results_page import FacetGroup, Result

_slug = lru_cache(maxsize=4096)(slugify)  # the same few hundred facet values on every page

def _text(value) -> str:
    """Django's conditional_escape, without the lazy-string wrapper that was most of its cost."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def facet_options(group: FacetGroup) -> SafeString:
    """A checkbox (`<li>`) for every option of the group with results, or ticked."""
    param = _text(group.param)
    items = []
    for o in group.options:
        if o.count or o.selected:
            dom_id = f"f-{param}-{_slug(o.value)}"
            items.append(
                f'<li>\n<input type="checkbox" id="{dom_id}" name="{param}" value="{_text(o.value)}"'
                f'{" checked" if o.selected else ""}>\n<label for="{dom_id}">{_text(o.label)} '
                f'<span class="facet__count">{o.count:d}<span class="visually-hidden"> resultaten'
                "</span></span></label>\n</li>"
            )
    return mark_safe("\n".join(items))  # noqa: S308 - every value escaped above


def result_items(items: list[Result]) -> SafeString:
    """The `<li>` of each result: badges, the compare box, title, snippet and a line of facts."""
    return mark_safe("\n".join(_result(item) for item in items))  # noqa: S308 - escaped in _result


def _result(item: Result) -> str:
    hit, extra = item.hit, item.hit.extra
    evidence = ""
    if item.evidence_label:
        evidence = (
            f'<span class="badge badge--evidence badge--{_text(item.evidence)}">'
            f"Bewijskracht: {_text(item.evidence_label)}</span>"
        )
    audiences = "".join(f'<span class="badge badge--audience">{_text(a)}</span>' for a in item.audiences)
    compare = ""
    if item.comparable:  # the type's source says `plan_comparable` (/vergelijk/)
        compare = (
            f'<label class="compare-pick"><input type="checkbox" form="vergelijk-form" name="id" '
            f'value="{_text(hit.key.replace("page:", ""))}"> Vergelijk<span class="visually-hidden"> '
            f"{_text(hit.title)}</span></label>"
        )
    document = hit.type == "document"
    file = ""
    if document:
        file = f'<span class="result__file">({_text(extra.get("format", ""))}, {_text(extra.get("size", ""))})</span>'
    facts = "\n".join(_facts(item))
    return (
        f'<li class="result result--{_text(hit.type)}">\n<p class="result__badges">\n'
        f'<span class="badge badge--type">{_text(item.type_label)}</span>\n{evidence}\n{audiences}\n</p>\n'
        f"{compare}\n"
        f'<h3 class="result__title"><a href="{_text(hit.url)}"{" download" if document else ""}>'
        f"{_text(item.title_html)}</a>\n{file}</h3>\n"
        f'<p class="result__snippet">{_text(item.snippet_html)}</p>\n'
        f'<p class="result__meta">\n{facts}\n</p>\n</li>'
    )


def _facts(item: Result) -> list[str]:
    """The line under the snippet, in four parts: citation, date, the document's kind and
    source, language (each empty when it does not apply)."""
    hit, extra = item.hit, item.hit.extra
    citation = f"<span>{_text(extra['citation'])}</span>" if extra.get("citation") else ""
    date = ""
    if extra.get("event_kind"):
        date = f"<span>{_text(extra['event_kind'])}, {_text(format_date(hit.date, 'j F Y'))}</span>"
    elif hit.type == "nieuws" and hit.date:
        date = f"<span>{_text(format_date(hit.date, 'j F Y'))}</span>"
    document = ""
    if hit.type == "document":
        document = f"<span>{_text(extra['kind'])}</span>" if extra.get("kind") else ""
        document += "".join(
            f'<span>uit <a href="{_text(t.get("url", ""))}">{_text(t.get("title", ""))}</a></span>'
            for t in extra.get("toolkits") or ()
        )
    language = f"<span>Taal: {_text(item.language_label)}</span>" if item.language_label else ""
    return [citation, date, document, language]
