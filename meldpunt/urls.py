from django.urls import path

from meldpunt import views

app_name = "meldpunt"

urlpatterns = [
    path("melden/", views.report, name="report"),
    path("melden/terug/", views.follow_up, name="follow-up"),
]
