from urllib.parse import urlencode

from django import template
from django.core.cache import cache
from django.db.models import Sum

from analytics.counting import valid_sector
from analytics.feedback import make_token
from analytics.models import COMMENT_MAX_LENGTH, SECTOR_CHOICES, DailyDownload

register = template.Library()

REACH_CACHE_SECONDS = 300


@register.simple_tag
def feedback_token():
    """A signed timestamp: the feedback form must have been on screen a moment (anti-spam)."""
    return make_token()


@register.simple_tag
def feedback_max_length():
    return COMMENT_MAX_LENGTH


def dutch_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def toolkit_download_total(page) -> int:
    key = f"analytics:reach:{page.pk}"
    total = cache.get(key)
    if total is None:
        ids = list(page.downloads.values_list("document_id", flat=True))
        total = (
            DailyDownload.objects.filter(document_id__in=ids).aggregate(n=Sum("count"))["n"] or 0
            if ids
            else 0
        )
        cache.set(key, total, REACH_CACHE_SECONDS)
    return total


@register.inclusion_tag("analytics/includes/toolkit_reach.html")
def toolkit_reach(page):
    """'892 keer gedownload' on a toolkit whose editors switched `show_reach` on."""
    if not getattr(page, "show_reach", False):
        return {"total": 0}
    try:
        total = toolkit_download_total(page)
    except Exception:
        total = 0
    return {"total": total, "total_label": dutch_number(total)}


@register.inclusion_tag("analytics/includes/sector_select.html", takes_context=True)
def sector_select(context):
    """The optional 'Ik ben …' question above the downloads. Never required."""
    request = context.get("request")
    current = valid_sector(request.GET.get("ik", "")) if request is not None else ""
    return {"choices": SECTOR_CHOICES, "current": current}


@register.simple_tag(takes_context=True)
def download_url(context, document):
    """The document URL, with the visitor's optional 'Ik ben …' answer when one was chosen."""
    url = document.url
    request = context.get("request")
    sector = valid_sector(request.GET.get("ik", "")) if request is not None else ""
    return f"{url}?{urlencode({'ik': sector})}" if sector else url
