"""The site's URLs plus /bench/kaal/: a bare Django view returning 14 KB of HTML, the yardstick."""

from django.http import HttpResponse
from django.urls import path

from kenniscentrum.urls import handler404, handler500  # noqa: F401
from kenniscentrum.urls import urlpatterns as site_urlpatterns

BARE_HTML = ("<!DOCTYPE html><html lang=nl-BE><title>Kaal</title><p>" + "Pesten stopt hier. " * 740)[:14_000]


def bare(request):
    return HttpResponse(BARE_HTML)


urlpatterns = [path("bench/kaal/", bare), *site_urlpatterns]
