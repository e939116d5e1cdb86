from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from analytics.views import serve_document
from core.views import dev_media_urls
from kenniscentrum.health import health
from opendata.urls import api_urlpatterns

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("gezond/", health, name="health"),
    # Counts the download, then lets Wagtail serve it: every document link counts.
    path(
        "documenten/<int:document_id>/<str:document_filename>",
        serve_document,
        name="analytics_document",
    ),
    path("documenten/", include(wagtaildocs_urls)),
    path("", include("search.urls")),
    path("", include("helpfinder.urls")),
    path("", include("meldpunt.urls")),
    path("", include("analytics.urls")),
    path("", include("editorial.urls")),
    path("", include("resources.urls")),
    path("", include("planning.urls")),
    path("", include("opendata.urls")),
    *api_urlpatterns,
]

if settings.DEBUG:
    urlpatterns += dev_media_urls()

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
