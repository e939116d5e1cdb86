from django.conf import settings
from django.shortcuts import render
from django.urls import re_path
from django.views.static import serve


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def dev_media_urls():
    """MEDIA for the development server (DEBUG only): image renditions and nothing else.

    Documents go through Wagtail's view (`WAGTAILDOCS_SERVE_METHOD = "serve_view"`), which asks
    for the password or login of a private collection; serving /media/documents/ straight from
    disk would skip that. Original images are never linked (pages use renditions, which carry
    no metadata). In production the proxy blocks both paths too (README, deployment).
    """
    prefix = settings.MEDIA_URL.lstrip("/")
    if "://" in settings.MEDIA_URL or not prefix:
        return []  # media on another host (S3): nothing to serve here
    return [re_path(rf"^{prefix}(?P<path>images/.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
