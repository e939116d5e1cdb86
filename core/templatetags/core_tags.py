"""Small presentation helpers for the public templates. None of them query in a loop."""

import functools

from django import template
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.models import Page, Site, get_page_models

from core import cards as card_cache
from core import pagecache, treecache
from core.models import SiteSettings
from taxonomy.evidence import EVIDENCE_HELP, EvidenceLevel
from taxonomy.facets import TAXONOMY_FACETS

register = template.Library()

@register.filter
def page_type_label(page) -> str:
    """A short Dutch label for the kind of page, shown above a card title. A page type of a
    content app may bring its own (`type_label`)."""
    return getattr(page, "card_label", "Overzicht")


@register.filter
def page_type_slug(page) -> str:
    return page._meta.model_name


@register.simple_tag(takes_context=True)
def cards(context, items, level=3):
    """The cards of `items` (pages, or a core.cards.Linked) as HTML, each rendered once per
    content change: `{% cards items 3 as rendered %}{% for card in rendered %}...`."""
    return card_cache.render(context.get("request"), items, level)


@register.simple_tag
def evidence_scale(level: str):
    """The five steps of the evidence scale, low to high, with the current one marked.

    Returns a dict: `current` (label), `rank` (0 = not evaluated, 4 = strong), `rated`,
    `help` and `steps` (label, rank, reached, current, help per step).
    """
    values = list(EvidenceLevel.values)
    if level not in values:
        level = EvidenceLevel.NOT_EVALUATED
    rank = values.index(level)
    steps = [
        {
            "value": value,
            "label": label,
            "rank": index,
            "current": value == level,
            "reached": 0 < index <= rank,
            "help": EVIDENCE_HELP.get(value, ""),
        }
        for index, (value, label) in enumerate(EvidenceLevel.choices)
    ]
    return {
        "value": level,
        "label": EvidenceLevel(level).label,
        "rank": rank,
        "rated": rank > 0,
        "help": EVIDENCE_HELP.get(level, ""),
        "steps": steps,
    }


@register.simple_tag
def taxonomy_groups(page):
    """The taxonomy of a page as groups of (label, search parameter, terms), empty groups left out.

    One query for all relations (their link tables in one UNION); the terms themselves come from
    the pages cache (`taxonomy_terms`). A page being previewed keeps its links in memory: then
    each relation is read the ordinary way.
    """
    relations = [(f.field, f.param, f.label) for f in TAXONOMY_FACETS if hasattr(page, f.field)]
    has_cells = hasattr(page, "school_cells")
    names = [attr for attr, _, _ in relations] + (["school_cells"] if has_cells else [])
    in_memory = getattr(page, "_cluster_related_objects", {})
    if not page.pk or any(name in in_memory for name in names):
        return _taxonomy_groups_each(page, relations, has_cells)
    # The page shows its terms and its JSON-LD names them: read the links once per page object.
    if "_kc_taxonomy_groups" not in page.__dict__:
        page.__dict__["_kc_taxonomy_groups"] = _taxonomy_groups_saved(page, relations, has_cells, names)
    return page.__dict__["_kc_taxonomy_groups"]


def _taxonomy_groups_saved(page, relations, has_cells, names):
    linked = _linked_ids(page, names)
    terms = treecache.taxonomy_terms()
    chips = pagecache.fragment("taxonomy_chips", _all_chips)
    groups = []
    for attr, param, label in relations:
        model = page._meta.get_field(attr).related_model._meta.label_lower
        chosen = [term for term in terms[model] if term.pk in linked[attr]]
        if chosen:
            html = _joined(chips, param, chosen)
            groups.append({"label": label, "param": param, "terms": chosen, "chips": html})
    if has_cells:
        cells = [cell for cell in terms["taxonomy.wholeschoolcell"] if cell.pk in linked["school_cells"]]
        if cells:
            html = _joined(chips, "", cells)
            groups.append({"label": "Brede schoolaanpak", "param": "", "cells": cells, "chips": html})
    return groups


def _joined(chips, param, terms):
    """The kept chips of `terms`; one made now if a term is not among them."""
    html = [chips.get((param, term.pk)) or _chip(param, term, reverse("search:page")) for term in terms]
    return mark_safe("".join(html))  # noqa: S308 - each made by format_html


