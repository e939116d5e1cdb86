"""The dashboard's filters (period, audience, page type) and the daily counters they select."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, Sum
from django.utils import timezone

from wagtail.models import Page

from analytics.models import DailyDownload, DailyHelpClick, DailyPageView, DailySearch, Feedback

DEFAULT_DAYS = 30
# No counts exist before the site existed; also keeps every report period in the calendar.
FIRST_DAY = datetime.date(2020, 1, 1)


def parse_date(value, default):
    try:
        return datetime.date.fromisoformat((value or "").strip())
    except ValueError:
        return default


def date_param(get, name, label, default, instead, errors) -> datetime.date:
    """The date in ?name=, or `default`; a typed value that is no date is said in `errors`,
    with what is shown `instead`."""
    value = parse_date(get.get(name), None)
    if value is None:
        if get.get(name):
            errors.append(f"De {label} is geen geldige datum (jjjj-mm-dd); {instead}")
        return default
    return value


def page_type_choices():
    """Public page types that exist in the project, as (content type id, Dutch name)."""
    choices = []
    for model in apps.get_models():
        if issubclass(model, Page) and model is not Page:
            ct = ContentType.objects.get_for_model(model)
            choices.append((str(ct.pk), str(model._meta.verbose_name).capitalize()))
    return sorted(choices, key=lambda c: c[1])


def audience_choices():
    Audience = apps.get_model("taxonomy", "Audience")
    return [(a.slug, a.name) for a in Audience.objects.all()]


@dataclass
class Filters:
    start: datetime.date
    end: datetime.date
    audience: str = ""
    content_type: str = ""
    errors: list = field(default_factory=list)

    @classmethod
    def from_request(cls, request):
        today = timezone.localdate()
        default_start = today - datetime.timedelta(days=DEFAULT_DAYS - 1)
        get = request.GET
        errors = []
        start = date_param(get, "van", "begindatum", default_start, "we tonen de laatste 30 dagen.", errors)
        end = date_param(get, "tot", "einddatum", today, "we tonen tot vandaag.", errors)
        if end < start:
            errors.append("De einddatum ligt voor de begindatum; we hebben ze omgewisseld.")
            start, end = end, start
        # Bounded on both sides: the trend compares with the period before, and a date such
        # as 0001-01-01 would leave the calendar (and a 700,000-day period tells nothing).
        if end > today:
            errors.append("De einddatum ligt in de toekomst; we tonen tot vandaag.")
            end, start = today, min(start, today)
        if start < FIRST_DAY:
            errors.append(
                f"De begindatum ligt voor {FIRST_DAY.day} januari {FIRST_DAY.year}, toen het "
                "tellen begon; we tonen vanaf die dag."
            )
            start, end = FIRST_DAY, max(end, FIRST_DAY)
        audience = get.get("doelgroep", "")
        if audience and audience not in dict(audience_choices()):
            audience = ""
        content_type = get.get("type", "")
        if content_type and content_type not in dict(page_type_choices()):
            content_type = ""
        return cls(
            start=start, end=end, audience=audience, content_type=content_type, errors=errors
        )

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def previous(self):
        """The period of the same length right before this one (for trends)."""
        length = datetime.timedelta(days=self.days)
        return Filters(
            self.start - length,
            self.start - datetime.timedelta(days=1),
            self.audience,
            self.content_type,
        )

    def querystring(self):
        parts = [f"van={self.start.isoformat()}", f"tot={self.end.isoformat()}"]
        if self.audience:
            parts.append(f"doelgroep={self.audience}")
        if self.content_type:
            parts.append(f"type={self.content_type}")
        return "&".join(parts)

    def page_ids(self):
        """Ids of the pages that match audience and content type; None means no restriction."""
        ids = None
        if self.content_type:
            ids = set(
                Page.objects.filter(content_type_id=int(self.content_type)).values_list(
                    "pk", flat=True
                )
            )
        if self.audience:
            audience_ids = set()
            for model in apps.get_models():
                if not issubclass(model, Page):
                    continue
                names = {f.name for f in model._meta.get_fields()}
                if "audiences" in names:
                    audience_ids |= set(
                        model.objects.filter(audiences__slug=self.audience).values_list(
                            "pk", flat=True
                        )
                    )
                elif "audience" in names:
                    audience_ids |= set(
                        model.objects.filter(audience__slug=self.audience).values_list(
                            "pk", flat=True
                        )
                    )
            ids = audience_ids if ids is None else ids & audience_ids
        return ids

    def document_filter(self):
        q = Q()
        if self.audience:
            q &= Q(document__audiences__slug=self.audience)
        if self.content_type:
            q &= Q(document__toolkit_links__toolkit__content_type_id=int(self.content_type))
        return q


def in_range(qs, filters):
    return qs.filter(date__gte=filters.start, date__lte=filters.end)


def on_pages(qs, filters):
    """Rows in the period, of the pages the audience and page type filters select."""
    qs = in_range(qs, filters)
    ids = filters.page_ids()
    return qs if ids is None else qs.filter(page_id__in=ids)


def page_views(filters):
    return on_pages(DailyPageView.objects.all(), filters)


def downloads(filters):
    qs = in_range(DailyDownload.objects.all(), filters)
    q = filters.document_filter()
    if q:
        ids = set(DailyDownload.objects.filter(q).values_list("document_id", flat=True))
        qs = qs.filter(document_id__in=ids)
    return qs


def searches(filters):
    qs = in_range(DailySearch.objects.all(), filters)
    if filters.audience:
        qs = qs.filter(facets__contains=filters.audience)
    return qs


def feedback(filters):
    return on_pages(Feedback.objects.all(), filters)


def help_clicks(filters):
    return in_range(DailyHelpClick.objects.all(), filters)


def total(qs):
    return qs.aggregate(n=Sum("count"))["n"] or 0
