from django.urls import re_path

from editorial.views import citation_download

urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)citatie\.(?P<extension>bib|ris)$",
        citation_download,
        name="citation_download",
    ),
]