def _chip(param, term, search) -> str:
    """One term as a link to the search (`search`, its address) filtered on it (includes/taxonomy.html)."""
    if not param:  # a whole-school cell: strategy and level
        return format_html(
            '<li><a class="chip" href="{}?strategie={}&amp;niveau={}">{}, niveau {}</a></li>',
            search, term.strategy.slug, term.level.slug, term.strategy.name, term.level.name.lower(),
        )  # fmt: skip
    return format_html('<li><a class="chip" href="{}?{}={}">{}</a></li>', search, param, term.slug, term.name)


def _all_chips() -> dict:
    """Every term's chip, by (search parameter, term id): the same on every page that names it."""
    terms, search = treecache.taxonomy_terms(), reverse("search:page")
    chips = {("", cell.pk): _chip("", cell, search) for cell in terms["taxonomy.wholeschoolcell"]}
    for facet in TAXONOMY_FACETS:
        for term in terms[facet.model._meta.label_lower]:
            chips[facet.param, term.pk] = _chip(facet.param, term, search)
    return chips


def _linked_ids(page, names) -> dict[str, set]:
    sql = _linked_ids_sql(type(page), tuple(names))
    linked = {name: set() for name in names}
    with connection.cursor() as cursor:
        cursor.execute(sql, [page.pk] * len(names))
        for index, term_id in cursor.fetchall():
            linked[names[index]].add(term_id)
    return linked


@functools.cache
def _linked_ids_sql(model, names: tuple[str, ...]) -> str:
    """One UNION ALL over the page's link tables: (relation index, term id). The statement is the
    same for every page of a type, so it is written once per type instead of built by the ORM on
    every request (a large part of a detail page's CPU time)."""
    quote = connection.ops.quote_name
    parts = []
    for index, name in enumerate(names):
        field = model._meta.get_field(name)
        through = field.remote_field.through._meta
        page_column = through.get_field(field.m2m_field_name()).column
        term_column = through.get_field(field.m2m_reverse_field_name()).column
        # Table and column names come from the model, the page id is a parameter.
        select = f"SELECT {index} AS relation, {quote(term_column)} AS term_id FROM {quote(through.db_table)}"  # noqa: S608
        parts.append(f"{select} WHERE {quote(page_column)} = %s")
    return " UNION ALL ".join(parts)


def _taxonomy_groups_each(page, relations, has_cells):
    search = reverse("search:page")
    groups = []
    for attr, param, label in relations:
        terms = list(getattr(page, attr).all())
        if terms:
            html = mark_safe("".join(_chip(param, term, search) for term in terms))  # noqa: S308 - format_html
            groups.append({"label": label, "param": param, "terms": terms, "chips": html})
    if has_cells:
        cells = list(page.school_cells.all().select_related("strategy", "level"))
        if cells:
            html = mark_safe("".join(_chip("", cell, search) for cell in cells))  # noqa: S308 - format_html
            groups.append({"label": "Brede schoolaanpak", "param": "", "cells": cells, "chips": html})
    return groups


