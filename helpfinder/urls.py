from django.urls import path

from helpfinder import views

app_name = "helpfinder"

urlpatterns = [
    path("hulp/", views.start, name="start"),
    path("hulp/route/", views.route, name="route"),
    path("hulp/route/<slug:slug>/", views.route_detail, name="route-detail"),
    path("hulp/hulplijnen/", views.helplines, name="helplines"),
    path("hulp/bewijs-bewaren/", views.evidence, name="evidence"),
    path("hulp/melden/", views.platform_index, name="platforms"),
    path("hulp/melden/<slug:slug>/", views.platform_detail, name="platform"),
    path("hulp/ga/<slug:slug>/", views.go, name="go"),
    path("hulp/ga/<slug:slug>/<slug:channel>/", views.go, name="go-channel"),
]
