"""The project's URLs with every Django view moved under /elders/ (pages stay where they are):
`tests/test_named_links.py` checks that no link still points to the old addresses."""

from django.urls import include, path

from kenniscentrum import urls as project

*views, wagtail_pages = project.urlpatterns
urlpatterns = [path("elders/", include(views)), wagtail_pages]
handler404 = project.handler404
handler500 = project.handler500