@register.filter
def dutch_date(value) -> str:
    """'dinsdag 3 maart 2026'."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_format(value, "l j F Y")


@register.filter
def dutch_time(value) -> str:
    """'14.00 uur'."""
    if not value:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value:%H}.{value:%M} uur"


@register.simple_tag
def event_when(start, end=None) -> str:
    """Dutch date and time of an event.

    'dinsdag 3 maart 2026, 14.00 uur', '... 14.00 tot 17.30 uur' on one day, or
    'dinsdag 3 maart 2026, 14.00 uur tot woensdag 4 maart 2026, 12.00 uur'.
    """
    if not start:
        return ""
    start_local = timezone.localtime(start) if timezone.is_aware(start) else start
    text = f"{dutch_date(start)}, {start_local:%H}.{start_local:%M}"
    if not end:
        return f"{text} uur"
    end_local = timezone.localtime(end) if timezone.is_aware(end) else end
    if end_local.date() == start_local.date():
        return f"{text} tot {end_local:%H}.{end_local:%M} uur"
    return f"{text} uur tot {dutch_date(end)}, {dutch_time(end)}"


@register.filter
def section_blurb(page) -> str:
    """One line on what a section holds (the page type's `section_blurb`)."""
    return getattr(page.specific_class or type(page), "section_blurb", "")


def section_models() -> list[type[Page]]:
    """Page types that are sections (a `section_order`), in that order."""
    models = [m for m in get_page_models() if getattr(m, "section_order", None) is not None]
    return sorted(models, key=lambda m: m.section_order)


def _load_sections():
    order = section_models()
    pages = (
        Page.objects.live()
        .public()
        .type(*order)
        .only("id", "title", "url_path", "path", "depth", "content_type")
        .select_related("content_type")
    )
    rank = {model._meta.model_name: index for index, model in enumerate(order)}
    return sorted(pages, key=lambda p: rank.get(p.content_type.model, 99))


@register.simple_tag(takes_context=True)
def site_sections(context):
    """The section overview pages (toolkits, research, ...) in a fixed order.

    Kept in the pages cache until the next content change (core.pagecache.fragment), and on the
    request for the header, home and footer.
    """
    request = context.get("request")
    if request is None:
        return pagecache.fragment("site_sections", _load_sections)
    if not hasattr(request, "_kc_sections"):
        request._kc_sections = pagecache.fragment("site_sections", _load_sections)
    return request._kc_sections


@register.simple_tag(takes_context=True)
def section_page(context, model_name):
    """One section overview page by model name, e.g. "newsindexpage", or None."""
    for page in site_sections(context):
        if page.content_type.model == model_name:
            return page
    return None


def _footer_links():
    site = Site.objects.filter(is_default_site=True).first()
    settings = SiteSettings.for_site(site) if site else SiteSettings()
    chosen = ("about_page_id", "accessibility_page_id", "privacy_page_id", "evidence_page_id")
    pages = Page.objects.in_bulk([getattr(settings, name) for name in chosen if getattr(settings, name)])

    def url(page_id, fallback):
        page = pages.get(page_id)
        return page.get_url() if page is not None and page.live else fallback

    return {
        "about": url(settings.about_page_id, ""),
        "accessibility": url(settings.accessibility_page_id, "/toegankelijkheid/"),
        "privacy": url(settings.privacy_page_id, "/privacy/"),
        # Shown beside every evidence level; no link at all while no page is chosen.
        "evidence": url(settings.evidence_page_id, ""),
        "contact_email": settings.contact_email,
    }


@register.simple_tag
def footer_links():
    """The footer's links from the site settings, kept in the pages cache (no query per page)."""
    return pagecache.fragment("footer_links", _footer_links)


@register.simple_tag
def evidence_page_url():
    """The page that explains the evidence scale (site settings), wherever an editor put it; ""
    when none is chosen, so templates leave the link out."""
    return footer_links()["evidence"]


@register.simple_tag
def figure_parts(figure):
    """Split a key figure into its number (with Dutch thousands dots) and its unit.

    '11,1%' stays whole; '2000 leerlingen' becomes ('2.000', 'leerlingen') so the unit can be
    shown smaller than the number.
    """
    text = figure.display_value
    unit = (figure.unit or "").strip()
    if not unit or unit == "%" or not text.endswith(unit):
        number, unit = text, ""
    else:
        number = text[: -len(unit)].strip()
    whole, sep, decimals = number.partition(",")
    if whole.isdigit() and len(whole) > 4:
        whole = f"{int(whole):,}".replace(",", ".")
    elif whole.isdigit() and len(whole) == 4 and unit:
        whole = f"{whole[0]}.{whole[1:]}"
    return {"number": whole + sep + decimals, "unit": unit}


class SiteFragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        site = getattr(request, "_wagtail_site", None)
        vary = ":".join(str(v.resolve(context)) for v in self.vary)
        key = f"html:{self.name}:{getattr(site, 'pk', '')}:{vary}"
        return mark_safe(pagecache.fragment(key, lambda: str(self.nodelist.render(context))))  # noqa: S308


@register.tag
def sitefragment(parser, token):
    """`{% sitefragment "name" [value ...] %}...{% endsitefragment %}`: HTML that is the same on
    every page (header navigation, footer), rendered once per content change, per site and per
    value given (e.g. the audience whose page is current), then taken from the pages cache.
    Previews always render it afresh."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("sitefragment needs a name")
    nodelist = parser.parse(("endsitefragment",))
    parser.delete_first_token()
    return SiteFragmentNode(bits[1].strip("\"'"), [parser.compile_filter(b) for b in bits[2:]], nodelist)
