from django.urls import include, path

from wagtail.contrib.sitemaps.views import sitemap

from opendata import feeds, views
from opendata.sitemaps import SITEMAPS

app_name = "opendata"

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("site.webmanifest", views.web_manifest, name="manifest"),
    path("open-data/", views.open_data_page, name="page"),
    path("open-data/download/", views.dump_index, name="dump-index"),
    path("open-data/download/<str:name>", views.dump_file, name="dump"),
    path("feeds/rss/", feeds.SearchRssFeed(), name="search-rss"),
    path("feeds/atom/", feeds.SearchAtomFeed(), name="search-atom"),
    path("feeds/vorming.ics", feeds.events_ical, name="events-ical"),
    path("feeds/doelgroep/<slug:audience>/rss/", feeds.SearchRssFeed(), name="audience-rss"),
    path("feeds/doelgroep/<slug:audience>/atom/", feeds.SearchAtomFeed(), name="audience-atom"),
    path("feeds/<slug:kind>/rss/", feeds.SearchRssFeed(), name="type-rss"),
    path("feeds/<slug:kind>/atom/", feeds.SearchAtomFeed(), name="type-atom"),
]

api_urlpatterns = [path("api/v1/", include("opendata.api.urls"))]
