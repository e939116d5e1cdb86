"""Page mixins of the editorial app (no database fields, so no migrations)."""

from django.http import HttpResponse

from wagtail.contrib.routable_page.models import RoutablePageMixin, path


class CitationDownloadMixin(RoutablePageMixin):
    """Adds `<page>/citatie.bib` and `<page>/citatie.ris` to a research summary."""

    def _citation_response(self, text: str, content_type: str, extension: str) -> HttpResponse:
        response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.{extension}"'
        return response

    @path("citatie.bib", name="citation_bibtex")
    def citation_bibtex(self, request):
        from editorial.citations import bibtex

        return self._citation_response(bibtex(self), "application/x-bibtex", "bib")

    @path("citatie.ris", name="citation_ris")
    def citation_ris(self, request):
        from editorial.citations import ris

        return self._citation_response(ris(self), "application/x-research-info-systems", "ris")
