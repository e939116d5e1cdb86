from django.urls import path

from resources import views

app_name = "resources"

urlpatterns = [
    path("materiaal-voorstellen/", views.propose, name="propose"),
]
