"""Index pages list their material through the search engine, pre-filtered on their content type.

The same engine, form validation, facets, sorting and pagination as the search page and the
audience pages (see search.service.run_search): the state lives in the URL, everything works
without JavaScript, and bad input (page=abc, unknown facet values, ...) gives the normal page
with a Dutch message. A fixed number of queries, whatever the number of children.
"""

from search.service import run_search

# A page number beyond this is certainly past the last page; it is capped before it reaches the
# engine (an offset that large would overflow the database's integers).
MAX_PAGE_NUMBER = 999_999


class ListingMixin:
    """For index pages: `listing_type` is the search type facet value that is listed,
    `listing_facets` the filters shown in the sidebar (only those with results appear),
    `listing_sort` the default order."""

    listing_heading = "Alle resultaten"
    listing_type: str = ""
    listing_facets: tuple[str, ...] = ("doelgroep", "thema", "aanpak", "leeftijd", "omgeving")
    listing_sort = "titel"
    per_page = 12

    def get_template(self, request, *args, **kwargs):
        """The page type's own template when its app has one (it may extend the shared one and
        fill `listing_intro`), else the one listing template."""
        return [super().get_template(request, *args, **kwargs), "search/listing_page.html"]

    def listing_params(self, request):
        params = request.GET.copy()
        raw = params.get("page", "").strip()
        if raw.isascii() and raw.isdigit() and len(raw) <= 4300 and int(raw) > MAX_PAGE_NUMBER:
            params["page"] = str(MAX_PAGE_NUMBER)
        return params

    def listing_search(self, request):
        search = run_search(
            self.listing_params(request),
            base_filters={"type": (self.listing_type,)},
            base_url=self.url,
            default_sort=self.listing_sort,
            source="listing",
            per_page=self.per_page,
        )
        groups = {g.param: g for g in search.groups}
        search.groups = [groups[param] for param in self.listing_facets if param in groups]
        return search

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["search"] = self.listing_search(request)
        return context
