"""URLs of the browser-test server: the site, its media files, and a local neutral page that
stands in for the quick exit's third-party site."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.static import serve

from kenniscentrum import urls as site_urls

NEUTRAL_PAGE = (
    '<!DOCTYPE html><html lang="nl-BE"><head><meta charset="utf-8"><title>Het weer</title></head>'
    "<body><main><h1>Het weer vandaag</h1><p>Zonnig, 18 graden.</p></main></body></html>"
)


def neutral(request):
    return HttpResponse(NEUTRAL_PAGE)


urlpatterns = [
    path("neutraal/", neutral, name="neutral"),
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urls.urlpatterns,
]

handler404 = site_urls.handler404
handler500 = site_urls.handler500
