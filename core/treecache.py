"""Reads that every page request repeats, answered from the pages cache (core.pagecache.fragment).

Wagtail reads the site (and its root page), the view restrictions of the page's ancestors, and,
for every `.public()` queryset, all view restrictions again. These rows change only when an
editor changes a site, a page or a privacy rule, and each such write bumps the pages cache's
generation, so the copies here are never stale. Same answers as Wagtail, fewer queries.
"""

from django.db.models import Q
from django.http.request import split_domain_port

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from core import pagecache
from taxonomy.models import AgeGroup, Approach, Audience, Setting, Topic, WholeSchoolCell

# Wagtail's order of preference (wagtail.models.sites.get_site_for_hostname).
MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT, MATCH_DEFAULT, MATCH_HOSTNAME = range(4)


def _load_sites() -> list:
    sites = list(Site.objects.select_related("root_page"))
    for site in sites:
        site.root_page = site.root_page.specific  # what routing asks for next
    return sites


def find_site(request):
    """Wagtail's `Site.find_for_request` over the cached site list (a handful of rows)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    port = int(port) if str(port).isdigit() else port

    def match(site):
        if site.hostname == hostname:
            if site.port == port:
                return MATCH_HOSTNAME_PORT
            return MATCH_HOSTNAME_DEFAULT if site.is_default_site else MATCH_HOSTNAME
        return MATCH_DEFAULT

    candidates = [s for s in pagecache.fragment("sites", _load_sites) if s.hostname == hostname or s.is_default_site]
    sites = sorted(candidates, key=match)
    if sites:
        if len(sites) == 1 or match(sites[0]) in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
            return sites[0]
        if match(sites[0]) == MATCH_DEFAULT:
            return sites[len(sites) == 2]
    return None


class SiteMiddleware:
    """Sets the request's Wagtail site (`request._wagtail_site`, which Wagtail reads first) from
    the pages cache: no site query and no root page query per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = find_site(request)
        return self.get_response(request)


def _load_restrictions() -> dict:
    restricted = PageViewRestriction.objects.values_list("page__path", "page__depth")
    return {
        "sections": sorted(restricted),
        # An alias takes its source's restrictions: then Wagtail's own lookup is used.
        "aliases": Page.objects.filter(alias_of__isnull=False).exists(),
    }


def restrictions() -> dict:
    return pagecache.fragment("view_restrictions", _load_restrictions)


def view_restrictions(page):
    """`Page.get_view_restrictions()` without a query when no restriction can apply (no private
    section above or at the page, no aliases); otherwise Wagtail's own answer."""
    known = restrictions()
    if known["aliases"] or any(page.path.startswith(path) for path, _ in known["sections"]):
        return None  # ask Wagtail
    return PageViewRestriction.objects.none()


def private_q(self):
    """Wagtail's `PageQuerySet.private_q` (used by `.public()`) from the cached restrictions."""
    q = Q()
    for path, depth in restrictions()["sections"]:
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q if q else Q(pk__in=[])


def _all_terms() -> dict[str, list]:
    """Every taxonomy term in its display order, by model label (a few dozen rows)."""
    models = (Audience, Topic, Approach, AgeGroup, Setting)
    terms = {model._meta.label_lower: list(model.objects.all()) for model in models}
    terms["taxonomy.wholeschoolcell"] = list(WholeSchoolCell.objects.select_related("strategy", "level"))
    return terms


def taxonomy_terms() -> dict[str, list]:
    """Every taxonomy term (model instances) by model label, from the pages cache."""
    return pagecache.fragment("taxonomy_terms", _all_terms)


def install():
    """Called from CoreConfig.ready()."""
    PageQuerySet.private_q = private_q
