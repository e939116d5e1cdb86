from django.urls import path

from planning import compare, lists, scan_views

urlpatterns = [
    path("zelfscan/", scan_views.scan_index, name="planning_scans"),
    path("zelfscan/bewaard/<str:token>/", scan_views.scan_saved, name="planning_saved"),
    path("zelfscan/<slug:slug>/", scan_views.scan_form, name="planning_scan"),
    path("zelfscan/<slug:slug>/actieplan/", scan_views.scan_plan, name="planning_plan"),
    path("zelfscan/<slug:slug>/actieplan.pdf", scan_views.scan_pdf, name="planning_pdf"),
    path("zelfscan/<slug:slug>/bewaren/", scan_views.scan_save, name="planning_save"),
    path(
        "zelfscan/<slug:slug>/advies/<slug:strategy>/<slug:level>/",
        scan_views.cell_advice,
        name="planning_cell_advice",
    ),
    path("vergelijk/", compare.compare, name="planning_compare"),
    path("mijn-lijst/", lists.my_list, name="planning_my_list"),
    path("mijn-lijst/toevoegen/", lists.add, name="planning_list_add"),
    path("mijn-lijst/verwijderen/", lists.remove, name="planning_list_remove"),
    path("lijst/<str:token>/", lists.shared_list, name="planning_list"),
    path("lijst/<str:token>/documenten.zip", lists.list_zip, name="planning_list_zip"),
]
