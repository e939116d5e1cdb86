"""sitemap.xml: every live, public page (Wagtail), every other public item with an address of
its own in the search index (glossary terms, help routes, reporting guides, and any type that
registers with search later), and the public views that are not pages. Never drafts, private
pages or pages the editors hid from search engines."""

from django.urls import reverse

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from opendata.findability import absolute, hidden_page_ids, site_settings
from search.models import SearchEntry


class PageSitemap(WagtailSitemap):
    def items(self):
        return super().items().exclude(pk__in=hidden_page_ids(site_settings(self.request)))


class AddressSitemap(WagtailSitemap):
    """Items that are not pages, with the same host as the pages (the Wagtail site's)."""

    def _urls(self, page, protocol, domain):
        return [
            {"item": item, "location": absolute(self.request, self.location(item)), "lastmod": self.lastmod(item)}
            for item in self.paginator.page(page).object_list
        ]

    def lastmod(self, item):
        return None


class IndexedItemSitemap(AddressSitemap):
    """Search entries that are not pages or files and have an address without a fragment."""

    def items(self):
        entries = SearchEntry.objects.exclude(key__startswith="page:").exclude(key__startswith="document:")
        return [e for e in entries.order_by("key") if "#" not in e.url and e.url.startswith("/")]

    def location(self, entry):
        return entry.url

    def lastmod(self, entry):
        return entry.updated_at


class ViewSitemap(AddressSitemap):
    """Public pages that are views, not Wagtail pages."""

    names = ("helpfinder:start", "helpfinder:helplines", "helpfinder:platforms", "search:page", "opendata:page")

    def items(self):
        return list(self.names)

    def location(self, name):
        return reverse(name)


SITEMAPS = {"paginas": PageSitemap, "items": IndexedItemSitemap, "overig": ViewSitemap}
