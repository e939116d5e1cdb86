"""Page mixins of the editorial app (no database fields, so no migrations)."""


class CitationDownloadMixin:
    """Research summaries offer their citation at `<page url>citatie.bib` and `citatie.ris`.

    The downloads are served by `editorial.urls` (Wagtail's own page routes cannot contain a
    dot); these helpers give their addresses.
    """

    def citation_download_url(self, extension: str, request=None) -> str:
        url = self.get_url(request=request) or ""
        return f"{url}citatie.{extension}" if url else ""
