from drf_spectacular.views import SpectacularJSONAPIView

from django.urls import path

from opendata.api import views

app_name = "opendata-api"

urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    path("items/", views.ItemListView.as_view(), name="items"),
    path("items/<str:item_id>/", views.ItemDetailView.as_view(), name="item"),
    path("taxonomies/", views.TaxonomyView.as_view(), name="taxonomies"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
]
