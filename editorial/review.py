"""Review dates: the 'Te herzien' admin report and the dashboard panel with overdue content."""

import datetime

import django_filters

from django.contrib.contenttypes.models import ContentType
from django.db.models import DateField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.models import ReviewMixin

DEFAULT_WINDOW_DAYS = 60
WINDOW_CHOICES = [
    ("0", "Alleen achterstallig"),
    ("30", "Binnen 30 dagen"),
    ("60", "Binnen 60 dagen"),
    ("90", "Binnen 90 dagen"),
    ("180", "Binnen een half jaar"),
    ("365", "Binnen een jaar"),
]


def review_models():
    """Every page type with a review date (core.models.ReviewMixin): no list to keep up."""
    return [model for model in get_page_models() if issubclass(model, ReviewMixin)]


def today() -> datetime.date:
    return timezone.localdate()


def review_queryset(until: datetime.date | None = None):
    """Research, practices and toolkits with their review dates as annotations on Page."""
    models = review_models()
    content_types = ContentType.objects.get_for_models(*models).values()

    def coalesced(field_name):
        return Coalesce(
            *[
                Subquery(model.objects.filter(pk=OuterRef("pk")).values(field_name)[:1])
                for model in models
            ],
            output_field=DateField(),
        )

    queryset = Page.objects.filter(content_type__in=content_types).annotate(
        next_review=coalesced("next_review"), last_reviewed=coalesced("last_reviewed")
    )
    queryset = queryset.filter(next_review__isnull=False)
    if until is not None:
        queryset = queryset.filter(next_review__lte=until)
    return queryset.select_related("content_type")


def overdue_queryset():
    return review_queryset(until=today() - datetime.timedelta(days=1))


def review_status(next_review: datetime.date | None) -> str:
    if next_review is None:
        return ""
    days = (next_review - today()).days
    if days < 0:
        return f"Achterstallig ({-days} {'dag' if days == -1 else 'dagen'})"
    if days == 0:
        return "Vandaag"
    return f"Binnenkort (over {days} {'dag' if days == 1 else 'dagen'})"


def _content_type_choices(request=None):
    return [
        (ct.pk, ct.model_class()._meta.verbose_name.capitalize())
        for ct in ContentType.objects.get_for_models(*review_models()).values()
    ]


class ReviewReportFilterSet(WagtailFilterSet):
    window = django_filters.ChoiceFilter(
        label="Volgende herziening",
        choices=WINDOW_CHOICES,
        empty_label=None,
        method="filter_window",
    )
    content_type = django_filters.ChoiceFilter(
        label="Soort inhoud",
        choices=_content_type_choices,
        empty_label="Alle soorten",
    )

    class Meta:
        model = Page
        fields = ["content_type"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "window" not in data:
            data = data.copy()
            data["window"] = str(DEFAULT_WINDOW_DAYS)
        super().__init__(data, *args, **kwargs)

    def filter_window(self, queryset, name, value):
        days = int(value or DEFAULT_WINDOW_DAYS)
        if days == 0:
            return queryset.filter(next_review__lt=today())
        until = today() + datetime.timedelta(days=days)
        return queryset.filter(next_review__lte=until)


def _type_label(page) -> str:
    return page.content_type.model_class()._meta.verbose_name.capitalize()


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


class StatusColumn(Column):
    def get_value(self, instance):
        return review_status(instance.next_review)


class ReviewReportView(ReportView):
    """'Te herzien': everything whose next review is due soon or overdue, sortable, exportable."""

    page_title = "Te herzien"
    header_icon = "time"
    index_url_name = "editorial_review_report"
    index_results_url_name = "editorial_review_report_results"
    filterset_class = ReviewReportFilterSet
    model = Page
    any_permission_required = ["add", "change", "publish"]
    default_ordering = "next_review"
    export_filename = "te-herzien"
    columns = [
        TitleColumn("title", label="Titel", sort_key="title", get_url=_edit_url),
        Column("content_type_label", label="Soort"),
        DateColumn("next_review", label="Volgende herziening", sort_key="next_review"),
        DateColumn("last_reviewed", label="Laatst nagekeken", sort_key="last_reviewed"),
        StatusColumn("review_status", label="Stand van zaken"),
        Column("status_string", label="Publicatiestatus"),
    ]
    list_export = [
        "title",
        "content_type_label",
        "next_review",
        "last_reviewed",
        "review_status",
        "status_string",
        "edit_url",
    ]
    export_headings = {
        "title": "Titel",
        "content_type_label": "Soort",
        "next_review": "Volgende herziening",
        "last_reviewed": "Laatst nagekeken",
        "review_status": "Stand van zaken",
        "status_string": "Publicatiestatus",
        "edit_url": "Bewerken",
    }

    @cached_property
    def permission_policy(self):
        return PagePermissionPolicy()

    def get_queryset(self):
        policy = self.permission_policy
        editable = policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "publish"]
        )
        self.queryset = review_queryset().filter(pk__in=editable.values("pk"))
        return super().get_queryset()

    def get_filename(self):
        return f"{self.export_filename}-{today().isoformat()}"

    def decorate_paginated_queryset(self, object_list):
        base = self.request.build_absolute_uri("/") if self.request else ""
        for page in object_list:
            page.content_type_label = _type_label(page)
            page.review_status = review_status(page.next_review)
            page.edit_url = base.rstrip("/") + _edit_url(page)
        return object_list


class ReviewDuePanel(Component):
    """Dashboard panel: how many items are overdue, and the first of them."""

    name = "review_due"
    order = 110
    template_name = "editorial/panels/review_due.html"
    limit = 8

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        editable = PagePermissionPolicy().instances_user_has_any_permission_for(
            self.request.user, ["change", "publish"]
        )
        overdue = overdue_queryset().filter(pk__in=editable.values("pk")).order_by("next_review")
        items = list(overdue[: self.limit])
        for page in items:
            page.review_status = review_status(page.next_review)
            page.content_type_label = _type_label(page)
        return {
            "count": overdue.count(),
            "items": items,
            "report_url": reverse("editorial_review_report"),
        }
