from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("zoeken/", views.search_page, name="page"),
    path("api/zoeken/", views.search_api, name="api"),
    path("api/zoeken/suggesties/", views.suggestions_api, name="suggestions"),
]
